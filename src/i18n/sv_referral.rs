//! Swedish texts of requesting care elsewhere and following the requests.

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
            "Skriv personnumret med 12 siffror, till exempel 19121212-1212."
        }
        ("name", Required) => "Skriv ditt namn.",
        ("name", TooLong) => "Namnet får vara högst 100 tecken.",
        ("phone", Format) => "Telefonnumret ska ha 7–15 siffror.",
        ("email", Format) => {
            "E-postadressen ser inte ut som en e-postadress, till exempel namn@exempel.se."
        }
        ("currentReferral/date", InFuture) => "Remissens datum kan inte vara efter i dag.",
        ("preferredProviders", TooMany) => "Välj högst fem vårdgivare.",
        ("preferredProviders", Duplicate) => "Den här vårdgivaren finns redan i listan.",
        ("preferredProviders", Unknown) => "Vårdgivaren finns inte längre. Välj en annan.",

        (_, Characters) => {
            "Texten innehåller tecken som inte går att använda, till exempel osynliga styrtecken. Skriv om den."
        }
        ("serviceCode", _) => "Välj vilken behandling eller vilket besök det gäller.",
        ("currentReferral/clinic", _) => "Skriv vilken mottagning som skrev remissen.",
        ("currentReferral/date", _) => "Skriv remissens datum som ÅÅÅÅ-MM-DD.",
        ("guarantee/step", _) => {
            "Bara tidsgränserna för besök i specialistvården och för behandling förpliktar regionen."
        }
        ("preferredProviders", _) => "Välj minst en vårdgivare.",
        ("interpreter/language", _) => "Skriv vilket språk du behöver tolk på.",
        ("message", TooLong) => "Meddelandet får vara högst 1000 tecken.",
        ("consentToShare", _) => "Du behöver samtycka för att förfrågan ska kunna skickas.",
        ("homeRegion", _) => "Välj din hemregion.",

        (_, Format) => "Uppgiften har inte rätt form.",
        (_, Date) => "Födelsedatumet i numret är inte en riktig dag.",
        (_, ControlDigit) => "Den sista siffran stämmer inte. Kontrollera numret.",
        (_, Required) => "Den här uppgiften behövs.",
        (_, TooLong) => "Texten är för lång.",
        (_, ContactRequired) => "Ange ett telefonnummer eller en e-postadress.",
        (_, Unknown) => "Det du valde finns inte längre. Välj något annat.",
        (_, InFuture) => "Datumet kan inte vara efter i dag.",
        (_, NotEnforced) => "Den här tidsgränsen förpliktar inte regionen.",
        (_, TooMany) => "Du har valt för många.",
        (_, Duplicate) => "Det här finns redan i listan.",
        (_, Shape) => "Appen och servern förstod inte varandra. Ladda om sidan och försök igen.",
        (_, Range) => "Värdet är utanför det tillåtna intervallet.",
        (_, Unrecognised) => "Kontrollera uppgiften.",
    }
}

pub(super) fn status(status: ReferralStatus) -> &'static str {
    match status {
        ReferralStatus::Received => "Mottagen",
        ReferralStatus::UnderReview => "Handläggs",
        ReferralStatus::Offered => "Tid erbjuden",
        ReferralStatus::Declined => "Avslagen",
        ReferralStatus::Withdrawn => "Återkallad",
        ReferralStatus::Booked => "Tid bokad",
        ReferralStatus::OfferDeclined => "Erbjudandet avböjt",
    }
}

fn status_next(status: ReferralStatus) -> &'static str {
    match status {
        ReferralStatus::Received => {
            "Regionen har tagit emot förfrågan och börjar gå igenom den, vanligen inom fem arbetsdagar."
        }
        ReferralStatus::UnderReview => {
            "Regionen går igenom förfrågan och kontaktar vårdgivarna du valde. Du får besked här och via \
             telefon eller e-post."
        }
        ReferralStatus::Offered => {
            "Du har fått erbjudande om en tid. Svara här: tacka ja, be om en annan tid eller tacka nej. Du \
             får tacka nej, men om regionen ordnade vården för att vårdgarantin inte hölls upphör den då för \
             den vården."
        }
        ReferralStatus::Declined => {
            "Regionen kunde inte ordna vården hos de vårdgivare du valde. Du kan skicka en ny förfrågan \
             med andra vårdgivare, eller kontakta din regions vårdgarantikansli (via 1177) om vårdgarantins \
             tidsgräns har passerat."
        }
        ReferralStatus::Withdrawn => {
            "Förfrågan är återkallad och handläggs inte längre. Vill du fortfarande få vård hos en annan \
             vårdgivare kan du skicka en ny förfrågan."
        }
        ReferralStatus::Booked => {
            "Du har tackat ja och tiden är bokad. Mottagningen kan kontakta dig inför besöket. Kan du inte \
             komma, hör av dig till mottagningen så snart du kan."
        }
        ReferralStatus::OfferDeclined => {
            "Du har tackat nej till vården som erbjöds. Om regionen ordnade den för att vårdgarantin inte \
             hölls gäller vårdgarantin inte längre för den vården. Du kan skicka en ny förfrågan."
        }
    }
}

