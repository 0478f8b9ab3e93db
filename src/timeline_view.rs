//! What the deadline list shows for an episode, worked out without any DOM so it
//! can be tested natively: one row per clock or uncovered care, in the patient's
//! language.

use chrono::NaiveDate;
use vardkoll_domain::deadline::{Entry, Outcome, timeline};
use vardkoll_domain::episode::Episode;
use vardkoll_domain::regions::RegionCode;
use vardkoll_domain::rules::{Binding, RuleBook};
use vardkoll_domain::status::{Status, StatusOptions, days_left, entry_status};
use vardkoll_domain::validation::EventChoice;

use crate::i18n::{Texts, long_date, numeric_date};

/// The visual tone of a status; always shown together with its text and symbol,
/// never by colour alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Good,
    Neutral,
    Warning,
    Bad,
}

impl Tone {
    pub fn of(status: Status) -> Tone {
        match status {
            Status::Fulfilled | Status::Upcoming | Status::OnTrack => Tone::Good,
            Status::AtRisk(_) => Tone::Warning,
            Status::Missed => Tone::Bad,
            Status::Ended(_) | Status::NotCovered => Tone::Neutral,
        }
    }

    pub fn class(self) -> &'static str {
        match self {
            Tone::Good => "status status--good",
            Tone::Neutral => "status status--neutral",
            Tone::Warning => "status status--warning",
            Tone::Bad => "status status--bad",
        }
    }

    /// A symbol beside the status text, hidden from screen readers.
    pub fn symbol(self) -> &'static str {
        match self {
            Tone::Good => "✓",
            Tone::Neutral => "–",
            Tone::Warning => "!",
            Tone::Bad => "✕",
        }
    }
}

/// One row of the deadline list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeadlineRow {
    /// Stable across renders and exports.
    pub key: String,
    pub title: String,
    pub status: Status,
    pub status_text: &'static str,
    pub tone: Tone,
    /// The deadline, when one applies.
    pub deadline: Option<NaiveDate>,
    pub deadline_text: Option<String>,
    pub days_left_text: Option<String>,
    pub started_text: String,
    /// Notes: regional limit, excluded days, booking, care given, target not law,
    /// or why there is no deadline.
    pub notes: Vec<String>,
    pub source: Option<&'static str>,
    /// Show what to do when the deadline will be or was missed.
    pub advice: bool,
    pub is_target: bool,
}

/// The rows for `episode` on `today`.
pub fn deadline_rows(episode: &Episode, today: NaiveDate, texts: &Texts) -> Vec<DeadlineRow> {
    let options = StatusOptions::default();
    timeline(episode, &RuleBook::swedish())
        .into_iter()
        .map(|entry| {
            let status = entry_status(&entry, today, &options);
            let base = |key: String, title: String, start: NaiveDate| DeadlineRow {
                key,
                title,
                status,
                status_text: texts.status(status),
                tone: Tone::of(status),
                deadline: None,
                deadline_text: None,
                days_left_text: None,
                started_text: format!("{}: {}", texts.started_label, numeric_date(start)),
                notes: Vec::new(),
                source: None,
                advice: false,
                is_target: false,
            };
            match entry {
                Entry::Clock(clock) => {
                    let mut row = base(
                        format!(
                            "{}-{}-{}",
                            episode.id,
                            clock.started_by,
                            clock.step.as_str()
                        ),
                        texts.step(clock.step).to_owned(),
                        clock.start,
                    );
                    row.deadline = Some(clock.deadline);
                    row.deadline_text = Some(long_date(texts, clock.deadline));
                    if clock.outcome == Outcome::Open {
                        row.days_left_text = Some((texts.days_left)(days_left(&clock, today)));
                    }
                    if let Some(regional) = clock.limit.regional {
                        let region = RegionCode::parse(regional.region)
                            .map_or(regional.region, |code| code.region().name);
                        row.notes.push((texts.regional_note)(
                            region,
                            regional.limit_days,
                            clock.limit.national_days(),
                        ));
                    }
                    if clock.excluded_days > 0 {
                        row.notes.push((texts.excluded_note)(clock.excluded_days));
                    }
                    if let (Outcome::Open, Some(booked)) = (clock.outcome, clock.booked) {
                        row.notes.push(format!(
                            "{}: {}",
                            texts.booked_note,
                            long_date(texts, booked)
                        ));
                    }
                    if let Outcome::CareReceived(day) = clock.outcome {
                        row.notes
                            .push(format!("{}: {}", texts.care_note, long_date(texts, day)));
                    }
                    row.is_target = clock.limit.rule.binding == Binding::Target;
                    if row.is_target {
                        row.notes.push(texts.target_note.to_owned());
                    }
                    row.source = Some(clock.limit.source());
                    row.advice = status.needs_action();
                    row
                }
                Entry::NotCovered { care, event, date } => {
                    let mut row = base(
                        format!("{}-{event}-outside", episode.id),
                        texts.choice(EventChoice::Outside(care)).to_owned(),
                        date,
                    );
                    row.notes.push(texts.uncovered(Some(care)).to_owned());
                    row
                }
                Entry::NoRuleInForce { step, event, date } => {
                    let mut row = base(
                        format!("{}-{event}-{}", episode.id, step.as_str()),
                        texts.step(step).to_owned(),
                        date,
                    );
                    row.notes.push(texts.uncovered(None).to_owned());
                    row
                }
            }
        })
        .collect()
}

