//! Draws its children once what is on screen now has been painted: a part
//! below the fold (the map's table, the lower half of the referral form)
//! is then drawn in a task of its own, not in the same long task as the part
//! above it, so the page stays responsive while both are drawn.

use leptos::prelude::*;

use crate::platform::clock::next_paint;

/// A flag that turns true once what is on screen now has been painted.
pub fn painted_flag() -> ReadSignal<bool> {
    let (painted, set_painted) = signal(false);
    leptos::task::spawn_local(async move {
        next_paint().await;
        // Gone already when the patient left the page before the paint.
        let _ = set_painted.try_set(true);
    });
    painted
}

#[component]
pub fn AfterPaint(children: ChildrenFn) -> impl IntoView {
    let painted = painted_flag();
    // Only `painted` draws them again: nothing the children read on creation.
    move || painted.get().then(|| untrack(|| children()))
}
