//! "Begär vård hos en annan vårdgivare": where the comparison's button leads,
//! with the chosen provider and service carried in the URL.

use leptos::prelude::*;

use crate::api;
use crate::components::PageHeading;
use crate::i18n::use_texts;
use crate::router::{Link, Route, Router};

/// A URL parameter's value, decoded.
fn param(query: &str, name: &str) -> Option<String> {
    query.trim_start_matches('?').split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name)
            .then(|| vardkoll_domain::compare::view_state::decode_component(value))
            .flatten()
    })
}

#[component]
pub fn ReferralPage() -> impl IntoView {
    let t = use_texts();
    let query = Router::use_context().query();
    let provider_id = param(&query, "vardgivare").unwrap_or_default();
    let service_code = param(&query, "tjanst").unwrap_or_default();
    let names = RwSignal::new((provider_id.clone(), service_code.clone()));
    leptos::task::spawn_local(async move {
        let provider = api::providers()
            .await
            .ok()
            .and_then(|list| list.into_iter().find(|p| p.id == provider_id));
        let service = api::services()
            .await
            .ok()
            .and_then(|list| list.into_iter().find(|s| s.code == service_code));
        names.update(|(p, s)| {
            if let Some(provider) = provider {
                *p = format!("{}, {}", provider.name, provider.town);
            }
            if let Some(service) = service {
                *s = service.name_sv;
            }
        });
    });
    view! {
        <PageHeading text=t.compare.referral_title />
        <p class="lead">{t.compare.referral_intro}</p>
        <dl class="facts">
            <dt>{t.compare.referral_provider}</dt>
            <dd>{move || names.with(|n| n.0.clone())}</dd>
            <dt>{t.compare.referral_service}</dt>
            <dd>{move || names.with(|n| n.1.clone())}</dd>
        </dl>
        <p class="notice">{t.compare.referral_next}</p>
        <p><Link route=Route::WaitTimes>{t.compare.back_to_comparison}</Link></p>
    }
}
