//! The shape of one language's texts. Adding a field here makes every language
//! table fail to compile until it is translated.

use super::compare_texts::CompareTexts;
use super::referral_texts::ReferralTexts;
use chrono::NaiveDate;
use vardkoll_domain::episode::{DeclineReason, EventKind, UncoveredCare};
use vardkoll_domain::rules::Binding;
use vardkoll_domain::status::{EndReason, RiskReason, Status, Timeliness};
use vardkoll_domain::step::Step;
use vardkoll_domain::validation::{DateError, EpisodeError, EventChoice, EventError};

/// Names for each guarantee step: as a title, and as written inside a
/// sentence (in lower case where the language capitalises only titles).
pub struct StepTexts {
    pub contact: &'static str,
    pub assessment: &'static str,
    pub specialist: &'static str,
    pub treatment: &'static str,
    pub bup_assessment: &'static str,
    pub bup_in_depth: &'static str,
}

/// The event kinds a patient can choose.
pub struct ChoiceTexts {
    pub sought_primary_care: &'static str,
    pub referral_issued: &'static str,
    pub self_referral_accepted: &'static str,
    pub treatment_decided: &'static str,
    pub bup_referral: &'static str,
    pub booked: &'static str,
    pub care_received: &'static str,
    pub patient_chosen_wait: &'static str,
    pub medical_wait: &'static str,
    pub declined_elsewhere: &'static str,
    pub agreed_to_later_date: &'static str,
    pub renewed: &'static str,
    pub return_visit: &'static str,
    pub lab_test: &'static str,
    pub investigation: &'static str,
    pub aid: &'static str,
    pub private_without_agreement: &'static str,
}

/// What to do when a deadline will be or was missed: a heading, the steps in
/// order, and a closing note.
pub struct AdviceTexts {
    pub heading: &'static str,
    pub steps: &'static [&'static str],
    pub note: Option<&'static str>,
}

/// Why care outside the guarantee gets no deadline.
pub struct UncoveredTexts {
    pub return_visit: &'static str,
    pub lab_test: &'static str,
    pub investigation: &'static str,
    pub aid: &'static str,
    pub private_without_agreement: &'static str,
    pub no_rule_in_force: &'static str,
}

/// Status labels.
pub struct StatusTexts {
    pub upcoming: &'static str,
    pub on_track: &'static str,
    pub near_deadline: &'static str,
    pub booked_after_deadline: &'static str,
    pub missed: &'static str,
    /// The care was given on or before the deadline.
    pub fulfilled: &'static str,
    /// The care was given after the deadline.
    pub late: &'static str,
    /// A later step showed the care was given; its day is not recorded.
    pub done_date_unknown: &'static str,
    pub declined_elsewhere: &'static str,
    pub agreed_to_later_date: &'static str,
    pub renewed: &'static str,
    pub not_covered: &'static str,
}

/// Field error messages.
pub struct ErrorTexts {
    pub date_missing: &'static str,
    pub not_a_date: &'static str,
    pub impossible_date: &'static str,
    pub too_early: &'static str,
    pub in_future: &'static str,
    pub end_before_start: &'static str,
    pub step_required: &'static str,
    pub no_clock: &'static str,
    pub title_missing: &'static str,
    pub title_too_long: &'static str,
    pub unknown_region: &'static str,
    pub summary_heading: &'static str,
}

/// Every text of one language that the app shell (with every page's top) and
/// "Mina vårdgarantier" show. The comparison and the referral pages have their
/// own tables ([`CompareTexts`], [`ReferralTexts`]), reached through
/// [`Texts::compare`] and [`Texts::referral`] from their split points only, so
/// the first page load carries only these.
pub struct Texts {
    pub lang: super::Lang,
    pub app_name: &'static str,
    pub skip_link: &'static str,
    pub nav_label: &'static str,
    pub footer: &'static str,
    pub nav_requests: &'static str,
    /// "Mina förfrågningar": its lead and "no requests" (its top, drawn by the shell).
    pub requests_intro: &'static str,
    pub no_requests: &'static str,
    /// "Begär vård hos en annan vårdgivare": its lead and the path that applies
    /// (its top, drawn by the shell).
    pub referral_intro: &'static str,
    pub path_heading: &'static str,
    pub path_free_choice: &'static str,
    /// The region must arrange care: the deadline (step, date) has passed.
    pub path_missed: fn(&str, &str) -> String,
    /// The region must arrange care: the booked time is after the deadline (step, date).
    pub path_will_be_missed: fn(&str, &str) -> String,
    pub path_region_arranges: &'static str,
    /// Free choice gives up the guarantee's deadline (date).
    pub path_gives_up: fn(&str) -> String,
    pub path_source: &'static str,
    pub language_label: &'static str,
    pub request_elsewhere: &'static str,
    pub update_available: &'static str,
    pub update_reload: &'static str,
    /// Signing in with the region's or portal's identity provider (header).
    pub sign_in: &'static str,
    pub sign_out: &'static str,
    pub signing_in: &'static str,
    /// "Inloggad som" before the patient's name.
    pub signed_in_as: &'static str,
    pub sign_in_failed: &'static str,
    pub sign_in_refused: &'static str,
    pub sign_in_expired: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub back_home: &'static str,

