//! The calendar export: an iCalendar file (RFC 5545) with one all-day event per
//! deadline, which calendar programs import.

use chrono::NaiveDate;

use crate::date::{add_days, compact};

/// One deadline in the calendar file. The texts are already in the patient's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarEntry {
    /// Unique and stable across exports, so a re-import updates instead of duplicating.
    pub uid: String,
    pub date: NaiveDate,
    pub summary: String,
    pub description: String,
}

/// How long before a deadline the calendar reminds the patient: time enough to
/// call the clinic, or to ask the region for care elsewhere, before it passes.
pub const REMINDER_DAYS_BEFORE: u32 = 7;

/// Renders `entries` as an iCalendar file. `stamp` is the export time in UTC, as
/// `YYYYMMDDTHHMMSSZ`.
pub fn calendar(entries: &[CalendarEntry], stamp: &str) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Vardkoll//Vardgaranti//SV".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
    ];
    for entry in entries {
        lines.push("BEGIN:VEVENT".to_owned());
        lines.push(format!("UID:{}", escape(&entry.uid)));
        lines.push(format!("DTSTAMP:{stamp}"));
        lines.push(format!("DTSTART;VALUE=DATE:{}", compact(entry.date)));
        lines.push(format!(
            "DTEND;VALUE=DATE:{}",
            compact(add_days(entry.date, 1))
        ));
        lines.push(format!("SUMMARY:{}", escape(&entry.summary)));
        lines.push(format!("DESCRIPTION:{}", escape(&entry.description)));
        lines.push("TRANSP:TRANSPARENT".to_owned());
        lines.push("BEGIN:VALARM".to_owned());
        lines.push("ACTION:DISPLAY".to_owned());
        lines.push(format!("TRIGGER:-P{REMINDER_DAYS_BEFORE}D"));
        lines.push(format!("DESCRIPTION:{}", escape(&entry.summary)));
        lines.push("END:VALARM".to_owned());
        lines.push("END:VEVENT".to_owned());
    }
    lines.push("END:VCALENDAR".to_owned());
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

/// Escapes text values: backslash, semicolon, comma and newlines.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character, and ends
/// it with CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::ymd;

    fn entry(summary: &str) -> CalendarEntry {
        CalendarEntry {
            uid: "1-2-treatment@vardkoll".into(),
            date: ymd(2025, 12, 25),
            summary: summary.into(),
            description: "Källa: HSF 6 kap. 1 § 4\nRing mottagningen".into(),
        }
    }

    #[test]
    fn an_all_day_event_per_deadline() {
        let ics = calendar(
            &[entry("Sista dag: behandling, Höften")],
            "20261125T120000Z",
        );
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20251225\r\nDTEND;VALUE=DATE:20251226\r\n"));
        assert!(ics.contains("SUMMARY:Sista dag: behandling\\, Höften\r\n"));
        assert!(ics.contains("DESCRIPTION:Källa: HSF 6 kap. 1 § 4\\nRing mottagningen\r\n"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
    }

    #[test]
    fn each_deadline_reminds_a_week_before() {
        let ics = calendar(&[entry("Sista dag: behandling")], "20261125T120000Z");
        let alarm = "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-P7D\r\nDESCRIPTION:Sista dag: behandling\r\nEND:VALARM\r\nEND:VEVENT\r\n";
        assert!(ics.contains(alarm), "{ics}");
    }

    #[test]
    fn every_line_ends_with_crlf_and_is_at_most_75_octets() {
        let long = "Sista dag för första besök i specialiserad vård – ögonmottagningen på Södersjukhuset, Stockholm";
        let ics = calendar(&[entry(long)], "20261125T120000Z");
        for line in ics.split_terminator("\r\n") {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
            assert!(!line.contains('\n'));
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:{}", long.replace(',', "\\,"))));
    }

    #[test]
    fn an_empty_export_is_still_a_valid_calendar() {
        let ics = calendar(&[], "20261125T120000Z");
        assert_eq!(ics.matches("VCALENDAR").count(), 2);
        assert!(!ics.contains("VEVENT"));
    }
}
