//! Swedish texts of "Vårdlotsen".

use vardkoll_domain::api::{DeclineReason, PathKind, PatientAnswer, ProblemCode};

use super::navigator_texts::NavigatorTexts;
use crate::state::MoveField;

fn path(path: PathKind) -> &'static str {
    match path {
        PathKind::Guarantee => "Vårdgarantin: regionen ordnar vården",
        PathKind::FreeChoice => "Fritt vårdval",
    }
}

fn patient_answer(answer: PatientAnswer) -> &'static str {
    match answer {
        PatientAnswer::Accept => "patienten tackade ja",
        PatientAnswer::Decline => "patienten tackade nej",
        PatientAnswer::AnotherTime => "patienten bad om en annan tid",
        PatientAnswer::Withdraw => "patienten återkallade förfrågan",
    }
}

fn decline_reason(reason: DeclineReason) -> &'static str {
    match reason {
        DeclineReason::NoProviderAvailable => "Ingen vårdgivare kan ge vården tidigare",
        DeclineReason::NotCoveredByGuarantee => "Omfattas inte av vårdgarantin",
        DeclineReason::IncompleteRequest => "Uppgifter saknas",
        DeclineReason::Duplicate => "Dubblett",
        DeclineReason::Other => "Annan orsak (skriv i meddelandet)",
    }
}

fn field_error(field: MoveField, code: ProblemCode) -> &'static str {
    match (field, code) {
        (MoveField::Status, _) => "Välj ny status.",
        (MoveField::Provider, ProblemCode::Required) => "Välj vårdgivare.",
        (MoveField::Provider, ProblemCode::Unknown) => {
            "Vårdgivaren finns inte längre. Välj en annan i listan."
        }
        (MoveField::Provider, _) => "Välj en vårdgivare i listan.",
        (MoveField::Date, ProblemCode::Required) => "Skriv datumet, som ÅÅÅÅ-MM-DD.",
        (MoveField::Date, _) => "Skriv ett datum från och med i dag, som ÅÅÅÅ-MM-DD.",
        (MoveField::Time, ProblemCode::Required) => "Skriv tiden, till exempel 9.30.",
        (MoveField::Time, _) => {
            "Skriv en tid mellan 00.00 och 23.59, till exempel 9.30 eller 09:30."
        }
        (MoveField::Reason, _) => "Välj orsak.",
        (MoveField::Note, ProblemCode::TooLong) => "Skriv högst 500 tecken.",
        (MoveField::Note, ProblemCode::Characters) => {
            "Meddelandet innehåller tecken som inte kan sparas, till exempel styrtecken. Ta bort dem."
        }
        (MoveField::Note, _) => "Kontrollera meddelandet.",
    }
}

pub const SV_NAVIGATOR: NavigatorTexts = NavigatorTexts {
    lang: super::Lang::Sv,
    sign_in_needed: "Logga in med ditt konto i regionen för att se förfrågningarna.",
    sign_in_unavailable: "Inloggning är inte inställd för den här tjänsten.",
    not_staff: "Ditt konto har inte behörighet som vårdlots.",
    load_error: "Förfrågningarna kunde inte hämtas just nu.",
    queue_heading: "Förfrågningar",
    filters_legend: "Urval",
    status_filter: "Status",
    all_statuses: "Alla",
    service_filter: "Vård",
    all_services: "All vård",
    older_than: "Äldre än (antal dagar)",
    overdue_only: "Bara där vårdgarantins sista dag har passerat",
    show: "Visa",
    count: |n| match n {
        1 => "1 förfrågan".into(),
        n => format!("{n} förfrågningar"),
    },
    empty: "Inga förfrågningar i urvalet.",
    col_reference: "Referens",
    col_care: "Vård",
    col_received: "Mottagen",
    col_deadline: "Vårdgarantins sista dag",
    col_path: "Väg",
    col_status: "Status",
    overdue: "passerad",
    open: |reference| format!("Öppna {reference}"),
    detail_heading: |reference| format!("Förfrågan {reference}"),
    close: "Stäng förfrågan",
    identity: "Personnummer",
    name: "Namn",
    phone: "Telefon",
    email: "E-post",
    home_region: "Hemregion",
    current_referral: "Remiss",
    providers: "Önskade vårdgivare",
    can_travel: "Kan resa",
    interpreter: "Tolk",
    message: "Meddelande",
    yes: "Ja",
    no: "Nej",
    none: "–",
    history: "Historik",
    by: |staff| format!("av {staff}"),
    move_legend: "Ny status",
    closed: "Förfrågan är avslutad och kan inte ändras.",
    offer_provider: "Vårdgivare",
    offer_date: "Datum (ÅÅÅÅ-MM-DD)",
    offer_time: "Tid (TT:MM)",
    note: "Meddelande till patienten (frivilligt)",
    reason: "Orsak",
    choose: "Välj",
    save: "Spara",
    saved: "Ändringen är sparad. Patienten får besked.",
    stale: "Någon annan har ändrat förfrågan sedan du öppnade den. Den är inläst på nytt: gör om ändringen om den \
        fortfarande behövs.",
    invalid_move: "Den ändringen går inte från förfrågans nuvarande status.",
    check_fields: "Kontrollera de markerade fälten.",
    error_summary: "Rätta följande:",
    not_accepted: |why| format!("Ändringen sparades inte. Servern svarade: {why}"),
    field_error,
    save_failed: "Ändringen kunde inte sparas just nu. Försök igen.",
    path,
    decline_reason,
    time_taken: "Tiden hann erbjudas till en annan förfrågan. Välj en annan bland de lediga tiderna.",
    suggestions_heading: "Lediga tider i hela landet",
    suggestions_hint: "Tider för vården hos vårdgivare som tar emot patienter från patientens region, inom det \
        avstånd patienten kan resa och före tidsgränsen när sådana finns. Patientens förstahandsval först, sedan \
        den tidigaste, sedan den närmaste. Ett erbjudande håller tiden åt patienten tills hen svarar.",
    suggestions_none: "Ingen ledig tid passar just nu.",
    col_provider: "Vårdgivare",
    col_when: "Dag och tid",
    col_distance: "Avstånd",
    distance: |km| format!("{km} km"),
    first_choice: "förstahandsval",
    before_deadline: "före tidsgränsen",
    after_deadline: "efter tidsgränsen",
    offer_button: "Erbjud",
    offer_this: |what| format!("Erbjud {what}"),
    col_free_time: "Ledig tid",
    free_time_mark: "före tidsgränsen",
    patient_answer,
    expired: "tiden att svara gick ut",
};
