//! Free text from a person (a name, a clinic, a message, a note): what it may
//! contain.
//!
//! - No control characters: none in one-line text; in longer text only line
//!   breaks and tabs. A NUL or a CR/LF in a name breaks what stores, logs or
//!   prints it.
//! - No bidirectional overrides or isolates (U+202A–U+202E, U+2066–U+2069):
//!   they make text display in another order than it is stored, so a reader sees
//!   something other than what was sent.
//! - Text of nothing but spaces and invisible characters is blank: "required",
//!   not a name.
//!
//! Dates and identity numbers are read through [`normalise_digits`] first, so
//! that one typed on an Arabic keyboard is the same date or number.

use std::borrow::Cow;

use crate::api::ProblemCode;

/// Characters that draw nothing: zero-width spaces and joiners, the soft
/// hyphen, word joiners, the byte-order mark, fillers, and the bidi marks.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
    )
}

fn is_direction_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The ASCII digit an Arabic-Indic digit (U+0660–U+0669, as Arabic writes
/// them) or an Eastern Arabic-Indic digit (U+06F0–U+06F9, as Persian and Urdu
/// write them) stands for.
fn ascii_digit(c: char) -> Option<char> {
    let zero = match c {
        '\u{0660}'..='\u{0669}' => 0x0660,
        '\u{06F0}'..='\u{06F9}' => 0x06F0,
        _ => return None,
    };
    char::from_digit(u32::from(c) - zero, 10)
}

/// Direction marks and isolates: invisible, and carried along when a date or
/// number is copied from right-to-left text (the app's Arabic hints wrap their
/// examples in isolates).
fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}') || is_direction_override(c)
}

/// Text typed as digits (a date, an identity number) with Arabic-Indic and
/// Eastern Arabic-Indic digits as ASCII digits and direction marks dropped;
/// anything else as it is. What comes out is what is checked, kept and sent.
pub fn normalise_digits(text: &str) -> Cow<'_, str> {
    if text
        .chars()
        .all(|c| ascii_digit(c).is_none() && !is_direction_mark(c))
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|c| !is_direction_mark(*c))
            .map(|c| ascii_digit(c).unwrap_or(c))
            .collect(),
    )
}

/// Whether `text` shows nothing: empty, spaces, or invisible characters only.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// Checks `text` against the rules above and a length in characters.
/// `multi_line` allows line breaks and tabs.
pub fn check_text(text: &str, max_chars: usize, multi_line: bool) -> Result<(), ProblemCode> {
    let allowed_control = |c: char| multi_line && matches!(c, '\n' | '\r' | '\t');
    if text
        .chars()
        .any(|c| (c.is_control() && !allowed_control(c)) || is_direction_override(c))
    {
        return Err(ProblemCode::Characters);
    }
    if text.chars().count() > max_chars {
        return Err(ProblemCode::TooLong);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_text_takes_no_control_characters() {
        assert_eq!(check_text("Tolvan Tolvansson", 100, false), Ok(()));
        for bad in [
            "Tol\0van",
            "Tolvan\r\nX-Injected: 1",
            "Tol\u{7}van",
            "Tolvan\n",
            "a\u{85}b",
        ] {
            assert_eq!(
                check_text(bad, 100, false),
                Err(ProblemCode::Characters),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn longer_text_keeps_its_line_breaks_and_tabs_only() {
        assert_eq!(check_text("Rad ett\r\nRad två\ttabb", 1000, true), Ok(()));
        assert_eq!(
            check_text("Rad\0", 1000, true),
            Err(ProblemCode::Characters)
        );
    }

    #[test]
    fn direction_overrides_and_isolates_are_refused() {
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}',
        ] {
            let text = format!("abc{c}def");
            assert_eq!(
                check_text(&text, 100, true),
                Err(ProblemCode::Characters),
                "{c:?}"
            );
        }
        // Arabic and Hebrew text as such is welcome.
        assert_eq!(check_text("محمد", 100, false), Ok(()));
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert_eq!(check_text(&"å".repeat(100), 100, false), Ok(()));
        assert_eq!(
            check_text(&"å".repeat(101), 100, false),
            Err(ProblemCode::TooLong)
        );
    }

    #[test]
    fn arabic_indic_digits_read_as_ascii_digits() {
        assert_eq!(normalise_digits("٠١٢٣٤٥٦٧٨٩"), "0123456789");
        assert_eq!(normalise_digits("۰۱۲۳۴۵۶۷۸۹"), "0123456789");
        assert_eq!(normalise_digits("٢٠٢٦-١٢-٠٧"), "2026-12-07");
        assert_eq!(normalise_digits("\u{2066}2026-12-07\u{2069}"), "2026-12-07");
        assert_eq!(normalise_digits("\u{200F}١٢\u{200E}"), "12");
        // Other characters stay, for the parser to refuse.
        assert_eq!(normalise_digits("٢٠٢٦/x"), "2026/x");
        assert!(matches!(
            normalise_digits("2026-12-07"),
            Cow::Borrowed("2026-12-07")
        ));
    }

    #[test]
    fn invisible_only_text_is_blank() {
        assert!(is_blank(""));
        assert!(is_blank(" \t"));
        assert!(is_blank("\u{200B}\u{200D}\u{FEFF}\u{2060}\u{00AD}\u{3164}"));
        assert!(!is_blank("\u{200B}A"));
        assert!(!is_blank("Å"));
    }
}
