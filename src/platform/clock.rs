//! The browser's clock, read in one place. Components get "today" from context,
//! so tests can fix it.

use chrono::{NaiveDate, NaiveDateTime};
use vardkoll_domain::swedish_time;

/// Today's date in the patient's local time zone.
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        i32::try_from(now.get_full_year()).unwrap_or(2000),
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or(NaiveDate::MIN)
}

/// The current time in UTC as an iCalendar stamp, `YYYYMMDDTHHMMSSZ`.
pub fn utc_stamp() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        now.get_utc_full_year(),
        now.get_utc_month() + 1,
        now.get_utc_date(),
        now.get_utc_hours(),
        now.get_utc_minutes(),
        now.get_utc_seconds()
    )
}

/// "Today" as provided to the component tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Today(pub NaiveDate);

/// The current time in Swedish time, to the minute, wherever the device is
/// set (`None` only for a clock out of chrono's range).
pub fn swedish_now() -> Option<NaiveDateTime> {
    let now = js_sys::Date::new_0();
    let utc = NaiveDate::from_ymd_opt(
        i32::try_from(now.get_utc_full_year()).unwrap_or(2000),
        now.get_utc_month() + 1,
        now.get_utc_date(),
    )?
    .and_hms_opt(now.get_utc_hours(), now.get_utc_minutes(), 0)?;
    Some(swedish_time::swedish_local(utc))
}

/// The current time in Swedish time, `2026-11-25 14:03`, for "fetched at"
/// labels: the same clock as every other time the app shows.
pub fn swedish_stamp() -> String {
    swedish_now()
        .map(swedish_time::minutes_text)
        .unwrap_or_default()
}

/// Resolves once the browser has painted the next frame (an animation frame,
/// then a task after it).
pub async fn next_paint() {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let after_frame = window.clone();
        let frame = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = after_frame.set_timeout_with_callback(resolve.unchecked_ref());
        });
        let _ = window.request_animation_frame(frame.unchecked_ref());
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves once the page's first contentful paint is on screen, as the
/// browser's paint timing reports it (read each frame; at most ten frames,
/// should a browser report no paints). Work started after it (the page's code
/// downloading) cannot delay that paint.
pub async fn first_contentful_paint() {
    let shown = || {
        web_sys::window()
            .and_then(|window| window.performance())
            .is_some_and(|performance| {
                performance
                    .get_entries_by_name_with_entry_type("first-contentful-paint", "paint")
                    .length()
                    > 0
            })
    };
    for _ in 0..10 {
        next_paint().await;
        if shown() {
            return;
        }
    }
}
