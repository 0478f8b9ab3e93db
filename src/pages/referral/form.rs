//! The request form. Every problem is shown beside its field and summarised at
//! the top; on submit the request goes to the outbox first, then to the server.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use vardkoll_domain::api::{MAX_MESSAGE_CHARS, TRAVEL_CHOICES_KM};
use vardkoll_domain::referral::ReferralDraft;
use vardkoll_domain::regions::REGIONS;

use super::provider_choices::ProviderChoices;
use crate::components::{AfterPaint, ErrorSummary, Field, described_by};
use crate::i18n::use_texts;
use crate::platform::clock::Today;
use crate::referral_fields::{message_for, messages};
use crate::router::Router;
use crate::state::Catalogue;
use crate::state::{OutboxStore, ReferralForm, Session};

/// A text input bound to one field of the draft.
#[component]
fn TextInput(
    id: &'static str,
    label: &'static str,
    #[prop(default = "")] hint: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(default = "text")] inputmode: &'static str,
    #[prop(default = 200)] maxlength: u32,
    /// `"ltr"` for what is typed as digits (a date, an identity number): it
    /// reads left to right on an Arabic page too.
    #[prop(optional)]
    dir: Option<&'static str>,
    get: fn(&ReferralDraft) -> &String,
    set: fn(&mut ReferralDraft) -> &mut String,
) -> impl IntoView {
    let t = use_texts();
    let form = ReferralForm::use_context();
    let error = Signal::derive(move || form.problems.with(|p| message_for(p, id, t)));
    view! {
        <Field id=id label=label.to_owned() hint=hint error=error>
            <input type=kind id=id name=id autocomplete=autocomplete inputmode=inputmode
                maxlength=maxlength.to_string() dir=dir
                aria-describedby=described_by(id, !hint.is_empty())
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=move || form.draft.with(|d| get(d).clone())
                on:input=move |ev| form.draft.update(|d| *set(d) = event_target_value(&ev)) />
        </Field>
    }
}

/// A checkbox bound to one flag of the draft, with its error beside it.
#[component]
fn CheckInput(
    id: &'static str,
    label: &'static str,
    get: fn(&ReferralDraft) -> bool,
    set: fn(&mut ReferralDraft) -> &mut bool,
) -> impl IntoView {
    let t = use_texts();
    let form = ReferralForm::use_context();
    let error = Signal::derive(move || form.problems.with(|p| message_for(p, id, t)));
    let error_id = format!("{id}-error");
    view! {
        <div class="field field--checkbox" class:field--error=move || error.get().is_some()>
            <p class="field__error" id=error_id.clone() hidden=move || error.get().is_none()>{move || error.get()}</p>
            <input type="checkbox" id=id name=id aria-describedby=error_id
                aria-invalid=move || error.get().is_some().to_string()
                prop:checked=move || form.draft.with(get)
                on:change=move |ev| form.draft.update(|d| *set(d) = event_target_checked(&ev)) />
            <label for=id>{label}</label>
        </div>
    }
}

