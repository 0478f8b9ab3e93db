//! Signing in, in the header: "Logga in" where the deployment names an
//! identity provider, the patient's name and "Logga ut" once signed in, and a
//! notice when a sign-in failed or ran out. The sign-in code itself loads on
//! use ([`crate::state::sign_in_flow`]).

use leptos::prelude::*;

use crate::i18n::use_texts;
use crate::state::sign_in_flow::{self, Action};
use crate::state::{Session, SignIn, SignInProblem};

fn act(action: Action) {
    leptos::task::spawn_local(async move {
        // A failed load leaves the patient signed out with the failure notice.
        let _ = sign_in_flow::start(action).await;
    });
}

#[component]
pub fn Account() -> impl IntoView {
    let t = use_texts();
    let session = Session::use_context();
    move || {
        match session.state() {
        SignIn::Unavailable => ().into_any(),
        SignIn::Working => view! {
            <p class="account" aria-live="polite" aria-busy="true">{t.signing_in}</p>
        }
        .into_any(),
        SignIn::SignedIn(patient) => view! {
            <div class="account">
                <p class="account__name">{t.signed_in_as}" "<strong>{patient.name}</strong></p>
                <button type="button" class="button button--secondary" on:click=|_| act(Action::SignOut)>
                    {t.sign_out}
                </button>
            </div>
        }
        .into_any(),
        SignIn::SignedOut | SignIn::Ended(_) => view! {
            <div class="account">
                <button type="button" class="button button--secondary" on:click=|_| act(Action::Begin { silent: false })>
                    {t.sign_in}
                </button>
            </div>
        }
        .into_any(),
    }
    }
}

/// Why the patient was signed out without asking, until they sign in again.
#[component]
pub fn SignInNotice() -> impl IntoView {
    let t = use_texts();
    let session = Session::use_context();
    move || {
        let SignIn::Ended(problem) = session.state() else {
            return None;
        };
        let text = match problem {
            SignInProblem::Failed => t.sign_in_failed,
            SignInProblem::Refused => t.sign_in_refused,
            SignInProblem::Expired => t.sign_in_expired,
        };
        Some(view! { <p class="notice notice--warning sign-in-notice" role="alert">{text}</p> })
    }
}
