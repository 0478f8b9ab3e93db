//! "Lediga tider": a provider's schedulers' page. Signed in with a scheduler's
//! account, they publish free times (one, or a weekly series) for the
//! providers they schedule for, change or withdraw a time nobody holds, and
//! see which times are offered and booked, and by which request. The logic is
//! in [`crate::state::FreeTimesDesk`] and the domain crate; the server decides
//! who may see and change what.

mod publish_form;
mod time_table;
mod top;

use leptos::prelude::*;

use crate::i18n::{FreeTimesTexts, Lang, use_texts};
use crate::platform::api::ApiError;
use crate::state::{Catalogue, FreeTimesDesk, Session, SignIn, TimeField, TimeOutcome};
use publish_form::PublishForm;
use time_table::TimeTable;
pub use top::FreeTimesTop;

#[component]
pub fn FreeTimesPage() -> impl IntoView {
    let t = use_texts();
    let f = t.free_times();
    let session = Session::use_context();
    let desk = FreeTimesDesk::provide();
    // Service and provider names.
    provide_context(Catalogue::load());
    let signed_in = Memo::new(move |_| matches!(session.state(), SignIn::SignedIn(_)));
    let apart = f.lang_apart_from(t.lang);
    Effect::new(move |_| {
        if signed_in.get() {
            desk.load();
        } else {
            desk.close();
        }
    });
    let content = move || match session.state() {
        SignIn::Unavailable => view! { <p class="notice">{f.sign_in_unavailable}</p> }.into_any(),
        SignIn::SignedIn(_) => {
            // A sign-in without the scheduler's role, or for no provider:
            // said once, not an empty form.
            let refused = move || {
                desk.schedule
                    .with(|s| matches!(s.error, Some(ApiError::Status(403, _))))
            };
            let no_providers = move || {
                desk.schedule
                    .with(|s| s.value().is_some_and(|s| s.providers.is_empty()))
            };
            view! {
                <Show when=move || !refused() fallback=move || view! {
                    <p class="notice notice--warning" role="alert">{f.not_scheduler}</p>
                }>
                    <Show when=move || !no_providers() fallback=move || view! {
                        <p class="notice notice--warning" role="alert">{f.no_providers}</p>
                    }>
                        <OutcomeNotice />
                        <div class="free-times">
                            <PublishForm />
                            <TimeTable />
                        </div>
                    </Show>
                </Show>
            }
            .into_any()
        }
        _ => view! { <p class="notice">{f.sign_in_needed}</p> }.into_any(),
    };
    view! {
        <div class="free-times-page" lang=apart.map(Lang::tag) dir=apart.map(Lang::dir)>
            {content}
        </div>
    }
}

/// What the notice says of the last publish, change or withdrawal, and
/// whether it warns.
fn outcome_notice(outcome: &TimeOutcome, f: &FreeTimesTexts) -> (String, bool) {
    match outcome {
        TimeOutcome::Published(n) => ((f.published)(*n), false),
        TimeOutcome::Changed => (f.changed.to_owned(), false),
        TimeOutcome::Withdrawn => (f.withdrawn.to_owned(), false),
        TimeOutcome::Problems { problems, .. } => {
            // A problem with a field the form does not have: the server's words.
            let unplaced: Vec<&str> = problems
                .iter()
                .filter(|p| !TimeField::ALL.iter().any(|f| f.path() == p.field))
                .map(|p| p.detail.as_str())
                .collect();
            if unplaced.is_empty() {
                (f.check_fields.to_owned(), true)
            } else {
                ((f.not_accepted)(&unplaced.join("; ")), true)
            }
        }
        TimeOutcome::Overlap => (f.overlap.to_owned(), true),
        TimeOutcome::Taken => (f.taken.to_owned(), true),
        TimeOutcome::Stale => (f.stale.to_owned(), true),
        TimeOutcome::Gone => (f.gone.to_owned(), true),
        TimeOutcome::Refused(why) => ((f.not_accepted)(why), true),
        TimeOutcome::Failed => (f.failed.to_owned(), true),
    }
}

/// Said where screen readers hear it.
#[component]
fn OutcomeNotice() -> impl IntoView {
    let f = use_texts().free_times();
    let desk = FreeTimesDesk::use_context();
    let notice = move || {
        let (text, warning) = desk
            .outcome
            .with(|o| o.as_ref().map(|o| outcome_notice(o, f)))?;
        Some(view! { <p class="notice" class:notice--warning=warning>{text}</p> })
    };
    view! { <div class="free-times__outcome" role="status">{notice}</div> }
}
