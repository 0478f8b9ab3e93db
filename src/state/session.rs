//! The signed-in patient (OpenID Connect, see `vardkoll_domain::signin`): who
//! is signed in, their tokens (in memory only: they carry the identity number)
//! and their requests as the server lists them. The sign-in itself (redirect,
//! code exchange, renewal, sign-out) is [`super::sign_in_flow`], a split point
//! loaded on use.
//!
//! On sign-out or expiry everything personal here is cleared; what waits in
//! the outbox stays (see [`crate::state::OutboxStore`]) and is sent after the
//! patient signs in again.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use vardkoll_domain::api::ReferralView;
use vardkoll_domain::personnummer::IdentityNumber;
use vardkoll_domain::signin::SignedIn;

use crate::platform::{api, host, storage};

/// Where signing in stands, for the header and the pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignIn {
    /// The deployment names no identity provider: requests are anonymous.
    Unavailable,
    SignedOut,
    /// On the way to the identity provider or back.
    Working,
    SignedIn(Patient),
    /// Signed out by a problem the patient should hear about.
    Ended(SignInProblem),
}

/// Who is signed in, as pages show them: a patient, or a member of the
/// region's staff (whose sign-in carries no identity number).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Patient {
    pub name: String,
    /// `YYYYMMDD-NNNN`; `None` for staff.
    pub identity_number: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignInProblem {
    /// The provider or the network failed, or its answer was not valid.
    Failed,
    /// The patient cancelled or the provider said no.
    Refused,
    /// The sign-in ran out and could not be renewed.
    Expired,
}

/// The session. Cheap to copy; one per page.
#[derive(Clone, Copy)]
pub struct Session {
    state: RwSignal<SignIn>,
    /// The signed-in patient's requests from the server; `None` until read.
    mine: RwSignal<Option<Vec<ReferralView>>>,
}

thread_local! {
    static SHARED: Cell<Option<Session>> = const { Cell::new(None) };
    static SIGNED_IN: RefCell<Option<SignedIn>> = const { RefCell::new(None) };
    static LISTENERS: RefCell<Vec<Box<dyn Fn()>>> = const { RefCell::new(Vec::new()) };
    static SIGN_OUT_LISTENERS: RefCell<Vec<Box<dyn Fn()>>> = const { RefCell::new(Vec::new()) };
}

/// Seconds since the epoch.
pub fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

impl Session {
    /// The one session of this page.
    pub fn shared() -> Session {
        if let Some(session) = SHARED.with(Cell::get) {
            return session;
        }
        let session = super::for_page_lifetime(|| Session {
            state: RwSignal::new(SignIn::Unavailable),
            mine: RwSignal::new(None),
        });
        SHARED.with(|s| s.set(Some(session)));
        session
    }

    pub fn provide() -> Session {
        let session = Session::shared();
        provide_context(session);
        session
    }

    pub fn use_context() -> Session {
        use_context::<Session>().unwrap_or_else(Session::shared)
    }

    /// Where signing in stands (tracked).
    pub fn state(&self) -> SignIn {
        self.state.get()
    }

    /// The signed-in patient (tracked).
    pub fn patient(&self) -> Option<Patient> {
        self.state.with(|s| match s {
            SignIn::SignedIn(patient) => Some(patient.clone()),
            _ => None,
        })
    }

    /// The signed-in patient, untracked (for intents).
    pub fn patient_untracked(&self) -> Option<Patient> {
        match self.state.get_untracked() {
            SignIn::SignedIn(patient) => Some(patient),
            _ => None,
        }
    }

    /// Whether the deployment has sign-in (tracked).
    pub fn available(&self) -> bool {
        !matches!(self.state.get(), SignIn::Unavailable)
    }

    /// The deployment has an identity provider: the patient may sign in.
    pub fn configured(&self) {
        if self.state.get_untracked() == SignIn::Unavailable {
            self.state.set(SignIn::SignedOut);
        }
    }

    pub(super) fn state_untracked(&self) -> SignIn {
        self.state.get_untracked()
    }

    pub(super) fn set_state(&self, state: SignIn) {
        self.state.set(state);
    }

