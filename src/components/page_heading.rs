//! The page's `h1`. It can take focus (`tabindex="-1"`): after a navigation inside
//! the app the router moves focus here, so keyboard and screen-reader users start
//! at the top of the new page. On first load focus stays where the browser puts
//! it, so the skip link is the first Tab stop. It also names the page in the
//! document's title (WCAG 2.4.2), so every page's title is its heading.

use leptos::prelude::*;

use crate::i18n::use_texts;
use crate::platform::host;
use crate::router::PAGE_HEADING_ID;

#[component]
pub fn PageHeading(text: &'static str) -> impl IntoView {
    host::set_title(&page_title(text, use_texts().app_name));
    view! { <h1 id=PAGE_HEADING_ID tabindex="-1">{text}</h1> }
}

/// A page's title: its heading first (what tells the page apart in a list of
/// tabs or in a screen reader's first words), then the app's name.
pub fn page_title(heading: &str, app_name: &str) -> String {
    format!("{heading} – {app_name}")
}

#[cfg(test)]
mod tests {
    use super::page_title;

    #[test]
    fn the_title_names_the_page_first() {
        assert_eq!(
            page_title("Väntetider", "Vårdkoll"),
            "Väntetider – Vårdkoll"
        );
    }
}
