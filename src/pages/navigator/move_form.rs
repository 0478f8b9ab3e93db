//! Moving the open request on: the statuses its status allows (radio buttons),
//! an offer (provider, date, time) for "offered", a reason for "declined", a
//! note to the patient; each problem beside its field and listed at the top;
//! what came of the move, said where screen readers hear it. What is shown is
//! worked out in [`crate::state::NavigatorDesk`] and its pure helpers.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use vardkoll_domain::api::{DeclineReason, ReferralStatus, StaffReferral};

use crate::components::{ErrorSummary, Field, described_by, painted_flag};
use crate::i18n::use_texts;
use crate::state::{
    Catalogue, MAX_NOTE_CHARS, MoveField, MoveNotice, NavigatorDesk, error_links, field_error,
    move_notice, next_statuses,
};

#[component]
pub fn MoveForm(found: StaffReferral) -> impl IntoView {
    let t = use_texts();
    let n = t.navigator();
    let desk = NavigatorDesk::use_context();
    let catalogue = use_context::<Catalogue>();
    // The form is drawn anew with the request each move returns, this live
    // region with it; screen readers say only text that arrives once the
    // region is on the page, so the notice waits for the first paint.
    let painted = painted_flag();
    let notice = move || {
        if !painted.get() {
            return None;
        }
        let MoveNotice { text, warning } = desk
            .outcome
            .with(|o| o.as_ref().map(|o| move_notice(o, n)))?;
        Some(view! { <p class="notice" class:notice--warning=warning>{text}</p> })
    };
    let outcome = view! { <div class="move-outcome" role="status">{notice}</div> };
    let next = next_statuses(found.status);
    if next.is_empty() {
        // Closed, by this very move perhaps: what came of it is still said.
        return view! { <p class="notice">{n.closed}</p> {outcome} }.into_any();
    }
    // An offer starts at the patient's first choice.
    let first_choice = found
        .request
        .preferred_providers
        .first()
        .cloned()
        .unwrap_or_default();
    let chosen = move |status: ReferralStatus| desk.draft.with(|d| d.status == Some(status));
    let error_of = move |field: MoveField| {
        Signal::derive(move || desk.outcome.with(|o| field_error(o.as_ref(), field, n)))
    };
    let invalid =
        move |error: Signal<Option<&'static str>>| move || error.get().is_some().to_string();
    let status_error = error_of(MoveField::Status);
    let provider_error = error_of(MoveField::Provider);
    let date_error = error_of(MoveField::Date);
    let time_error = error_of(MoveField::Time);
    let reason_error = error_of(MoveField::Reason);
    let note_error = error_of(MoveField::Note);
    let summary = Signal::derive(move || desk.outcome.with(|o| error_links(o.as_ref(), n)));
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        desk.save();
    };
    let providers = move || {
        catalogue
            .and_then(|c| c.data())
            .map(|d| d.providers)
            .unwrap_or_default()
    };
    view! {
        <form class="move-form" novalidate on:submit=on_submit>
            <ErrorSummary heading=n.error_summary errors=summary />
            <fieldset id=MoveField::Status.input_id() aria-describedby="move-status-error">
                <legend>{n.move_legend}</legend>
                <p class="field__error" id="move-status-error" hidden=move || status_error.get().is_none()>
                    {move || status_error.get()}
                </p>
                {next.into_iter().map(|status| {
                    let id = format!("move-{}", status.as_str());
                    let first_choice = first_choice.clone();
                    view! {
                        <div class="field field--checkbox">
                            <input type="radio" name="move-status" id=id.clone() value=status.as_str()
                                prop:checked=move || chosen(status)
                                on:change=move |_| desk.draft.update(|d| {
                                    d.status = Some(status);
                                    if status == ReferralStatus::Offered && d.provider_id.is_empty() {
                                        d.provider_id = first_choice.clone();
                                    }
                                }) />
                            <label for=id>{t.request_status(status)}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <div hidden=move || !chosen(ReferralStatus::Offered)>
                <Field id="move-provider" label=n.offer_provider.to_owned() error=provider_error>
                    <select id="move-provider" aria-describedby=described_by("move-provider", false)
                        aria-invalid=invalid(provider_error)
                        prop:value=move || desk.draft.with(|d| d.provider_id.clone())
                        on:change=move |ev| desk.draft.update(|d| d.provider_id = event_target_value(&ev))>
                        <option value="">{n.choose}</option>
                        {move || providers().into_iter().map(|p| {
                            let id = p.id.clone();
                            let selected = move || desk.draft.with(|d| d.provider_id == id);
                            view! { <option value=p.id.clone() selected=selected>{format!("{}, {}", p.name, p.town)}</option> }
                        }).collect_view()}
                    </select>
                </Field>
                <Field id="move-date" label=n.offer_date.to_owned() error=date_error>
                    <input type="text" id="move-date" inputmode="numeric" maxlength="10" autocomplete="off"
                        aria-describedby=described_by("move-date", false)
                        aria-invalid=invalid(date_error)
                        prop:value=move || desk.draft.with(|d| d.date.clone())
                        on:input=move |ev| desk.draft.update(|d| d.date = event_target_value(&ev)) />
                </Field>
                // Room for "kl. 09.30": the time is read as people write it.
                <Field id="move-time" label=n.offer_time.to_owned() error=time_error>
                    <input type="text" id="move-time" inputmode="numeric" maxlength="10" autocomplete="off"
                        aria-describedby=described_by("move-time", false)
                        aria-invalid=invalid(time_error)
                        prop:value=move || desk.draft.with(|d| d.time.clone())
                        on:input=move |ev| desk.draft.update(|d| d.time = event_target_value(&ev)) />
                </Field>
            </div>
            <div hidden=move || !chosen(ReferralStatus::Declined)>
                <Field id="move-reason" label=n.reason.to_owned() error=reason_error>
                    <select id="move-reason" aria-describedby=described_by("move-reason", false)
                        aria-invalid=invalid(reason_error)
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            let reason = DeclineReason::ALL.into_iter().find(|r| r.as_str() == value);
                            desk.draft.update(|d| d.reason = reason);
                        }>
                        <option value="">{n.choose}</option>
                        {DeclineReason::ALL.into_iter().map(|reason| view! {
                            <option value=reason.as_str() selected=move || desk.draft.with(|d| d.reason == Some(reason))>
                                {(n.decline_reason)(reason)}
                            </option>
                        }).collect_view()}
                    </select>
                </Field>
            </div>
            <Field id="move-note" label=n.note.to_owned() error=note_error>
                <textarea id="move-note" rows="3" maxlength=MAX_NOTE_CHARS.to_string()
                    aria-describedby=described_by("move-note", false)
                    aria-invalid=invalid(note_error)
                    prop:value=move || desk.draft.with(|d| d.note.clone())
                    on:input=move |ev| desk.draft.update(|d| d.note = event_target_value(&ev))></textarea>
            </Field>
            <button type="submit" class="button" disabled=move || desk.saving.get() || desk.draft.with(|d| d.status.is_none())>
                {n.save}
            </button>
        </form>
        {outcome}
    }
    .into_any()
}
