//! What the deadline list shows for an episode, worked out without any DOM so it
//! can be tested natively: one row per clock or uncovered care, in the patient's
//! language.

use chrono::NaiveDate;
use vardkoll_domain::deadline::{CareDate, Entry, Outcome, timeline};
use vardkoll_domain::episode::Episode;
use vardkoll_domain::regions::RegionCode;
use vardkoll_domain::rules::{Binding, RuleBook};
use vardkoll_domain::status::{Status, StatusOptions, Timeliness, days_left, entry_status};
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
            Status::Done(Timeliness::InTime) | Status::Upcoming | Status::OnTrack => Tone::Good,
            Status::AtRisk(_) => Tone::Warning,
            Status::Missed | Status::Done(Timeliness::Late) => Tone::Bad,
            Status::Done(Timeliness::Unknown) | Status::Ended(_) | Status::NotCovered => {
                Tone::Neutral
            }
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
    /// Show what to do when the deadline will be or was missed: the law's
    /// remedy, or what applies under the BUP target.
    pub advice: Option<Binding>,
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
                started_text: format!(
                    "{}: {}",
                    texts.started_label,
                    texts.ltr(&numeric_date(start))
                ),
                notes: Vec::new(),
                source: None,
                advice: None,
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
                    match clock.outcome {
                        Outcome::Done(CareDate::Recorded(day)) => row.notes.push(format!(
                            "{}: {}",
                            texts.care_note,
                            long_date(texts, day)
                        )),
                        Outcome::Done(CareDate::Unrecorded { by, .. }) => {
                            row.notes
                                .push((texts.done_by_later_step)(&long_date(texts, by)));
                            if status == Status::Done(Timeliness::Unknown) {
                                row.notes.push(texts.add_care_day.to_owned());
                            }
                        }
                        Outcome::Open | Outcome::Declined(..) | Outcome::Renewed(_) => {}
                    }
                    row.is_target = clock.limit.rule.binding == Binding::Target;
                    if row.is_target {
                        row.notes.push(texts.target_note.to_owned());
                    }
                    row.source = Some(clock.limit.source());
                    row.advice = status.needs_action().then_some(clock.limit.rule.binding);
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

/// The advice `rows` call for, the law's first: the BUP target gives none of
/// the law's remedies, so it has its own.
pub fn advice_needed(rows: &[DeadlineRow]) -> Vec<Binding> {
    [Binding::Law, Binding::Target]
        .into_iter()
        .filter(|binding| rows.iter().any(|row| row.advice == Some(*binding)))
        .collect()
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
            places: Default::default(),
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
        assert_eq!(r[0].advice, Some(Binding::Law));
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
            (None, Status::NotCovered, None)
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
            (Status::Done(Timeliness::InTime), None)
        );
        assert_eq!(
            r[0].notes,
            vec!["Vård given: torsdag 1 oktober 2026".to_owned()]
        );
    }

    /// Issue 25: Stockholm, referral 2026-09-01, decision to treat 2026-11-20.
    fn stockholm_decision(extra: Vec<Event>, lang: Lang) -> Vec<DeadlineRow> {
        let mut events = vec![
            Event {
                id: 1,
                date: day(2026, 9, 1),
                kind: EventKind::ReferralIssued,
            },
            Event {
                id: 2,
                date: day(2026, 11, 20),
                kind: EventKind::TreatmentDecided,
            },
        ];
        events.extend(extra);
        let episode = Episode {
            id: 1,
            title: "Höften".into(),
            region: RegionCode::parse("01"),
            events,
            places: Default::default(),
        };
        deadline_rows(&episode, day(2026, 12, 7), lang.texts())
    }

    #[test]
    fn a_decision_to_treat_leaves_the_first_visit_done_not_red() {
        let r = stockholm_decision(vec![], Lang::Sv);
        let visit = &r[0];
        assert_eq!(visit.title, "Första besök i specialistvården");
        assert_eq!(visit.status_text, "Avklarad – datum inte angivet");
        assert_eq!(visit.tone, Tone::Neutral);
        assert_eq!(visit.days_left_text, None);
        assert_eq!(visit.advice, None);
        assert!(
            visit.notes.contains(
                &"Nästa steg började fredag 20 november 2026, så det här steget är avklarat."
                    .to_owned()
            ),
            "{:?}",
            visit.notes
        );
        assert!(
            visit
                .notes
                .contains(&Lang::Sv.texts().add_care_day.to_owned())
        );
        let treatment = &r[1];
        assert_eq!(
            (treatment.status, treatment.deadline),
            (Status::OnTrack, Some(day(2027, 2, 18)))
        );
        assert!(advice_needed(&r).is_empty());
        for lang in Lang::ALL {
            let r = stockholm_decision(vec![], lang);
            let t = lang.texts();
            assert_eq!(r[0].status_text, t.status.done_date_unknown, "{lang:?}");
            assert!(r.iter().all(|row| row.status_text != t.status.missed));
        }
    }

    #[test]
    fn the_recorded_first_visit_says_whether_it_was_in_time_without_advice() {
        let visit = |d| Event {
            id: 3,
            date: d,
            kind: EventKind::CareReceived {
                step: vardkoll_domain::step::Step::SpecialistVisit,
            },
        };
        let late = stockholm_decision(vec![visit(day(2026, 10, 15))], Lang::Sv);
        assert_eq!(
            (late[0].status_text, late[0].tone, late[0].advice),
            ("Vården kom efter gränsen", Tone::Bad, None)
        );
        assert_eq!(
            late[0].notes,
            vec![
                "Region Stockholm har en kortare gräns: 30 dagar. I hela landet gäller 90 dagar."
                    .to_owned(),
                "Vård given: torsdag 15 oktober 2026".to_owned()
            ]
        );
        let in_time = stockholm_decision(vec![visit(day(2026, 9, 28))], Lang::Sv);
        assert_eq!(
            (in_time[0].status_text, in_time[0].tone),
            ("Uppfylld", Tone::Good)
        );
    }

    #[test]
    fn a_bup_target_gets_its_own_advice_beside_the_laws() {
        let bup = Event {
            id: 1,
            date: day(2026, 6, 1),
            kind: EventKind::BupReferral,
        };
        let r = rows(vec![bup], None, day(2026, 9, 2));
        assert_eq!(r[0].advice, Some(Binding::Target));
        assert_eq!(advice_needed(&r), vec![Binding::Target]);
        let decision = Event {
            id: 2,
            date: day(2026, 6, 1),
            kind: EventKind::TreatmentDecided,
        };
        let both = rows(vec![bup, decision], None, day(2026, 9, 2));
        assert_eq!(advice_needed(&both), vec![Binding::Law, Binding::Target]);
    }
}
