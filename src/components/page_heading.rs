//! The page's `h1`, which takes focus when the page is shown so keyboard and
//! screen-reader users start at the top of the new page.

use leptos::html::H1;
use leptos::prelude::*;

#[component]
pub fn PageHeading(text: &'static str) -> impl IntoView {
    let heading = NodeRef::<H1>::new();
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    view! { <h1 id="page-heading" tabindex="-1" node_ref=heading>{text}</h1> }
}
