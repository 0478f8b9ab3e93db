//! Left-to-right runs inside right-to-left text: in Arabic, a date, a time or
//! an identity number written with a separator (`2026-12-07`, `16:57`,
//! `19121212-1212`) must sit inside an isolate (U+2066 … U+2069, or U+2068 …
//! U+2069), or the bidirectional algorithm shows its parts in the other order
//! (`07-12-2026`, `1212-19121212`).

use chrono::NaiveDate;
use vardkoll_domain::api::{ProblemCode, ReferralStatus};
use vardkoll_domain::date::ymd;
use vardkoll_domain::episode::{Episode, Event, EventKind, ExclusionReason};
use vardkoll_domain::step::Step;

use super::Lang;

const LRI: char = '\u{2066}';
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// The separators between digits that the algorithm reorders around in
/// right-to-left text: every one of them must be inside an isolate.
fn unisolated_separators(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut depth = 0usize;
    let mut found = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        match c {
            &LRI | &FSI => depth += 1,
            &PDI => depth = depth.saturating_sub(1),
            '-' | ':' | '/' | '.' if depth == 0 => {
                let digit = |at: Option<usize>| {
                    at.and_then(|at| chars.get(at))
                        .is_some_and(char::is_ascii_digit)
                };
                if digit(i.checked_sub(1)) && digit(Some(i + 1)) {
                    found.push(
                        chars[i.saturating_sub(4)..(i + 5).min(chars.len())]
                            .iter()
                            .collect(),
                    );
                }
            }
            _ => {}
        }
    }
    found
}

fn balanced(text: &str) -> bool {
    let opened = text.chars().filter(|c| matches!(*c, LRI | FSI)).count();
    opened == text.chars().filter(|c| *c == PDI).count()
}

fn assert_isolated(text: &str) {
    assert!(unisolated_separators(text).is_empty(), "{text:?}");
    assert!(balanced(text), "{text:?}");
}

#[test]
fn the_arabic_identity_number_example_is_one_left_to_right_run() {
    let r = Lang::Ar.referral_texts();
    assert!(
        r.identity_hint.contains("\u{2066}19121212-1212\u{2069}"),
        "{}",
        r.identity_hint
    );
    assert!(
        (r.field_error)("personalIdentityNumber", ProblemCode::Format)
            .contains("\u{2066}19121212-1212\u{2069}")
    );
    // Swedish and English are left to right already: no isolates to copy.
    for lang in [Lang::Sv, Lang::En] {
        let hint = lang.referral_texts().identity_hint;
        assert!(hint.contains("19121212-1212") && balanced(hint) && !hint.contains(LRI));
    }
}

#[test]
fn every_arabic_referral_message_isolates_its_numbers() {
    let r = Lang::Ar.referral_texts();
    let fields = [
        "personalIdentityNumber",
        "name",
        "phone",
        "email",
        "serviceCode",
        "currentReferral/clinic",
        "currentReferral/date",
        "guarantee/step",
        "preferredProviders",
        "interpreter/language",
        "message",
        "consentToShare",
        "homeRegion",
    ];
    let codes = [
        ProblemCode::Format,
        ProblemCode::Date,
        ProblemCode::ControlDigit,
        ProblemCode::Required,
        ProblemCode::TooLong,
        ProblemCode::InFuture,
        ProblemCode::Characters,
    ];
    for field in fields {
        for code in codes {
            assert_isolated((r.field_error)(field, code));
        }
    }
    for text in [r.identity_hint, r.privacy_note, r.next_steps] {
        assert_isolated(text);
    }
    for status in ReferralStatus::ALL {
        assert_isolated((r.status_next)(status));
    }
    let offer = (r.offered_time)("الأحد 20 ديسمبر 2026", "09:30", "Capio S:t Göran");
    assert_isolated(&offer);
    assert!(offer.contains("\u{2066}09:30\u{2069}"), "{offer}");
}

#[test]
fn arabic_date_forms_and_examples_are_left_to_right_runs() {
    let t = Lang::Ar.texts();
    for text in [t.date_hint, t.errors.not_a_date, t.date_placeholder] {
        assert!(text.contains("\u{2066}YYYY-MM-DD\u{2069}"), "{text}");
        assert_isolated(text);
    }
    assert_eq!(Lang::En.texts().date_placeholder, "YYYY-MM-DD");
    assert_eq!(Lang::Sv.texts().date_placeholder, "ÅÅÅÅ-MM-DD");
    // Only Swedish writes the form with Å.
    for lang in [Lang::En, Lang::Ar] {
        let t = lang.texts();
        for text in [t.date_hint, t.errors.not_a_date, t.date_placeholder] {
            assert!(!text.contains('Å'), "{lang:?}: {text}");
        }
        let r = lang.referral_texts();
        assert!(!(r.field_error)("currentReferral/date", ProblemCode::Format).contains('Å'));
    }
}

