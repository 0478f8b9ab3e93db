//! English texts of requesting care elsewhere and following the requests.

use vardkoll_domain::api::{
    DeclineReason, MAX_MESSAGE_CHARS, PatientAnswer, ProblemCode, ReferralStatus,
};
use vardkoll_domain::referral::AnswerRefusal;

use super::referral_texts::ReferralTexts;

/// Worded for the field and the code where that helps, for the field alone
/// where one message fits every code, and otherwise for the code: every code
/// has its own arm, so a new code does not compile without its words.
fn field_error(field: &str, code: ProblemCode) -> &'static str {
    use ProblemCode::*;
    match (field, code) {
        ("personalIdentityNumber", Format) => {
            "Write the personal identity number with 12 digits, for example 19121212-1212."
        }
        ("name", Required) => "Write your name.",
        ("name", TooLong) => "The name may be at most 100 characters.",
        ("phone", Format) => "The phone number should have 7–15 digits.",
        ("email", Format) => {
            "That does not look like an e-mail address, for example name@example.com."
        }
        ("currentReferral/date", InFuture) => "The referral date cannot be after today.",
        ("preferredProviders", TooMany) => "Choose at most five providers.",
        ("preferredProviders", Duplicate) => "This provider is already in the list.",
        ("preferredProviders", Unknown) => "The provider no longer exists. Choose another.",

        (_, Characters) => {
            "The text contains characters that cannot be used, such as invisible control characters. Type it again."
        }
        ("serviceCode", _) => "Choose which treatment or visit it is about.",
        ("currentReferral/clinic", _) => "Write which clinic wrote the referral.",
        ("currentReferral/date", _) => "Write the referral date as YYYY-MM-DD.",
        ("guarantee/step", _) => {
            "Only the deadlines for a specialist visit and for treatment oblige the region."
        }
        ("preferredProviders", _) => "Choose at least one provider.",
        ("interpreter/language", _) => "Write which language you need an interpreter for.",
        ("message", TooLong) => "The message may be at most 1000 characters.",
        ("consentToShare", _) => "You need to consent for the request to be sent.",
        ("homeRegion", _) => "Choose your home region.",

        (_, Format) => "This is not in the expected form.",
        (_, Date) => "The date of birth in the number is not a real day.",
        (_, ControlDigit) => "The last digit does not match. Check the number.",
        (_, Required) => "This information is needed.",
        (_, TooLong) => "The text is too long.",
        (_, ContactRequired) => "Give a phone number or an e-mail address.",
        (_, Unknown) => "What you chose no longer exists. Choose something else.",
        (_, InFuture) => "The date cannot be after today.",
        (_, NotEnforced) => "This deadline does not oblige the region.",
        (_, TooMany) => "You have chosen too many.",
        (_, Duplicate) => "This is already in the list.",
        (_, Shape) => {
            "The app and the server did not understand each other. Reload the page and try again."
        }
        (_, Range) => "The value is outside the allowed range.",
        (_, Unrecognised) => "Check this information.",
    }
}

pub(super) fn status(status: ReferralStatus) -> &'static str {
    match status {
        ReferralStatus::Received => "Received",
        ReferralStatus::UnderReview => "Under review",
        ReferralStatus::Offered => "Appointment offered",
        ReferralStatus::Declined => "Declined",
        ReferralStatus::Withdrawn => "Withdrawn",
        ReferralStatus::Booked => "Appointment booked",
        ReferralStatus::OfferDeclined => "Offer declined",
    }
}

fn status_next(status: ReferralStatus) -> &'static str {
    match status {
        ReferralStatus::Received => {
            "The region has received the request and starts reviewing it, usually within five working days."
        }
        ReferralStatus::UnderReview => {
            "The region is reviewing the request and contacting the providers you chose. You will hear \
             here and by phone or e-mail."
        }
        ReferralStatus::Offered => {
            "You have been offered an appointment. Answer here: accept, ask for another time or decline. You \
             may decline, but if the region arranged the care because the care guarantee was not kept, the \
             guarantee for that care then ends."
        }
        ReferralStatus::Declined => {
            "The region could not arrange the care with the providers you chose. You can send a new \
             request with other providers, or contact your region's care guarantee office (through 1177) if \
             the care guarantee deadline has passed."
        }
        ReferralStatus::Withdrawn => {
            "The request has been withdrawn and is no longer handled. If you still want care from another \
             provider, you can send a new request."
        }
        ReferralStatus::Booked => {
            "You accepted and the appointment is booked. The clinic may contact you before the visit. If you \
             cannot come, tell the clinic as soon as you can."
        }
        ReferralStatus::OfferDeclined => {
            "You declined the care offered. If the region arranged it because the care guarantee was not \
             kept, the guarantee no longer applies to that care. You can send a new request."
        }
    }
}

fn answer_refused(why: AnswerRefusal) -> &'static str {
    match why {
        AnswerRefusal::Expired => {
            "The time to answer had run out, so your answer could not be taken. The region is looking for a new time."
        }
        AnswerRefusal::NotNow => {
            "Your answer could not be taken, because the request has changed since. See the status above."
        }
    }
}

fn history_answer(answer: PatientAnswer) -> &'static str {
    match answer {
        PatientAnswer::Accept => "you accepted",
        PatientAnswer::Decline => "you declined",
        PatientAnswer::AnotherTime => "you asked for another time",
        PatientAnswer::Withdraw => "you withdrew the request",
    }
}

fn decline_reason(reason: DeclineReason) -> &'static str {
    match reason {
        DeclineReason::NoProviderAvailable => {
            "Reason: the region found no provider that can give the care sooner."
        }
        DeclineReason::NotCoveredByGuarantee => {
            "Reason: the care you ask for is not covered by the care guarantee."
        }
        DeclineReason::IncompleteRequest => {
            "Reason: the request lacks details the region needs. Send a new one with what is missing."
        }
        DeclineReason::Duplicate => "Reason: the same request was already sent.",
        DeclineReason::Other => "Reason: see the region's message.",
    }
}