    pub guarantees_title: &'static str,
    pub guarantees_intro: &'static str,
    pub episodes_heading: &'static str,
    pub new_episode_heading: &'static str,
    pub title_label: &'static str,
    pub title_hint: &'static str,
    pub region_label: &'static str,
    pub region_hint: &'static str,
    pub region_none: &'static str,
    pub region_line: &'static str,
    pub add_episode: &'static str,
    pub episode_added: &'static str,
    pub no_episodes: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub edit: &'static str,
    pub remove: &'static str,
    pub confirm_remove_episode: &'static str,
    pub confirm_remove: &'static str,

    pub deadlines_heading: &'static str,
    pub no_deadlines: &'static str,
    pub events_heading: &'static str,
    pub no_events: &'static str,
    pub add_event_heading: &'static str,
    pub edit_event_heading: &'static str,
    pub choice_label: &'static str,
    /// Shown while "declined care elsewhere" is chosen, before it is recorded.
    pub declined_warning: &'static str,
    pub step_label: &'static str,
    pub step_placeholder: &'static str,
    pub date_label: &'static str,
    pub booked_date_label: &'static str,
    pub from_label: &'static str,
    pub until_label: &'static str,
    /// `until_label` inside a sentence (an event's line): written out per
    /// language rather than lower-cased at run time, which would bring
    /// Unicode's case tables into the page's download.
    pub until_in_sentence: &'static str,
    pub date_hint: &'static str,
    /// Inside an empty date field: the form to type, as this language writes it.
    pub date_placeholder: &'static str,
    pub add_event: &'static str,
    pub event_saved: &'static str,
    pub event_removed: &'static str,

    pub deadline_label: &'static str,
    pub started_label: &'static str,
    pub source_label: &'static str,
    pub target_note: &'static str,
    pub regional_note: fn(&str, u32, u32) -> String,
    pub excluded_note: fn(u64) -> String,
    pub booked_note: &'static str,
    pub care_note: &'static str,
    /// A later step began on this day (a long date), so this step is done.
    pub done_by_later_step: fn(&str) -> String,
    /// Asks for the day of the care when only a later step shows it was given.
    pub add_care_day: &'static str,
    pub days_left: fn(i64) -> String,
    pub days_left_label: &'static str,
    pub deadline_summary: &'static str,

    /// Under the law: the region must arrange care elsewhere and pay.
    pub advice: AdviceTexts,
    /// Under the BUP target, which is not law and gives no such remedy.
    pub bup_advice: AdviceTexts,

    pub export: &'static str,
    pub export_hint: &'static str,
    pub export_file_name: &'static str,
    pub your_data_heading: &'static str,
    pub your_data_text: &'static str,
    pub delete_all: &'static str,
    pub delete_all_warning: &'static str,
    pub delete_all_confirm: &'static str,
    pub deleted_all: &'static str,
    pub storage_unreadable: &'static str,
    pub storage_save_failed: &'static str,

