//! Building the calendar file of every deadline the patient has.

use chrono::NaiveDate;
use vardkoll_domain::episode::Episode;
use vardkoll_domain::ics::{CalendarEntry, calendar};
use vardkoll_domain::status::Status;

use crate::i18n::Texts;
use crate::timeline_view::deadline_rows;

/// The calendar entries for all deadlines of all episodes.
pub fn calendar_entries(
    episodes: &[Episode],
    today: NaiveDate,
    texts: &Texts,
) -> Vec<CalendarEntry> {
    episodes
        .iter()
        .flat_map(|episode| {
            deadline_rows(episode, today, texts)
                .into_iter()
                .filter_map(move |row| {
                    // A clock that no longer runs has no deadline to remember.
                    if matches!(row.status, Status::Done(_) | Status::Ended(_)) {
                        return None;
                    }
                    let date = row.deadline?;
                    // No status ("on track", "passed"): the file is read long
                    // after the export, when it may no longer be true.
                    let mut description = vec![row.started_text.clone()];
                    description.extend(row.notes.iter().cloned());
                    if let Some(source) = row.source {
                        description.push(format!("{}: {source}", texts.source_label));
                    }
                    Some(CalendarEntry {
                        uid: format!("{}@vardkoll", row.key),
                        date,
                        summary: format!(
                            "{}: {} – {}",
                            texts.deadline_summary, row.title, episode.title
                        ),
                        description: description.join("\n"),
                    })
                })
        })
        .collect()
}

/// The complete `.ics` document.
pub fn calendar_file(episodes: &[Episode], today: NaiveDate, texts: &Texts, stamp: &str) -> String {
    calendar(&calendar_entries(episodes, today, texts), stamp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use vardkoll_domain::episode::{Event, EventKind, UncoveredCare};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_deadline_becomes_an_entry_and_uncovered_care_does_not() {
        let episode = Episode {
            id: 3,
            title: "Höften".into(),
            region: None,
            events: vec![
                Event {
                    id: 1,
                    date: day(2026, 9, 1),
                    kind: EventKind::ReferralIssued,
                },
                Event {
                    id: 2,
                    date: day(2026, 9, 2),
                    kind: EventKind::OutsideGuarantee {
                        care: UncoveredCare::LabTest,
                    },
                },
            ],
            places: Default::default(),
        };
        let entries = calendar_entries(
            std::slice::from_ref(&episode),
            day(2026, 11, 25),
            Lang::Sv.texts(),
        );
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].uid, "3-1-specialist_visit@vardkoll");
        assert_eq!(entries[0].date, day(2026, 11, 30));
        assert_eq!(
            entries[0].summary,
            "Sista dag enligt vårdgarantin: Första besök i specialistvården – Höften"
        );
        assert!(
            entries[0]
                .description
                .contains("Hälso- och sjukvårdsförordningen (2017:80) 6 kap. 1 § 3")
        );
        let status = deadline_rows(&episode, day(2026, 11, 25), Lang::Sv.texts())[0].status_text;
        assert!(
            !entries[0].description.contains(status),
            "{}",
            entries[0].description
        );
    }

    #[test]
    fn a_clock_a_later_step_closed_is_not_in_the_calendar() {
        let episode = Episode {
            id: 4,
            title: "Höften".into(),
            region: None,
            events: vec![
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
            ],
            places: Default::default(),
        };
        let entries = calendar_entries(&[episode], day(2026, 12, 7), Lang::Sv.texts());
        let uids: Vec<_> = entries.iter().map(|e| e.uid.as_str()).collect();
        assert_eq!(uids, ["4-2-treatment@vardkoll"]);
    }
}
