//! A request opened from the queue: everything the patient sent, its history,
//! and the form that moves it on. Opening moves focus to its heading.

use leptos::html::H2;
use leptos::prelude::*;
use vardkoll_domain::api::StaffReferral;
use vardkoll_domain::personnummer::written;
use vardkoll_domain::regions::RegionCode;

use super::move_form::MoveForm;
use super::queue_table::service_name;
use super::suggestions::Suggestions;
use crate::i18n::{numeric_date, swedish_time, use_texts};
use crate::state::{Catalogue, NavigatorDesk, provider_label};

#[component]
fn Facts(found: StaffReferral) -> impl IntoView {
    let t = use_texts();
    let n = t.navigator();
    let catalogue = use_context::<Catalogue>();
    let request = found.request;
    let known = catalogue.and_then(|c| c.data()).unwrap_or_default();
    let providers = request
        .preferred_providers
        .iter()
        .map(|id| provider_label(&known.providers, id))
        .collect::<Vec<_>>()
        .join(" · ");
    let region = request
        .home_region
        .as_deref()
        .and_then(RegionCode::parse)
        .map(|code| code.region().name.to_owned())
        .unwrap_or_else(|| n.none.to_owned());
    let interpreter = if request.interpreter.needed {
        format!(
            "{} ({})",
            n.yes,
            request.interpreter.language.clone().unwrap_or_default()
        )
    } else {
        n.no.to_owned()
    };
    let referral = request
        .current_referral
        .as_ref()
        .map(|r| format!("{}, {}", r.clinic, r.date))
        .unwrap_or_else(|| n.none.to_owned());
    let deadline = found
        .path
        .deadline
        .map(|d| format!("{} ({})", (n.path)(found.path.path), numeric_date(d)))
        .unwrap_or_else(|| (n.path)(found.path.path).to_owned());
    let travel = match (request.can_travel, request.max_travel_km) {
        (false, _) => n.no.to_owned(),
        (true, Some(km)) => format!("{}, {}", n.yes, (n.distance)(km.into())),
        (true, None) => n.yes.to_owned(),
    };
    let or_none = |value: Option<String>| {
        value
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| n.none.to_owned())
    };
    view! {
        <dl class="facts">
            <dt>{n.col_care}</dt><dd>{service_name(t, catalogue, &found.service_code)}</dd>
            <dt>{n.col_path}</dt><dd>{deadline}</dd>
            <dt>{n.identity}</dt><dd>{written(&found.identity_number)}</dd>
            <dt>{n.name}</dt><dd>{request.name.clone()}</dd>
            <dt>{n.phone}</dt><dd>{or_none(request.phone.clone())}</dd>
            <dt>{n.email}</dt><dd>{or_none(request.email.clone())}</dd>
            <dt>{n.home_region}</dt><dd>{region}</dd>
            <dt>{n.current_referral}</dt><dd>{referral}</dd>
            <dt>{n.providers}</dt><dd>{providers}</dd>
            <dt>{n.can_travel}</dt><dd>{travel}</dd>
            <dt>{n.interpreter}</dt><dd>{interpreter}</dd>
            <dt>{n.message}</dt><dd class="preserve-lines">{or_none(Some(request.message.clone()))}</dd>
        </dl>
    }
}

#[component]
fn History(found: StaffReferral) -> impl IntoView {
    let t = use_texts();
    let n = t.navigator();
    view! {
        <h3>{n.history}</h3>
        <ol class="request__history">
            {found.history.into_iter().map(|entry| {
                let change = entry.change;
                view! {
                    <li>
                        <time datetime=change.at.clone() dir="ltr">{swedish_time(&change.at)}</time>
                        ": "{t.request_status(change.status)}
                        {change.offer.map(|o| format!(" — {} {} {}", o.provider_id, o.date, o.time))}
                        {change.decline_reason.map(|reason| format!(" — {}", (n.decline_reason)(reason)))}
                        {change.answer.map(|answer| format!(" — {}", (n.patient_answer)(answer)))}
                        {change.expired.then(|| format!(" — {}", n.expired))}
                        {change.note.map(|note| view! { " — "<q>{note}</q> })}
                        {entry.by.map(|by| format!(" ({})", (n.by)(&by)))}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

#[component]
pub fn RequestDetail() -> impl IntoView {
    let t = use_texts();
    let n = t.navigator();
    let desk = NavigatorDesk::use_context();
    let heading = NodeRef::<H2>::new();
    // Which request is open: focus goes to its heading when another one opens.
    let reference = Memo::new(move |_| {
        desk.opened
            .with(|o| o.as_ref().map(|r| r.reference.clone()))
    });
    Effect::new(move |_| {
        if reference.get().is_some()
            && let Some(heading) = heading.get()
        {
            let _ = heading.focus();
        }
    });
    let failed = move || desk.open_error.with(Option::is_some);
    view! {
        <div class="notice notice--warning" role="alert" hidden=move || !failed()>
            <p>{n.load_error}</p>
        </div>
        <section class="card navigator__detail" aria-labelledby="detail-heading"
            hidden=move || reference.with(Option::is_none)>
            <h2 id="detail-heading" tabindex="-1" node_ref=heading>
                {move || reference.get().map(|r| (n.detail_heading)(&r))}
            </h2>
            {move || desk.opened.get().map(|found| view! {
                <Facts found=found.clone() />
                <Suggestions status=found.status />
                <MoveForm found=found.clone() />
                <History found=found />
            })}
            <button type="button" class="button button--secondary" on:click=move |_| desk.close()>{n.close}</button>
        </section>
    }
}
