//! The scheduler's times from today on, earliest first: free, offered (to
//! which request, until when) or booked (by which request). A free time can be
//! changed (the form opens above the table) or withdrawn.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use vardkoll_domain::api::{FreeTime, FreeTimeState, MAX_TIME_MINUTES, MIN_TIME_MINUTES};
use vardkoll_domain::swedish_time::swedish_minutes;

use super::publish_form::{field_message, summary};
use crate::components::{ConfirmButton, ErrorSummary, Field, described_by};
use crate::i18n::{FreeTimesTexts, numeric_date, use_texts};
use crate::platform::clock::next_paint;
use crate::platform::host::focus_by_id;
use crate::state::{
    Catalogue, ChangeDraft, FreeTimesDesk, TimeField, provider_label, service_title,
};

/// "2027-01-14 09:30": the day and start, as every staff table writes them.
fn when(time: &FreeTime) -> String {
    format!("{} {}", numeric_date(time.date), time.start)
}

/// Where the time stands, with the request holding it.
fn state_text(time: &FreeTime, f: &FreeTimesTexts) -> String {
    let reference = time.reference.as_deref().unwrap_or_default();
    match time.state {
        FreeTimeState::Free => f.free.to_owned(),
        FreeTimeState::Held => {
            let until = time
                .held_until
                .as_deref()
                .and_then(swedish_minutes)
                .unwrap_or_default();
            (f.held)(reference, &until)
        }
        FreeTimeState::Booked => (f.booked)(reference),
    }
}

/// One time; `provider` and `service` by name (the table reads the catalogue).
#[component]
fn Row(time: FreeTime, provider: String, service: String) -> impl IntoView {
    let f = use_texts().free_times();
    let desk = FreeTimesDesk::use_context();
    let when_text = when(&time);
    let name = format!("{when_text}, {provider}");
    let free = time.state == FreeTimeState::Free;
    let id = time.id;
    let state = state_text(&time, f);
    view! {
        <tr>
            <th scope="row" dir="ltr">{when_text}</th>
            <td>{provider}</td>
            <td>{service}</td>
            <td>{(f.minutes_value)(time.minutes)}</td>
            <td>{state}</td>
            <td>
                {free.then(|| view! {
                    <div class="button-row">
                        <button type="button" class="button button--secondary"
                            aria-label=(f.change_this)(&name)
                            on:click=move |_| {
                                desk.begin_change(&time);
                                // The form opens above the table: the keyboard goes with it.
                                leptos::task::spawn_local(async {
                                    next_paint().await;
                                    focus_by_id(&TimeField::Date.input_id(true));
                                });
                            }>{f.change}</button>
                        <ConfirmButton label=f.withdraw name=(f.withdraw_this)(&name)
                            warning=f.withdraw_warning confirm=f.withdraw_confirm cancel=f.cancel
                            on_confirm=move |()| desk.withdraw(id) />
                    </div>
                })}
            </td>
        </tr>
    }
}

/// A text input of the change being written.
#[component]
fn ChangeInput(
    field: TimeField,
    label: String,
    #[prop(optional)] hint: Option<&'static str>,
    get: fn(&ChangeDraft) -> String,
    set: fn(&mut ChangeDraft, String),
) -> impl IntoView {
    let desk = FreeTimesDesk::use_context();
    let id = field.input_id(true);
    let error = field_message(desk, field, true);
    view! {
        <Field id=id.clone() label=label hint=hint.unwrap_or_default() error=error>
            <input type="text" id=id.clone() inputmode="numeric" maxlength="10" autocomplete="off"
                aria-describedby=described_by(&id, hint.is_some())
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=move || desk.changing.with(|c| c.as_ref().map(get).unwrap_or_default())
                on:input=move |ev| desk.changing.update(|c| {
                    if let Some(c) = c {
                        set(c, event_target_value(&ev));
                    }
                }) />
        </Field>
    }
}

#[component]
fn ChangeForm(time: FreeTime) -> impl IntoView {
    let f = use_texts().free_times();
    let desk = FreeTimesDesk::use_context();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        desk.save_change();
    };
    view! {
        <form class="change-form" novalidate on:submit=on_submit aria-labelledby="change-heading">
            <h3 id="change-heading">{(f.change_heading)(&when(&time))}</h3>
            <ErrorSummary heading=f.error_summary errors=summary(desk, true) />
            <div class="publish-form__when">
                <ChangeInput field=TimeField::Date label=f.date.to_owned() hint=f.date_hint
                    get=|c| c.date.clone() set=|c, v| c.date = v />
                <ChangeInput field=TimeField::Start label=f.start.to_owned() hint=f.start_hint
                    get=|c| c.start.clone() set=|c, v| c.start = v />
                <ChangeInput field=TimeField::Minutes
                    label=format!("{} ({})", f.minutes, (f.minutes_hint)(MIN_TIME_MINUTES, MAX_TIME_MINUTES))
                    get=|c| c.minutes.clone() set=|c, v| c.minutes = v />
            </div>
            <div class="button-row">
                <button type="submit" class="button" disabled=move || desk.saving.get()>{f.save_change}</button>
                <button type="button" class="button button--secondary"
                    on:click=move |_| desk.cancel_change()>{f.cancel}</button>
            </div>
        </form>
    }
}

#[component]
pub fn TimeTable() -> impl IntoView {
    let t = use_texts();
    let f = t.free_times();
    let desk = FreeTimesDesk::use_context();
    let catalogue = use_context::<Catalogue>();
    let times = Memo::new(move |_| desk.schedule.with(|s| s.value().map(|s| s.times.clone())));
    let changing = Memo::new(move |_| desk.changing.with(|c| c.as_ref().map(|c| c.time.clone())));
    view! {
        <section class="free-times__list" aria-labelledby="times-heading"
            aria-busy=move || desk.schedule.with(|s| s.loading).to_string()>
            <h2 id="times-heading">{f.times_heading}</h2>
            {move || changing.get().map(|time| view! { <ChangeForm time=time /> })}
            {move || times.get().map(|times| {
                if times.is_empty() {
                    return view! { <p class="empty">{f.empty}</p> }.into_any();
                }
                let count = (f.count)(times.len());
                // Names once the catalogue is here (the table is drawn again then).
                let known = catalogue.and_then(|c| c.data()).unwrap_or_default();
                let rows = times.into_iter().map(|time| {
                    let provider = provider_label(&known.providers, &time.provider_id);
                    let service = service_title(t, &known.services, &time.service_code);
                    view! { <Row time=time provider=provider service=service /> }
                }).collect_view();
                view! {
                    <p class="hint">{count}</p>
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="times-heading">
                        <table class="free-times-table">
                            <thead><tr>
                                <th scope="col">{f.col_when}</th>
                                <th scope="col">{f.col_provider}</th>
                                <th scope="col">{f.col_service}</th>
                                <th scope="col">{f.col_minutes}</th>
                                <th scope="col">{f.col_state}</th>
                                <th scope="col"><span class="visually-hidden">{f.change}</span></th>
                            </tr></thead>
                            <tbody>
                                {rows}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            })}
            <div class="notice notice--warning" role="alert"
                hidden=move || desk.schedule.with(|s| s.error.is_none())>
                <p>{f.load_error}</p>
            </div>
        </section>
    }
}
