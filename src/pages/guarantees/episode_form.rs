//! Adding an episode, and the title and region fields shared with editing one.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use vardkoll_domain::regions::{REGIONS, RegionCode};
use vardkoll_domain::validation::{EpisodeError, validate_episode};

use crate::components::{ErrorSummary, Field, described_by};
use crate::i18n::use_texts;
use crate::state::EpisodeStore;

/// What the episode fields hold, as typed.
#[derive(Clone, Copy)]
pub struct EpisodeFormState {
    pub title: RwSignal<String>,
    pub region: RwSignal<String>,
    pub errors: RwSignal<Vec<EpisodeError>>,
}

impl EpisodeFormState {
    pub fn new(title: &str, region: Option<RegionCode>) -> Self {
        EpisodeFormState {
            title: RwSignal::new(title.to_owned()),
            region: RwSignal::new(region.map(|r| r.as_str().to_owned()).unwrap_or_default()),
            errors: RwSignal::new(Vec::new()),
        }
    }

    /// Validates; on success returns the values, otherwise shows the errors.
    pub fn submit(&self) -> Option<(String, Option<RegionCode>)> {
        match validate_episode(&self.title.get_untracked(), &self.region.get_untracked()) {
            Ok(values) => {
                self.errors.set(Vec::new());
                Some(values)
            }
            Err(errors) => {
                self.errors.set(errors);
                None
            }
        }
    }
}

fn field_of(error: EpisodeError) -> &'static str {
    match error {
        EpisodeError::TitleMissing | EpisodeError::TitleTooLong => "title",
        EpisodeError::UnknownRegion => "region",
    }
}

/// The title and region inputs with their errors and the error summary.
#[component]
pub fn EpisodeFields(#[prop(into)] prefix: String, state: EpisodeFormState) -> impl IntoView {
    let t = use_texts();
    let title_id = format!("{prefix}-title");
    let region_id = format!("{prefix}-region");
    let error_for = move |field: &'static str| {
        Signal::derive(move || {
            state.errors.with(|errors| {
                errors
                    .iter()
                    .find(|e| field_of(**e) == field)
                    .map(|e| t.episode_error(*e))
            })
        })
    };
    let summary = {
        let prefix = prefix.clone();
        Signal::derive(move || {
            state
                .errors
                .get()
                .into_iter()
                .map(|e| (format!("{prefix}-{}", field_of(e)), t.episode_error(e)))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <ErrorSummary heading=t.errors.summary_heading errors=summary />
        <Field id=title_id.clone() label=t.title_label.to_owned() hint=t.title_hint error=error_for("title")>
            <input type="text" id=title_id.clone() name="title" maxlength="200" autocomplete="off"
                aria-describedby=described_by(&title_id, true)
                aria-invalid=move || error_for("title").get().is_some().to_string()
                prop:value=move || state.title.get()
                on:input=move |ev| state.title.set(event_target_value(&ev)) />
        </Field>
        <Field id=region_id.clone() label=t.region_label.to_owned() hint=t.region_hint error=error_for("region")>
            <select id=region_id.clone() name="region" aria-describedby=described_by(&region_id, true)
                prop:value=move || state.region.get()
                on:change=move |ev| state.region.set(event_target_value(&ev))>
                <option value="" selected=move || state.region.get().is_empty()>{t.region_none}</option>
                {REGIONS
                    .iter()
                    .map(|region| {
                        let code = region.code;
                        view! {
                            <option value=code selected=move || state.region.get() == code>{region.name}</option>
                        }
                    })
                    .collect_view()}
            </select>
        </Field>
    }
}

#[component]
pub fn NewEpisodeForm() -> impl IntoView {
    let t = use_texts();
    let store = EpisodeStore::use_context();
    // A portal's home region is the likely one (see `crate::platform::host`).
    let state = EpisodeFormState::new("", crate::platform::host::home_region());
    let announcement = RwSignal::new(None::<String>);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        announcement.set(None);
        if let Some((title, region)) = state.submit() {
            announcement.set(Some(format!("{} {title}", t.episode_added)));
            store.add_episode(title, region);
            state.title.set(String::new());
        }
    };
    view! {
        <section class="card new-episode" aria-labelledby="new-episode-heading">
            <h2 id="new-episode-heading">{t.new_episode_heading}</h2>
            <p class="visually-hidden" role="status" aria-live="polite">{move || announcement.get()}</p>
            <form novalidate on:submit=on_submit>
                <EpisodeFields prefix="new-episode" state=state />
                <button type="submit" class="button">{t.add_episode}</button>
            </form>
        </section>
    }
}
