//! Building the calendar file of every deadline the patient has.

use chrono::NaiveDate;
use vardkoll_domain::episode::Episode;
use vardkoll_domain::ics::{CalendarEntry, calendar};

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
                    let date = row.deadline?;
                    let mut description =
                        vec![row.status_text.to_owned(), row.started_text.clone()];
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
        };
        let entries = calendar_entries(&[episode], day(2026, 11, 25), Lang::Sv.texts());
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
    }
}
