//! Alphabetical order as each reader expects it (CLDR's collation, for the
//! letters these lists hold). Swedish puts Å, Ä, Ö after Z, in that order (Æ
//! with Ä, Ø with Ö, Ü with Y; other accents with their letter: É is E);
//! English sorts every accented letter with its base letter; Arabic puts the
//! Arabic letters first in their alphabetical order (أ إ آ with ا, ة with ه,
//! ى with ي), then other scripts as English does. Case and accents other
//! than these only break ties.

use std::cmp::Ordering;

/// Whose alphabetical order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Collation {
    Swedish,
    English,
    Arabic,
}

/// The weight of letter `c` (digits and other scripts' letters weigh by their
/// own code points in the same band).
const fn letter(c: char) -> u32 {
    0x1000 + c as u32
}

/// Where Swedish's own letters go: after z (z's weight + 1, 2, 3).
const AFTER_Z: u32 = letter('z');

/// Lower case for the letters these lists hold (ASCII and Latin-1's); others
/// as they are. (The full Unicode tables would add kilobytes to every page
/// that sorts.)
fn lower(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        'À'..='Þ' if c != '×' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        _ => c,
    }
}

/// One character's primary weight: letters that sort alike weigh the same;
/// digits before letters; ASCII spaces and punctuation first, as one.
fn weight(c: char, collation: Collation) -> u32 {
    let lower = lower(c);
    if collation == Collation::Swedish {
        match lower {
            'å' => return AFTER_Z + 1,
            'ä' | 'æ' => return AFTER_Z + 2,
            'ö' | 'ø' => return AFTER_Z + 3,
            'ü' => return letter('y'),
            _ => {}
        }
    }
    if collation == Collation::Arabic {
        // Arabic letters before every other script.
        let folded = match lower {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ة' => 'ه',
            'ى' | 'ئ' => 'ي',
            'ؤ' => 'و',
            c => c,
        };
        if ('\u{0621}'..='\u{064A}').contains(&folded) {
            return 0x100 + folded as u32 - 0x0621;
        }
    }
    let base = match lower {
        'å' | 'ä' | 'á' | 'à' | 'â' | 'ã' | 'æ' => 'a',
        'ö' | 'ø' | 'ó' | 'ò' | 'ô' | 'õ' => 'o',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'ü' | 'ú' | 'ù' | 'û' => 'u',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ç' => 'c',
        'ñ' => 'n',
        'ý' | 'ÿ' => 'y',
        c => c,
    };
    match base {
        '0'..='9' => 0x10 + base as u32 - '0' as u32,
        c if c.is_ascii() && !c.is_ascii_alphanumeric() => 1,
        c => letter(c),
    }
}

/// The letters of `text` as `collation` weighs them: keys order as
/// [`compare`] does but for ties of accent and case. For sorting many rows by
/// a key computed once.
pub fn key(text: &str, collation: Collation) -> Vec<u32> {
    text.chars().map(|c| weight(c, collation)).collect()
}

/// Orders `a` and `b` as `collation`'s readers expect: by letters first, then
/// (for words alike but for accents and case) by the characters themselves.
pub fn compare(a: &str, b: &str, collation: Collation) -> Ordering {
    let primary = |s: &str| key(s, collation);
    // Ties: accents by the letters themselves, then lower case first.
    let lowered = |s: &str| s.chars().map(lower).collect::<String>();
    let capitals = |s: &str| s.chars().map(|c| lower(c) != c).collect::<Vec<bool>>();
    primary(a)
        .cmp(&primary(b))
        .then_with(|| lowered(a).cmp(&lowered(b)))
        .then_with(|| capitals(a).cmp(&capitals(b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(words: &[&str], collation: Collation) -> Vec<String> {
        let mut words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        crate::sorting::sort_by(&mut words, |a, b| compare(a, b, collation));
        words
    }

    #[test]
    fn swedish_puts_a_ring_a_umlaut_and_o_umlaut_after_z() {
        let words = [
            "Ögonsjukvård",
            "Åderbråcksoperation",
            "Njurmedicin",
            "Ärftlighetsutredning",
            "Obesitaskirurgi",
            "Zonterapi",
            "Allergologi",
        ];
        assert_eq!(
            sorted(&words, Collation::Swedish),
            [
                "Allergologi",
                "Njurmedicin",
                "Obesitaskirurgi",
                "Zonterapi",
                "Åderbråcksoperation",
                "Ärftlighetsutredning",
                "Ögonsjukvård"
            ]
        );
        // Within words too, and Ü with Y, É with E, Ø with Ö, Æ with Ä.
        assert_eq!(
            sorted(&["Öö", "Öa", "Oz", "Åa"], Collation::Swedish),
            ["Oz", "Åa", "Öa", "Öö"]
        );
        assert_eq!(
            compare("Müller", "Myller", Collation::Swedish),
            Ordering::Greater
        );
        assert_eq!(
            compare("Müller", "Mylles", Collation::Swedish),
            Ordering::Less
        );
        assert_eq!(compare("Café", "Cafz", Collation::Swedish), Ordering::Less);
        assert_eq!(
            compare("Søren", "Söra", Collation::Swedish),
            Ordering::Greater
        );
        // Case only breaks ties.
        assert_eq!(
            sorted(&["b", "A", "a", "B"], Collation::Swedish),
            ["a", "A", "b", "B"]
        );
    }

    #[test]
    fn english_sorts_accented_letters_with_their_base_letter() {
        let words = [
            "Ögonsjukvård",
            "Åderbråcksoperation",
            "Njurmedicin",
            "Obesitaskirurgi",
            "Zonterapi",
        ];
        assert_eq!(
            sorted(&words, Collation::English),
            [
                "Åderbråcksoperation",
                "Njurmedicin",
                "Obesitaskirurgi",
                "Ögonsjukvård",
                "Zonterapi"
            ]
        );
    }

    #[test]
    fn arabic_letters_in_their_order_before_other_scripts() {
        // باء، تاء، جيم، ألف مع همزة — and a Latin name after them.
        let words = [
            "جراحة",
            "Zonterapi",
            "أمراض",
            "تخدير",
            "بصريات",
            "Allergologi",
        ];
        assert_eq!(
            sorted(&words, Collation::Arabic),
            [
                "أمراض",
                "بصريات",
                "تخدير",
                "جراحة",
                "Allergologi",
                "Zonterapi"
            ]
        );
    }
}
