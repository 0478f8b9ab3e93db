//! Moving the open request on: the statuses its status allows (radio buttons),
//! an offer (provider, date, time) for "offered", a reason for "declined", a
//! note to the patient; what came of it, said where screen readers hear it.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use vardkoll_domain::api::{DeclineReason, ReferralStatus, StaffReferral};

use crate::i18n::use_texts;
use crate::state::{Catalogue, MoveOutcome, NavigatorDesk, next_statuses};

#[component]
pub fn MoveForm(found: StaffReferral) -> impl IntoView {
    let t = use_texts();
    let n = t.navigator();
    let desk = NavigatorDesk::use_context();
    let catalogue = use_context::<Catalogue>();
    let next = next_statuses(found.status);
    if next.is_empty() {
        return view! { <p class="notice">{n.closed}</p> }.into_any();
    }
    // An offer starts at the patient's first choice.
    let first_choice = found
        .request
        .preferred_providers
        .first()
        .cloned()
        .unwrap_or_default();
    let chosen = move |status: ReferralStatus| desk.draft.with(|d| d.status == Some(status));
    let invalid = move |field: &'static str| {
        desk.outcome
            .with(|o| match o {
                Some(MoveOutcome::Problems(problems)) => problems.iter().any(|p| p.field == field),
                _ => false,
            })
            .to_string()
    };
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
        <form class="move-form" on:submit=on_submit>
            <fieldset>
                <legend>{n.move_legend}</legend>
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
                <div class="field">
                    <label for="move-provider">{n.offer_provider}</label>
                    <select id="move-provider" aria-invalid=move || invalid("offer/providerId")
                        prop:value=move || desk.draft.with(|d| d.provider_id.clone())
                        on:change=move |ev| desk.draft.update(|d| d.provider_id = event_target_value(&ev))>
                        <option value="">{n.choose}</option>
                        {move || providers().into_iter().map(|p| {
                            let id = p.id.clone();
                            let selected = move || desk.draft.with(|d| d.provider_id == id);
                            view! { <option value=p.id.clone() selected=selected>{format!("{}, {}", p.name, p.town)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="move-date">{n.offer_date}</label>
                    <input type="text" id="move-date" inputmode="numeric" maxlength="10" autocomplete="off"
                        aria-invalid=move || invalid("offer/date")
                        prop:value=move || desk.draft.with(|d| d.date.clone())
                        on:input=move |ev| desk.draft.update(|d| d.date = event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="move-time">{n.offer_time}</label>
                    <input type="text" id="move-time" inputmode="numeric" maxlength="5" autocomplete="off"
                        aria-invalid=move || invalid("offer/time")
                        prop:value=move || desk.draft.with(|d| d.time.clone())
                        on:input=move |ev| desk.draft.update(|d| d.time = event_target_value(&ev)) />
                </div>
            </div>
            <div class="field" hidden=move || !chosen(ReferralStatus::Declined)>
                <label for="move-reason">{n.reason}</label>
                <select id="move-reason" aria-invalid=move || invalid("declineReason")
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
            </div>
            <div class="field">
                <label for="move-note">{n.note}</label>
                <textarea id="move-note" rows="3" maxlength="500" aria-invalid=move || invalid("note")
                    prop:value=move || desk.draft.with(|d| d.note.clone())
                    on:input=move |ev| desk.draft.update(|d| d.note = event_target_value(&ev))></textarea>
            </div>
            <button type="submit" class="button" disabled=move || desk.saving.get() || desk.draft.with(|d| d.status.is_none())>
                {n.save}
            </button>
        </form>
        <div class="move-outcome" role="status">
            {move || desk.outcome.with(|o| match o {
                Some(MoveOutcome::Saved) => Some(view! { <p class="notice">{n.saved}</p> }.into_any()),
                Some(other) => {
                    let text = match other {
                        MoveOutcome::Stale => n.stale,
                        MoveOutcome::Invalid => n.invalid_move,
                        MoveOutcome::Problems(_) => n.check_fields,
                        _ => n.save_failed,
                    };
                    Some(view! { <p class="notice notice--warning">{text}</p> }.into_any())
                }
                None => None,
            })}
        </div>
    }
    .into_any()
}
