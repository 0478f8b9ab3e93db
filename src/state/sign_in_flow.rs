//! Signing in, renewing and signing out (OpenID Connect, authorization code
//! with PKCE; the rules are `vardkoll_domain::signin`). A split point: none of
//! this is in the first load; [`start`] loads it when an action is asked for.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;

use vardkoll_domain::signin::{
    CallbackError, Discovery, ProviderConfig, SignedIn, authorization_url, end_session_url,
    parse_callback, refresh_request, token_request,
};

use super::session::{Callback, Session, SignIn, SignInProblem, now_seconds, with_signed_in};
use crate::platform::api::{self, ApiError};
use crate::platform::config::runtime_config;
use crate::platform::split::SplitError;
use crate::platform::{clock, crypto, host, storage};
use crate::split_point;

/// What to do.
pub enum Action {
    /// Go to the provider to sign in; `silent`: without showing anything
    /// there (`prompt=none`), for single sign-on and after a reload.
    Begin {
        silent: bool,
    },
    /// Take the provider's answer.
    Complete(Callback),
    /// Renew the access token before it expires.
    Renew,
    /// Take the access token an embedding portal handed the app (see
    /// [`crate::platform::host`]).
    Accept(String),
    SignOut,
}

type Task = Pin<Box<dyn Future<Output = ()>>>;

thread_local! {
    static NEXT: Cell<Option<Action>> = const { Cell::new(None) };
    static TIMER: Cell<Option<leptos::prelude::TimeoutHandle>> = const { Cell::new(None) };
}

split_point! {
    fn flow_task() -> Task, split sign_in {
        let session = Session::shared();
        match NEXT.with(Cell::take) {
            Some(action) => Box::pin(run(session, action)) as Task,
            None => Box::pin(async {}),
        }
    }
}

/// Runs `action`, loading the sign-in code first if needed. A failed load
/// (offline, a new build deployed) leaves the patient signed out with a
/// message, and trying again loads again.
pub async fn start(action: Action) -> Result<(), SplitError> {
    NEXT.with(|n| n.set(Some(action)));
    match flow_task().await {
        Ok(task) => {
            task.await;
            Ok(())
        }
        Err(error) => {
            // The patient asked and nothing happened would be worse than a
            // message; a signed-in patient stays signed in.
            let session = Session::shared();
            if !matches!(session.state_untracked(), SignIn::SignedIn(_)) {
                session.clear(Some(SignInProblem::Failed));
            }
            Err(error)
        }
    }
}

async fn run(session: Session, action: Action) {
    match action {
        Action::Begin { silent } => begin(session, silent).await,
        Action::Complete(callback) => complete(session, callback).await,
        Action::Renew => renew(session).await,
        Action::Accept(token) => accept(session, token).await,
        Action::SignOut => sign_out(session).await,
    }
}

/// The configured provider and its endpoints.
async fn provider() -> Option<(ProviderConfig, Discovery)> {
    let config = runtime_config().await.oidc?;
    let discovery = api::signin::discovery(&config.issuer).await.ok()?;
    Some((config, discovery))
}

async fn begin(session: Session, silent: bool) {
    session.set_state(SignIn::Working);
    let Some((config, discovery)) = provider().await else {
        session.clear(Some(SignInProblem::Failed));
        return;
    };
    let Some(random) = crypto::random_bytes() else {
        session.clear(Some(SignInProblem::Failed));
        return;
    };
    let pending = vardkoll_domain::signin::Pending::new(&random, &host::address());
    let Some(challenge) = crypto::pkce_challenge(&pending.verifier).await else {
        session.clear(Some(SignInProblem::Failed));
        return;
    };
    if storage::save_sign_in(&pending).is_err() {
        session.clear(Some(SignInProblem::Failed));
        return;
    }
    let url = authorization_url(
        &discovery,
        &config,
        &pending,
        &challenge,
        &host::redirect_uri(),
        silent,
    );
    host::go_to(&url);
}

