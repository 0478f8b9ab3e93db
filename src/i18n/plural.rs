//! Which plural form a count takes, by CLDR's plural rules for whole numbers
//! (https://cldr.unicode.org/index/cldr-spec/plural-rules; the browser's
//! `Intl.PluralRules` gives the same answers, which a component test checks).
//! Every counted text picks its words by this, never by its own ranges.

/// CLDR's plural categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Plural {
    /// CLDR's name of the category (as `Intl.PluralRules.select` says it).
    pub fn as_str(self) -> &'static str {
        match self {
            Plural::Zero => "zero",
            Plural::One => "one",
            Plural::Two => "two",
            Plural::Few => "few",
            Plural::Many => "many",
            Plural::Other => "other",
        }
    }
}

/// Swedish and English: "one" for 1, "other" for every other whole number.
pub fn one_other(n: u64) -> Plural {
    if n == 1 { Plural::One } else { Plural::Other }
}

/// Arabic: zero 0; one 1; two 2; few when n % 100 is 3-10; many when it is
/// 11-99; other for the rest (100-102, 200-202, …).
pub fn arabic(n: u64) -> Plural {
    match (n, n % 100) {
        (0, _) => Plural::Zero,
        (1, _) => Plural::One,
        (2, _) => Plural::Two,
        (_, 3..=10) => Plural::Few,
        (_, 11..=99) => Plural::Many,
        _ => Plural::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CLDR's own sample integers for each category (plurals.xml, v46).
    #[test]
    fn arabic_follows_cldrs_samples() {
        let samples: [(Plural, &[u64]); 6] = [
            (Plural::Zero, &[0]),
            (Plural::One, &[1]),
            (Plural::Two, &[2]),
            (Plural::Few, &[3, 4, 10, 103, 110, 1003]),
            (Plural::Many, &[11, 12, 26, 99, 111, 1011]),
            (
                Plural::Other,
                &[100, 101, 102, 200, 201, 202, 300, 1000, 10000, 100000],
            ),
        ];
        for (category, numbers) in samples {
            for n in numbers {
                assert_eq!(arabic(*n), category, "{n}");
            }
        }
    }

    #[test]
    fn swedish_and_english_have_one_and_other() {
        assert_eq!(one_other(1), Plural::One);
        for n in [0, 2, 5, 11, 21, 101] {
            assert_eq!(one_other(n), Plural::Other, "{n}");
        }
    }
}
