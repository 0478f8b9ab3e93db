//! The pages' text tables in English and Arabic, loaded only by those who read
//! them, and Arabic's words for the app shell too. Swedish, the default, is in
//! the pages' own code (and the shell's, with English, in the first load); in
//! the release build each other language's tables ([`CompareTexts`],
//! [`ReferralTexts`], [`NavigatorTexts`], [`FreeTimesTexts`], Arabic's [`Texts`]) are a split
//! point of their own (`lang_en`, `lang_ar`), which [`load`] fetches before a
//! page is drawn in that language ([`crate::components::LazyView`] waits for
//! it, on a page's first use), before the app starts in Arabic and before the
//! language menu switches. So a page carries one language's words, not three.
//! Everywhere else (native and component tests) every table is in the program
//! and [`load`] has nothing to do.

use super::{CompareTexts, FreeTimesTexts, Lang, NavigatorTexts, ReferralTexts, Texts};
use crate::platform::split::SplitError;

/// One language's tables for the pages (and the shell's, for Arabic).
pub struct PageTexts {
    pub shell: &'static Texts,
    pub compare: &'static CompareTexts,
    pub referral: &'static ReferralTexts,
    pub navigator: &'static NavigatorTexts,
    pub free_times: &'static FreeTimesTexts,
}

const ENGLISH: PageTexts = PageTexts {
    shell: &super::en::EN,
    compare: &super::en_compare::EN_COMPARE,
    referral: &super::en_referral::EN_REFERRAL,
    navigator: &super::en_navigator::EN_NAVIGATOR,
    free_times: &super::en_free_times::EN_FREE_TIMES,
};

/// Vårdlotsen and Lediga tider are for staff, in Swedish or English; Arabic
/// readers get English.
const ARABIC: PageTexts = PageTexts {
    shell: &super::ar::AR,
    compare: &super::ar_compare::AR_COMPARE,
    referral: &super::ar_referral::AR_REFERRAL,
    navigator: &super::en_navigator::EN_NAVIGATOR,
    free_times: &super::en_free_times::EN_FREE_TIMES,
};

/// The tables of `lang` (not Swedish), if loaded.
#[cfg(not(wasm_split))]
pub fn loaded(lang: Lang) -> Option<&'static PageTexts> {
    match lang {
        Lang::Sv => None,
        Lang::En => Some(&ENGLISH),
        Lang::Ar => Some(&ARABIC),
    }
}

/// Loads the tables of `lang` unless they are here already.
#[cfg(not(wasm_split))]
pub async fn load(_lang: Lang) -> Result<(), SplitError> {
    Ok(())
}

#[cfg(wasm_split)]
pub use split::load;
#[cfg(wasm_split)]
pub use split::loaded;

#[cfg(wasm_split)]
mod split {
    use std::cell::Cell;

    use super::{ARABIC, ENGLISH, Lang, PageTexts, SplitError};
    use crate::split_point;

    thread_local! {
        static ENGLISH_LOADED: Cell<Option<&'static PageTexts>> = const { Cell::new(None) };
        static ARABIC_LOADED: Cell<Option<&'static PageTexts>> = const { Cell::new(None) };
    }

    split_point! {
        fn english() -> &'static PageTexts, split lang_en { &ENGLISH }
    }

    split_point! {
        fn arabic() -> &'static PageTexts, split lang_ar { &ARABIC }
    }

    pub fn loaded(lang: Lang) -> Option<&'static PageTexts> {
        match lang {
            Lang::Sv => None,
            Lang::En => ENGLISH_LOADED.with(Cell::get),
            Lang::Ar => ARABIC_LOADED.with(Cell::get),
        }
    }

    pub async fn load(lang: Lang) -> Result<(), SplitError> {
        if lang == Lang::Sv || loaded(lang).is_some() {
            return Ok(());
        }
        match lang {
            Lang::En => {
                let tables = english().await?;
                ENGLISH_LOADED.with(|c| c.set(Some(tables)));
            }
            Lang::Ar => {
                let tables = arabic().await?;
                ARABIC_LOADED.with(|c| c.set(Some(tables)));
            }
            Lang::Sv => {}
        }
        Ok(())
    }
}
