//! A time booked through a request, back in the patient's own tracker: the
//! request remembers the episode it was made from (in this browser only), and
//! once the patient accepted a time the app offers to add it to that episode as
//! "tid bokad", so the tracker says whether it is within the deadline.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::api::{GuaranteeKind, Offer, ReferralStatus, StatusChange};
use crate::episode::{Episode, Event, EventKind};
use crate::step::Step;

/// The episode a request was made from, and the step its booked time is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EpisodeLink {
    /// The episode's id in this browser.
    pub episode: u64,
    pub step: Step,
}

impl EpisodeLink {
    /// The link for a request made from `episode`: the step of the guarantee
    /// deadline it carries, else the step of the service's guarantee; none for
    /// a service outside the guarantee.
    pub fn new(episode: u64, guarantee_step: Option<Step>, service: GuaranteeKind) -> Option<Self> {
        let step = guarantee_step.or_else(|| service.step())?;
        Some(EpisodeLink { episode, step })
    }
}

/// The time the patient accepted, for a booked request: the last time offered.
pub fn booked_offer(status: ReferralStatus, history: &[StatusChange]) -> Option<&Offer> {
    if status != ReferralStatus::Booked {
        return None;
    }
    history
        .iter()
        .rev()
        .find(|change| change.status == ReferralStatus::Offered)
        .and_then(|change| change.offer.as_ref())
}

/// The event that records `offer` in `episode` as booked for the link's step,
/// or `None` when the episode has it already (or the offer's date is not one).
pub fn booked_event(link: EpisodeLink, offer: &Offer, episode: &Episode) -> Option<Event> {
    let date: NaiveDate = crate::date::parse_iso(&offer.date).ok()?;
    let kind = EventKind::Booked { step: link.step };
    let there = episode
        .events
        .iter()
        .any(|e| e.kind == kind && e.date == date);
    (!there).then(|| Event {
        id: episode.next_event_id(),
        date,
        kind,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::ymd;

    fn offer(date: &str) -> Offer {
        Offer {
            provider_id: "sahlgrenska".into(),
            date: date.into(),
            time: "09:30".into(),
            free_time_id: Some(1),
            answer_by: None,
        }
    }

    fn change(status: ReferralStatus, offer: Option<Offer>) -> StatusChange {
        StatusChange {
            offer,
            ..StatusChange::new(status, "2026-12-07T10:00:00Z", None)
        }
    }

    #[test]
    fn the_step_is_the_deadlines_else_the_services() {
        let treatment = EpisodeLink::new(3, Some(Step::Treatment), GuaranteeKind::SpecialistVisit);
        assert_eq!(treatment.map(|l| l.step), Some(Step::Treatment));
        let visit = EpisodeLink::new(3, None, GuaranteeKind::SpecialistVisit);
        assert_eq!(visit.map(|l| l.step), Some(Step::SpecialistVisit));
        assert_eq!(EpisodeLink::new(3, None, GuaranteeKind::None), None);
    }

    #[test]
    fn only_a_booked_request_has_a_booked_time_and_it_is_the_last_offered() {
        let history = vec![
            change(ReferralStatus::Received, None),
            change(ReferralStatus::Offered, Some(offer("2026-12-20"))),
            change(ReferralStatus::UnderReview, None),
            change(ReferralStatus::Offered, Some(offer("2026-12-28"))),
            change(ReferralStatus::Booked, None),
        ];
        assert_eq!(
            booked_offer(ReferralStatus::Booked, &history).map(|o| o.date.as_str()),
            Some("2026-12-28")
        );
        assert_eq!(booked_offer(ReferralStatus::Offered, &history), None);
    }

    #[test]
    fn an_episode_stored_before_places_existed_still_reads() {
        let old: Episode =
            serde_json::from_str(r#"{"id":1,"title":"Höften","region":null,"events":[]}"#).unwrap();
        assert!(old.places.is_empty());
    }

    #[test]
    fn a_label_stored_before_links_existed_still_reads() {
        use crate::referral::RequestLabel;
        let old: RequestLabel =
            serde_json::from_str(r#"{"service":"Höftledsplastik","providers":["A"]}"#).unwrap();
        assert_eq!(old.episode, None);
        let linked = RequestLabel {
            episode: Some(EpisodeLink {
                episode: 4,
                step: Step::Treatment,
            }),
            ..old
        };
        let text = serde_json::to_string(&linked).unwrap();
        assert!(
            text.contains(r#""episode":{"episode":4,"step":"treatment"}"#),
            "{text}"
        );
        assert_eq!(serde_json::from_str::<RequestLabel>(&text).unwrap(), linked);
    }

    #[test]
    fn the_time_is_added_once() {
        let link = EpisodeLink {
            episode: 1,
            step: Step::Treatment,
        };
        let mut episode = Episode {
            id: 1,
            title: "Höften".into(),
            region: None,
            events: Vec::new(),
            places: Default::default(),
        };
        let event = booked_event(link, &offer("2026-12-28"), &episode).unwrap();
        assert_eq!(event.date, ymd(2026, 12, 28));
        assert_eq!(
            event.kind,
            EventKind::Booked {
                step: Step::Treatment
            }
        );
        episode.upsert_event_at(event, "Sahlgrenska, Göteborg".into());
        assert_eq!(booked_event(link, &offer("2026-12-28"), &episode), None);
        assert!(booked_event(link, &offer("28/12"), &episode).is_none());
        // Where it is goes with the episode as stored, and with the event.
        let text = serde_json::to_string(&episode).unwrap();
        let read: Episode = serde_json::from_str(&text).unwrap();
        assert_eq!(read.place(event.id), Some("Sahlgrenska, Göteborg"));
        episode.remove_event(event.id);
        assert_eq!(episode.place(event.id), None);
        assert!(!serde_json::to_string(&episode).unwrap().contains("places"));
    }
}