pub const EN_REFERRAL: ReferralTexts = ReferralTexts {
    from_episode: |title| format!("The request is about your care episode “{title}”."),

    about_you: "About you",
    identity_label: "Personal identity number or coordination number",
    identity_hint: "12 digits, for example 19121212-1212.",
    name_label: "Name",
    phone_label: "Phone",
    email_label: "E-mail",
    contact_hint: "Give a phone number, an e-mail address or both, so that the region can reach you.",
    care_heading: "The care you are asking for",
    service_label: "Treatment or visit",
    service_none: "Choose a treatment or visit",
    home_region_label: "Your home region",
    home_region_hint: "The region where you live. Its care navigators handle the request.",
    home_region_none: "Choose a region",
    referral_heading: "Your current referral",
    referral_hint: "Leave empty if you have no referral.",
    clinic_label: "Clinic that wrote the referral",
    referral_date_label: "Date of the referral",
    providers_heading: "Preferred providers",
    providers_hint: "At most five, the one you prefer first.",
    provider_label: |n| format!("Provider {n}"),
    provider_none: "Choose a provider",
    other_region: "does not accept patients from other regions",
    add_provider: "Add a provider",
    move_up: |n| format!("Move provider {n} up"),
    remove_provider: |n| format!("Remove provider {n}"),
    other_heading: "Travel, interpreter and message",
    can_travel: "I can travel to another town for the care",
    travel_label: "How far can you travel?",
    travel_anywhere: "Anywhere in the country",
    travel_within: |km| format!("Up to {km} km"),
    interpreter_needed: "I need an interpreter",
    interpreter_language: "Language for the interpreter",
    message_label: "Message to the region (optional)",
    message_hint: |used| format!("{used} of {MAX_MESSAGE_CHARS} characters."),
    consent_heading: "Consent",
    consent: "I consent to the request with my information being shared with the region that receives it.",
    privacy_note: "Your personal identity number is kept in this browser only until the request has been \
        received, so that nothing is lost if the connection breaks. After that only the reference number \
        and the status are kept.",
    submit: "Send request",
    catalogue_error: "The list of treatments and providers could not be fetched. Check your connection and \
        try again.",
    field_error,
    rejected_without_details: "The request was not accepted. Check the information and send it again.",

    service_term: "Treatment or visit",
    providers_term: "Preferred providers",
    receipt_heading: "Receipt for your request",
    waiting: "Waiting to be sent",
    waiting_detail: "The request is saved in this browser and is sent automatically as soon as possible. \
        You can close the page; it is sent the next time you open Vårdkoll.",
    offline_detail: "You are not connected right now. The request is sent when the connection is back.",
    sending: "Sending …",
    received: "The request has been received",
    reference_label: "Reference number",
    received_at_label: "Received",
    next_heading: "What happens next",
    next_steps: "Your home region reviews the request, usually within five working days, and contacts the \
        providers you chose. You will hear by phone or e-mail, and the status is shown under My requests. \
        Give the reference number if you contact the region.",
    print: "Print the receipt",
    send_now: "Try to send now",
    rejected: "The request was not accepted. Correct the information and send it again.",
    correct: "Correct and send again",
    correcting: "You are correcting a request that was not accepted. When you send it, it replaces the old one.",
    new_request: "New request",

    waiting_heading: "Waiting to be sent",
    sent_heading: "Sent",
    queued_label: "Saved",
    attempts: |n| match n {
        0 => "Not sent yet".to_owned(),
        1 => "1 attempt so far".to_owned(),
        n => format!("{n} attempts so far"),
    },
    history_heading: "History",
    status_label: "Status",
    remove: "Remove the request",
    confirm_remove: "The request is removed from this browser and not sent.",
    confirm_remove_yes: "Yes, remove",
    save_failed: "Saving in the browser failed. Keep the page open until the request has been received.",
    identity_from_sign_in: "Your name and personal identity number come from your sign-in with e-identification.",
    sign_in_to_fill: "Sign in with e-identification, and your name and personal identity number are filled in \
        for you and you can follow the request on all your devices.",
    needs_sign_in: "The request is saved and will be sent once you have signed in again.",
    status,
    status_next,
    offered_time: |date, time, provider| format!("Time offered: {date} at {time}, {provider}."),
    decline_reason,
    answer_heading: "Answer the offer",
    answer_by: |when| {
        format!("Answer by {when}. Otherwise the time goes back and the region keeps looking.")
    },
    accept: "Accept the appointment",
    another_time: "Ask for another time",
    decline: "Decline",
    decline_warning: "If the region arranged the care because the care guarantee was not kept, the guarantee \
        for that care ends when you decline. If you would rather have another time, you can ask for one instead.",
    decline_yes: "Yes, decline",
    withdraw: "Withdraw the request",
    withdraw_warning: "The request is no longer handled, and a time offered to you goes back.",
    withdraw_yes: "Yes, withdraw",
    answer_on_its_way: "Your answer is saved and being sent. If you are offline, it is sent when you are back online.",
    answer_needs_sign_in: "Your answer is saved and is sent when you have signed in again.",
    answer_refused,
    answer_refused_ok: "I understand",
    history_answer,
    history_expired: "the time to answer ran out",
    add_booked: |title| format!("Add the appointment to “{title}” in My care guarantees"),
    booked_in_tracker: |title| {
        format!(
            "The appointment is in your care episode “{title}”. My care guarantees shows whether it is within the time limit."
        )
    },
    show_tracker: "Show My care guarantees",
};
