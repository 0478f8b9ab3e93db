//! Component tests in headless Chromium (wasm-bindgen-test): the page is mounted
//! with a fixed "today", driven through real DOM events, and checked in the DOM
//! and in localStorage.
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use leptos::prelude::*;
use vardkoll::app::provide_app_context;
use vardkoll::components::{Draw, LazyView, ViewLoad};
use vardkoll::i18n::Lang;
use vardkoll::pages;
use vardkoll::platform::storage::{
    BACKUP_KEY, EPISODES_KEY, HOME_REGION_KEY, LANG_KEY, OUTBOX_KEY,
};
use vardkoll::state::EpisodeStore;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

const TODAY: (i32, u32, u32) = (2026, 11, 25);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Lets Leptos run its effects and the browser settle.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits for the next animation frame (the router moves focus in one).
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .request_animation_frame(&resolve)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

struct Page {
    root: HtmlElement,
    _handle: leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
}

impl Drop for Page {
    fn drop(&mut self) {
        self.root.remove();
    }
}

async fn mount_page() -> Page {
    mount(|| Box::pin(pages::guarantees_page())).await
}

/// Mounts a page's split point as the shell does, in Swedish with a fixed
/// "today" and the episodes as stored now.
async fn mount(load: ViewLoad) -> Page {
    mount_view(move || view! { <LazyView load=load /> }.into_any()).await
}

/// Mounts `view` (a page's top with its split point) as [`mount`] does.
async fn mount_view(view: impl FnOnce() -> AnyView + 'static) -> Page {
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    let today = NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).unwrap();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_app_context(today, RwSignal::new(Lang::Sv));
        EpisodeStore::load().provide();
        view()
    });
    // The first page waits for the first paint before it loads.
    for _ in 0..50 {
        settle().await;
        if root.query_selector(".loading").unwrap().is_none() {
            break;
        }
        next_frame().await;
    }
    Page {
        root,
        _handle: handle,
    }
}

/// Mounts a bare `view` (no app context) at the top of the page, removed
/// again when the returned [`Page`] is dropped.
fn mount_bare(view: impl FnOnce() -> AnyView + 'static) -> Page {
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    let body = document().body().unwrap();
    body.insert_before(&root, body.first_child().as_ref())
        .unwrap();
    let handle = leptos::mount::mount_to(root.clone(), view);
    Page {
        root,
        _handle: handle,
    }
}

/// Empties browser storage and puts the page in Swedish (the test browser's own
/// language may be another), as the texts these tests check are Swedish.
fn fresh_storage() {
    storage().clear().unwrap();
    storage().set_item(LANG_KEY, "sv").unwrap();
    vardkoll::i18n::set_document_lang(Lang::Sv);
}

impl Page {
    fn find(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("no element matches {selector}"))
    }

    fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into().ok())
            .collect()
    }

    fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    async fn type_into(&self, selector: &str, value: &str) {
        let input: HtmlInputElement = self.find(selector).unchecked_into();
        input.set_value(value);
        dispatch(&input, "input");
        settle().await;
    }

    async fn choose(&self, selector: &str, value: &str) {
        let select: HtmlSelectElement = self.find(selector).unchecked_into();
        select.set_value(value);
        dispatch(&select, "change");
        settle().await;
    }

    /// Clicks the button whose text is exactly `text` (the first visible one).
    async fn click_button(&self, text: &str) {
        let button = self
            .all("button")
            .into_iter()
            .find(|b| {
                b.text_content().unwrap_or_default().trim() == text
                    && b.closest("[hidden]").unwrap().is_none()
            })
            .unwrap_or_else(|| panic!("no visible button {text:?}"));
        button.unchecked_into::<HtmlElement>().click();
        settle().await;
    }

    async fn add_episode(&self, title: &str, region: &str) {
        self.type_into("#new-episode-title", title).await;
        self.choose("#new-episode-region", region).await;
        self.click_button("Lägg till vårdärende").await;
    }

    async fn add_event(&self, episode: u64, choice: &str, step: Option<&str>, date: &str) {
        self.choose(&format!("#episode-{episode}-event-choice"), choice)
            .await;
        if let Some(step) = step {
            self.choose(&format!("#episode-{episode}-event-step"), step)
                .await;
        }
        self.type_into(&format!("#episode-{episode}-event-date"), date)
            .await;
        self.click_button("Lägg till händelse").await;
    }
}