    /// The signed-in patient's requests from the server, untracked.
    pub fn mine_untracked(&self) -> Option<Vec<ReferralView>> {
        self.mine.get_untracked()
    }

    /// The signed-in patient's requests from the server (tracked).
    pub fn mine(&self) -> Option<Vec<ReferralView>> {
        self.mine.get()
    }

    /// Takes a verified sign-in: the patient is shown, and whoever waits for a
    /// sign-in (the outbox) is told.
    pub(super) fn signed_in(&self, signed: SignedIn) {
        let identity_number = signed.identity_number.as_ref().map(IdentityNumber::written);
        let patient = Patient {
            name: signed.name.clone(),
            identity_number,
        };
        SIGNED_IN.with(|s| *s.borrow_mut() = Some(signed));
        storage::set_signed_in(true);
        self.state.set(SignIn::SignedIn(patient));
        LISTENERS.with(|l| l.borrow().iter().for_each(|listener| listener()));
    }

    /// Forgets the patient: tokens, name, identity number and their requests
    /// from the server. `problem`: why, when the patient did not ask. When the
    /// patient signs out, whoever holds what they typed clears it too; when
    /// the sign-in ran out, it is kept for signing in again.
    pub fn clear(&self, problem: Option<SignInProblem>) {
        let was_signed_in = SIGNED_IN.with(|s| s.borrow_mut().take()).is_some();
        if was_signed_in && problem.is_none() {
            SIGN_OUT_LISTENERS.with(|l| l.borrow().iter().for_each(|listener| listener()));
        }
        storage::set_signed_in(false);
        self.mine.set(None);
        self.state.set(match problem {
            Some(problem) => SignIn::Ended(problem),
            None => SignIn::SignedOut,
        });
    }

    /// Calls `listener` each time the patient signs out.
    pub fn on_signed_out(listener: impl Fn() + 'static) {
        SIGN_OUT_LISTENERS.with(|l| l.borrow_mut().push(Box::new(listener)));
    }

    /// Calls `listener` each time a patient signs in.
    pub fn on_signed_in(listener: impl Fn() + 'static) {
        LISTENERS.with(|l| l.borrow_mut().push(Box::new(listener)));
    }
}

/// The signed-in patient's access token while it is valid.
pub fn access_token() -> Option<String> {
    SIGNED_IN.with(|s| {
        s.borrow()
            .as_ref()
            .filter(|signed| signed.expires_at > now_seconds())
            .map(|signed| signed.access_token.clone())
    })
}

/// The access token of a signed-in patient: one whose sign-in carries an
/// identity number (not the region's staff), for the patient's own routes.
pub fn patient_token() -> Option<String> {
    let is_patient = SIGNED_IN.with(|s| {
        s.borrow()
            .as_ref()
            .is_some_and(|signed| signed.identity_number.is_some())
    });
    access_token().filter(|_| is_patient)
}

/// The signed-in patient's tokens, for renewal and signing out.
pub(super) fn with_signed_in<R>(read: impl FnOnce(Option<&mut SignedIn>) -> R) -> R {
    SIGNED_IN.with(|s| read(s.borrow_mut().as_mut()))
}

/// The provider's answer to a sign-in this tab started, taken from the address
/// bar before the router reads it; the address goes back to where the patient
/// was when they chose to sign in.
pub struct Callback {
    pub query: String,
    pub pending: vardkoll_domain::signin::Pending,
}

/// The provider's answer in the address bar, if this tab is waiting for one.
pub fn take_callback() -> Option<Callback> {
    if !storage::has_sign_in() {
        return None;
    }
    let query = host::address_query();
    if !query.contains("state=") {
        return None;
    }
    let pending = storage::take_sign_in()?;
    host::replace_address(&pending.return_to);
    Some(Callback { query, pending })
}

impl Session {
    /// Reads the signed-in patient's requests from the server again.
    pub fn refresh_mine(&self) {
        let session = *self;
        let Some(token) = patient_token() else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Ok(views) = api::my_referrals(&token).await
                && access_token().is_some()
            {
                session.mine.set(Some(views));
            }
        });
    }
}
