use leptos::prelude::*;

use crate::components::PageHeading;
use crate::i18n::use_texts;
use crate::router::{Link, Route};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let t = use_texts();
    view! {
        <PageHeading text=t.not_found_title />
        <p>{t.not_found_text}</p>
        <p><Link route=Route::Guarantees>{t.back_home}</Link></p>
    }
}