/// Whether any row of `rows` is for a BUP target (to word the advice).
pub fn mentions_target(rows: &[DeadlineRow]) -> bool {
    rows.iter().any(|row| row.advice && row.is_target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use vardkoll_domain::episode::{Event, EventKind, UncoveredCare};
    use vardkoll_domain::status::RiskReason;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn rows(events: Vec<Event>, region: Option<&str>, today: NaiveDate) -> Vec<DeadlineRow> {
        let episode = Episode {
            id: 1,
            title: "Höften".into(),
            region: region.and_then(RegionCode::parse),
            events,
        };
        deadline_rows(&episode, today, Lang::Sv.texts())
    }

    #[test]
    fn a_running_clock_shows_its_deadline_days_left_and_source() {
        let r = rows(
            vec![Event {
                id: 1,
                date: day(2026, 9, 1),
                kind: EventKind::ReferralIssued,
            }],
            None,
            day(2026, 11, 25),
        );
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].title, "Första besök i specialistvården");
        assert_eq!(
            r[0].deadline_text.as_deref(),
            Some("måndag 30 november 2026")
        );
        assert_eq!(r[0].days_left_text.as_deref(), Some("5 dagar kvar"));
        assert_eq!(r[0].status, Status::AtRisk(RiskReason::NearDeadline));
        assert_eq!(r[0].tone, Tone::Warning);
        assert!(r[0].advice);
        assert_eq!(
            r[0].source,
            Some("Hälso- och sjukvårdsförordningen (2017:80) 6 kap. 1 § 3")
        );
    }

    #[test]
    fn regional_limits_excluded_days_and_targets_are_explained() {
        let stockholm = rows(
            vec![Event {
                id: 1,
                date: day(2026, 9, 1),
                kind: EventKind::ReferralIssued,
            }],
            Some("01"),
            day(2026, 9, 2),
        );
        assert_eq!(
            stockholm[0].notes,
            vec![
                "Region Stockholm har en kortare gräns: 30 dagar. I hela landet gäller 90 dagar."
                    .to_owned()
            ]
        );
        assert_eq!(
            stockholm[0].source,
            Some("Region Stockholms regionala vårdgaranti")
        );
        // Halland: 60 days to a first visit and to treatment, beside the national 90.
        let halland = rows(
            vec![
                Event {
                    id: 1,
                    date: day(2026, 9, 1),
                    kind: EventKind::ReferralIssued,
                },
                Event {
                    id: 2,
                    date: day(2026, 9, 20),
                    kind: EventKind::TreatmentDecided,
                },
            ],
            Some("13"),
            day(2026, 9, 21),
        );
        let notes: Vec<&str> = halland
            .iter()
            .flat_map(|row| row.notes.iter().map(String::as_str))
            .collect();
        assert_eq!(
            notes
                .iter()
                .filter(|n| **n
                    == "Region Halland har en kortare gräns: 60 dagar. I hela landet gäller 90 dagar.")
                .count(),
            2,
            "{notes:?}"
        );
        assert!(
            halland
                .iter()
                .any(|row| row.deadline == Some(day(2026, 10, 31)))
        );
        assert!(
            halland
                .iter()
                .any(|row| row.deadline == Some(day(2026, 11, 19)))
        );
        let bup = rows(
            vec![Event {
                id: 1,
                date: day(2026, 9, 1),
                kind: EventKind::BupReferral,
            }],
            None,
            day(2026, 9, 2),
        );
        assert!(bup[0].is_target);
        assert!(bup[0].notes.iter().any(|n| n.contains("inte en lag")));
    }

    #[test]
    fn uncovered_care_has_no_deadline_and_says_why() {
        let r = rows(
            vec![Event {
                id: 1,
                date: day(2026, 9, 1),
                kind: EventKind::OutsideGuarantee {
                    care: UncoveredCare::ReturnVisit,
                },
            }],
            None,
            day(2026, 9, 2),
        );
        assert_eq!(
            (r[0].deadline, r[0].status, r[0].advice),
            (None, Status::NotCovered, false)
        );
        assert!(r[0].notes[0].starts_with("Återbesök omfattas inte"));
    }

    #[test]
    fn fulfilled_clocks_show_when_care_was_given_and_no_days_left() {
        let r = rows(
            vec![
                Event {
                    id: 1,
                    date: day(2026, 9, 1),
                    kind: EventKind::TreatmentDecided,
                },
                Event {
                    id: 2,
                    date: day(2026, 10, 1),
                    kind: EventKind::CareReceived {
                        step: vardkoll_domain::step::Step::Treatment,
                    },
                },
            ],
            None,
            day(2026, 11, 25),
        );
        assert_eq!(
            (r[0].status, r[0].days_left_text.clone()),
            (Status::Fulfilled, None)
        );
        assert_eq!(
            r[0].notes,
            vec!["Vård given: torsdag 1 oktober 2026".to_owned()]
        );
    }
}
