//! A labelled form field with an optional hint and an error message beside it.

use leptos::prelude::*;

/// The ids of a field's hint and error elements, for `aria-describedby`.
pub fn field_ids(id: &str) -> (String, String) {
    (format!("{id}-hint"), format!("{id}-error"))
}

/// Wraps one input. The input itself is passed as children and must carry `id`
/// and `aria-describedby` built with [`field_ids`].
#[component]
pub fn Field(
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(into)] error: Signal<Option<&'static str>>,
    children: Children,
) -> impl IntoView {
    let (hint_id, error_id) = field_ids(&id);
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <label for=id.clone()>{move || label.get()}</label>
            {hint.filter(|hint| !hint.is_empty()).map(|hint| view! { <p class="field__hint" id=hint_id.clone()>{hint}</p> })}
            <p class="field__error" id=error_id.clone() hidden=move || error.get().is_none()>
                {move || error.get()}
            </p>
            {children()}
        </div>
    }
}

/// The `aria-describedby` value for a field with an optional hint.
pub fn described_by(id: &str, has_hint: bool) -> String {
    let (hint, error) = field_ids(id);
    if has_hint {
        format!("{hint} {error}")
    } else {
        error
    }
}