fn answer_refused(why: AnswerRefusal) -> &'static str {
    match why {
        AnswerRefusal::Expired => {
            "Tiden att svara hade gått ut, så ditt svar kunde inte tas emot. Regionen letar efter en ny tid."
        }
        AnswerRefusal::NotNow => {
            "Ditt svar kunde inte tas emot, eftersom förfrågan har ändrats sedan dess. Se status ovan."
        }
    }
}

fn history_answer(answer: PatientAnswer) -> &'static str {
    match answer {
        PatientAnswer::Accept => "du tackade ja",
        PatientAnswer::Decline => "du tackade nej",
        PatientAnswer::AnotherTime => "du bad om en annan tid",
        PatientAnswer::Withdraw => "du återkallade förfrågan",
    }
}

fn decline_reason(reason: DeclineReason) -> &'static str {
    match reason {
        DeclineReason::NoProviderAvailable => {
            "Orsak: regionen hittade ingen vårdgivare som kan ge vården tidigare."
        }
        DeclineReason::NotCoveredByGuarantee => {
            "Orsak: vården du söker omfattas inte av vårdgarantin."
        }
        DeclineReason::IncompleteRequest => {
            "Orsak: förfrågan saknar uppgifter som regionen behöver. Skicka en ny med det som saknas."
        }
        DeclineReason::Duplicate => "Orsak: samma förfrågan har redan skickats.",
        DeclineReason::Other => "Orsak: se regionens meddelande.",
    }
}

