//! Free times from the whole country for the request open, best first
//! ([`vardkoll_domain::matching`]); "Erbjud" fills the move form with one.

use leptos::prelude::*;
use vardkoll_domain::api::ReferralStatus;
use vardkoll_domain::matching::Suggestion;

use crate::i18n::{numeric_date, use_texts};
use crate::state::{Catalogue, NavigatorDesk, provider_label};

#[component]
fn Row(suggestion: Suggestion, offerable: bool) -> impl IntoView {
    let t = use_texts();
    let n = t.navigator();
    let desk = NavigatorDesk::use_context();
    let catalogue = use_context::<Catalogue>();
    let known = catalogue.and_then(|c| c.data()).unwrap_or_default();
    let time = suggestion.time;
    let provider = provider_label(&known.providers, &time.provider_id);
    let when = format!("{} {}", numeric_date(time.date), time.start);
    let name = (n.offer_this)(&format!("{provider}, {when}"));
    let marks = [
        (suggestion.choice == Some(0)).then_some(n.first_choice),
        Some(if suggestion.before_deadline {
            n.before_deadline
        } else {
            n.after_deadline
        }),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    view! {
        <tr>
            <th scope="row">{provider}</th>
            <td dir="ltr">{when}</td>
            <td>{suggestion.distance_km.map(n.distance).unwrap_or_else(|| n.none.to_owned())}</td>
            <td>{marks}</td>
            <td>
                {offerable.then(|| view! {
                    <button type="button" class="button button--secondary" aria-label=name
                        on:click=move |_| desk.choose(&time)>{n.offer_button}</button>
                })}
            </td>
        </tr>
    }
}

#[component]
pub fn Suggestions(status: ReferralStatus) -> impl IntoView {
    let t = use_texts();
    let n = t.navigator();
    let desk = NavigatorDesk::use_context();
    let offerable = status.may_become(ReferralStatus::Offered);
    let list = Memo::new(move |_| desk.suggestions.with(|s| s.value().cloned()));
    view! {
        <section class="navigator__suggestions" aria-labelledby="suggestions-heading"
            aria-busy=move || desk.suggestions.with(|s| s.loading).to_string()>
            <h3 id="suggestions-heading">{n.suggestions_heading}</h3>
            <p class="hint">{n.suggestions_hint}</p>
            {move || list.get().map(|list| {
                if list.is_empty() {
                    view! { <p class="empty" role="status">{n.suggestions_none}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="suggestions-heading">
                            <table class="suggestions-table">
                                <thead><tr>
                                    <th scope="col">{n.col_provider}</th>
                                    <th scope="col">{n.col_when}</th>
                                    <th scope="col">{n.col_distance}</th>
                                    <th scope="col">{n.col_deadline}</th>
                                    <th scope="col"><span class="visually-hidden">{n.offer_button}</span></th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|s| view! { <Row suggestion=s offerable=offerable /> }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }
            })}
            <div class="notice notice--warning" role="alert"
                hidden=move || desk.suggestions.with(|s| s.error.is_none() || s.data.is_some())>
                <p>{n.load_error}</p>
            </div>
        </section>
    }
}
