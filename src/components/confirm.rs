//! A destructive action that asks once more, inline, before it acts.

use leptos::html::Button;
use leptos::prelude::*;

#[component]
pub fn ConfirmButton(
    /// The button that starts the action.
    label: &'static str,
    /// A fuller accessible name for the start button, e.g. "Ta bort Höften".
    #[prop(optional, into)]
    name: Option<Signal<String>>,
    /// What will happen, shown with the confirm button.
    warning: &'static str,
    confirm: &'static str,
    cancel: &'static str,
    #[prop(into)] on_confirm: Callback<()>,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let confirm_button = NodeRef::<Button>::new();
    let start_button = NodeRef::<Button>::new();
    // Focus follows the question: to "confirm" when asked, back to the start
    // button when the question is answered or cancelled.
    Effect::new(move |was_asking: Option<bool>| {
        let now = asking.get();
        let target = match (was_asking, now) {
            (_, true) => confirm_button.get(),
            (Some(true), false) => start_button.get(),
            _ => None,
        };
        if let Some(button) = target {
            let _ = button.focus();
        }
        now
    });
    view! {
        <div class="confirm">
            <button type="button" class="button button--danger" node_ref=start_button
                aria-label=move || name.map(|name| name.get())
                hidden=move || asking.get() on:click=move |_| asking.set(true)>
                {label}
            </button>
            <div class="confirm__ask" role="group" hidden=move || !asking.get()>
                <p>{warning}</p>
                <button type="button" class="button button--danger" node_ref=confirm_button
                    on:click=move |_| { asking.set(false); on_confirm.run(()); }>
                    {confirm}
                </button>
                <button type="button" class="button button--secondary"
                    on:click=move |_| asking.set(false)>
                    {cancel}
                </button>
            </div>
        </div>
    }
}
