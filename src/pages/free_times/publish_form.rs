//! Publishing a free time or a weekly series: the scheduler's provider, the
//! service, the first day, the start, the length and the number of weeks;
//! each problem beside its field and listed at the top.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use vardkoll_domain::api::{MAX_SERIES_WEEKS, MAX_TIME_MINUTES, MIN_TIME_MINUTES};

use crate::components::{ErrorSummary, Field, described_by};
use crate::i18n::use_texts;
use crate::state::{
    Catalogue, FreeTimesDesk, PublishDraft, TimeField, provider_label, time_problem,
};

/// The messages of the form `changing`'s problems: beside one field, and the
/// summary's (input id, message) pairs in the form's order.
pub fn field_message(
    desk: FreeTimesDesk,
    field: TimeField,
    changing: bool,
) -> Signal<Option<&'static str>> {
    let f = use_texts().free_times();
    Signal::derive(move || {
        desk.outcome
            .with(|o| time_problem(o.as_ref(), field, changing))
            .map(|code| (f.field_error)(field, code))
    })
}

pub fn summary(desk: FreeTimesDesk, changing: bool) -> Signal<Vec<(String, &'static str)>> {
    let f = use_texts().free_times();
    Signal::derive(move || {
        desk.outcome.with(|o| {
            TimeField::ALL
                .into_iter()
                .filter_map(|field| {
                    time_problem(o.as_ref(), field, changing)
                        .map(|code| (field.input_id(changing), (f.field_error)(field, code)))
                })
                .collect()
        })
    })
}

/// A text input of the draft.
#[component]
fn TextInput(
    field: TimeField,
    label: String,
    #[prop(optional)] hint: Option<&'static str>,
    inputmode: &'static str,
    get: fn(&PublishDraft) -> String,
    set: fn(&mut PublishDraft, String),
) -> impl IntoView {
    let desk = FreeTimesDesk::use_context();
    let id = field.input_id(false);
    let error = field_message(desk, field, false);
    view! {
        <Field id=id.clone() label=label hint=hint.unwrap_or_default() error=error>
            <input type="text" id=id.clone() inputmode=inputmode maxlength="10" autocomplete="off"
                aria-describedby=described_by(&id, hint.is_some())
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=move || desk.draft.with(get)
                on:input=move |ev| desk.draft.update(|d| set(d, event_target_value(&ev))) />
        </Field>
    }
}

#[component]
pub fn PublishForm() -> impl IntoView {
    let t = use_texts();
    let f = t.free_times();
    let desk = FreeTimesDesk::use_context();
    let catalogue = use_context::<Catalogue>();
    let known = move || catalogue.and_then(|c| c.data()).unwrap_or_default();
    let mine = move || {
        desk.schedule
            .with(|s| s.value().map(|s| s.providers.clone()))
            .unwrap_or_default()
    };
    let provider_error = field_message(desk, TimeField::Provider, false);
    let service_error = field_message(desk, TimeField::Service, false);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let services = catalogue.and_then(|c| c.data()).map(|d| d.services);
        desk.publish(move |code| {
            services
                .as_ref()
                .is_none_or(|services| services.iter().any(|s| s.code == code))
        });
    };
    let provider_id = TimeField::Provider.input_id(false);
    let service_id = TimeField::Service.input_id(false);
    view! {
        <section class="free-times__publish" aria-labelledby="publish-heading">
            <h2 id="publish-heading">{f.publish_heading}</h2>
            <p class="hint">{f.publish_hint}</p>
            <form class="publish-form" novalidate on:submit=on_submit>
                <ErrorSummary heading=f.error_summary errors=summary(desk, false) />
                <Field id=provider_id.clone() label=f.provider.to_owned() error=provider_error>
                    <select id=provider_id.clone() aria-describedby=described_by(&provider_id, false)
                        aria-invalid=move || provider_error.get().is_some().to_string()
                        on:change=move |ev| desk.draft.update(|d| d.provider_id = event_target_value(&ev))>
                        {move || {
                            let providers = known().providers;
                            mine().into_iter().map(|id| {
                                let label = provider_label(&providers, &id);
                                let chosen = id.clone();
                                let selected = move || desk.draft.with(|d| d.provider_id == chosen);
                                view! { <option value=id selected=selected>{label}</option> }
                            }).collect_view()
                        }}
                    </select>
                </Field>
                <Field id=service_id.clone() label=f.service.to_owned() error=service_error>
                    <select id=service_id.clone() aria-describedby=described_by(&service_id, false)
                        aria-invalid=move || service_error.get().is_some().to_string()
                        on:change=move |ev| desk.draft.update(|d| d.service_code = event_target_value(&ev))>
                        <option value="">{f.choose}</option>
                        {move || known().services.into_iter().map(|s| {
                            let code = s.code.clone();
                            let selected = move || desk.draft.with(|d| d.service_code == code);
                            view! { <option value=s.code.clone() selected=selected>{t.service_name(&s).to_owned()}</option> }
                        }).collect_view()}
                    </select>
                </Field>
                <div class="publish-form__when">
                    <TextInput field=TimeField::Date label=f.date.to_owned() hint=f.date_hint inputmode="numeric"
                        get=|d| d.date.clone() set=|d, v| d.date = v />
                    <TextInput field=TimeField::Start label=f.start.to_owned() hint=f.start_hint inputmode="numeric"
                        get=|d| d.start.clone() set=|d, v| d.start = v />
                    <TextInput field=TimeField::Minutes
                        label=format!("{} ({})", f.minutes, (f.minutes_hint)(MIN_TIME_MINUTES, MAX_TIME_MINUTES))
                        inputmode="numeric" get=|d| d.minutes.clone() set=|d, v| d.minutes = v />
                    <TextInput field=TimeField::Weeks
                        label=format!("{} ({})", f.weeks, (f.weeks_hint)(MAX_SERIES_WEEKS))
                        inputmode="numeric" get=|d| d.weeks.clone() set=|d, v| d.weeks = v />
                </div>
                <button type="submit" class="button" disabled=move || desk.saving.get()>{f.publish}</button>
            </form>
        </section>
    }
}
