//! A sent request: reference, status, what the patient can do next, history —
//! from this browser's record of it, or from the signed-in patient's list on
//! the server (a request sent from another device).

use leptos::prelude::*;
use vardkoll_domain::api::{ReferralStatus, ReferralView};
use vardkoll_domain::referral::{RequestLabel, Sent};

use crate::i18n::{use_texts, utc_time};
use crate::state::{OutboxStore, Session};

fn tone(status: ReferralStatus) -> (&'static str, &'static str) {
    match status {
        ReferralStatus::Offered => ("status status--good", "✓"),
        ReferralStatus::Declined | ReferralStatus::Withdrawn => ("status status--bad", "✕"),
        ReferralStatus::Received | ReferralStatus::UnderReview => ("status status--neutral", "–"),
    }
}

/// A request known only from the server's list: labelled by its service code
/// until this browser knows its name.
fn from_server(view: ReferralView) -> Sent {
    Sent {
        key: String::new(),
        token: String::new(),
        label: RequestLabel {
            service: view.service_code.clone(),
            providers: Vec::new(),
        },
        created_at: view
            .history
            .first()
            .map(|c| c.at.clone())
            .unwrap_or_default(),
        reference: view.reference,
        status: view.status,
        history: view.history,
    }
}

#[component]
pub fn SentCard(reference: String) -> impl IntoView {
    let t = use_texts();
    let r = t.referral();
    let outbox = OutboxStore::use_context();
    let reference = StoredValue::new(reference);
    let session = Session::use_context();
    let sent = Memo::new(move |_| {
        let here = outbox
            .outbox()
            .with(|o| o.sent(&reference.get_value()).cloned());
        here.or_else(|| {
            let view = session
                .mine()?
                .into_iter()
                .find(|v| v.reference == reference.get_value())?;
            Some(from_server(view))
        })
    });
    move || {
        sent.get().map(|s| {
            let (class, symbol) = tone(s.status);
            view! {
                <article class="card request" data-state=s.status.as_str()>
                    <h3>{s.label.service.clone()}</h3>
                    <dl class="facts">
                        <dt>{r.reference_label}</dt>
                        <dd class="request__reference">{s.reference.clone()}</dd>
                        <dt>{r.providers_term}</dt>
                        <dd>{s.label.providers.join(" · ")}</dd>
                        <dt>{r.status_label}</dt>
                        <dd>
                            <span class=class>
                                <span class="status__symbol" aria-hidden="true">{symbol}</span>
                                {(r.status)(s.status)}
                            </span>
                        </dd>
                    </dl>
                    <p class="request__next">{(r.status_next)(s.status)}</p>
                    <h4>{r.history_heading}</h4>
                    <ol class="request__history">
                        {s.history.iter().map(|change| view! {
                            <li>
                                <time datetime=change.at.clone()>{utc_time(&change.at)}</time>
                                ": "{(r.status)(change.status)}
                                {change.note.clone().map(|note| view! { " — "<q>{note}</q> })}
                            </li>
                        }).collect_view()}
                    </ol>
                </article>
            }
        })
    }
}