fn dispatch(target: &web_sys::EventTarget, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

fn stored() -> String {
    storage()
        .get_item(EPISODES_KEY)
        .unwrap()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_page_heading_takes_focus_after_navigation_but_not_on_first_load() {
    fresh_storage();
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    let _handle = leptos::mount::mount_to(root.clone(), || view! { <vardkoll::App /> }.into_any());
    settle().await;
    let page = Page { root, _handle };
    let focused = || {
        document()
            .active_element()
            .map(|e| e.id())
            .unwrap_or_default()
    };
    assert_ne!(focused(), "page-heading");
    let link = page.find("nav a").unchecked_into::<HtmlElement>();
    assert_eq!(link.get_attribute("aria-current").as_deref(), Some("page"));
    link.click();
    settle().await;
    next_frame().await;
    assert_eq!(focused(), "page-heading");
    assert_eq!(
        page.find("h1").text_content().unwrap(),
        "Mina vårdgarantier"
    );
}

#[wasm_bindgen_test]
async fn adding_an_episode_and_a_referral_shows_the_deadline_and_saves_it() {
    fresh_storage();
    let page = mount_page().await;
    page.add_episode("Höften", "12").await;
    assert_eq!(
        page.find("#episode-1-heading").text_content().unwrap(),
        "Höften"
    );
    assert!(page.text().contains("Region: Region Skåne"));

    page.add_event(1, "referral_issued", None, "2026-10-26")
        .await;
    let row = page.find(".timeline__item");
    let text = row.text_content().unwrap();
    assert!(text.contains("Första besök i specialistvården"), "{text}");
    assert!(text.contains("söndag 24 januari 2027"), "{text}");
    assert!(text.contains("60 dagar kvar"), "{text}");
    assert!(text.contains("I tid"), "{text}");
    assert!(
        text.contains("Hälso- och sjukvårdsförordningen (2017:80) 6 kap. 1 § 3"),
        "{text}"
    );
    assert!(page.all(".advice").is_empty());

    let saved = stored();
    assert!(saved.contains(r#""title":"Höften""#), "{saved}");
    assert!(saved.contains(r#""type":"referral_issued""#), "{saved}");
}

#[wasm_bindgen_test]
async fn a_missed_deadline_says_what_to_do() {
    fresh_storage();
    let page = mount_page().await;
    page.add_episode("Knät", "").await;
    page.add_event(1, "treatment_decided", None, "2026-06-01")
        .await;
    let text = page.find(".deadlines").text_content().unwrap();
    assert!(text.contains("Gränsen har passerats"), "{text}");
    assert!(text.contains("Passerades för 87 dagar sedan"), "{text}");
    let advice = page.find(".advice").text_content().unwrap();
    assert!(advice.contains("vårdgarantikansli"), "{advice}");
    assert!(advice.contains("resor inräknade"), "{advice}");
}

#[wasm_bindgen_test]
async fn bad_dates_get_a_message_beside_the_field_and_nothing_is_saved() {
    fresh_storage();
    let page = mount_page().await;
    page.add_episode("Höften", "").await;
    let before = stored();

    for (input, message) in [
        ("2026-02-30", "Det datumet finns inte"),
        ("igår", "Skriv datumet som ÅÅÅÅ-MM-DD"),
        ("2027-01-01", "kan inte vara senare än i dag"),
        ("", "Skriv ett datum"),
    ] {
        page.add_event(1, "referral_issued", None, input).await;
        let error = page.find("#episode-1-event-date-error");
        assert!(
            error.text_content().unwrap().contains(message),
            "{input:?}: {:?}",
            error.text_content()
        );
        assert!(!error.has_attribute("hidden"));
        assert_eq!(
            page.find("#episode-1-event-date")
                .get_attribute("aria-invalid")
                .as_deref(),
            Some("true")
        );
        let summary = page.find(".event-form .error-summary");
        assert!(!summary.has_attribute("hidden"));
        assert!(summary.text_content().unwrap().contains(message));
        assert_eq!(stored(), before, "{input:?} changed what is saved");
    }
}

#[wasm_bindgen_test]
async fn a_period_ending_before_it_starts_is_rejected() {
    fresh_storage();
    let page = mount_page().await;
    page.add_episode("Höften", "").await;
    page.add_event(1, "treatment_decided", None, "2026-10-01")
        .await;
    page.choose("#episode-1-event-choice", "patient_chosen_wait")
        .await;
    page.choose("#episode-1-event-step", "treatment").await;
    page.type_into("#episode-1-event-date", "2026-11-10").await;
    page.type_into("#episode-1-event-until", "2026-11-01").await;
    page.click_button("Lägg till händelse").await;
    let error = page
        .find("#episode-1-event-until-error")
        .text_content()
        .unwrap();
    assert!(
        error.contains("Slutdatumet kan inte vara före startdatumet"),
        "{error}"
    );
    assert!(!stored().contains("excluded_time"));

    page.type_into("#episode-1-event-until", "2026-11-20").await;
    page.click_button("Lägg till händelse").await;
    assert!(stored().contains("excluded_time"));
    let text = page.find(".deadlines").text_content().unwrap();
    assert!(text.contains("11 dagar räknas inte"), "{text}");
}

#[wasm_bindgen_test]
async fn only_choices_that_name_a_step_show_the_step_field() {
    fresh_storage();
    let page = mount_page().await;
    page.add_episode("Höften", "").await;
    assert!(
        page.root
            .query_selector("#episode-1-event-step")
            .unwrap()
            .is_none()
    );
    page.choose("#episode-1-event-choice", "booked").await;
    assert!(
        page.root
            .query_selector("#episode-1-event-step")
            .unwrap()
            .is_some()
    );
    assert_eq!(
        page.find("label[for='episode-1-event-date']")
            .text_content()
            .unwrap(),
        "Datum för den bokade tiden"
    );
}

#[wasm_bindgen_test]
async fn editing_an_event_replaces_it() {
    fresh_storage();
    let page = mount_page().await;
    page.add_episode("Höften", "").await;
    page.add_event(1, "referral_issued", None, "2026-10-26")
        .await;
    page.choose("#episode-1-event-choice", "booked").await; // the form was in use
    let edit = page
        .find(".events__item button")
        .unchecked_into::<HtmlElement>();
    edit.click();
    settle().await;
    let date: HtmlInputElement = page.find("#episode-1-event-date").unchecked_into();
    assert_eq!(date.value(), "2026-10-26");
    let choice: HtmlSelectElement = page.find("#episode-1-event-choice").unchecked_into();
    assert_eq!(choice.value(), "referral_issued");
    assert_eq!(
        document().active_element().unwrap().id(),
        "episode-1-event-choice"
    );
    page.type_into("#episode-1-event-date", "2026-10-27").await;
    page.click_button("Spara").await;
    assert_eq!(page.all(".events__item").len(), 1);
    assert!(page.text().contains("61 dagar kvar"));
    assert!(stored().contains("2026-10-27") && !stored().contains("2026-10-26"));
}

#[wasm_bindgen_test]
async fn renaming_an_episode_and_changing_its_region_applies_the_regional_limit() {
    fresh_storage();
    let page = mount_page().await;
    page.add_episode("Höften", "").await;
    page.add_event(1, "referral_issued", None, "2026-11-20")
        .await;
    assert!(page.text().contains("85 dagar kvar"));
    page.click_button("Ändra").await;
    page.type_into("#episode-1-title", "Höger höft").await;
    page.choose("#episode-1-region", "01").await;
    page.click_button("Spara").await;
    assert_eq!(
        page.find("#episode-1-heading").text_content().unwrap(),
        "Höger höft"
    );
    let text = page.find(".deadlines").text_content().unwrap();
    assert!(text.contains("25 dagar kvar"), "{text}");
    assert!(
        text.contains(
            "Region Stockholm har en kortare gräns: 30 dagar. I hela landet gäller 90 dagar."
        ),
        "{text}"
    );
    assert!(
        text.contains("Region Stockholms regionala vårdgaranti"),
        "{text}"
    );
}

#[wasm_bindgen_test]
async fn titles_are_rendered_as_text_never_as_markup() {
    fresh_storage();
    let page = mount_page().await;
    page.add_episode("<img src=x onerror=alert(1)><b>Höft</b>", "")
        .await;
    assert!(page.all("img").is_empty());
    assert!(page.all("#episode-1-heading b").is_empty());
    assert_eq!(
        page.find("#episode-1-heading").text_content().unwrap(),
        "<img src=x onerror=alert(1)><b>Höft</b>"
    );
}

#[wasm_bindgen_test]
async fn removing_an_episode_asks_first() {
    fresh_storage();
    let page = mount_page().await;
    page.add_episode("Höften", "").await;
    let remove = page
        .all(".episode__actions button")
        .into_iter()
        .find(|b| b.text_content().unwrap().trim() == "Ta bort")
        .unwrap();
    assert_eq!(
        remove.get_attribute("aria-label").as_deref(),
        Some("Ta bort Höften")
    );
    page.click_button("Ta bort").await;
    assert_eq!(page.all(".episode").len(), 1);
    assert_eq!(
        document()
            .active_element()
            .unwrap()
            .text_content()
            .unwrap()
            .trim(),
        "Ja, ta bort"
    );
    page.click_button("Ja, ta bort").await;
    assert!(page.all(".episode").is_empty());
    assert!(!stored().contains("Höften"));
}

#[wasm_bindgen_test]
async fn delete_all_removes_everything_vardkoll_stored() {
    fresh_storage();
    storage().set_item("other.app", "keep").unwrap();
    let page = mount_page().await;
    page.add_episode("Höften", "").await;
    page.click_button("Radera alla mina uppgifter").await;
    page.click_button("Ja, radera allt").await;
    assert!(page.all(".episode").is_empty());
    assert_eq!(storage().get_item(EPISODES_KEY).unwrap(), None);
    assert_eq!(
        storage().get_item("other.app").unwrap().as_deref(),
        Some("keep")
    );
    assert!(page.text().contains("Alla dina uppgifter är raderade."));
}

#[wasm_bindgen_test]
async fn unreadable_saved_data_is_kept_aside_and_explained() {
    fresh_storage();
    storage().set_item(EPISODES_KEY, "{not json").unwrap();
    let page = mount_page().await;
    assert!(
        page.text()
            .contains("Dina sparade uppgifter kunde inte läsas")
    );
    assert_eq!(
        storage().get_item(BACKUP_KEY).unwrap().as_deref(),
        Some("{not json")
    );
    page.add_episode("Ny", "").await;
    assert_eq!(
        storage().get_item(BACKUP_KEY).unwrap().as_deref(),
        Some("{not json")
    );
    assert!(stored().contains("Ny"));
}

#[wasm_bindgen_test]
async fn episodes_need_a_title() {
    fresh_storage();
    let page = mount_page().await;
    page.add_episode("   ", "").await;
    assert!(page.all(".episode").is_empty());
    let error = page
        .find("#new-episode-title-error")
        .text_content()
        .unwrap();
    assert_eq!(error, "Skriv vad vården gäller.");
    for i in 0..20 {
        web_sys::console::log_1(
            &format!(
                "{i} active={:?} {:?}",
                document().active_element().map(|e| e.tag_name()),
                document().active_element().map(|e| e.id())
            )
            .into(),
        );
        next_frame().await;
        settle().await;
    }
    assert_eq!(
        document().active_element().unwrap().class_name(),
        "error-summary"
    );
}

/// Waits (a few seconds at most) until `selector` matches inside `page`.
async fn wait_for(page: &Page, selector: &str) -> Element {
    for _ in 0..300 {
        if let Some(found) = page.root.query_selector(selector).unwrap() {
            return found;
        }
        settle().await;
    }
    panic!("{selector} never appeared");
}

#[wasm_bindgen_test]
async fn the_home_region_is_remembered_and_an_unreachable_api_offers_retry() {
    fresh_storage();
    let page = mount(|| Box::pin(pages::wait_times_page())).await;
    // The test runner serves no API: the page says so and offers a retry.
    let retry = wait_for(&page, "[role=alert] button").await;
    assert_eq!(retry.text_content().unwrap(), "Försök igen");
    assert!(page.text().contains("Servern kunde inte svara just nu"));
    let select: HtmlSelectElement = page.find("#home-region").unchecked_into();
    select.set_value("12");
    dispatch(&select, "change");
    settle().await;
    assert_eq!(
        storage().get_item(HOME_REGION_KEY).unwrap().as_deref(),
        Some("12")
    );
    drop(page);
    let page = mount(|| Box::pin(pages::wait_times_page())).await;
    let select: HtmlSelectElement = page.find("#home-region").unchecked_into();
    assert_eq!(select.value(), "12");
    // Choosing "none" forgets it.
    select.set_value("");
    dispatch(&select, "change");
    settle().await;
    assert_eq!(storage().get_item(HOME_REGION_KEY).unwrap(), None);
}

#[wasm_bindgen_test]
async fn the_referral_form_shows_each_problem_beside_its_field_and_queues_nothing() {
    fresh_storage();
    let page = mount_view(|| view! { <pages::ReferralTop><LazyView load=|| Box::pin(pages::referral_page()) /></pages::ReferralTop> }.into_any()).await;
    // The form's lower part is drawn once its upper part is painted.
    wait_for(&page, "#referral-consent").await;
    // From the comparison (no episode): free choice is explained first.
    assert!(page.text().contains("fria vårdvalet"));
    page.type_into("#referral-identity", "19121212-1213").await;
    page.type_into("#referral-email", "inte en adress").await;
    page.click_button("Skicka förfrågan").await;
    let beside = |id: &str| page.find(&format!("#{id}-error")).text_content().unwrap();
    assert_eq!(
        beside("referral-identity"),
        "Den sista siffran stämmer inte. Kontrollera numret."
    );
    assert!(beside("referral-email").contains("ser inte ut som en e-postadress"));
    assert_eq!(beside("referral-name"), "Skriv ditt namn.");
    assert!(beside("referral-consent").contains("samtycka"));
    assert_eq!(
        page.find("#referral-identity")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    let summary: Vec<String> = page
        .all(".error-summary a")
        .iter()
        .map(|a| a.get_attribute("href").unwrap_or_default())
        .collect();
    assert!(
        summary.contains(&"#referral-identity".to_owned()),
        "{summary:?}"
    );
    assert!(
        summary.contains(&"#referral-provider-0".to_owned()),
        "{summary:?}"
    );
    // The home region (whose navigators handle the request) is asked for, and
    // listed where the form shows it: after the contact details.
    assert_eq!(beside("referral-home-region"), "Välj din hemregion.");
    let at = |href: &str| summary.iter().position(|h| h == href).unwrap();
    assert!(
        at("#referral-email") < at("#referral-home-region"),
        "{summary:?}"
    );
    assert!(
        at("#referral-home-region") < at("#referral-service"),
        "{summary:?}"
    );
    let region: HtmlSelectElement = page.find("#referral-home-region").unchecked_into();
    region.set_value("12");
    dispatch(&region, "change");
    page.click_button("Skicka förfrågan").await;
    assert!(
        page.find("#referral-home-region-error")
            .has_attribute("hidden")
    );
    // What was typed stays; nothing is queued or stored.
    let identity: HtmlInputElement = page.find("#referral-identity").unchecked_into();
    assert_eq!(identity.value(), "19121212-1213");
    assert_eq!(storage().get_item(OUTBOX_KEY).unwrap(), None);
    // A coordination number (samordningsnummer: the day plus 60) is an
    // identity number too; a wrong control digit in one is refused the same way.
    page.type_into("#referral-identity", "19701063-2391").await;
    page.click_button("Skicka förfrågan").await;
    assert!(
        page.find("#referral-identity-error")
            .has_attribute("hidden")
    );
    page.type_into("#referral-identity", "19701063-2392").await;
    page.click_button("Skicka förfrågan").await;
    assert_eq!(
        beside("referral-identity"),
        "Den sista siffran stämmer inte. Kontrollera numret."
    );
}

#[wasm_bindgen_test]
async fn requests_are_listed_with_status_answer_history_and_what_to_do_next() {
    fresh_storage();
    let outbox = r#"{"version":1,"pending":[{"key":"key-rejected-1","request":{"personalIdentityNumber":"19121212-1212",
        "name":"Tolvan","phone":"0701234567","serviceCode":"op-hoft","preferredProviders":["gone"],"canTravel":true,
        "interpreter":{"needed":false},"message":"","consentToShare":true},"label":{"service":"Höftledsplastik",
        "providers":["Borta sjukhus, Ort"]},"queuedAt":1,"failures":1,"nextAttempt":1,
        "rejected":[{"field":"preferredProviders/0","code":"unknown","detail":"no such provider"}]}],
        "sent":[{"key":"key-sent-1","reference":"VK-ABCDEFGHJK","token":"t","label":{"service":"Kataraktoperation",
        "providers":["<b>Ögonkliniken</b>, Lund"]},"createdAt":"2026-11-20T09:00:00Z","status":"declined",
        "history":[{"status":"received","at":"2026-11-20T09:00:00Z"},
        {"status":"declined","at":"2026-11-22T10:30:00Z","note":"Ingen plats","declineReason":"no_provider_available"}]},
        {"key":"key-sent-2","reference":"VK-OFFERED123","token":"t","label":{"service":"Höftledsplastik",
        "providers":[]},"createdAt":"2026-11-24T09:00:00Z","status":"offered",
        "history":[{"status":"received","at":"2026-11-24T09:00:00Z"},
        {"status":"under_review","at":"2026-11-25T09:00:00Z"},
        {"status":"offered","at":"2026-11-26T09:00:00Z","offer":{"providerId":"capio-st-goran","date":"2026-12-20","time":"09:30"},
        "futureField":"a newer server's"}]}]}"#;
    storage().set_item(OUTBOX_KEY, outbox).unwrap();
    let page = mount_view(|| view! { <pages::RequestsTop><LazyView load=|| Box::pin(pages::requests_page()) /></pages::RequestsTop> }.into_any()).await;
    let text = page.text();
    assert!(text.contains("Förfrågan togs inte emot"), "{text}");
    assert!(text.contains("Vårdgivaren finns inte längre. Välj en annan."));
    assert!(text.contains("VK-ABCDEFGHJK"));
    assert!(text.contains("Avslagen"));
    assert!(text.contains("Du kan skicka en ny förfrågan"));
    assert!(
        text.contains(
            "2026-11-22 11:30: Avslagen — Orsak: regionen hittade ingen vårdgivare som kan ge vården tidigare. — Ingen plats"
        ),
        "{text}"
    );
    // The region's answer above the history: why it declined, the time offered
    // (the provider by its id while the catalogue cannot be read).
    let answers: Vec<String> = page
        .all(".request__answer")
        .iter()
        .map(|e| e.text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        answers,
        [
            // Newest first.
            "Erbjuden tid: söndag 20 december 2026 kl. 09:30, capio-st-goran.",
            "Orsak: regionen hittade ingen vårdgivare som kan ge vården tidigare."
        ]
    );
    // Names are text, never markup.
    assert!(text.contains("<b>Ögonkliniken</b>, Lund"));
    assert!(page.all(".request b").is_empty());
    assert_eq!(page.all(".request__history li").len(), 5);
    // A rejected request is kept, not sent again by itself.
    settle().await;
    let stored = storage().get_item(OUTBOX_KEY).unwrap().unwrap();
    assert!(stored.contains("key-rejected-1") && stored.contains("\"rejected\""));
}

/// A portal's element (`[data-vardkoll]`) with its shadow root as `embed.js`
/// prepares it, removed again (with the address and language restored) when dropped.
struct PortalElement {
    host: Element,
    mount: HtmlElement,
    shadow: web_sys::ShadowRoot,
    address: String,
    _handle: leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
}

impl Drop for PortalElement {
    fn drop(&mut self) {
        self.host.remove();
        let history = web_sys::window().unwrap().history().unwrap();
        history
            .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&self.address))
            .unwrap();
        vardkoll::i18n::set_document_lang(Lang::Sv);
    }
}

/// The app in a portal's element at `path`, configured by `attributes`.
async fn mount_in_portal(path: &str, attributes: &[(&str, &str)]) -> PortalElement {
    let window = web_sys::window().unwrap();
    let address = window.location().href().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
    let host = document().create_element("div").unwrap();
    host.set_attribute("data-vardkoll", "").unwrap();
    for (name, value) in attributes {
        host.set_attribute(name, value).unwrap();
    }
    document().body().unwrap().append_child(&host).unwrap();
    let shadow = host
        .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
        .unwrap();
    let mount: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    mount.set_class_name("vardkoll-app");
    shadow.append_child(&mount).unwrap();
    assert_eq!(
        vardkoll::platform::host::mount_point().as_ref(),
        Some(&mount)
    );
    let handle = leptos::mount::mount_to(mount.clone(), || view! { <vardkoll::App /> }.into_any());
    settle().await;
    PortalElement {
        host,
        mount,
        shadow,
        address,
        _handle: handle,
    }
}

#[wasm_bindgen_test]
async fn in_a_portals_element_the_app_follows_its_settings_and_keeps_to_itself() {
    fresh_storage();
    let portal = mount_in_portal(
        "/halsa/vardkoll/vardgarantier",
        &[
            ("data-base-path", "/halsa/vardkoll/"),
            ("data-start-page", "vantetider"),
            ("data-lang", "en"),
            ("data-home-region", "12"),
        ],
    )
    .await;
    let find = |selector: &str| portal.shadow.query_selector(selector).unwrap().unwrap();
    // The portal's language, on the app's element only.
    assert_eq!(find("h1").text_content().unwrap(), "My care guarantees");
    assert_eq!(portal.mount.get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(
        document()
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("sv")
    );
    // Every link under the portal's path; the start page at the path itself.
    let links: Vec<_> = [
        "nav li:nth-child(1) a",
        "nav li:nth-child(2) a",
        "nav li:nth-child(3) a",
    ]
    .iter()
    .map(|s| find(s).get_attribute("href").unwrap())
    .collect();
    assert_eq!(
        links,
        [
            "/halsa/vardkoll/vardgarantier",
            "/halsa/vardkoll/",
            "/halsa/vardkoll/forfragningar"
        ]
    );
    // The portal's home region is the new episode's.
    let region: HtmlSelectElement = find("#new-episode-region").unchecked_into();
    assert_eq!(region.value(), "12");
    // In-page links and focus find the app's elements inside its shadow root.
    find(".skip-link").unchecked_into::<HtmlElement>().click();
    assert_eq!(
        portal.shadow.active_element().map(|e| e.id()).as_deref(),
        Some("main")
    );
    // Nothing of the app's was written outside its element.
    assert!(document().get_element_by_id("main").is_none());
}

static LOAD_ATTEMPTS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// A split point whose code fails to load the first time, then loads.
fn flaky_page() -> std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<Draw, vardkoll::platform::split::SplitError>>>,
> {
    Box::pin(async {
        if LOAD_ATTEMPTS.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            Err(vardkoll::platform::split::SplitError)
        } else {
            Ok((|| view! { <p id="flaky-page">"Sidan"</p> }.into_any()) as Draw)
        }
    })
}

#[wasm_bindgen_test]
async fn a_page_whose_code_fails_to_load_says_so_and_loads_on_retry() {
    fresh_storage();
    LOAD_ATTEMPTS.store(0, std::sync::atomic::Ordering::SeqCst);
    let page = mount(flaky_page).await;
    let alert = page.find("[role=alert]");
    assert!(
        alert
            .text_content()
            .unwrap()
            .contains("Sidan kunde inte laddas"),
        "{:?}",
        alert.text_content()
    );
    assert!(page.root.query_selector("#flaky-page").unwrap().is_none());
    page.find("[role=alert] button")
        .unchecked_into::<HtmlElement>()
        .click();
    let loaded = wait_for(&page, "#flaky-page").await;
    assert_eq!(LOAD_ATTEMPTS.load(std::sync::atomic::Ordering::SeqCst), 2);
    assert_eq!(loaded.text_content().unwrap(), "Sidan");
    assert!(page.root.query_selector("[role=alert]").unwrap().is_none());
    assert!(page.root.query_selector(".loading").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn sign_in_shows_only_where_the_deployment_has_a_provider() {
    fresh_storage();
    let session = vardkoll::state::Session::shared();
    let page = mount_view(|| view! { <vardkoll::app::Account /> }.into_any()).await;
    // No provider in the configuration: nothing about signing in.
    assert_eq!(session.state(), vardkoll::state::SignIn::Unavailable);
    assert!(page.root.query_selector("button").unwrap().is_none());
    session.configured();
    settle().await;
    let button = page.root.query_selector("button").unwrap().unwrap();
    assert_eq!(button.text_content().unwrap().trim(), "Logga in");
    assert!(
        page.root
            .query_selector(".account__name")
            .unwrap()
            .is_none()
    );
    session.clear(Some(vardkoll::state::SignInProblem::Expired));
    settle().await;
    let button = page.root.query_selector("button").unwrap().unwrap();
    assert_eq!(
        button.text_content().unwrap().trim(),
        "Logga in",
        "signed out by expiry: sign in again"
    );
}

#[wasm_bindgen_test]
async fn the_navigators_page_asks_staff_to_sign_in_and_shows_no_queue_before() {
    fresh_storage();
    // The session is the page's one, shared with the other tests here: this
    // test leaves it as it finds it and expects what its state calls for.
    let session = vardkoll::state::Session::shared();
    let page = mount_view(|| {
        view! {
            <pages::NavigatorTop />
            <LazyView load=|| Box::pin(pages::navigator_page()) />
        }
        .into_any()
    })
    .await;
    settle().await;
    assert_eq!(page.find("h1").text_content().unwrap(), "Vårdlotsen");
    let text = page.text();
    let expected = match session.state() {
        vardkoll::state::SignIn::Unavailable => "Inloggning är inte inställd för den här tjänsten.",
        _ => "Logga in med ditt konto i regionen för att se förfrågningarna.",
    };
    assert!(text.contains(expected), "{text}");
    assert!(page.all("table").is_empty());
}

/// Every count's plural form is CLDR's, as the browser's `Intl.PluralRules`
/// knows it: Arabic's six forms (0 "zero", 100-102 "other"), Swedish's and
/// English's two.
#[wasm_bindgen_test]
fn plural_forms_agree_with_the_browsers_cldr_rules() {
    use vardkoll::i18n::plural::{Plural, arabic, one_other};
    type Rule = fn(u64) -> Plural;
    let languages: [(&str, Rule); 3] = [("ar", arabic), ("sv", one_other), ("en", one_other)];
    for (tag, ours) in languages {
        let locales = js_sys::Array::of1(&tag.into());
        let rules = js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new());
        for n in 0..=1_200u32 {
            let theirs: String = rules.select(f64::from(n)).into();
            assert_eq!(theirs, ours(u64::from(n)).as_str(), "{tag}: {n}");
        }
    }
}

/// Before "I declined care at another provider" is recorded, the form says what
/// it means: the guarantee for that care ends; a change of mind starts anew.
#[wasm_bindgen_test]
async fn declining_care_elsewhere_is_explained_before_it_is_recorded() {
    fresh_storage();
    let page = mount_page().await;
    page.add_episode("Höften", "").await;
    assert!(
        page.root
            .query_selector("#episode-1-event-choice-warning")
            .unwrap()
            .is_none()
    );
    page.choose("#episode-1-event-choice", "declined_elsewhere")
        .await;
    let warning = page.find("#episode-1-event-choice-warning");
    let text = warning.text_content().unwrap_or_default();
    assert!(text.contains("gäller vårdgarantin inte längre"), "{text}");
    assert!(text.contains("börjar tiden räknas på nytt"), "{text}");
    let choice = page.find("#episode-1-event-choice");
    assert_eq!(
        choice.get_attribute("aria-describedby").as_deref(),
        Some("episode-1-event-choice-warning")
    );
    page.choose("#episode-1-event-choice", "booked").await;
    assert!(
        page.root
            .query_selector("#episode-1-event-choice-warning")
            .unwrap()
            .is_none()
    );
    assert_eq!(choice.get_attribute("aria-describedby"), None);
}

/// A patient in Region Halland sees its 60-day limit beside the national 90.
#[wasm_bindgen_test]
async fn a_regional_limit_is_shown_beside_the_national_one() {
    fresh_storage();
    let page = mount_page().await;
    page.add_episode("Höften", "13").await;
    page.add_event(1, "referral_issued", None, "2026-10-26")
        .await;
    let text = page.text();
    assert!(
        text.contains(
            "Region Halland har en kortare gräns: 60 dagar. I hela landet gäller 90 dagar."
        ),
        "{text}"
    );
    assert!(
        text.contains("Region Hallands regionala vårdgaranti"),
        "{text}"
    );
    assert!(text.contains("30 dagar kvar"), "{text}");
}

#[wasm_bindgen_test]
async fn a_part_after_the_paint_is_drawn_once_the_rest_is_on_screen() {
    use vardkoll::components::AfterPaint;
    let page = mount_bare(|| {
        view! {
            <p class="above">"Tabellen"</p>
            <AfterPaint><p class="below">"Kartan"</p></AfterPaint>
        }
        .into_any()
    });
    let root = &page.root;
    assert!(root.query_selector(".above").unwrap().is_some());
    assert!(
        root.query_selector(".below").unwrap().is_none(),
        "drawn in the same task as the part above it"
    );
    assert!(
        drawn_within_frames(root, ".below").await,
        "never drawn after the paint"
    );
}

/// Waits up to 50 frames for `selector` inside `root`.
async fn drawn_within_frames(root: &HtmlElement, selector: &str) -> bool {
    for _ in 0..50 {
        next_frame().await;
        settle().await;
        if root.query_selector(selector).unwrap().is_some() {
            return true;
        }
    }
    false
}

#[wasm_bindgen_test]
async fn a_part_far_below_is_drawn_only_when_the_patient_comes_near_it() {
    use vardkoll::components::WhenNear;
    let page = mount_bare(|| {
        view! {
            <p class="above">"Tabellen"</p>
            <div style="height: 6000px"></div>
            <WhenNear><p class="below">"Kartan"</p></WhenNear>
        }
        .into_any()
    });
    let root = &page.root;
    // 6,000 pixels below: not drawn, however long the page waits.
    assert!(
        !drawn_within_frames(root, ".below").await,
        "drawn while far below the viewport"
    );
    let place = root.query_selector(".when-near").unwrap().unwrap();
    place.scroll_into_view();
    let drawn = drawn_within_frames(root, ".below").await;
    web_sys::window().unwrap().scroll_to_with_x_and_y(0.0, 0.0);
    assert!(drawn, "not drawn once scrolled to");
}

#[wasm_bindgen_test]
async fn a_part_in_view_from_the_start_is_drawn_at_once() {
    use vardkoll::components::WhenNear;
    let page =
        mount_bare(|| view! { <WhenNear><p class="below">"Kartan"</p></WhenNear> }.into_any());
    assert!(
        drawn_within_frames(&page.root, ".below").await,
        "a part in view was never drawn"
    );
}

/// The app reads an offer that carries a field it does not know (a server
/// newer than the app), while the server refuses one in a navigator's offer
/// (the domain's native test): what an installed app meets after an upgrade.
#[wasm_bindgen_test]
fn an_offer_with_a_field_this_build_does_not_know_is_read() {
    let view: vardkoll_domain::api::ReferralView = serde_json::from_str(
        r#"{"reference":"VK-1","status":"offered","serviceCode":"op-hoft","preferredProviders":["p1"],
            "homeRegion":"01","history":[{"status":"offered","at":"2026-12-07T10:00:00Z",
            "offer":{"providerId":"p1","date":"2026-12-20","time":"09:30","freeTimeId":7,
            "answerBy":"2026-12-12T10:00:00Z","room":"4"}}]}"#,
    )
    .expect("read as far as this build knows");
    let offer = view.history[0].offer.as_ref().unwrap();
    assert_eq!(offer.answer_by.as_deref(), Some("2026-12-12T10:00:00Z"));
}
