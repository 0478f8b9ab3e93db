//! Adding or editing one event of an episode.

use leptos::ev::SubmitEvent;
use leptos::html::Select;
use leptos::prelude::*;
use vardkoll_domain::episode::Episode;
use vardkoll_domain::step::Step;
use vardkoll_domain::validation::{EventChoice, EventField};

use crate::components::{ErrorSummary, Field, described_by};
use crate::i18n::use_texts;
use crate::platform::clock::Today;
use crate::state::{EpisodeStore, EventFormState};

fn field_name(field: EventField) -> &'static str {
    match field {
        EventField::Step => "step",
        EventField::Date => "date",
        EventField::Until => "until",
    }
}

#[component]
pub fn EventForm(
    episode_id: u64,
    #[prop(into)] episode: Signal<Option<Episode>>,
    form: EventFormState,
) -> impl IntoView {
    let t = use_texts();
    let store = EpisodeStore::use_context();
    let Today(today) = expect_context::<Today>();
    let prefix = format!("episode-{episode_id}-event");
    let id = move |field: &str| format!("{prefix}-{field}");
    let (choice_id, date_id) = (id("choice"), id("date"));
    // Read inside conditional views, which may render many times.
    let (step_id, until_id) = (StoredValue::new(id("step")), StoredValue::new(id("until")));
    let choice_select = NodeRef::<Select>::new();

    // Editing an event moves focus to the form.
    Effect::new(move |_| {
        if form.editing.get().is_some()
            && let Some(select) = choice_select.get_untracked()
        {
            let _ = select.focus();
        }
    });

    let error = move |field: EventField| {
        Signal::derive(move || form.error(field).map(|e| t.event_error(e)))
    };
    let summary = {
        let id = id.clone();
        Signal::derive(move || {
            form.errors
                .get()
                .into_iter()
                .map(|(field, e)| (id(field_name(field)), t.event_error(e)))
                .collect::<Vec<_>>()
        })
    };
    let steps = move || form.choice.get().steps();
    let date_label = Signal::derive(move || {
        let choice = form.choice.get();
        if choice == EventChoice::Booked {
            t.booked_date_label
        } else if choice.has_end() {
            t.from_label
        } else {
            t.date_label
        }
        .to_owned()
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(current) = episode.get_untracked() else {
            return;
        };
        match form.draft().validate(&current, today) {
            Ok(event) => {
                store.save_event(episode_id, event);
                form.reset();
                form.announcement.set(Some(t.event_saved));
            }
            Err(errors) => {
                form.announcement.set(None);
                form.errors.set(errors);
            }
        }
    };

    // Declining care the region arranged ends the guarantee: said before it is recorded.
    let declining = move || form.choice.get() == EventChoice::DeclinedElsewhere;
    let warning_id = format!("{choice_id}-warning");
    let described = {
        let id = warning_id.clone();
        move || declining().then(|| id.clone())
    };

    let choice_options = EventChoice::ALL
        .into_iter()
        .map(|choice| {
            let value = choice.as_str();
            view! { <option value=value selected=move || form.choice.get() == choice>{t.choice(choice)}</option> }
        })
        .collect_view();

    view! {
        <section class="event-form">
            <h3>{move || if form.editing.get().is_some() { t.edit_event_heading } else { t.add_event_heading }}</h3>
            <p class="visually-hidden" role="status" aria-live="polite">{move || form.announcement.get()}</p>
            <form novalidate on:submit=on_submit>
                <ErrorSummary heading=t.errors.summary_heading errors=summary />
                <div class="field">
                    <label for=choice_id.clone()>{t.choice_label}</label>
                    <select id=choice_id.clone() name="choice" node_ref=choice_select
                        aria-describedby=described
                        prop:value=move || form.choice.get().as_str()
                        on:change=move |ev| {
                            if let Some(choice) = EventChoice::parse(&event_target_value(&ev)) {
                                form.choice.set(choice);
                                form.errors.set(Vec::new());
                            }
                        }>
                        {choice_options}
                    </select>
                    <Show when=declining>
                        <p class="notice notice--warning" id=warning_id.clone()>{t.declined_warning}</p>
                    </Show>
                </div>
                <Show when=move || !steps().is_empty()>
                    <Field id=step_id.get_value() label=t.step_label.to_owned() error=error(EventField::Step)>
                        <select id=step_id.get_value() name="step" aria-describedby=described_by(&step_id.get_value(), false)
                            aria-invalid=move || error(EventField::Step).get().is_some().to_string()
                            prop:value=move || form.step.get().map_or("", Step::as_str)
                            on:change=move |ev| form.step.set(Step::parse(&event_target_value(&ev)))>
                            <option value="" selected=move || form.step.get().is_none()>{t.step_placeholder}</option>
                            {move || steps().iter().map(|step| {
                                let step = *step;
                                view! {
                                    <option value=step.as_str() selected=move || form.step.get() == Some(step)>
                                        {t.step(step)}
                                    </option>
                                }
                            }).collect_view()}
                        </select>
                    </Field>
                </Show>
                <Field id=date_id.clone() label=date_label hint=t.date_hint error=error(EventField::Date)>
                    <input type="text" id=date_id.clone() name="date" inputmode="numeric" autocomplete="off"
                        placeholder=t.date_placeholder maxlength="20" dir="ltr"
                        aria-describedby=described_by(&date_id, true)
                        aria-invalid=move || error(EventField::Date).get().is_some().to_string()
                        prop:value=move || form.date.get()
                        on:input=move |ev| form.date.set(event_target_value(&ev)) />
                </Field>
                <Show when=move || form.choice.get().has_end()>
                    <Field id=until_id.get_value() label=t.until_label.to_owned() error=error(EventField::Until)>
                        <input type="text" id=until_id.get_value() name="until" inputmode="numeric" autocomplete="off"
                            placeholder=t.date_placeholder maxlength="20" dir="ltr"
                            aria-describedby=described_by(&until_id.get_value(), false)
                            aria-invalid=move || error(EventField::Until).get().is_some().to_string()
                            prop:value=move || form.until.get()
                            on:input=move |ev| form.until.set(event_target_value(&ev)) />
                    </Field>
                </Show>
                <button type="submit" class="button">
                    {move || if form.editing.get().is_some() { t.save } else { t.add_event }}
                </button>
                <Show when=move || form.editing.get().is_some()>
                    <button type="button" class="button button--secondary" on:click=move |_| form.reset()>{t.cancel}</button>
                </Show>
            </form>
        </section>
    }
}
