//! English.

use super::texts::{
    AdviceTexts, ChoiceTexts, ErrorTexts, StatusTexts, StepTexts, Texts, UncoveredTexts,
};

fn days_left(days: i64) -> String {
    match days {
        0 => "Today is the last day".to_owned(),
        1 => "1 day left".to_owned(),
        -1 => "Passed 1 day ago".to_owned(),
        d if d < 0 => format!("Passed {} days ago", -d),
        d => format!("{d} days left"),
    }
}

/// "1 day", "12 days".
pub(super) fn days(days: u32) -> String {
    if days == 1 {
        "1 day".to_owned()
    } else {
        format!("{days} days")
    }
}

fn regional_note(region: &str, regional: u32, national: u32) -> String {
    format!(
        "{region} has a shorter limit: {}. The national limit is {}.",
        days(regional),
        days(national)
    )
}

fn excluded_note(days: u64) -> String {
    if days == 1 {
        "1 day does not count (a wait you chose or a wait for medical reasons).".to_owned()
    } else {
        format!("{days} days do not count (a wait you chose or a wait for medical reasons).")
    }
}

pub const EN: Texts = Texts {
    lang: super::Lang::En,
    app_name: "Vårdkoll",
    skip_link: "Skip to content",
    nav_label: "Main menu",
    footer: "Vårdkoll keeps your information only in this browser, except requests that you send yourself. \
        Vårdkoll does not replace contact with your healthcare provider.",
    language_label: "Language",
    nav_requests: "My requests",
    requests_intro: "Your requests for care from another provider and what has happened to them.",
    no_requests: "You have no requests. You can request care from another provider from Waiting times or \
        from a care episode.",
    referral_intro: "Ask for care from a provider with a shorter queue. The request goes to your home region, which \
        arranges the care or helps you further.",
    path_heading: "What applies to you",
    path_free_choice: "If you choose where to get care yourself, you use free choice of care: you may \
        choose publicly funded outpatient care anywhere in Sweden. The care guarantee's limits and travel \
        reimbursement do not follow you, and some regions require a referral.",
    path_missed: |step, date| {
        format!("The care guarantee deadline for {step} was {date} and has passed.")
    },
    path_will_be_missed: |step, date| {
        format!("Your booked appointment is after the care guarantee deadline for {step}, {date}.")
    },
    path_region_arranges: "Your home region must then arrange care with another provider at no extra cost \
        to you, travel included. You may decline the region's offer, but then the care guarantee for that \
        care ends.",
    path_gives_up: |date| {
        format!(
            "Your care guarantee entitles you to care by {date}. That limit does not apply at a provider you choose yourself."
        )
    },

    path_source: "Health and Medical Services Act (HSL) chapter 9 section 1, Patient Act chapter 9.",
    request_elsewhere: "Request care from another provider",
    update_available: "A new version of Vårdkoll is available.",
    update_reload: "Reload the page",
    sign_in: "Sign in",
    sign_out: "Sign out",
    signing_in: "Signing in …",
    signed_in_as: "Signed in as",
    sign_in_failed: "Signing in did not work just now. Try again in a while.",
    sign_in_refused: "Signing in was cancelled. You can sign in again whenever you like.",
    sign_in_expired: "You have been signed out because your sign-in ran out. Sign in again to go on. \
        Requests waiting to be sent are kept.",
    not_found_title: "Page not found",
    not_found_text: "The address does not lead to a page in Vårdkoll.",
    back_home: "Go to My care guarantees",

    guarantees_title: "My care guarantees",
    guarantees_intro: "Enter what has happened in your care, for example that a referral was sent. \
        Vårdkoll works out the last day under the care guarantee (vårdgaranti), how many days are left and \
        what you can do if time runs out.",
    episodes_heading: "Your care episodes",
    new_episode_heading: "New care episode",
    title_label: "What is the care about?",
    title_hint: "For example “My hip” or “Eye clinic”.",
    region_label: "Your home region (optional)",
    region_hint: "Some regions have shorter limits than the law.",
    region_none: "No region chosen",
    region_line: "Region",
    add_episode: "Add care episode",
    episode_added: "The care episode was added:",
    no_episodes: "You have no care episodes yet. Start by adding one above.",
    save: "Save",
    cancel: "Cancel",
    edit: "Edit",
    remove: "Remove",
    confirm_remove_episode: "Do you want to remove the care episode and all its events?",
    confirm_remove: "Yes, remove",

    deadlines_heading: "Deadlines",
    no_deadlines: "No deadlines yet. Add an event that starts the care guarantee, for example a referral.",
    events_heading: "Events",
    no_events: "No events yet.",
    add_event_heading: "Add event",
    edit_event_heading: "Edit event",
    choice_label: "What happened?",
    declined_warning: "If you decline care that the region has arranged with another provider, the care \
        guarantee no longer applies to that care. If you change your mind later, the time starts again \
        from the day you get in touch.",
    step_label: "Which care is it about?",
    step_placeholder: "Choose care",
    date_label: "Date",
    booked_date_label: "Date of the booked appointment",
    from_label: "From",
    until_label: "Until (inclusive)",
    until_in_sentence: "until (inclusive)",
    date_hint: "Write it as YYYY-MM-DD, for example 2026-09-01.",
    date_placeholder: "YYYY-MM-DD",
    add_event: "Add event",
    event_saved: "The event was saved.",
    event_removed: "The event was removed.",

    deadline_label: "Last day",
    started_label: "Counted from",
    source_label: "Source",
    target_note: "This is a target agreed between the government and SKR, not a law.",
    regional_note,
    excluded_note,
    booked_note: "Booked appointment",
    care_note: "Care given",
    done_by_later_step: |date| format!("The next step began on {date}, so this step is done."),
    add_care_day: "Add the day you received the care to see whether it was in time.",
    days_left,
    days_left_label: "Days left",
    deadline_summary: "Last day under the care guarantee",

    advice: AdviceTexts {
        heading: "If you do not get care in time",
        steps: &[
            "Contact the clinic where you are waiting and ask when you can get an appointment.",
            "If that does not help: contact your region's care guarantee office (vårdgarantikansli) or \
            care guide. They help you get care from another provider.",
            "The region arranges the care and pays the extra costs, travel included. You may decline \
            the offer, but then the care guarantee for that care ends.",
        ],
        note: None,
    },
    bup_advice: AdviceTexts {
        heading: "If you do not get care at child and adolescent psychiatry (BUP) in time",
        steps: &[
            "Contact the BUP clinic where you are waiting and ask when you can get an appointment.",
            "Ask the clinic or the region whether you can get care at another clinic.",
            "If you are not satisfied, you can turn to the patients' advisory committee \
            (patientnämnden) in your region.",
        ],
        note: Some(
            "The BUP target is an agreement between the government and SKR, not a law. The law's limits \
            for specialised care, 90 days, apply at BUP too.",
        ),
    },

    export: "Save the deadlines to your calendar",
    export_hint: "A calendar file (.ics) that you can open in your calendar.",
    export_file_name: "care-guarantees.ics",
    your_data_heading: "Your information",
    your_data_text: "What you enter is saved only in this browser, not by Vårdkoll.",
    delete_all: "Delete all my information",
    delete_all_warning: "All care episodes and events, and your requests (including those not yet sent), \
        are deleted from this browser. This cannot be undone.",
    delete_all_confirm: "Yes, delete everything",
    deleted_all: "All your information has been deleted.",
    storage_unreadable: "Your saved information could not be read. It is kept unchanged in the browser, \
        but Vårdkoll cannot show it.",
    storage_save_failed: "Saving in the browser failed. Your changes remain as long as the page is open.",

    wait_times_title: "Waiting times",
    navigator_title: "Vårdlotsen",
    navigator_intro: "For the region's care navigators: requests for care elsewhere from patients in your regions, \
        the most urgent first.",
    navigator_link: "For the region's care navigators",
    free_times_title: "Lediga tider (free times)",
    free_times_intro: "For providers' schedulers: publish free times that can be offered to patients anywhere in Sweden, and see which are offered and booked.",
    wait_times_intro: "See how long people wait in different regions for a treatment or a first visit.",
    wait_times_caption: "Estimated wait for a new patient, latest month, shortest first",
    service_label: "Treatment or visit",
    service_placeholder: "Choose a treatment or visit",
    loading: "Fetching information …",
    retry: "Try again",
    sample_data_note: "Sample data: the figures are generated to demonstrate the service and are not real \
        waiting times.",
    estimated_wait: "Estimated wait",
    share_within_limit: "Share within the care guarantee",
    free_capacity: "Free capacity",
    capacity_yes: "Yes",
    capacity_no: "No",
    capacity_unknown: "Not reported",
    no_figure: "Not reported",
    days,
    api_network_error: "The server could not be reached. Check your connection and try again.",
    api_server_error: "The server could not answer right now. Try again in a while.",
    api_invalid_error: "The server sent information that could not be read. Try again later.",
    page_load_error: "The page could not be loaded. Check your connection and try again.",

    steps: StepTexts {
        contact: "Contact with the health centre",
        assessment: "Medical assessment in primary care",
        specialist: "First visit in specialised care",
        treatment: "Treatment or operation",
        bup_assessment: "First assessment at child and adolescent psychiatry (BUP)",
        bup_in_depth: "In-depth assessment or treatment at child and adolescent psychiatry (BUP)",
    },
    steps_in_sentence: StepTexts {
        contact: "contact with the health centre",
        assessment: "a medical assessment in primary care",
        specialist: "a first visit in specialised care",
        treatment: "treatment or an operation",
        bup_assessment: "a first assessment at child and adolescent psychiatry (BUP)",
        bup_in_depth: "an in-depth assessment or treatment at child and adolescent psychiatry (BUP)",
    },
    choices: ChoiceTexts {
        sought_primary_care: "I contacted the health centre",
        referral_issued: "A referral to specialised care was sent",
        self_referral_accepted: "My self-referral was accepted",
        treatment_decided: "A decision on treatment or operation",
        bup_referral: "A referral to, or contact with, child and adolescent psychiatry (BUP)",
        booked: "Appointment booked",
        care_received: "I received the care",
        patient_chosen_wait: "I chose to wait (a wait chosen by the patient)",
        medical_wait: "A wait for medical reasons",
        declined_elsewhere: "I declined care from another provider",
        agreed_to_later_date: "I agreed to a date after the limit",
        renewed: "I changed my mind and asked for care again",
        return_visit: "Follow-up visit",
        lab_test: "Laboratory test",
        investigation: "X-ray or other examination",
        aid: "Assistive device",
        private_without_agreement: "Private care without an agreement with the region",
    },
    uncovered: UncoveredTexts {
        return_visit: "Follow-up visits are not covered by the care guarantee. Ask the clinic when you should \
            come back.",
        lab_test: "Laboratory tests are not covered by the care guarantee.",
        investigation: "X-rays and other examinations are not covered by the care guarantee.",
        aid: "Assistive devices are not covered by the care guarantee, except fitting a hearing aid.",
        private_without_agreement: "Private providers without an agreement with the region are not covered \
            by the care guarantee.",
        no_rule_in_force: "No care guarantee applied on that date. The care guarantee began on 1 July 2010 \
            and the target for child and adolescent psychiatry in 2011.",
    },
    status: StatusTexts {
        upcoming: "Appointment booked within the limit",
        on_track: "On track",
        near_deadline: "Last day soon",
        booked_after_deadline: "Appointment booked after the last day",
        missed: "The limit has passed",
        fulfilled: "Met",
        late: "Care came after the limit",
        done_date_unknown: "Done – date not given",
        declined_elsewhere: "Ended – you declined care from another provider",
        agreed_to_later_date: "Ended – you agreed to a later date",
        renewed: "Replaced – time counts from when you asked for care again",
        not_covered: "Not covered by the care guarantee",
    },
    errors: ErrorTexts {
        date_missing: "Enter a date.",
        not_a_date: "Write the date as YYYY-MM-DD, for example 2026-09-01.",
        impossible_date: "That date does not exist. Check the month and day.",
        too_early: "The date is too far back. Check the year.",
        in_future: "The date cannot be later than today.",
        end_before_start: "The end date cannot be before the start date.",
        step_required: "Choose which care it is about.",
        no_clock: "First add the event that starts this deadline, for example a referral or a decision on \
            treatment, with a date on or before this one.",
        title_missing: "Write what the care is about.",
        title_too_long: "Write at most 80 characters.",
        unknown_region: "Choose a region from the list.",
        summary_heading: "Please correct the following:",
    },
    weekdays: [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_left_reads_naturally() {
        assert_eq!(days_left(12), "12 days left");
        assert_eq!(days_left(1), "1 day left");
        assert_eq!(days_left(0), "Today is the last day");
        assert_eq!(days_left(-5), "Passed 5 days ago");
    }
}
