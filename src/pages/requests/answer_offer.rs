//! The patient's answer to an offer — accept, another time, decline (after
//! the warning of what declining means for the guarantee) — and withdrawing
//! an open request. An answer goes through the outbox: written down first,
//! sent until the server records it, so a lost connection or a reload loses
//! nothing; while it is on its way the buttons give way to saying so.

use leptos::prelude::*;
use vardkoll_domain::api::{PatientAnswer, ReferralStatus};

use crate::components::ConfirmButton;
use crate::i18n::{swedish_time, use_texts};
use crate::state::OutboxStore;

#[component]
pub fn AnswerOffer(
    reference: String,
    status: ReferralStatus,
    /// With an offer of a published time: until when it waits (RFC 3339).
    answer_by: Option<String>,
) -> impl IntoView {
    let t = use_texts();
    let r = t.referral();
    let outbox = OutboxStore::use_context();
    let reference = StoredValue::new(reference);
    let answer_for = Memo::new(move |_| outbox.answer_for(&reference.get_value()));
    let send = move |answer: PatientAnswer| {
        outbox.answer(&reference.get_value(), answer);
    };
    let open = !status.is_closed();
    let offered = status == ReferralStatus::Offered;
    let answer_by = answer_by.map(|at| (r.answer_by)(&swedish_time(&at)));
    move || {
        match answer_for.get() {
        Some(pending) => match pending.refused {
            Some(why) => {
                let key = pending.key.clone();
                view! {
                    <div class="notice notice--warning request__answer-state" role="status">
                        <p>{(r.answer_refused)(why)}</p>
                        <button type="button" class="button button--secondary"
                            on:click=move |_| outbox.dismiss_answer(&key)>
                            {r.answer_refused_ok}
                        </button>
                    </div>
                }
                .into_any()
            }
            None => view! {
                <p class="notice request__answer-state" role="status">
                    {if pending.needs_sign_in { r.answer_needs_sign_in } else { r.answer_on_its_way }}
                </p>
            }
            .into_any(),
        },
        None if open => view! {
            <div class="request__answer-offer">
                {offered.then(|| view! {
                    <h4>{r.answer_heading}</h4>
                    {answer_by.clone().map(|text| view! { <p>{text}</p> })}
                    <div class="request__buttons">
                        <button type="button" class="button"
                            on:click=move |_| send(PatientAnswer::Accept)>
                            {r.accept}
                        </button>
                        <button type="button" class="button button--secondary"
                            on:click=move |_| send(PatientAnswer::AnotherTime)>
                            {r.another_time}
                        </button>
                        <ConfirmButton label=r.decline warning=r.decline_warning
                            confirm=r.decline_yes cancel=t.cancel
                            on_confirm=move |_| send(PatientAnswer::Decline) />
                    </div>
                })}
                <ConfirmButton label=r.withdraw warning=r.withdraw_warning
                    confirm=r.withdraw_yes cancel=t.cancel
                    on_confirm=move |_| send(PatientAnswer::Withdraw) />
            </div>
        }
        .into_any(),
        None => ().into_any(),
    }
    }
}