#[test]
fn a_date_inside_an_arabic_sentence_is_isolated() {
    let pause = EventKind::ExcludedTime {
        step: Step::Treatment,
        until: ymd(2026, 12, 24),
        reason: ExclusionReason::Medical,
    };
    let ar = Lang::Ar.texts().event(pause);
    assert!(ar.contains("\u{2066}2026-12-24\u{2069}"), "{ar}");
    assert_isolated(&ar);
    // Left-to-right languages need none.
    for lang in [Lang::Sv, Lang::En] {
        let line = lang.texts().event(pause);
        assert!(line.ends_with(" 2026-12-24"), "{line}");
    }
    assert_eq!(
        Lang::Ar.texts().ltr("19121212-1212"),
        "\u{2066}19121212-1212\u{2069}"
    );
    assert_eq!(Lang::Sv.texts().ltr("19121212-1212"), "19121212-1212");
}

#[test]
fn the_start_of_a_deadline_reads_left_to_right_in_arabic() {
    let episode = Episode {
        id: 1,
        title: "الورك".into(),
        region: None,
        events: vec![Event {
            id: 1,
            date: ymd(2026, 9, 1),
            kind: EventKind::ReferralIssued,
        }],
        places: Default::default(),
    };
    let today: NaiveDate = ymd(2026, 11, 25);
    let rows = crate::timeline_view::deadline_rows(&episode, today, Lang::Ar.texts());
    assert!(!rows.is_empty());
    for row in &rows {
        assert!(
            row.started_text.contains("\u{2066}2026-09-01\u{2069}"),
            "{}",
            row.started_text
        );
        assert_isolated(&row.started_text);
        for note in &row.notes {
            assert_isolated(note);
        }
    }
    let sv = crate::timeline_view::deadline_rows(&episode, today, Lang::Sv.texts());
    assert!(
        sv[0].started_text.ends_with(": 2026-09-01"),
        "{}",
        sv[0].started_text
    );
}

#[test]
fn times_and_months_in_the_arabic_comparison_are_isolated() {
    let c = Lang::Ar.compare_texts();
    for text in [
        (c.fetched_label)("2026-12-07 16:57"),
        (c.stale_data)("2026-12-07 16:57"),
        (c.trend_summary)("2025-11", 40, "2026-10", 31),
        (c.licence)("CC BY 4.0"),
        (c.regional_value)("31 يومًا", 2025),
    ] {
        assert_isolated(&text);
    }
    assert!((c.fetched_label)("2026-12-07 16:57").contains("\u{2066}2026-12-07 16:57\u{2069}"));
    for id in ["vantetider", "kolada", "sample"] {
        if let Some(licence) = (c.source_licence)(id) {
            assert_isolated(licence);
        }
    }
    assert_eq!((c.km)(17), "17 كم");
}

#[test]
fn vardlotsen_is_marked_english_and_left_to_right_on_an_arabic_page() {
    // The navigators' texts exist in Swedish and English; Arabic readers get English.
    let apart = Lang::Ar.navigator_texts().lang_apart_from(Lang::Ar);
    assert_eq!(apart, Some(Lang::En));
    assert_eq!(apart.map(Lang::dir), Some("ltr"));
    assert_eq!(apart.map(Lang::tag), Some("en"));
    for lang in [Lang::Sv, Lang::En] {
        assert_eq!(
            lang.navigator_texts().lang_apart_from(lang),
            None,
            "{lang:?}"
        );
    }
    assert_eq!(Lang::Sv.navigator_texts().lang, Lang::Sv);
}

#[test]
fn the_checker_finds_a_date_outside_an_isolate() {
    assert_eq!(unisolated_separators("بدأ 2026-09-01 16:57").len(), 3);
    assert!(unisolated_separators("بدأ \u{2066}2026-09-01\u{2069}").is_empty());
    assert!(unisolated_separators("12 رقمًا - مثلًا").is_empty());
    assert!(!balanced("\u{2066}2026"));
}