async fn complete(session: Session, callback: Callback) {
    session.set_state(SignIn::Working);
    let Some(config) = runtime_config().await.oidc else {
        session.clear(Some(SignInProblem::Failed));
        return;
    };
    let code = match parse_callback(&callback.query, &callback.pending, &config.issuer) {
        Ok(code) => code,
        Err(CallbackError::NotOurs | CallbackError::LoginRequired) => {
            session.clear(None);
            return;
        }
        Err(CallbackError::Refused(_)) => {
            session.clear(Some(SignInProblem::Refused));
            return;
        }
    };
    let Ok(discovery) = api::signin::discovery(&config.issuer).await else {
        session.clear(Some(SignInProblem::Failed));
        return;
    };
    let form = token_request(&config, &code, &callback.pending, &host::redirect_uri());
    let signed = api::signin::tokens(&discovery.token_endpoint, form)
        .await
        .ok()
        .and_then(|tokens| {
            SignedIn::from_tokens(
                tokens,
                &config,
                &callback.pending,
                now_seconds(),
                clock::today(),
            )
            .ok()
        });
    match signed {
        Some(signed) => {
            session.signed_in(signed);
            schedule_renewal();
            session.refresh_mine();
        }
        None => session.clear(Some(SignInProblem::Failed)),
    }
}

/// Sets the one timer for the next renewal; without a refresh token, for the
/// end of the sign-in.
fn schedule_renewal() {
    if let Some(timer) = TIMER.with(Cell::take) {
        timer.clear();
    }
    let Some(at) = with_signed_in(|s| s.map(|s| s.renew_at())) else {
        return;
    };
    let wait = std::time::Duration::from_secs(u64::try_from(at - now_seconds()).unwrap_or(0));
    let renew = || {
        leptos::task::spawn_local(async {
            let _ = start(Action::Renew).await;
        })
    };
    if let Ok(handle) = leptos::prelude::set_timeout_with_handle(renew, wait) {
        TIMER.with(|t| t.set(Some(handle)));
    }
}

async fn accept(session: Session, token: String) {
    let Some(config) = runtime_config().await.oidc else {
        return;
    };
    match SignedIn::from_access_token(&token, &config, now_seconds(), clock::today()) {
        Ok(signed) => {
            session.signed_in(signed);
            schedule_renewal();
            session.refresh_mine();
        }
        Err(_) => session.clear(Some(SignInProblem::Failed)),
    }
}

async fn renew(session: Session) {
    if with_signed_in(|s| s.is_some_and(|s| s.handed_in())) {
        // The portal renews its token: ask it for a new one; without one the
        // sign-in ends when this one runs out.
        host::tell_portal(host::TOKEN_NEEDED_EVENT);
        expire_or_retry(session, true);
        return;
    }
    let refresh = with_signed_in(|s| s.and_then(|s| s.refresh_token.clone()));
    let (Some(refresh), Some((config, discovery))) = (refresh, provider().await) else {
        expire_or_retry(session, true);
        return;
    };
    let answer = api::signin::tokens(
        &discovery.token_endpoint,
        refresh_request(&config, &refresh),
    )
    .await;
    match answer {
        Ok(tokens) => {
            with_signed_in(|s| {
                if let Some(signed) = s {
                    signed.renew(tokens, now_seconds());
                }
            });
            schedule_renewal();
        }
        Err(ApiError::Network) => expire_or_retry(session, false),
        Err(_) => expire_or_retry(session, true),
    }
}

/// After a failed renewal: signed out once the token has run out; before
/// that, when it can never be renewed (`give_up`), at its end, else another
/// try in at most half a minute.
fn expire_or_retry(session: Session, give_up: bool) {
    let left = with_signed_in(|s| s.map(|s| s.expires_at - now_seconds())).unwrap_or(0);
    if left <= 0 {
        session.clear(Some(SignInProblem::Expired));
        return;
    }
    let wait = if give_up { left } else { left.min(30) };
    let retry = move || {
        leptos::task::spawn_local(async move {
            if give_up {
                session.clear(Some(SignInProblem::Expired));
            } else {
                let _ = start(Action::Renew).await;
            }
        })
    };
    let wait = std::time::Duration::from_secs(u64::try_from(wait).unwrap_or(0));
    if let Ok(handle) = leptos::prelude::set_timeout_with_handle(retry, wait) {
        TIMER.with(|t| t.set(Some(handle)));
    }
}

async fn sign_out(session: Session) {
    if let Some(timer) = TIMER.with(Cell::take) {
        timer.clear();
    }
    let id_token = with_signed_in(|s| s.map(|s| s.id_token.clone()));
    session.clear(None);
    let Some(id_token) = id_token.filter(|t| !t.is_empty()) else {
        // Handed in by a portal: the portal's own sign-out ends its session.
        host::tell_portal(host::SIGNED_OUT_EVENT);
        return;
    };
    if let Some((config, discovery)) = provider().await
        && let Some(url) = end_session_url(&discovery, &config, &id_token, &host::redirect_uri())
    {
        host::go_to(&url);
    }
}