    pub wait_times_title: &'static str,
    /// "Vårdlotsen", the region's care navigators' page: its heading, what it
    /// is for, and the footer link to it.
    pub navigator_title: &'static str,
    pub navigator_intro: &'static str,
    pub navigator_link: &'static str,
    /// "Lediga tider", a provider's schedulers' page: its heading and what it is for.
    pub free_times_title: &'static str,
    pub free_times_intro: &'static str,
    pub wait_times_intro: &'static str,
    pub wait_times_caption: &'static str,
    pub service_label: &'static str,
    pub service_placeholder: &'static str,
    pub loading: &'static str,
    pub retry: &'static str,
    pub sample_data_note: &'static str,
    pub estimated_wait: &'static str,
    pub share_within_limit: &'static str,
    pub free_capacity: &'static str,
    pub capacity_yes: &'static str,
    pub capacity_no: &'static str,
    pub capacity_unknown: &'static str,
    pub no_figure: &'static str,
    pub days: fn(u32) -> String,
    pub api_network_error: &'static str,
    pub api_server_error: &'static str,
    pub api_invalid_error: &'static str,
    pub page_load_error: &'static str,

    pub steps: StepTexts,
    /// The steps' names inside a sentence ("tidsgräns för första besök ...").
    pub steps_in_sentence: StepTexts,
    pub choices: ChoiceTexts,
    pub uncovered: UncoveredTexts,
    pub status: StatusTexts,
    pub errors: ErrorTexts,
    pub weekdays: [&'static str; 7],
    pub months: [&'static str; 12],
}

impl Texts {
    /// A service's name in this language (the catalogue has Swedish and English;
    /// Arabic readers get the Swedish names used by Swedish healthcare).
    pub fn service_name<'a>(&self, service: &'a vardkoll_domain::api::Service) -> &'a str {
        match self.lang {
            super::Lang::En => &service.name_en,
            super::Lang::Sv | super::Lang::Ar => &service.name_sv,
        }
    }

