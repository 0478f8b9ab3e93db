//! "Vårdlotsen": the region's care navigators' page. Signed in with a
//! navigator's account, the work queue of their regions' requests (the most
//! urgent first, filterable); a request opened beside it with everything the
//! patient sent; moving it on. The logic is in [`crate::state::NavigatorDesk`]
//! and the domain crate; the server decides who may see what.

mod move_form;
mod queue_table;
mod request_detail;
mod suggestions;
mod top;

use leptos::prelude::*;

use crate::i18n::{Lang, use_texts};
use crate::platform::api::ApiError;
use crate::state::{Catalogue, NavigatorDesk, Session, SignIn};
use queue_table::QueueTable;
use request_detail::RequestDetail;
pub use top::NavigatorTop;

#[component]
pub fn NavigatorPage() -> impl IntoView {
    let t = use_texts();
    let n = t.navigator();
    let session = Session::use_context();
    let desk = NavigatorDesk::provide();
    // Service and provider names, and the providers an offer is made at.
    provide_context(Catalogue::load());
    let signed_in = Memo::new(move |_| matches!(session.state(), SignIn::SignedIn(_)));
    // Staff read these texts in Swedish or English: on an Arabic page they are
    // English, marked so and laid out left to right.
    let apart = n.lang_apart_from(t.lang);
    Effect::new(move |_| {
        if signed_in.get() {
            desk.load_queue();
        } else {
            desk.close();
        }
    });
    let content = move || match session.state() {
        SignIn::Unavailable => view! { <p class="notice">{n.sign_in_unavailable}</p> }.into_any(),
        SignIn::SignedIn(_) => {
            // A sign-in without the navigator's role: said once, not a queue.
            let refused = move || {
                desk.queue
                    .with(|q| matches!(q.error, Some(ApiError::Status(403, _))))
            };
            view! {
                <Show when=move || !refused() fallback=move || view! {
                    <p class="notice notice--warning" role="alert">{n.not_staff}</p>
                }>
                    <div class="navigator">
                        <QueueTable />
                        <RequestDetail />
                    </div>
                </Show>
            }
            .into_any()
        }
        _ => view! { <p class="notice">{n.sign_in_needed}</p> }.into_any(),
    };
    view! {
        <div class="navigator-page" lang=apart.map(Lang::tag) dir=apart.map(Lang::dir)>
            {content}
        </div>
    }
}
