//! The timeline of deadlines for one episode.

use leptos::prelude::*;
use vardkoll_domain::episode::Episode;

use super::advice::Advice;
use crate::components::StatusBadge;
use crate::i18n::use_texts;
use crate::platform::clock::Today;
use crate::timeline_view::{advice_needed, deadline_rows};

#[component]
pub fn DeadlineList(#[prop(into)] episode: Signal<Option<Episode>>) -> impl IntoView {
    let t = use_texts();
    let Today(today) = expect_context::<Today>();
    let rows = Memo::new(move |_| {
        episode.with(|e| {
            e.as_ref()
                .map(|e| deadline_rows(e, today, t))
                .unwrap_or_default()
        })
    });
    view! {
        <section class="deadlines">
            <h3>{t.deadlines_heading}</h3>
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="empty">{t.no_deadlines}</p>
            </Show>
            <ol class="timeline">
                {move || rows.get().into_iter().map(|row| view! {
                    <li class="timeline__item" data-key=row.key.clone()>
                        <h4 class="timeline__title">{row.title.clone()}</h4>
                        <StatusBadge tone=row.tone text=row.status_text />
                        <dl class="timeline__facts">
                            {row.deadline_text.clone().map(|text| view! {
                                <div><dt>{t.deadline_label}</dt><dd class="timeline__deadline">{text}</dd></div>
                            })}
                            {row.days_left_text.clone().map(|text| view! {
                                <div><dt class="visually-hidden">{t.days_left_label}</dt><dd class="timeline__days">{text}</dd></div>
                            })}
                            <div><dt class="visually-hidden">{t.started_label}</dt><dd>{row.started_text.clone()}</dd></div>
                            {row.source.map(|source| view! {
                                <div><dt>{t.source_label}</dt><dd class="timeline__source">{source}</dd></div>
                            })}
                        </dl>
                        {(!row.notes.is_empty()).then(|| view! {
                            <ul class="timeline__notes">
                                {row.notes.iter().map(|note| view! { <li>{note.clone()}</li> }).collect_view()}
                            </ul>
                        })}
                    </li>
                }).collect_view()}
            </ol>
            {move || rows.with(|rows| advice_needed(rows)).into_iter().map(|binding| view! {
                <Advice binding=binding />
            }).collect_view()}
        </section>
    }
}
