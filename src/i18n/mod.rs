//! The i18n layer: every text the patient sees comes from a table of the
//! patient's language — [`Texts`] for the app shell and "Mina vårdgarantier",
//! [`CompareTexts`], [`ReferralTexts`], [`NavigatorTexts`] and [`FreeTimesTexts`]
//! for the comparison, the referral pages, Vårdlotsen and Lediga tider (only their split points use
//! them, so they stay out of the first load; in English and Arabic they load
//! only for those who read them: [`page_texts`]).
//!
//! Each language is one `const` value per table, so a missing translation is a
//! compile error, not a blank on screen. Swedish is the default; English and
//! Arabic (right to left) follow. The language is chosen from the browser,
//! can be switched, is remembered, and is written to the document's `lang` and
//! `dir`. Every page reads it from the one signal the shell provides.

mod ar;
mod ar_compare;
mod ar_referral;
mod compare_texts;
mod en;
mod en_compare;
mod en_free_times;
mod en_navigator;
mod en_referral;
mod format;
mod free_times_texts;
mod navigator_texts;
pub mod page_texts;
pub mod plural;
mod referral_texts;
mod sv;
mod sv_compare;
mod sv_free_times;
mod sv_navigator;
mod sv_referral;
mod texts;

#[cfg(test)]
mod bidi_tests;

pub use compare_texts::CompareTexts;
pub use format::{long_date, numeric_date, swedish_time};
pub use free_times_texts::FreeTimesTexts;
pub use navigator_texts::NavigatorTexts;
pub use referral_texts::ReferralTexts;
pub use texts::Texts;
pub use vardkoll_domain::collate::Collation;

use leptos::prelude::*;

/// A language the app is translated into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Sv,
    En,
    Ar,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Sv, Lang::En, Lang::Ar];

    /// The BCP 47 tag for the `lang` attribute.
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
            Lang::Ar => "ar",
        }
    }

    /// The writing direction, for the `dir` attribute.
    pub const fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            Lang::Sv | Lang::En => "ltr",
        }
    }

    /// How this language's readers expect lists in alphabetical order.
    pub const fn collation(self) -> Collation {
        match self {
            Lang::Sv => Collation::Swedish,
            Lang::En => Collation::English,
            Lang::Ar => Collation::Arabic,
        }
    }

    /// The language's name in itself, for the language menu.
    pub const fn native_name(self) -> &'static str {
        match self {
            Lang::Sv => "Svenska",
            Lang::En => "English",
            Lang::Ar => "العربية",
        }
    }

    /// The language of a tag such as `sv`, `en-GB` or `ar-SE`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|lang| lang.tag() == primary)
    }

    /// The first of the browser's preferred languages that Vårdkoll speaks;
    /// Swedish when none is.
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Lang {
        preferred
            .into_iter()
            .find_map(Lang::from_tag)
            .unwrap_or(Lang::Sv)
    }

    /// The shell's texts. Arabic's only once loaded (see [`page_texts`]);
    /// until then Swedish (the app starts in Arabic, and the language menu
    /// switches to it, only once they are here).
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Sv => &sv::SV,
            Lang::En => &en::EN,
            Lang::Ar => page_texts::loaded(self).map_or(&sv::SV, |tables| tables.shell),
        }
    }

    /// The comparison's texts. English and Arabic only once loaded (see
    /// [`page_texts`]); until then, and should loading have failed, Swedish.
    pub fn compare_texts(self) -> &'static CompareTexts {
        match page_texts::loaded(self) {
            Some(tables) => tables.compare,
            None => &sv_compare::SV_COMPARE,
        }
    }

    /// "Vårdlotsen"'s texts (in English for Arabic readers), as [`Lang::compare_texts`].
    pub fn navigator_texts(self) -> &'static NavigatorTexts {
        match page_texts::loaded(self) {
            Some(tables) => tables.navigator,
            None => &sv_navigator::SV_NAVIGATOR,
        }
    }

    /// "Lediga tider"'s texts (in English for Arabic readers), as [`Lang::compare_texts`].
    pub fn free_times_texts(self) -> &'static FreeTimesTexts {
        match page_texts::loaded(self) {
            Some(tables) => tables.free_times,
            None => &sv_free_times::SV_FREE_TIMES,
        }
    }

    /// The referral pages' texts, as [`Lang::compare_texts`].
    pub fn referral_texts(self) -> &'static ReferralTexts {
        match page_texts::loaded(self) {
            Some(tables) => tables.referral,
            None => &sv_referral::SV_REFERRAL,
        }
    }

    /// A request's status in this language: the same words as the referral
    /// pages' table, reached without it, so a page that needs only these
    /// (Vårdlotsen) does not load that whole table in three languages.
    pub fn request_status(self, status: vardkoll_domain::api::ReferralStatus) -> &'static str {
        match self {
            Lang::Sv => sv_referral::status(status),
            Lang::En => en_referral::status(status),
            Lang::Ar => ar_referral::status(status),
        }
    }
}

