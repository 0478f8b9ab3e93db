//! The preferred providers, in order: one select per choice, grouped by region,
//! with buttons to move a choice up, remove it, or add another.

use leptos::prelude::*;
use vardkoll_domain::api::{MAX_PREFERRED_PROVIDERS, Provider};
use vardkoll_domain::regions::REGIONS;

use crate::components::{Field, described_by};
use crate::i18n::{Collation, use_texts};
use crate::referral_fields::message_for;
use crate::state::Catalogue;
use crate::state::ReferralForm;
use vardkoll_domain::collate::compare;

/// The providers grouped by region, in the regions' order, each region's in the
/// reader's alphabetical order.
fn options<F>(
    providers: &[Provider],
    other_region: &'static str,
    collation: Collation,
    current: F,
) -> impl IntoView + use<F>
where
    F: Fn() -> String + Copy + Send + Sync + 'static,
{
    REGIONS
        .iter()
        .filter_map(|region| {
            let mut here: Vec<&Provider> = providers
                .iter()
                .filter(|p| p.region_code == region.code)
                .collect();
            if here.is_empty() {
                return None;
            }
            vardkoll_domain::sorting::sort_by(&mut here, |a, b| {
                compare(&a.name, &b.name, collation)
            });
            let items = here
                .into_iter()
                .map(|p| {
                    let text = if p.accepts_other_regions {
                        format!("{}, {}", p.name, p.town)
                    } else {
                        format!("{}, {} ({other_region})", p.name, p.town)
                    };
                    let id = p.id.clone();
                    let selected = move || current() == id;
                    view! { <option value=p.id.clone() selected=selected>{text}</option> }
                })
                .collect_view();
            Some(view! { <optgroup label=region.name>{items}</optgroup> })
        })
        .collect_view()
}

#[component]
pub fn ProviderChoices(catalogue: Catalogue) -> impl IntoView {
    let t = use_texts();
    let r = t.referral();
    let form = ReferralForm::use_context();
    let count = move || form.draft.with(|d| d.providers.len());
    let slot = move |index: usize| {
        let id = format!("referral-provider-{index}");
        let error = {
            let id = id.clone();
            Signal::derive(move || form.problems.with(|p| message_for(p, &id, t)))
        };
        let number = index + 1;
        let value = move || {
            form.draft
                .with(|d| d.providers.get(index).cloned().unwrap_or_default())
        };
        view! {
            <li class="provider-choice">
                <Field id=id.clone() label=(r.provider_label)(number) error=error>
                    <select id=id.clone() name=id.clone() aria-describedby=described_by(&id, false)
                        aria-invalid=move || error.get().is_some().to_string()
                        on:change=move |ev| form.draft.update(|d| {
                            if let Some(slot) = d.providers.get_mut(index) {
                                *slot = event_target_value(&ev);
                            }
                        })
                        prop:value=value>
                        <option value="">{r.provider_none}</option>
                        {move || catalogue.data().map(|data| options(&data.providers, r.other_region, t.lang.collation(), value))}
                    </select>
                </Field>
                <div class="provider-choice__actions">
                    {(index > 0).then(|| view! {
                        <button type="button" class="button button--small" aria-label=(r.move_up)(number)
                            on:click=move |_| form.draft.update(|d| d.move_provider_up(index))>"↑"</button>
                    })}
                    <button type="button" class="button button--small" aria-label=(r.remove_provider)(number)
                        hidden=move || { count() < 2 }
                        on:click=move |_| form.draft.update(|d| d.remove_provider(index))>"✕"</button>
                </div>
            </li>
        }
    };
    view! {
        <fieldset class="card">
            <legend>{r.providers_heading}</legend>
            <p class="field__hint">{r.providers_hint}</p>
            <ol class="provider-choices">
                {move || (0..count()).map(slot).collect_view()}
            </ol>
            <button type="button" class="button button--secondary" hidden=move || { count() >= MAX_PREFERRED_PROVIDERS }
                on:click=move |_| form.draft.update(|d| {
                    d.add_provider_slot();
                })>
                {r.add_provider}
            </button>
        </fieldset>
    }
}
