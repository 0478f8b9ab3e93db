//! Swedish, the default language.

use super::texts::{
    AdviceTexts, ChoiceTexts, ErrorTexts, StatusTexts, StepTexts, Texts, UncoveredTexts,
};

fn days_left(days: i64) -> String {
    match days {
        0 => "Sista dagen är i dag".to_owned(),
        1 => "1 dag kvar".to_owned(),
        -1 => "Passerades för 1 dag sedan".to_owned(),
        d if d < 0 => format!("Passerades för {} dagar sedan", -d),
        d => format!("{d} dagar kvar"),
    }
}

/// "1 dag", "12 dagar".
pub(super) fn days(days: u32) -> String {
    if days == 1 {
        "1 dag".to_owned()
    } else {
        format!("{days} dagar")
    }
}

fn regional_note(region: &str, regional: u32, national: u32) -> String {
    format!(
        "{region} har en kortare gräns: {}. I hela landet gäller {}.",
        days(regional),
        days(national)
    )
}

fn excluded_note(days: u64) -> String {
    if days == 1 {
        "1 dag räknas inte (patientvald eller medicinskt orsakad väntan).".to_owned()
    } else {
        format!("{days} dagar räknas inte (patientvald eller medicinskt orsakad väntan).")
    }
}

pub const SV: Texts = Texts {
    lang: super::Lang::Sv,
    app_name: "Vårdkoll",
    skip_link: "Hoppa till innehållet",
    nav_label: "Huvudmeny",
    footer: "Vårdkoll sparar dina uppgifter bara i den här webbläsaren, utom förfrågningar som du själv skickar. \
        Vårdkoll ersätter inte kontakt med vården.",
    language_label: "Språk",
    nav_requests: "Mina förfrågningar",
    requests_intro: "Dina förfrågningar om vård hos en annan vårdgivare och vad som har hänt med dem.",
    no_requests: "Du har inga förfrågningar. Du kan begära vård hos en annan vårdgivare från Väntetider \
        eller från ett vårdärende.",
    referral_intro: "Be om att få vård hos en vårdgivare med kortare kö. Förfrågan går till din hemregion, som \
        ordnar vården eller hjälper dig vidare.",
    path_heading: "Vad gäller för dig",
    path_free_choice: "Väljer du själv var du får vård använder du det fria vårdvalet: du får välja \
        offentligt finansierad öppenvård i hela landet. Vårdgarantins tidsgränser och ersättning för \
        resor följer inte med, och vissa regioner kräver remiss.",
    path_missed: |step, date| {
        format!("Vårdgarantins tidsgräns för {step} var {date} och har passerat.")
    },
    path_will_be_missed: |step, date| {
        format!("Din bokade tid är efter vårdgarantins tidsgräns för {step}, {date}.")
    },
    path_region_arranges: "Din hemregion ska då ordna vård hos en annan vårdgivare utan extra kostnad för \
        dig, resan inräknad. Du får tacka nej till regionens erbjudande, men då upphör vårdgarantin för \
        den vården.",
    path_gives_up: |date| {
        format!(
            "Din vårdgaranti ger dig rätt till vård senast {date}. Den tidsgränsen gäller inte hos en vårdgivare du väljer själv."
        )
    },

    path_source: "Hälso- och sjukvårdslagen 9 kap. 1 §, patientlagen 9 kap.",
    request_elsewhere: "Begär vård hos en annan vårdgivare",
    update_available: "En ny version av Vårdkoll finns.",
    update_reload: "Ladda om sidan",
    sign_in: "Logga in",
    sign_out: "Logga ut",
    signing_in: "Loggar in …",
    signed_in_as: "Inloggad som",
    sign_in_failed: "Det gick inte att logga in just nu. Försök igen om en stund.",
    sign_in_refused: "Inloggningen avbröts. Du kan logga in igen när du vill.",
    sign_in_expired: "Du har loggats ut eftersom inloggningen gick ut. Logga in igen för att fortsätta. \
        Förfrågningar som väntar på att skickas finns kvar.",
    not_found_title: "Sidan finns inte",
    not_found_text: "Adressen leder inte till någon sida i Vårdkoll.",
    back_home: "Till Mina vårdgarantier",

    guarantees_title: "Mina vårdgarantier",
    guarantees_intro: "Skriv in det som har hänt i din vård, till exempel att en remiss skickades. \
        Vårdkoll räknar ut senaste dag enligt vårdgarantin, hur många dagar som är kvar och vad du kan göra \
        om tiden inte räcker.",
    episodes_heading: "Dina vårdärenden",
    new_episode_heading: "Nytt vårdärende",
    title_label: "Vad gäller vården?",
    title_hint: "Till exempel ”Höften” eller ”Ögonmottagningen”.",
    region_label: "Din hemregion (valfritt)",
    region_hint: "Vissa regioner har kortare gränser än lagens.",
    region_none: "Ingen region vald",
    region_line: "Region",
    add_episode: "Lägg till vårdärende",
    episode_added: "Vårdärendet är tillagt:",
    no_episodes: "Du har inga vårdärenden ännu. Börja med att lägga till ett ovan.",
    save: "Spara",
    cancel: "Avbryt",
    edit: "Ändra",
    remove: "Ta bort",
    confirm_remove_episode: "Vill du ta bort vårdärendet och alla dess händelser?",
    confirm_remove: "Ja, ta bort",

    deadlines_heading: "Tidsgränser",
    no_deadlines: "Inga tidsgränser ännu. Lägg till en händelse som startar vårdgarantin, till exempel en remiss.",
    events_heading: "Händelser",
    no_events: "Inga händelser ännu.",
    add_event_heading: "Lägg till händelse",
    edit_event_heading: "Ändra händelse",
    choice_label: "Vad hände?",
    declined_warning: "Tackar du nej till vård som regionen har ordnat hos en annan vårdgivare gäller \
        vårdgarantin inte längre för den vården. Ändrar du dig senare börjar tiden räknas på nytt från \
        den dag du hör av dig igen.",
    step_label: "Vilken vård gäller det?",
    step_placeholder: "Välj vård",
    date_label: "Datum",
    booked_date_label: "Datum för den bokade tiden",
    from_label: "Från och med",
    until_label: "Till och med",
    until_in_sentence: "till och med",
    date_hint: "Skriv som ÅÅÅÅ-MM-DD, till exempel 2026-09-01.",
    date_placeholder: "ÅÅÅÅ-MM-DD",
    add_event: "Lägg till händelse",
    event_saved: "Händelsen är sparad.",
    event_removed: "Händelsen är borttagen.",

    deadline_label: "Senast",
    started_label: "Började räknas",
    source_label: "Källa",
    target_note: "Detta är ett mål som staten och SKR har kommit överens om, inte en lag.",
    regional_note,
    excluded_note,
    booked_note: "Bokad tid",
    care_note: "Vård given",
    done_by_later_step: |date| format!("Nästa steg började {date}, så det här steget är avklarat."),
    add_care_day: "Lägg till dagen då du fick vården, så ser du om det var i tid.",
    days_left,
    days_left_label: "Dagar kvar",
    deadline_summary: "Sista dag enligt vårdgarantin",

    advice: AdviceTexts {
        heading: "Om du inte får vård i tid",
        steps: &[
            "Kontakta mottagningen där du väntar och fråga när du kan få en tid.",
            "Räcker inte det: kontakta din regions vårdgarantikansli eller vårdlots. De hjälper dig att \
            få vård hos en annan vårdgivare.",
            "Regionen ordnar vården och betalar de extra kostnaderna, resor inräknade. Du får tacka nej \
            till erbjudandet, men då upphör vårdgarantin för den vården.",
        ],
        note: None,
    },
    bup_advice: AdviceTexts {
        heading: "Om du inte får vård på BUP i tid",
        steps: &[
            "Kontakta BUP-mottagningen där du väntar och fråga när du kan få en tid.",
            "Fråga mottagningen eller regionen om du kan få vård på en annan mottagning.",
            "Är du inte nöjd kan du vända dig till patientnämnden i din region.",
        ],
        note: Some(
            "Målet för BUP är en överenskommelse mellan staten och SKR, inte en lag. Lagens gränser för \
            specialistvården, 90 dagar, gäller också på BUP.",
        ),
    },

    export: "Spara tidsgränserna i kalendern",
    export_hint: "En kalenderfil (.ics) som du kan öppna i din kalender.",
    export_file_name: "vardgarantier.ics",
    your_data_heading: "Dina uppgifter",
    your_data_text: "Det du skriver in sparas bara i den här webbläsaren, inte hos Vårdkoll.",
    delete_all: "Radera alla mina uppgifter",
    delete_all_warning: "Alla vårdärenden och händelser, och dina förfrågningar (även de som ännu inte har skickats), \
        raderas från den här webbläsaren. Det går inte att ångra.",
    delete_all_confirm: "Ja, radera allt",
    deleted_all: "Alla dina uppgifter är raderade.",
    storage_unreadable: "Dina sparade uppgifter kunde inte läsas. De finns kvar oförändrade i webbläsaren, \
        men Vårdkoll kan inte visa dem.",
    storage_save_failed: "Det gick inte att spara i webbläsaren. Dina ändringar finns kvar så länge sidan är öppen.",

    wait_times_title: "Väntetider",
    navigator_title: "Vårdlotsen",
    navigator_intro: "För regionens vårdlotsar: förfrågningar om vård hos en annan vårdgivare från patienter i dina \
        regioner, de mest brådskande först.",
    navigator_link: "För regionens vårdlotsar",
    free_times_title: "Lediga tider",
    free_times_intro: "För vårdgivarnas schemaläggare: publicera lediga tider som kan erbjudas patienter i hela landet, och se vilka som är erbjudna och bokade.",
    wait_times_intro: "Se hur länge man väntar i olika regioner på en behandling eller ett första besök.",
    wait_times_caption: "Beräknad väntetid för en ny patient, senaste månaden, kortast först",
    service_label: "Behandling eller besök",
    service_placeholder: "Välj behandling eller besök",
    loading: "Hämtar uppgifter …",
    retry: "Försök igen",
    sample_data_note: "Exempeldata: siffrorna är genererade för att visa tjänsten och är inte verkliga väntetider.",
    estimated_wait: "Beräknad väntetid",
    share_within_limit: "Andel inom vårdgarantin",
    free_capacity: "Ledig kapacitet",
    capacity_yes: "Ja",
    capacity_no: "Nej",
    capacity_unknown: "Uppgift saknas",
    no_figure: "Uppgift saknas",
    days,
    api_network_error: "Det gick inte att nå servern. Kontrollera uppkopplingen och försök igen.",
    api_server_error: "Servern kunde inte svara just nu. Försök igen om en stund.",
    api_invalid_error: "Servern skickade uppgifter som inte gick att läsa. Försök igen senare.",
    page_load_error: "Sidan kunde inte laddas. Kontrollera uppkopplingen och försök igen.",

    steps: StepTexts {
        contact: "Kontakt med vårdcentralen",
        assessment: "Medicinsk bedömning i primärvården",
        specialist: "Första besök i specialistvården",
        treatment: "Behandling eller operation",
        bup_assessment: "Första bedömning på BUP",
        bup_in_depth: "Fördjupad utredning eller behandling på BUP",
    },
    steps_in_sentence: StepTexts {
        contact: "kontakt med vårdcentralen",
        assessment: "medicinsk bedömning i primärvården",
        specialist: "första besök i specialistvården",
        treatment: "behandling eller operation",
        bup_assessment: "första bedömning på BUP",
        bup_in_depth: "fördjupad utredning eller behandling på BUP",
    },
    choices: ChoiceTexts {
        sought_primary_care: "Jag sökte kontakt med vårdcentralen",
        referral_issued: "En remiss till specialistvården skickades",
        self_referral_accepted: "Min egenremiss togs emot",
        treatment_decided: "Beslut om behandling eller operation",
        bup_referral: "Remiss till eller kontakt med BUP",
        booked: "Tid bokad",
        care_received: "Jag fick vården",
        patient_chosen_wait: "Jag valde att vänta (patientvald väntan)",
        medical_wait: "Väntan av medicinska skäl",
        declined_elsewhere: "Jag tackade nej till vård hos en annan vårdgivare",
        agreed_to_later_date: "Jag gick med på en tid efter gränsen",
        renewed: "Jag ångrade mig och bad om vård igen",
        return_visit: "Återbesök",
        lab_test: "Provtagning",
        investigation: "Röntgen eller annan undersökning",
        aid: "Hjälpmedel",
        private_without_agreement: "Privat vård utan avtal med regionen",
    },
    uncovered: UncoveredTexts {
        return_visit: "Återbesök omfattas inte av vårdgarantin. Fråga mottagningen när du ska komma tillbaka.",
        lab_test: "Provtagning omfattas inte av vårdgarantin.",
        investigation: "Röntgen och andra undersökningar omfattas inte av vårdgarantin.",
        aid: "Hjälpmedel omfattas inte av vårdgarantin, utom utprovning av hörapparat.",
        private_without_agreement: "Privata vårdgivare utan avtal med regionen omfattas inte av vårdgarantin.",
        no_rule_in_force: "Ingen vårdgaranti gällde det datumet. Vårdgarantin infördes den 1 juli 2010 \
            och målet för BUP 2011.",
    },
    status: StatusTexts {
        upcoming: "Tid bokad inom gränsen",
        on_track: "I tid",
        near_deadline: "Snart sista dag",
        booked_after_deadline: "Bokad tid efter sista dag",
        missed: "Gränsen har passerats",
        fulfilled: "Uppfylld",
        late: "Vården kom efter gränsen",
        done_date_unknown: "Avklarad – datum inte angivet",
        declined_elsewhere: "Avslutad – du tackade nej till vård hos en annan vårdgivare",
        agreed_to_later_date: "Avslutad – du gick med på en senare tid",
        renewed: "Ersatt – tiden räknas från när du bad om vård igen",
        not_covered: "Omfattas inte av vårdgarantin",
    },
    errors: ErrorTexts {
        date_missing: "Skriv ett datum.",
        not_a_date: "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-09-01.",
        impossible_date: "Det datumet finns inte. Kontrollera månad och dag.",
        too_early: "Datumet är för långt tillbaka i tiden. Kontrollera året.",
        in_future: "Datumet kan inte vara senare än i dag.",
        end_before_start: "Slutdatumet kan inte vara före startdatumet.",
        step_required: "Välj vilken vård det gäller.",
        no_clock: "Lägg först till händelsen som startar den tidsgränsen, till exempel en remiss eller ett \
            beslut om behandling, med ett datum på eller före detta.",
        title_missing: "Skriv vad vården gäller.",
        title_too_long: "Skriv högst 80 tecken.",
        unknown_region: "Välj en region i listan.",
        summary_heading: "Rätta följande:",
    },
    weekdays: [
        "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
    ],
    months: [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_left_reads_naturally() {
        assert_eq!(days_left(12), "12 dagar kvar");
        assert_eq!(days_left(1), "1 dag kvar");
        assert_eq!(days_left(0), "Sista dagen är i dag");
        assert_eq!(days_left(-1), "Passerades för 1 dag sedan");
        assert_eq!(days_left(-5), "Passerades för 5 dagar sedan");
    }
}