#[component]
pub fn RequestForm(catalogue: Catalogue) -> impl IntoView {
    let t = use_texts();
    let r = t.referral();
    let form = ReferralForm::use_context();
    let outbox = OutboxStore::use_context();
    let router = Router::use_context();
    let Today(today) = expect_context::<Today>();
    let session = Session::use_context();
    let summary = Signal::derive(move || form.problems.with(|p| messages(p, t)));
    let service_error = Signal::derive(move || {
        form.problems
            .with(|p| message_for(p, "referral-service", t))
    });
    let home_region_error = Signal::derive(move || {
        form.problems
            .with(|p| message_for(p, "referral-home-region", t))
    });
    let travel_error = Signal::derive(move || {
        form.problems
            .with(|p| message_for(p, "referral-travel-distance", t))
    });
    let language_error = Signal::derive(move || {
        form.problems
            .with(|p| message_for(p, "referral-language", t))
    });
    let message_error = Signal::derive(move || {
        form.problems
            .with(|p| message_for(p, "referral-message", t))
    });
    let message_length = move || form.draft.with(|d| d.message.chars().count());

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        // Without the catalogue every other field is still checked; the service
        // and providers cannot be, so nothing is queued.
        let data = catalogue.data().unwrap_or_else(|| {
            catalogue.fetch();
            Default::default()
        });
        let patient = session.patient_untracked();
        let checked = form.check(today, &data.services, &data.providers, t, patient.as_ref());
        let Some((request, label)) = checked else {
            return;
        };
        let replaces = form.correcting.get_untracked();
        let key = outbox.submit(request, label, replaces.as_deref());
        form.clear();
        router.set_query(format!("?kvitto={key}"), true);
        request_animation_frame(crate::router::focus_heading);
    };

    view! {
        <div class="notice notice--warning" role="alert" hidden=move || !catalogue.failed()>
            <p>{r.catalogue_error}</p>
            <button type="button" class="button button--secondary" on:click=move |_| catalogue.fetch()>{t.retry}</button>
        </div>
        <p class="notice" hidden=move || form.correcting.with(Option::is_none)>{r.correcting}</p>
        <form id="referral-form" class="referral-form" novalidate on:submit=on_submit>
            <ErrorSummary heading=t.errors.summary_heading errors=summary />
            <fieldset class="card">
                <legend>{r.about_you}</legend>
                {move || match session.patient().and_then(|p| Some((p.name, p.identity_number?))) {
                    Some((name, identity_number)) => view! {
                        <p class="field__hint">{r.identity_from_sign_in}</p>
                        <dl class="facts signed-in-identity">
                            <dt>{r.name_label}</dt>
                            <dd>{name}</dd>
                            <dt>{r.identity_label}</dt>
                            <dd><span dir="ltr">{identity_number}</span></dd>
                        </dl>
                    }.into_any(),
                    // Signed out, or signed in without an identity number (staff).
                    None => view! {
                        <p class="notice" hidden=move || !session.available()>{r.sign_in_to_fill}</p>
                        <TextInput id="referral-identity" label=r.identity_label hint=r.identity_hint
                            inputmode="numeric" maxlength=13 dir="ltr"
                            get=|d| &d.identity_number set=|d| &mut d.identity_number />
                        <TextInput id="referral-name" label=r.name_label autocomplete="name" maxlength=100
                            get=|d| &d.name set=|d| &mut d.name />
                    }.into_any(),
                }}
                <p class="field__hint">{r.contact_hint}</p>
                <TextInput id="referral-phone" label=r.phone_label kind="tel" autocomplete="tel" inputmode="tel"
                    maxlength=30 get=|d| &d.phone set=|d| &mut d.phone />
                <TextInput id="referral-email" label=r.email_label kind="email" autocomplete="email" inputmode="email"
                    maxlength=254 get=|d| &d.email set=|d| &mut d.email />
                <Field id="referral-home-region" label=r.home_region_label.to_owned() hint=r.home_region_hint
                    error=home_region_error>
                    <select id="referral-home-region" name="home-region"
                        aria-describedby=described_by("referral-home-region", true)
                        aria-invalid=move || home_region_error.get().is_some().to_string()
                        prop:value=move || form.draft.with(|d| d.home_region.clone())
                        on:change=move |ev| form.draft.update(|d| d.home_region = event_target_value(&ev))>
                        <option value="">{r.home_region_none}</option>
                        {REGIONS.iter().map(|region| {
                            let selected = move || form.draft.with(|d| d.home_region == region.code);
                            view! { <option value=region.code selected=selected>{region.name}</option> }
                        }).collect_view()}
                    </select>
                </Field>
            </fieldset>
            <fieldset class="card">
                <legend>{r.care_heading}</legend>
                <Field id="referral-service" label=r.service_label.to_owned() error=service_error>
                    <select id="referral-service" name="service" aria-describedby=described_by("referral-service", false)
                        aria-invalid=move || service_error.get().is_some().to_string()
                        prop:value=move || form.draft.with(|d| d.service_code.clone())
                        on:change=move |ev| form.draft.update(|d| d.service_code = event_target_value(&ev))>
                        <option value="">{r.service_none}</option>
                        {move || catalogue.data().map(|data| {
                            data.services.into_iter().map(|s| {
                                let code = s.code.clone();
                                let selected = move || form.draft.with(|d| d.service_code == code);
                                view! { <option value=s.code.clone() selected=selected>{t.service_name(&s).to_owned()}</option> }
                            }).collect_view()
                        })}
                    </select>
                </Field>
            </fieldset>
            <fieldset class="card">
                <legend>{r.referral_heading}</legend>
                <p class="field__hint">{r.referral_hint}</p>
                <TextInput id="referral-clinic" label=r.clinic_label get=|d| &d.referral_clinic set=|d| &mut d.referral_clinic />
                <TextInput id="referral-date" label=r.referral_date_label hint=t.date_hint inputmode="numeric"
                    maxlength=10 dir="ltr" get=|d| &d.referral_date set=|d| &mut d.referral_date />
            </fieldset>
            // The rest of the form, below the fold: drawn once the first part is
            // painted, so opening the page is not one long task.
            <AfterPaint>
            <ProviderChoices catalogue=catalogue />
            <fieldset class="card">
                <legend>{r.other_heading}</legend>
                <CheckInput id="referral-travel" label=r.can_travel get=|d| d.can_travel set=|d| &mut d.can_travel />
                <div hidden=move || !form.draft.with(|d| d.can_travel)>
                    <Field id="referral-travel-distance" label=r.travel_label.to_owned() error=travel_error>
                        <select id="referral-travel-distance" name="travel-distance"
                            aria-describedby=described_by("referral-travel-distance", false)
                            aria-invalid=move || travel_error.get().is_some().to_string()
                            prop:value=move || form.draft.with(|d| d.max_travel_km.map(|km| km.to_string()).unwrap_or_default())
                            on:change=move |ev| form.draft.update(|d| d.max_travel_km = event_target_value(&ev).parse().ok())>
                            <option value="">{r.travel_anywhere}</option>
                            {TRAVEL_CHOICES_KM.into_iter().map(|km| {
                                let selected = move || form.draft.with(|d| d.max_travel_km == Some(km));
                                view! { <option value=km.to_string() selected=selected>{(r.travel_within)(km)}</option> }
                            }).collect_view()}
                        </select>
                    </Field>
                </div>
                <CheckInput id="referral-interpreter" label=r.interpreter_needed
                    get=|d| d.interpreter_needed set=|d| &mut d.interpreter_needed />
                <div hidden=move || !form.draft.with(|d| d.interpreter_needed)>
                    <Field id="referral-language" label=r.interpreter_language.to_owned() error=language_error>
                        <input type="text" id="referral-language" name="language" maxlength="50" autocomplete="off"
                            aria-describedby=described_by("referral-language", false)
                            aria-invalid=move || language_error.get().is_some().to_string()
                            prop:value=move || form.draft.with(|d| d.interpreter_language.clone())
                            on:input=move |ev| form.draft.update(|d| d.interpreter_language = event_target_value(&ev)) />
                    </Field>
                </div>
                <Field id="referral-message" label=r.message_label.to_owned() error=message_error>
                    <textarea id="referral-message" name="message" rows="4" maxlength=MAX_MESSAGE_CHARS.to_string()
                        aria-describedby="referral-message-count referral-message-error"
                        aria-invalid=move || message_error.get().is_some().to_string()
                        prop:value=move || form.draft.with(|d| d.message.clone())
                        on:input=move |ev| form.draft.update(|d| d.message = event_target_value(&ev))></textarea>
                    <p class="field__hint" id="referral-message-count">{move || (r.message_hint)(message_length())}</p>
                </Field>
            </fieldset>
            <fieldset class="card">
                <legend>{r.consent_heading}</legend>
                <CheckInput id="referral-consent" label=r.consent get=|d| d.consent set=|d| &mut d.consent />
                <p class="field__hint">{r.privacy_note}</p>
                <button type="submit" class="button">{r.submit}</button>
            </fieldset>
            </AfterPaint>
        </form>
    }
}
