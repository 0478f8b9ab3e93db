//! The list of errors at the top of a form, each linking to its field. It takes
//! focus when shown, so the patient hears what to fix.

use leptos::html::Div;
use leptos::prelude::*;

#[component]
pub fn ErrorSummary(
    heading: &'static str,
    /// (field id, message) pairs; nothing renders while empty.
    #[prop(into)]
    errors: Signal<Vec<(String, &'static str)>>,
) -> impl IntoView {
    let summary = NodeRef::<Div>::new();
    Effect::new(move |_| {
        if !errors.with(Vec::is_empty)
            && let Some(summary) = summary.get()
        {
            let _ = summary.focus();
        }
    });
    view! {
        <div class="error-summary" role="alert" tabindex="-1" node_ref=summary hidden=move || errors.with(Vec::is_empty)>
            <h3 class="error-summary__heading">{heading}</h3>
            <ul>
                {move || {
                    errors
                        .get()
                        .into_iter()
                        .map(|(id, message)| {
                            let href = format!("#{id}");
                            let jump = move |ev: leptos::ev::MouseEvent| {
                                ev.prevent_default();
                                crate::platform::host::focus_by_id(&id);
                            };
                            view! { <li><a href=href on:click=jump>{message}</a></li> }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