pub const SV_REFERRAL: ReferralTexts = ReferralTexts {
    from_episode: |title| format!("Förfrågan gäller ditt vårdärende ”{title}”."),

    about_you: "Om dig",
    identity_label: "Personnummer eller samordningsnummer",
    identity_hint: "12 siffror, till exempel 19121212-1212.",
    name_label: "Namn",
    phone_label: "Telefon",
    email_label: "E-post",
    contact_hint: "Ange telefon, e-post eller båda, så att regionen kan nå dig.",
    care_heading: "Vården du söker",
    service_label: "Behandling eller besök",
    service_none: "Välj behandling eller besök",
    home_region_label: "Din hemregion",
    home_region_hint: "Regionen där du bor. Dess vårdlotsar tar hand om förfrågan.",
    home_region_none: "Välj region",
    referral_heading: "Din nuvarande remiss",
    referral_hint: "Lämna tomt om du inte har någon remiss.",
    clinic_label: "Mottagning som skrev remissen",
    referral_date_label: "Remissens datum",
    providers_heading: "Önskade vårdgivare",
    providers_hint: "Högst fem, den du helst vill till först.",
    provider_label: |n| format!("Vårdgivare {n}"),
    provider_none: "Välj vårdgivare",
    other_region: "tar inte emot patienter från andra regioner",
    add_provider: "Lägg till en vårdgivare",
    move_up: |n| format!("Flytta vårdgivare {n} upp"),
    remove_provider: |n| format!("Ta bort vårdgivare {n}"),
    other_heading: "Resa, tolk och meddelande",
    can_travel: "Jag kan resa till en annan ort för vården",
    travel_label: "Hur långt kan du resa?",
    travel_anywhere: "Var som helst i landet",
    travel_within: |km| format!("Upp till {km} km"),
    interpreter_needed: "Jag behöver tolk",
    interpreter_language: "Språk för tolkning",
    message_label: "Meddelande till regionen (frivilligt)",
    message_hint: |used| format!("{used} av {MAX_MESSAGE_CHARS} tecken."),
    consent_heading: "Samtycke",
    consent: "Jag samtycker till att förfrågan med mina uppgifter delas med den region som tar emot den.",
    privacy_note: "Ditt personnummer sparas i den här webbläsaren bara tills förfrågan har tagits emot, \
        så att inget går förlorat om uppkopplingen bryts. Därefter sparas bara referensnumret och \
        statusen.",
    submit: "Skicka förfrågan",
    catalogue_error: "Listan över behandlingar och vårdgivare kunde inte hämtas. Kontrollera uppkopplingen \
        och försök igen.",
    field_error,
    rejected_without_details: "Förfrågan togs inte emot. Kontrollera uppgifterna och skicka igen.",

    service_term: "Behandling eller besök",
    providers_term: "Önskade vårdgivare",
    receipt_heading: "Kvitto på din förfrågan",
    waiting: "Väntar på att skickas",
    waiting_detail: "Förfrågan är sparad i den här webbläsaren och skickas automatiskt så snart det går. \
        Du kan stänga sidan; den skickas nästa gång du öppnar Vårdkoll.",
    offline_detail: "Du är inte uppkopplad just nu. Förfrågan skickas när uppkopplingen är tillbaka.",
    sending: "Skickas …",
    received: "Förfrågan är mottagen",
    reference_label: "Referensnummer",
    received_at_label: "Mottagen",
    next_heading: "Vad händer nu",
    next_steps: "Din hemregion går igenom förfrågan, vanligen inom fem arbetsdagar, och kontaktar de \
        vårdgivare du valde. Du får besked via telefon eller e-post, och statusen syns under Mina \
        förfrågningar. Uppge referensnumret om du kontaktar regionen.",
    print: "Skriv ut kvittot",
    send_now: "Försök skicka nu",
    rejected: "Förfrågan togs inte emot. Rätta uppgifterna och skicka den igen.",
    correct: "Rätta och skicka igen",
    correcting: "Du rättar en förfrågan som inte togs emot. När du skickar den ersätter den den gamla.",
    new_request: "Ny förfrågan",

    waiting_heading: "Väntar på att skickas",
    sent_heading: "Skickade",
    queued_label: "Sparad",
    attempts: |n| match n {
        0 => "Inte skickad än".to_owned(),
        1 => "1 försök hittills".to_owned(),
        n => format!("{n} försök hittills"),
    },
    history_heading: "Historik",
    status_label: "Status",
    remove: "Ta bort förfrågan",
    confirm_remove: "Förfrågan tas bort från den här webbläsaren och skickas inte.",
    confirm_remove_yes: "Ja, ta bort",
    save_failed: "Det gick inte att spara i webbläsaren. Håll sidan öppen tills förfrågan är mottagen.",
    identity_from_sign_in: "Namn och personnummer kommer från din inloggning med e-legitimation.",
    sign_in_to_fill: "Logga in med e-legitimation, så fylls ditt namn och personnummer i åt dig och du kan \
        följa förfrågan på alla dina enheter.",
    needs_sign_in: "Förfrågan är sparad och skickas när du har loggat in igen.",
    status,
    status_next,
    offered_time: |date, time, provider| format!("Erbjuden tid: {date} kl. {time}, {provider}."),
    decline_reason,
    answer_heading: "Svara på erbjudandet",
    answer_by: |when| {
        format!("Svara senast {when}. Annars lämnas tiden tillbaka och regionen letar vidare.")
    },
    accept: "Tacka ja till tiden",
    another_time: "Be om en annan tid",
    decline: "Tacka nej",
    decline_warning: "Om regionen ordnade vården för att vårdgarantin inte hölls upphör vårdgarantin för den \
        vården när du tackar nej. Vill du hellre ha en annan tid kan du be om det i stället.",
    decline_yes: "Ja, tacka nej",
    withdraw: "Återkalla förfrågan",
    withdraw_warning: "Förfrågan handläggs inte längre, och en tid som erbjudits dig lämnas tillbaka.",
    withdraw_yes: "Ja, återkalla",
    answer_on_its_way: "Ditt svar är sparat och skickas. Är du inte uppkopplad skickas det när du är det igen.",
    answer_needs_sign_in: "Ditt svar är sparat och skickas när du har loggat in igen.",
    answer_refused,
    answer_refused_ok: "Jag förstår",
    history_answer,
    history_expired: "tiden att svara gick ut",
    add_booked: |title| format!("Lägg till tiden i ”{title}” i Mina vårdgarantier"),
    booked_in_tracker: |title| {
        format!(
            "Tiden finns i ditt vårdärende ”{title}”. Mina vårdgarantier visar om den är inom tidsgränsen."
        )
    },
    show_tracker: "Visa Mina vårdgarantier",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_its_words() {
        for s in ReferralStatus::ALL {
            assert!(!status(s).is_empty() && !status_next(s).is_empty());
        }
    }
}
