//! The i18n layer: every text the patient sees comes from a [`Texts`] table.
//!
//! Each language is one `const Texts` value, so a missing translation is a compile
//! error, not a blank on screen. Swedish is the default; English and Arabic are
//! added as further tables.

mod compare_texts;
mod format;
mod referral_texts;
mod sv;
mod sv_compare;
mod sv_referral;
mod texts;

pub use compare_texts::CompareTexts;
pub use format::{long_date, numeric_date};
pub use referral_texts::ReferralTexts;
pub use texts::Texts;

use leptos::prelude::*;

/// A language the app is translated into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Sv,
}

impl Lang {
    /// The BCP 47 tag for the `lang` attribute.
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
        }
    }

    pub const fn texts(self) -> &'static Texts {
        match self {
            Lang::Sv => &sv::SV,
        }
    }
}

/// Provides the language to the component tree.
pub fn provide_i18n(lang: Lang) {
    provide_context(RwSignal::new(lang));
}

/// The texts of the current language. Falls back to Swedish outside a provider.
pub fn use_texts() -> &'static Texts {
    use_context::<RwSignal<Lang>>()
        .map_or(Lang::Sv, |lang| lang.get_untracked())
        .texts()
}
