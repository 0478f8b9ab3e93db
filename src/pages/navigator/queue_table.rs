//! The work queue: filters, and a table of the requests (no personal data),
//! each opened by its reference.

use leptos::prelude::*;
use vardkoll_domain::api::{ReferralStatus, StaffQueueItem};

use crate::i18n::{Texts, numeric_date, swedish_time, use_texts};
use crate::state::{Catalogue, NavigatorDesk, service_title};

/// The service's name from the catalogue (when loaded), else its code.
pub fn service_name(t: &Texts, catalogue: Option<Catalogue>, code: &str) -> String {
    let data = catalogue.and_then(|c| c.data()).unwrap_or_default();
    service_title(t, &data.services, code)
}

#[component]
fn Filters() -> impl IntoView {
    let t = use_texts();
    let n = t.navigator();
    let desk = NavigatorDesk::use_context();
    let catalogue = use_context::<Catalogue>();
    view! {
        <form class="card navigator__filters" on:submit=move |ev| {
            ev.prevent_default();
            desk.load_queue();
        }>
            <fieldset>
                <legend>{n.filters_legend}</legend>
                <div class="field">
                    <label for="queue-status">{n.status_filter}</label>
                    <select id="queue-status" on:change=move |ev| {
                        let status = ReferralStatus::parse(&event_target_value(&ev));
                        desk.filters.update(|f| f.status = status);
                    }>
                        <option value="">{n.all_statuses}</option>
                        {ReferralStatus::ALL.into_iter().map(|status| view! {
                            <option value=status.as_str()>{t.request_status(status)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="queue-service">{n.service_filter}</label>
                    <select id="queue-service" on:change=move |ev| {
                        let service = event_target_value(&ev);
                        desk.filters.update(|f| f.service = service);
                    }>
                        <option value="">{n.all_services}</option>
                        {move || catalogue.and_then(|c| c.data()).map(|data| {
                            data.services.into_iter().map(|s| {
                                view! { <option value=s.code.clone()>{t.service_name(&s).to_owned()}</option> }
                            }).collect_view()
                        })}
                    </select>
                </div>
                <div class="field">
                    <label for="queue-older">{n.older_than}</label>
                    <input type="text" id="queue-older" inputmode="numeric" maxlength="4" autocomplete="off"
                        on:input=move |ev| {
                            let days = event_target_value(&ev);
                            desk.filters.update(|f| f.older_than_days = days);
                        } />
                </div>
                <div class="field field--checkbox">
                    <input type="checkbox" id="queue-overdue" on:change=move |ev| {
                        let checked = event_target_checked(&ev);
                        desk.filters.update(|f| f.overdue_only = checked);
                    } />
                    <label for="queue-overdue">{n.overdue_only}</label>
                </div>
                <button type="submit" class="button button--secondary">{n.show}</button>
            </fieldset>
        </form>
    }
}

#[component]
fn Row(item: StaffQueueItem) -> impl IntoView {
    let t = use_texts();
    let n = t.navigator();
    let desk = NavigatorDesk::use_context();
    let catalogue = use_context::<Catalogue>();
    let reference = item.reference.clone();
    let care = move || service_name(t, catalogue, &item.service_code);
    view! {
        <tr data-overdue=item.path.overdue.to_string()>
            <th scope="row">
                <button type="button" class="link-button" aria-label=(n.open)(&reference)
                    on:click=move |_| desk.open(reference.clone())>{item.reference.clone()}</button>
            </th>
            <td>{care}</td>
            <td><time datetime=item.created_at.clone() dir="ltr">{swedish_time(&item.created_at)}</time></td>
            <td>
                {item.path.deadline.map(numeric_date).unwrap_or_else(|| n.none.to_owned())}
                {item.path.overdue.then(|| view! { " " <strong class="overdue">"("{n.overdue}")"</strong> })}
            </td>
            <td>{(n.path)(item.path.path)}</td>
            <td>{t.request_status(item.status)}</td>
            <td>{item.free_time_before_deadline.then_some(n.free_time_mark)}</td>
        </tr>
    }
}

#[component]
pub fn QueueTable() -> impl IntoView {
    let t = use_texts();
    let n = t.navigator();
    let desk = NavigatorDesk::use_context();
    let items = Memo::new(move |_| desk.queue.with(|q| q.value().cloned()));
    let failed = move || desk.queue.with(|q| q.error.is_some() && q.data.is_none());
    view! {
        <section class="navigator__queue" aria-labelledby="queue-heading" aria-busy=move || desk.queue.with(|q| q.loading).to_string()>
            <h2 id="queue-heading">{n.queue_heading}</h2>
            <Filters />
            <div class="notice notice--warning" role="alert" hidden=move || !failed()>
                <p>{n.load_error}</p>
                <button type="button" class="button button--secondary" on:click=move |_| desk.load_queue()>{t.retry}</button>
            </div>
            {move || items.get().map(|items| {
                let count = (n.count)(items.len());
                if items.is_empty() {
                    view! { <p class="empty" role="status">{n.empty}</p> }.into_any()
                } else {
                    view! {
                        <p class="table-count" role="status">{count.clone()}</p>
                        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="queue-heading">
                            <table class="queue-table">
                                <caption class="visually-hidden">{count}</caption>
                                <thead><tr>
                                    <th scope="col">{n.col_reference}</th>
                                    <th scope="col">{n.col_care}</th>
                                    <th scope="col">{n.col_received}</th>
                                    <th scope="col">{n.col_deadline}</th>
                                    <th scope="col">{n.col_path}</th>
                                    <th scope="col">{n.col_status}</th>
                                    <th scope="col">{n.col_free_time}</th>
                                </tr></thead>
                                <tbody>
                                    {items.into_iter().map(|item| view! { <Row item=item /> }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }
            })}
        </section>
    }
}
