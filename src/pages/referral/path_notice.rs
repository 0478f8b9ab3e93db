//! Which path applies, explained before the patient commits. Drawn by the
//! page's top in the shell, so its texts are the shell's.

use leptos::prelude::*;
use vardkoll_domain::referral::CarePath;

use crate::i18n::{long_date, use_texts};

#[component]
pub fn PathNotice(#[prop(into)] path: Signal<CarePath>) -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="card path-notice" aria-labelledby="path-heading">
            <h2 id="path-heading">{t.path_heading}</h2>
            {move || match path.get() {
                CarePath::ArrangedByRegion { step, deadline, missed } => view! {
                    <p class="path-notice__fact" data-path="region">{t.path_fact(step, deadline, missed)}</p>
                    <p>{t.path_region_arranges}</p>
                }
                .into_any(),
                CarePath::FreeChoice { running } => view! {
                    <p data-path="free-choice">{t.path_free_choice}</p>
                    {running.map(|(_, d)| view! { <p class="path-notice__fact">{(t.path_gives_up)(&long_date(t, d))}</p> })}
                }
                .into_any(),
            }}
            <p class="path-notice__source">{t.source_label}": "{t.path_source}</p>
        </section>
    }
}
