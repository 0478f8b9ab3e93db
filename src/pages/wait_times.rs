//! "Väntetider": wait times per region for a chosen service, from the API.
//! (The full comparison — providers, sorting, filters, trends, map — builds on this.)

use leptos::prelude::*;
use vardkoll_domain::api::{FreeCapacity, StatisticsPage};

use crate::api::{self, ApiError};
use crate::components::PageHeading;
use crate::i18n::{Texts, use_texts};

fn error_text(t: &'static Texts, error: &ApiError) -> &'static str {
    match error {
        ApiError::Network => t.api_network_error,
        ApiError::Status(..) => t.api_server_error,
        ApiError::Invalid => t.api_invalid_error,
    }
}

fn capacity_text(t: &'static Texts, capacity: FreeCapacity) -> &'static str {
    match capacity {
        FreeCapacity::Yes => t.capacity_yes,
        FreeCapacity::No => t.capacity_no,
        FreeCapacity::Unknown => t.capacity_unknown,
    }
}

#[component]
fn ErrorWithRetry(message: &'static str, retry: Callback<()>) -> impl IntoView {
    let t = use_texts();
    view! {
        <div class="notice notice--warning" role="alert">
            <p>{message}</p>
            <button type="button" class="button button--secondary" on:click=move |_| retry.run(())>{t.retry}</button>
        </div>
    }
}

#[component]
fn RegionTable(page: StatisticsPage) -> impl IntoView {
    let t = use_texts();
    let regions = vardkoll_domain::regions::REGIONS;
    let mut rows = page.rows;
    rows.sort_by_key(|row| row.estimated_wait_days.unwrap_or(u32::MAX));
    view! {
        {page.sample_data.then(|| view! { <p class="notice notice--warning sample-note">{t.sample_data_note}</p> })}
        <table class="data-table">
            <caption>{t.wait_times_caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{t.region_line}</th>
                    <th scope="col">{t.estimated_wait}</th>
                    <th scope="col">{t.share_within_limit}</th>
                    <th scope="col">{t.free_capacity}</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|row| {
                    let name = regions.iter().find(|r| r.code == row.region_code).map_or(row.region_code.clone(), |r| r.name.to_owned());
                    view! {
                        <tr>
                            <th scope="row">{name}</th>
                            <td>{row.estimated_wait_days.map_or_else(|| t.no_figure.to_owned(), |d| (t.days)(d))}</td>
                            <td>{row.share_within_limit.map_or_else(|| t.no_figure.to_owned(), |s| format!("{} %", (s * 100.0).round() as u32))}</td>
                            <td>{capacity_text(t, row.free_capacity)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn WaitTimesPage() -> impl IntoView {
    let t = use_texts();
    // Plain signals filled by spawned tasks: much smaller WebAssembly than resources.
    let services = RwSignal::new(None::<Result<Vec<vardkoll_domain::api::Service>, ApiError>>);
    let load_services = move || {
        services.set(None);
        leptos::task::spawn_local(async move { services.set(Some(api::services().await)) });
    };
    load_services();
    let chosen = RwSignal::new(String::new());
    let statistics = RwSignal::new(None::<Result<StatisticsPage, ApiError>>);
    let load_statistics = move || {
        let code = chosen.get_untracked();
        statistics.set(None);
        if !code.is_empty() {
            leptos::task::spawn_local(async move {
                let page = api::region_statistics(&code).await;
                // Only the answer for the service still chosen is shown.
                if chosen.get_untracked() == code {
                    statistics.set(Some(page));
                }
            });
        }
    };
    view! {
        <PageHeading text=t.wait_times_title />
        <p class="lead">{t.wait_times_intro}</p>
        {move || match services.get() {
            None => view! { <p class="loading" aria-busy="true">{t.loading}</p> }.into_any(),
            Some(Err(error)) => view! {
                <ErrorWithRetry message=error_text(t, &error) retry=Callback::new(move |_| load_services()) />
            }.into_any(),
            Some(Ok(list)) => view! {
                <div class="field">
                    <label for="service">{t.service_label}</label>
                    <select id="service" name="service" on:change=move |ev| {
                        chosen.set(event_target_value(&ev));
                        load_statistics();
                    }>
                        <option value="">{t.service_placeholder}</option>
                        {list.into_iter().map(|s| view! { <option value=s.code>{s.name_sv}</option> }).collect_view()}
                    </select>
                </div>
            }.into_any(),
        }}
        <div aria-live="polite">
            {move || match statistics.get() {
                None if !chosen.get().is_empty() => view! { <p class="loading" aria-busy="true">{t.loading}</p> }.into_any(),
                None => ().into_any(),
                Some(Err(error)) => view! {
                    <ErrorWithRetry message=error_text(t, &error) retry=Callback::new(move |_| load_statistics()) />
                }.into_any(),
                Some(Ok(page)) => view! { <RegionTable page=page /> }.into_any(),
            }}
        </div>
    }
}
