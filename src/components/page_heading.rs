//! The page's `h1`. It can take focus (`tabindex="-1"`): after a navigation inside
//! the app the router moves focus here, so keyboard and screen-reader users start
//! at the top of the new page. On first load focus stays where the browser puts
//! it, so the skip link is the first Tab stop.

use leptos::prelude::*;

use crate::router::PAGE_HEADING_ID;

#[component]
pub fn PageHeading(text: &'static str) -> impl IntoView {
    view! { <h1 id=PAGE_HEADING_ID tabindex="-1">{text}</h1> }
}