/// Writes `lang` to the `lang` and `dir` of the page (or of the app's element
/// in a portal, whose page keeps its own).
pub fn set_document_lang(lang: Lang) {
    if let Some(html) = crate::platform::host::lang_element() {
        let _ = html.set_attribute("lang", lang.tag());
        let _ = html.set_attribute("dir", lang.dir());
    }
}

/// The browser's preferred languages, most preferred first.
pub fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Provides the language signal to the component tree.
pub fn provide_i18n(lang: RwSignal<Lang>) {
    provide_context(lang);
}

/// The texts of the current language. Falls back to Swedish outside a provider.
pub fn use_texts() -> &'static Texts {
    use_context::<RwSignal<Lang>>()
        .map_or(Lang::Sv, |lang| lang.get_untracked())
        .texts()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pause_reads_until_its_last_day_in_a_sentence() {
        use vardkoll_domain::episode::{EventKind, ExclusionReason};
        use vardkoll_domain::step::Step;
        for lang in Lang::ALL {
            let t = lang.texts();
            assert_eq!(
                t.until_in_sentence,
                t.until_label.to_lowercase(),
                "{lang:?}"
            );
        }
        let pause = EventKind::ExcludedTime {
            step: Step::Treatment,
            until: vardkoll_domain::date::ymd(2026, 12, 24),
            reason: ExclusionReason::Medical,
        };
        let line = Lang::Sv.texts().event(pause);
        assert!(line.ends_with(", till och med 2026-12-24"), "{line}");
    }

    #[test]
    fn a_status_reads_the_same_with_or_without_the_referral_table() {
        use vardkoll_domain::api::ReferralStatus;
        for lang in Lang::ALL {
            for status in ReferralStatus::ALL {
                let word = lang.texts().request_status(status);
                assert_eq!(word, (lang.referral_texts().status)(status), "{lang:?}");
                assert!(!word.is_empty());
            }
        }
        assert_ne!(
            Lang::Sv.texts().request_status(ReferralStatus::Received),
            Lang::En.texts().request_status(ReferralStatus::Received)
        );
    }

    #[test]
    fn the_browser_language_is_chosen_when_spoken_and_swedish_otherwise() {
        assert_eq!(Lang::negotiate(["fi-FI", "en-GB", "sv"]), Lang::En);
        assert_eq!(Lang::negotiate(["ar"]), Lang::Ar);
        assert_eq!(Lang::negotiate(["SV_se"]), Lang::Sv);
        assert_eq!(Lang::negotiate(["de", "fr"]), Lang::Sv);
        assert_eq!(Lang::negotiate([]), Lang::Sv);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn every_language_has_its_tag_direction_and_own_tables() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
            assert_eq!(lang.texts().lang, lang, "{lang:?}");
            assert_eq!(lang.dir() == "rtl", lang == Lang::Ar);
        }
        // Each language is really translated, not a copy of the Swedish table.
        for lang in [Lang::En, Lang::Ar] {
            let (t, sv) = (lang.texts(), Lang::Sv.texts());
            assert_ne!(t.guarantees_title, sv.guarantees_title);
            assert_ne!(t.compare().search_label, sv.compare().search_label);
            assert_ne!(t.referral().submit, sv.referral().submit);
            assert_ne!(t.months, sv.months);
            assert_ne!((t.days)(5), (sv.days)(5));
        }
    }

    #[test]
    fn numbers_and_dates_read_as_each_language_writes_them() {
        let date = chrono::NaiveDate::from_ymd_opt(2025, 12, 25).unwrap();
        assert_eq!(
            long_date(Lang::En.texts(), date),
            "Thursday 25 December 2025"
        );
        assert_eq!(long_date(Lang::Ar.texts(), date), "الخميس 25 ديسمبر 2025");
        let percent = |lang: Lang| (lang.compare_texts().percent)(80);
        assert_eq!(
            [percent(Lang::Sv), percent(Lang::En), percent(Lang::Ar)],
            ["80 %", "80%", "80٪"]
        );
        assert_eq!((Lang::En.texts().days)(1), "1 day");
    }
}
