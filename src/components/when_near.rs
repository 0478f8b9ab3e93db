//! Draws its children only once their place on the page comes within a
//! screen's height of what the patient sees (scrolling, or tabbing through
//! what is above it, brings it there): a part far below the fold (the
//! comparison's map) then costs a first visit nothing. Where it is in view
//! from the start (a tall screen, a portal's iframe as tall as the app) it is
//! drawn at once. Once drawn it stays.

use leptos::html::Div;
use leptos::prelude::*;

use crate::platform::viewport::{NearViewport, when_near_viewport};

#[component]
pub fn WhenNear(children: ChildrenFn) -> impl IntoView {
    let near = RwSignal::new(false);
    let place = NodeRef::<Div>::new();
    // Dropped with the component: a page left first stops the watching.
    let watch = StoredValue::new_local(None::<NearViewport>);
    Effect::new(move |_| {
        if let Some(element) = place.get() {
            let handle = when_near_viewport(&element, move || {
                let _ = near.try_set(true);
            });
            watch.set_value(handle);
        }
    });
    // Only `near` draws them: nothing the children read on creation.
    view! {
        <div class="when-near" node_ref=place>
            {move || near.get().then(|| untrack(|| children()))}
        </div>
    }
}