    /// The comparison's texts in this language (used only by its split point).
    pub fn compare(&self) -> &'static CompareTexts {
        self.lang.compare_texts()
    }

    /// "Vårdlotsen"'s texts (used only by its split point).
    pub fn navigator(&self) -> &'static super::NavigatorTexts {
        self.lang.navigator_texts()
    }

    /// "Lediga tider"'s texts (used only by its split point).
    pub fn free_times(&self) -> &'static super::FreeTimesTexts {
        self.lang.free_times_texts()
    }

    /// The referral pages' texts in this language (used only by their split points).
    pub fn referral(&self) -> &'static ReferralTexts {
        self.lang.referral_texts()
    }

    /// `text` (a date, a number with separators, an identity number) as one
    /// left-to-right run inside this language's sentences: in a right-to-left
    /// language wrapped in the isolates U+2066 … U+2069, so that `2026-12-24`
    /// is not read as `24-12-2026`; as it is otherwise.
    pub fn ltr(&self, text: &str) -> String {
        if self.lang.dir() == "rtl" {
            format!("\u{2066}{text}\u{2069}")
        } else {
            text.to_owned()
        }
    }

    /// A request's status, as [`ReferralTexts::status`] words it.
    pub fn request_status(&self, status: vardkoll_domain::api::ReferralStatus) -> &'static str {
        self.lang.request_status(status)
    }

    pub fn step(&self, step: Step) -> &'static str {
        step_name(&self.steps, step)
    }

    /// The step's name inside a sentence.
    pub fn step_in_sentence(&self, step: Step) -> &'static str {
        step_name(&self.steps_in_sentence, step)
    }

    /// Why the region must arrange care: `step`'s deadline has passed
    /// (`missed`), or the booked time is after it.
    pub fn path_fact(&self, step: Step, deadline: NaiveDate, missed: bool) -> String {
        let date = super::long_date(self, deadline);
        let step = self.step_in_sentence(step);
        if missed {
            (self.path_missed)(step, &date)
        } else {
            (self.path_will_be_missed)(step, &date)
        }
    }

    /// What to do when a limit that is law, or the BUP target, is missed.
    pub fn advice(&self, binding: Binding) -> &AdviceTexts {
        match binding {
            Binding::Law => &self.advice,
            Binding::Target => &self.bup_advice,
        }
    }

    pub fn choice(&self, choice: EventChoice) -> &'static str {
        let c = &self.choices;
        match choice {
            EventChoice::SoughtPrimaryCare => c.sought_primary_care,
            EventChoice::ReferralIssued => c.referral_issued,
            EventChoice::SelfReferralAccepted => c.self_referral_accepted,
            EventChoice::TreatmentDecided => c.treatment_decided,
            EventChoice::BupReferral => c.bup_referral,
            EventChoice::Booked => c.booked,
            EventChoice::CareReceived => c.care_received,
            EventChoice::PatientChosenWait => c.patient_chosen_wait,
            EventChoice::MedicalWait => c.medical_wait,
            EventChoice::DeclinedElsewhere => c.declined_elsewhere,
            EventChoice::AgreedToLaterDate => c.agreed_to_later_date,
            EventChoice::Renewed => c.renewed,
            EventChoice::Outside(UncoveredCare::ReturnVisit) => c.return_visit,
            EventChoice::Outside(UncoveredCare::LabTest) => c.lab_test,
            EventChoice::Outside(UncoveredCare::Investigation) => c.investigation,
            EventChoice::Outside(UncoveredCare::Aid) => c.aid,
            EventChoice::Outside(UncoveredCare::PrivateWithoutAgreement) => {
                c.private_without_agreement
            }
        }
    }

    /// A one-line description of a recorded event, e.g. "Tid bokad – Första besök i specialistvården".
    pub fn event(&self, kind: EventKind) -> String {
        let choice = self.choice(EventChoice::of(kind));
        match kind {
            EventKind::Booked { step }
            | EventKind::CareReceived { step }
            | EventKind::Declined { step, .. }
            | EventKind::Renewed { step } => format!("{choice} – {}", self.step(step)),
            EventKind::ExcludedTime { step, until, .. } => {
                format!(
                    "{choice} – {}, {} {}",
                    self.step(step),
                    self.until_in_sentence,
                    self.ltr(&super::numeric_date(until))
                )
            }
            _ => choice.to_owned(),
        }
    }

    pub fn uncovered(&self, care: Option<UncoveredCare>) -> &'static str {
        let u = &self.uncovered;
        match care {
            Some(UncoveredCare::ReturnVisit) => u.return_visit,
            Some(UncoveredCare::LabTest) => u.lab_test,
            Some(UncoveredCare::Investigation) => u.investigation,
            Some(UncoveredCare::Aid) => u.aid,
            Some(UncoveredCare::PrivateWithoutAgreement) => u.private_without_agreement,
            None => u.no_rule_in_force,
        }
    }

    pub fn status(&self, status: Status) -> &'static str {
        let s = &self.status;
        match status {
            Status::Upcoming => s.upcoming,
            Status::OnTrack => s.on_track,
            Status::AtRisk(RiskReason::NearDeadline) => s.near_deadline,
            Status::AtRisk(RiskReason::BookedAfterDeadline) => s.booked_after_deadline,
            Status::Missed => s.missed,
            Status::Done(Timeliness::InTime) => s.fulfilled,
            Status::Done(Timeliness::Late) => s.late,
            Status::Done(Timeliness::Unknown) => s.done_date_unknown,
            Status::Ended(EndReason::Declined(DeclineReason::OfferedElsewhere)) => {
                s.declined_elsewhere
            }
            Status::Ended(EndReason::Declined(DeclineReason::AgreedToLaterDate)) => {
                s.agreed_to_later_date
            }
            Status::Ended(EndReason::Renewed) => s.renewed,
            Status::NotCovered => s.not_covered,
        }
    }

    pub fn date_error(&self, error: DateError) -> &'static str {
        let e = &self.errors;
        match error {
            DateError::Missing => e.date_missing,
            DateError::NotADate => e.not_a_date,
            DateError::Impossible => e.impossible_date,
            DateError::TooEarly => e.too_early,
            DateError::InFuture => e.in_future,
            DateError::EndBeforeStart => e.end_before_start,
        }
    }

    pub fn event_error(&self, error: EventError) -> &'static str {
        match error {
            EventError::Date(error) => self.date_error(error),
            EventError::StepRequired => self.errors.step_required,
            EventError::NoClockToActOn => self.errors.no_clock,
        }
    }

    pub fn episode_error(&self, error: EpisodeError) -> &'static str {
        match error {
            EpisodeError::TitleMissing => self.errors.title_missing,
            EpisodeError::TitleTooLong => self.errors.title_too_long,
            EpisodeError::UnknownRegion => self.errors.unknown_region,
        }
    }
}

fn step_name(s: &StepTexts, step: Step) -> &'static str {
    match step {
        Step::PrimaryCareContact => s.contact,
        Step::PrimaryCareAssessment => s.assessment,
        Step::SpecialistVisit => s.specialist,
        Step::Treatment => s.treatment,
        Step::BupAssessment => s.bup_assessment,
        Step::BupInDepth => s.bup_in_depth,
    }
}

