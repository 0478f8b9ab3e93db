//! The referral form: what the patient has typed (kept while they move between
//! pages, so nothing is lost), its problems, and the request it becomes.

use chrono::NaiveDate;
use leptos::prelude::*;
use vardkoll_domain::api::{FieldProblem, NewReferral, ProblemCode, Provider, Service};
use vardkoll_domain::referral::{EpisodeLink, ReferralDraft, RequestLabel};

use crate::i18n::Texts;

/// The fields above the home region on the form.
const ABOUT_YOU: [&str; 4] = ["personalIdentityNumber", "name", "phone", "email"];

/// The form's state. Cheap to copy; provided once for the whole app.
#[derive(Clone, Copy)]
pub struct ReferralForm {
    pub draft: RwSignal<ReferralDraft>,
    pub problems: RwSignal<Vec<FieldProblem>>,
    /// The key of a turned-down request being corrected, if any.
    pub correcting: RwSignal<Option<String>>,
    /// The episode the form was opened from (`?episod=`): the request
    /// remembers it, so a time booked through it can be added to it.
    pub episode: RwSignal<Option<u64>>,
}

thread_local! {
    static SHARED: std::cell::Cell<Option<ReferralForm>> = const { std::cell::Cell::new(None) };
}

impl ReferralForm {
    /// The one form of this page, created on first use, so what was typed
    /// survives moving to another page and back.
    pub fn shared() -> ReferralForm {
        if let Some(form) = SHARED.with(std::cell::Cell::get) {
            return form;
        }
        let form = super::for_page_lifetime(|| ReferralForm {
            draft: RwSignal::new(ReferralDraft::default()),
            problems: RwSignal::new(Vec::new()),
            correcting: RwSignal::new(None),
            episode: RwSignal::new(None),
        });
        SHARED.with(|s| s.set(Some(form)));
        // Signing out on a shared computer leaves nothing typed behind.
        super::Session::on_signed_out(move || form.clear());
        form
    }

    /// Provides the shared form to the component tree.
    pub fn provide() -> ReferralForm {
        let form = ReferralForm::shared();
        provide_context(form);
        form
    }

    pub fn use_context() -> ReferralForm {
        expect_context::<ReferralForm>()
    }

    /// Fills in the home region, unless one is chosen already.
    pub fn prefill_home_region(&self, region: Option<vardkoll_domain::regions::RegionCode>) {
        let Some(region) = region else { return };
        self.draft.update(|draft| {
            if draft.home_region.is_empty() {
                draft.home_region = region.as_str().to_owned();
            }
        });
    }

    /// Carries in what the page was opened with: a service, a provider (added to
    /// the list unless already there), the date of the episode's referral. What
    /// the patient typed is kept.
    pub fn prefill(&self, service: &str, provider: &str, referral_date: Option<NaiveDate>) {
        self.draft.update(|draft| {
            if !service.is_empty() && draft.service_code.is_empty() {
                draft.service_code = service.to_owned();
            }
            if !provider.is_empty() && !draft.providers.iter().any(|p| p == provider) {
                match draft.providers.iter_mut().find(|p| p.is_empty()) {
                    Some(slot) => *slot = provider.to_owned(),
                    None => {
                        if draft.add_provider_slot()
                            && let Some(slot) = draft.providers.last_mut()
                        {
                            *slot = provider.to_owned();
                        }
                    }
                }
            }
            if let Some(date) = referral_date
                && draft.referral_date.is_empty()
            {
                draft.referral_date = vardkoll_domain::date::iso(date);
            }
            if draft.providers.is_empty() {
                draft.providers.push(String::new());
            }
        });
    }

    /// Opens a turned-down request in the form to correct it, with the
    /// episode it was made from (the corrected one keeps it).
    pub fn correct(&self, key: String, request: &NewReferral, label: &RequestLabel) {
        self.draft.set(ReferralDraft::from_request(request));
        self.problems.set(Vec::new());
        self.episode.set(label.episode.map(|link| link.episode));
        self.correcting.set(Some(key));
    }

    /// Checks the form as the server will. On success returns the request and
    /// its label; otherwise shows the problems. `patient`: the signed-in
    /// patient, whose verified name and identity number the request carries
    /// (never typed, never in the draft).
    pub fn check(
        &self,
        today: NaiveDate,
        services: &[Service],
        providers: &[Provider],
        texts: &Texts,
        patient: Option<&super::Patient>,
    ) -> Option<(NewReferral, RequestLabel)> {
        // Empty provider slots are skipped; dropping them keeps a problem's
        // index pointing at the slot it is about.
        self.draft.update(|draft| {
            draft.providers.retain(|p| !p.trim().is_empty());
            if draft.providers.is_empty() {
                draft.providers.push(String::new());
            }
        });
        let mut request = self.draft.with_untracked(ReferralDraft::to_request);
        if let Some(patient) = patient
            && let Some(number) = &patient.identity_number
        {
            request.personal_identity_number = number.clone();
            request.name = patient.name.clone();
        }
        let mut problems = request
            .clone()
            .validate(
                today,
                |code| services.iter().any(|s| s.code == code),
                |id| providers.iter().any(|p| p.id == id),
            )
            .err()
            .unwrap_or_default();
        // The form asks for the home region (its navigators handle the
        // request); the API lets older clients leave it out. Listed where the
        // form shows it: after the contact details.
        if request.home_region.is_none() {
            let after = problems
                .iter()
                .rposition(|p| ABOUT_YOU.contains(&p.field.as_str()))
                .map_or(0, |i| i + 1);
            problems.insert(
                after,
                FieldProblem {
                    field: "homeRegion".into(),
                    code: ProblemCode::Required,
                    detail: "choose your home region".into(),
                },
            );
        }
        if problems.is_empty() {
            self.problems.set(Vec::new());
            let mut label = label(&request, services, providers, texts);
            label.episode = self.episode.get_untracked().and_then(|id| {
                let service = services.iter().find(|s| s.code == request.service_code)?;
                EpisodeLink::new(id, request.guarantee.map(|g| g.step), service.guarantee)
            });
            Some((request.clone(), label))
        } else {
            self.problems.set(problems);
            None
        }
    }

    /// Shows the server's problems with a request (it turned it down).
    pub fn show_problems(&self, problems: Vec<FieldProblem>) {
        self.problems.set(problems);
    }

    /// Empties the form after a request was queued.
    pub fn clear(&self) {
        self.draft.set(ReferralDraft::default());
        self.problems.set(Vec::new());
        self.correcting.set(None);
        self.episode.set(None);
    }
}

/// The service and providers by name, for showing the request later.
pub fn label(
    request: &NewReferral,
    services: &[Service],
    providers: &[Provider],
    texts: &Texts,
) -> RequestLabel {
    RequestLabel {
        service: super::service_title(texts, services, &request.service_code),
        providers: request
            .preferred_providers
            .iter()
            .map(|id| super::provider_label(providers, id))
            .collect(),
        episode: None,
    }
}
