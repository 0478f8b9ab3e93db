//! Finding a service: type to search (Swedish-aware, synonyms) or browse a category.

use leptos::prelude::*;
use vardkoll_domain::api::ServiceCategory;
use vardkoll_domain::compare::search::search;

use super::context::Compare;
use super::data_status::{ErrorWithRetry, Skeleton};
use super::labels::{category_text, error_text};
use crate::i18n::use_texts;

const CATEGORIES: [(ServiceCategory, &str); 3] = [
    (ServiceCategory::Visit, "besok"),
    (ServiceCategory::Examination, "undersokning"),
    (ServiceCategory::Operation, "operation"),
];

#[component]
pub fn ServicePicker() -> impl IntoView {
    let t = use_texts();
    let compare = Compare::use_context();
    let query = compare.select(|v| v.query.clone());
    let category = compare.select(|v| v.category);
    let service = compare.select(|v| v.service.clone());
    let results = Memo::new(move |_| {
        let (query, category) = (query.get(), category.get());
        compare.services.with(|s| {
            s.value().map(|list| {
                search(
                    list,
                    &query,
                    category,
                    |s| t.service_name(s),
                    t.lang.collation(),
                )
                .into_iter()
                .map(|s| (s.code.clone(), t.service_name(s).to_owned()))
                .collect::<Vec<_>>()
            })
        })
    });
    let on_category = move |ev| {
        let value = event_target_value(&ev);
        let category = CATEGORIES
            .iter()
            .find(|(_, name)| *name == value)
            .map(|(c, _)| *c);
        compare.update(true, |v| v.category = category);
    };
    view! {
        <section class="service-picker" aria-labelledby="service-picker-heading">
            <h2 id="service-picker-heading" class="visually-hidden">{t.service_label}</h2>
            <div class="service-picker__controls">
                <div class="field">
                    <label for="service-search">{t.compare().search_label}</label>
                    <p class="hint" id="service-search-hint">{t.compare().search_hint}</p>
                    <input id="service-search" type="search" autocomplete="off" aria-describedby="service-search-hint"
                        aria-controls="service-results"
                        prop:value=move || query.get()
                        on:input=move |ev| {
                            let query = event_target_value(&ev);
                            compare.update(false, |v| v.query = query);
                        } />
                </div>
                <div class="field">
                    <label for="service-category">{t.compare().category_label}</label>
                    <select id="service-category" on:change=on_category>
                        <option value="" selected=move || category.get().is_none()>{t.compare().category_all}</option>
                        {CATEGORIES.iter().map(|(option, name)| {
                            let chosen = *option;
                            view! {
                                <option value=*name selected=move || category.get() == Some(chosen)>
                                    {category_text(t, chosen)}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </div>
            </div>
            {move || compare.services.with(|s| match (s.value(), &s.error) {
                (_, Some(error)) => view! {
                    <ErrorWithRetry message=error_text(t, error) retry=Callback::new(move |_| compare.load_catalogue()) />
                }.into_any(),
                (None, None) => view! { <Skeleton rows=3 /> }.into_any(),
                (Some(_), None) => ().into_any(),
            })}
            <p class="service-picker__count" role="status">
                {move || results.with(|r| r.as_ref().map(|r| (t.compare().results_count)(r.len())))}
            </p>
            <ul id="service-results" class="service-list">
                {move || results.get().unwrap_or_default().into_iter().map(|(code, name)| {
                    let chosen = {
                        let code = code.clone();
                        move || service.with(|s| s.as_deref() == Some(code.as_str()))
                    };
                    view! {
                        <li>
                            <button type="button" class="service-list__item" aria-pressed=move || chosen().to_string()
                                on:click=move |_| {
                                    let code = code.clone();
                                    compare.update(true, |v| {
                                        v.service = Some(code);
                                        v.trend = None;
                                        v.region_trend = None;
                                    });
                                }>
                                {name}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || results.with(|r| r.as_ref().is_some_and(|r| r.is_empty())).then(|| view! {
                <p>{t.compare().no_results}</p>
            })}
        </section>
    }
}