#[cfg(test)]
mod tests {
    use super::super::Lang;
    use super::*;
    use vardkoll_domain::date::ymd;

    #[test]
    fn a_step_named_inside_a_sentence_is_not_capitalised() {
        let deadline = ymd(2026, 11, 30);
        assert_eq!(
            Lang::Sv
                .texts()
                .path_fact(Step::SpecialistVisit, deadline, true),
            "Vårdgarantins tidsgräns för första besök i specialistvården var måndag 30 november 2026 \
             och har passerat."
        );
        assert!(
            Lang::Sv
                .texts()
                .path_fact(Step::Treatment, deadline, false)
                .contains("tidsgräns för behandling eller operation, måndag")
        );
        assert_eq!(
            Lang::En
                .texts()
                .path_fact(Step::SpecialistVisit, deadline, true),
            "The care guarantee deadline for a first visit in specialised care was Monday 30 November \
             2026 and has passed."
        );
        for lang in [Lang::Sv, Lang::En] {
            let t = lang.texts();
            for step in Step::ALL {
                let name = t.step_in_sentence(step);
                assert_eq!(name, name.to_lowercase().replace("bup", "BUP"), "{lang:?}");
                assert_ne!(name, t.step(step), "{lang:?}");
            }
        }
    }

    #[test]
    fn arabic_puts_a_weekday_after_yawm() {
        let t = Lang::Ar.texts();
        for missed in [true, false] {
            let fact = t.path_fact(Step::SpecialistVisit, ymd(2026, 11, 30), missed);
            assert!(fact.contains("يوم الاثنين 30 نوفمبر 2026"), "{fact}");
            assert!(!fact.contains("في الاثنين"), "{fact}");
        }
        let note = (t.done_by_later_step)("الجمعة 20 نوفمبر 2026");
        assert!(note.contains("يوم الجمعة"), "{note}");
    }

    #[test]
    fn the_free_choice_paragraph_reads_on_its_own() {
        // It opens the notice: nothing before it for "då" or "then" to refer to.
        assert!(
            Lang::Sv
                .texts()
                .path_free_choice
                .starts_with("Väljer du själv var du får vård använder du det fria vårdvalet")
        );
        assert!(
            Lang::En
                .texts()
                .path_free_choice
                .starts_with("If you choose where to get care yourself, you use free choice")
        );
        assert!(!Lang::Ar.texts().path_free_choice.contains("عندها"));
    }

    #[test]
    fn no_decline_reason_assumes_a_booked_time() {
        use vardkoll_domain::api::DeclineReason;
        for lang in Lang::ALL {
            let reason = (lang.referral_texts().decline_reason)(DeclineReason::NoProviderAvailable);
            for booked in ["redan har", "already have", "الموعد الذي لديك"] {
                assert!(!reason.contains(booked), "{lang:?}: {reason}");
            }
        }
        assert_eq!(
            (Lang::Sv.referral_texts().decline_reason)(DeclineReason::NoProviderAvailable),
            "Orsak: regionen hittade ingen vårdgivare som kan ge vården tidigare."
        );
    }

    #[test]
    fn the_bup_advice_does_not_promise_the_laws_remedy() {
        for lang in Lang::ALL {
            let t = lang.texts();
            let law = t.advice(Binding::Law);
            let bup = t.advice(Binding::Target);
            let bup_text: Vec<&str> = bup.steps.iter().copied().chain(bup.note).collect();
            let bup_text = bup_text.join(" ");
            // The law's remedy: care elsewhere arranged by the region, extra costs paid.
            for remedy in law.steps.iter().skip(1) {
                assert!(!bup_text.contains(remedy), "{lang:?}");
            }
            for claim in [
                "extra kostnad",
                "betalar",
                "vårdgarantikansli",
                "extra costs",
                "pays",
                "care guarantee office",
                "التكاليف الإضافية",
                "تدفع",
                "مكتب ضمان الرعاية",
            ] {
                assert!(!bup_text.contains(claim), "{lang:?}: {claim}");
            }
            // What applies to BUP: the clinic, another clinic, the patients' advisory committee,
            // and that the target is not law.
            assert!(bup_text.contains("patientnämnden"), "{lang:?}");
            assert!(bup_text.contains("SKR"), "{lang:?}");
            assert_ne!(bup.heading, law.heading, "{lang:?}");
        }
    }
}
