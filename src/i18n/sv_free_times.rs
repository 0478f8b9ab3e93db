//! "Lediga tider" in Swedish.

use vardkoll_domain::api::ProblemCode;

use super::Lang;
use super::free_times_texts::FreeTimesTexts;
use crate::state::TimeField;

fn field_error(field: TimeField, code: ProblemCode) -> &'static str {
    match (field, code) {
        (TimeField::Provider, _) => "Välj en mottagning du schemalägger för.",
        (TimeField::Service, _) => "Välj en vård ur listan.",
        (TimeField::Date, ProblemCode::Range) => "Dagen har redan varit. Ange i dag eller senare.",
        (TimeField::Date, _) => "Skriv dagen som ÅÅÅÅ-MM-DD, till exempel 2027-01-14.",
        (TimeField::Start, ProblemCode::Range) => "Tiden har redan börjat. Ange en senare tid.",
        (TimeField::Start, _) => "Skriv tiden som TT:MM, till exempel 09:30.",
        (TimeField::Minutes, _) => "Ange längden i hela minuter, inom gränserna ovan.",
        (TimeField::Weeks, _) => "Ange antalet veckor som ett heltal, inom gränsen ovan.",
    }
}

pub const SV_FREE_TIMES: FreeTimesTexts = FreeTimesTexts {
    lang: Lang::Sv,
    sign_in_needed: "Logga in med ditt konto som schemaläggare för att se och publicera lediga tider.",
    sign_in_unavailable: "Inloggning är inte inställd i den här installationen, så lediga tider kan inte visas.",
    not_scheduler: "Ditt konto har inte behörighet att publicera lediga tider.",
    no_providers: "Ditt konto är inte kopplat till någon mottagning. Be regionen lägga till dina mottagningar.",
    load_error: "Tiderna kunde inte hämtas just nu. Försök igen.",
    publish_heading: "Publicera lediga tider",
    publish_hint: "Tiderna kan föreslås för patienter i hela landet. En tid som ingen har fått erbjudande om kan ändras eller tas bort.",
    provider: "Mottagning",
    service: "Vård",
    choose: "Välj",
    date: "Dag",
    date_hint: "ÅÅÅÅ-MM-DD",
    start: "Starttid",
    start_hint: "TT:MM, svensk tid",
    minutes: "Längd i minuter",
    minutes_hint: |min, max| format!("Från {min} till {max} minuter."),
    weeks: "Antal veckor",
    weeks_hint: |max| format!("Samma veckodag och tid i 1 till {max} veckor."),
    publish: "Publicera",
    error_summary: "Rätta följande:",
    field_error,
    times_heading: "Dina tider",
    count: |n| match n {
        1 => "1 tid".to_owned(),
        n => format!("{n} tider"),
    },
    empty: "Inga tider från i dag och framåt.",
    col_when: "När",
    col_provider: "Mottagning",
    col_service: "Vård",
    col_minutes: "Längd",
    col_state: "Läge",
    minutes_value: |m| format!("{m} min"),
    free: "Ledig",
    held: |reference, until| format!("Erbjuden ({reference}) till {until}"),
    booked: |reference| format!("Bokad ({reference})"),
    change: "Ändra",
    withdraw: "Ta bort",
    change_this: |time| format!("Ändra {time}"),
    withdraw_this: |time| format!("Ta bort {time}"),
    change_heading: |time| format!("Ändra {time}"),
    save_change: "Spara ändringen",
    cancel: "Avbryt",
    published: |n| match n {
        1 => "Tiden är publicerad.".to_owned(),
        n => format!("{n} tider är publicerade."),
    },
    changed: "Tiden är ändrad.",
    withdrawn: "Tiden är borttagen.",
    overlap: "Tiden krockar med en annan tid på samma mottagning. Inget sparades.",
    taken: "Tiden har erbjudits en patient eller bokats och kan inte längre ändras. Listan är uppdaterad.",
    stale: "Tiden ändrades av någon annan medan du arbetade. Listan är uppdaterad; försök igen.",
    gone: "Tiden finns inte längre: någon tog bort den. Listan är uppdaterad.",
    withdraw_warning: "Tiden tas bort och kan inte längre erbjudas någon patient.",
    withdraw_confirm: "Ja, ta bort tiden",
    check_fields: "Kontrollera de markerade fälten.",
    not_accepted: |why| format!("Det sparades inte. Servern svarade: {why}"),
    failed: "Det gick inte att spara just nu. Försök igen.",
};
