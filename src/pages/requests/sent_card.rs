//! A sent request: reference, status, what the patient can do next, the
//! region's answer (the time offered, or why it declined), history — from this
//! browser's record of it, or from the signed-in patient's list on the server
//! (a request sent from another device). Names of services and providers come
//! from the catalogue when it has loaded.

use leptos::context::Provider;
use leptos::prelude::*;
use vardkoll_domain::api::{Offer, ReferralStatus, ReferralView};
use vardkoll_domain::referral::{RequestLabel, Sent, booked_offer};

use super::answer_offer::AnswerOffer;
use super::booked_time::{BookedFromEpisode, BookedTime};
use crate::components::{Draw, LazyView};
use crate::i18n::{Texts, long_date, swedish_time, use_texts};
use crate::split_point;
use crate::state::{Catalogue, CatalogueData, OutboxStore, Session, provider_label, service_title};

fn tone(status: ReferralStatus) -> (&'static str, &'static str) {
    match status {
        ReferralStatus::Offered | ReferralStatus::Booked => ("status status--good", "✓"),
        ReferralStatus::Declined | ReferralStatus::Withdrawn | ReferralStatus::OfferDeclined => {
            ("status status--bad", "✕")
        }
        ReferralStatus::Received | ReferralStatus::UnderReview => ("status status--neutral", "–"),
    }
}

/// A request known only from the server's list: labelled by its service code
/// and its providers' catalogue ids, named from the catalogue once it is here.
fn from_server(view: ReferralView) -> Sent {
    Sent {
        key: String::new(),
        token: String::new(),
        label: RequestLabel {
            service: view.service_code.clone(),
            providers: view.preferred_providers.clone(),
            episode: None,
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

/// The providers a request names, "A, Stad · B, Stad": this browser's request
/// names them already; one from the server names them by catalogue id, said
/// by name once the catalogue is here (an id it does not know, as it is).
fn provider_names(catalogue: Option<&CatalogueData>, providers: &[String]) -> String {
    let known = catalogue.map_or(&[][..], |c| &c.providers);
    providers
        .iter()
        .map(|p| provider_label(known, p))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// "Time offered: Sunday 20 December 2026 at 09:30, Capio S:t Göran, Stockholm."
fn offered(t: &Texts, catalogue: Option<&CatalogueData>, offer: &Offer) -> String {
    let date = vardkoll_domain::date::parse_iso(&offer.date)
        .map(|d| long_date(t, d))
        .unwrap_or_else(|_| offer.date.clone());
    let providers = catalogue.map_or(&[][..], |c| &c.providers);
    let provider = provider_label(providers, &offer.provider_id);
    (t.referral().offered_time)(&date, &offer.time, &provider)
}

#[component]
pub fn SentCard(reference: String) -> impl IntoView {
    let t = use_texts();
    let r = t.referral();
    let outbox = OutboxStore::use_context();
    let reference = StoredValue::new(reference);
    let session = Session::use_context();
    let catalogue = use_context::<Catalogue>();
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
            let known = catalogue.and_then(|c| c.data());
            let known = known.as_ref();
            // A request known only from the server is labelled by its code.
            let title = service_title(t, known.map_or(&[][..], |c| &c.services), &s.label.service);
            // The region's answer, from the change that made the status.
            let made = s.history.iter().rev().find(|c| c.status == s.status);
            let answer_by = made.and_then(|c| c.offer.as_ref()?.answer_by.clone());
            // A time booked through a request from one of the patient's
            // episodes goes back to it with one tap.
            let booked = s.label.episode.zip(booked_offer(s.status, &s.history).cloned());
            let answer = made.and_then(|c| {
                c.offer
                    .as_ref()
                    .map(|offer| offered(t, known, offer))
                    .or_else(|| c.decline_reason.map(|reason| (r.decline_reason)(reason).to_owned()))
            });
            view! {
                <article class="card request" data-state=s.status.as_str()>
                    <h3>{title}</h3>
                    <dl class="facts">
                        <dt>{r.reference_label}</dt>
                        <dd class="request__reference">{s.reference.clone()}</dd>
                        <dt>{r.providers_term}</dt>
                        <dd>{provider_names(known, &s.label.providers)}</dd>
                        <dt>{r.status_label}</dt>
                        <dd>
                            <span class=class>
                                <span class="status__symbol" aria-hidden="true">{symbol}</span>
                                {(r.status)(s.status)}
                            </span>
                        </dd>
                    </dl>
                    {answer.map(|answer| view! { <p class="request__answer">{answer}</p> })}
                    <p class="request__next">{(r.status_next)(s.status)}</p>
                    <AnswerOffer reference=s.reference.clone() status=s.status answer_by=answer_by />
                    {booked.map(|(link, offer)| view! {
                        <Provider value=BookedFromEpisode {
                            place: known.and_then(|c| {
                                c.providers.iter().any(|p| p.id == offer.provider_id)
                                    .then(|| provider_label(&c.providers, &offer.provider_id))
                            }),
                            link,
                            offer,
                        }>
                            <LazyView load=|| Box::pin(booked_time_part()) />
                        </Provider>
                    })}
                    <h4>{r.history_heading}</h4>
                    <ol class="request__history">
                        {s.history.iter().map(|change| view! {
                            <li>
                                <time datetime=change.at.clone() dir="ltr">{swedish_time(&change.at)}</time>
                                ": "{(r.status)(change.status)}
                                {change.offer.as_ref().map(|offer| format!(" — {}", offered(t, known, offer)))}
                                {change.decline_reason.map(|reason| format!(" — {}", (r.decline_reason)(reason)))}
                                {change.answer.map(|answer| format!(" — {}", (r.history_answer)(answer)))}
                                {change.expired.then(|| format!(" — {}", r.history_expired))}
                                {change.note.clone().map(|note| view! { " — "<q>{note}</q> })}
                            </li>
                        }).collect_view()}
                    </ol>
                </article>
            }
        })
    }
}

split_point! {
    /// A booked time, added to the episode its request came from ([`BookedTime`]).
    fn booked_time_part() -> Draw, split part_requests_booked {
        || {
            view! { <BookedTime /> }.into_any()
        }
    }
}
