//! The state of one episode's event form: what the patient typed, and the errors.

use leptos::prelude::*;
use vardkoll_domain::episode::{Event, EventKind};
use vardkoll_domain::step::Step;
use vardkoll_domain::validation::{EventChoice, EventDraft, EventError, EventField};

use crate::i18n::numeric_date;

/// Signals behind the event form; editing an event loads it here.
#[derive(Clone, Copy)]
pub struct EventFormState {
    pub choice: RwSignal<EventChoice>,
    pub step: RwSignal<Option<Step>>,
    pub date: RwSignal<String>,
    pub until: RwSignal<String>,
    pub editing: RwSignal<Option<u64>>,
    pub errors: RwSignal<Vec<(EventField, EventError)>>,
    /// The last change, announced to screen readers.
    pub announcement: RwSignal<Option<&'static str>>,
}

impl Default for EventFormState {
    fn default() -> Self {
        EventFormState {
            choice: RwSignal::new(EventChoice::ReferralIssued),
            step: RwSignal::new(None),
            date: RwSignal::new(String::new()),
            until: RwSignal::new(String::new()),
            editing: RwSignal::new(None),
            errors: RwSignal::new(Vec::new()),
            announcement: RwSignal::new(None),
        }
    }
}

impl EventFormState {
    pub fn draft(&self) -> EventDraft {
        EventDraft {
            choice: self.choice.get_untracked(),
            step: self.step.get_untracked(),
            date: self.date.get_untracked(),
            until: self.until.get_untracked(),
            editing: self.editing.get_untracked(),
        }
    }

    /// Loads a saved event for editing.
    pub fn edit(&self, event: &Event) {
        self.choice.set(EventChoice::of(event.kind));
        self.step.set(event.kind.named_step());
        self.date.set(numeric_date(event.date));
        self.until.set(match event.kind {
            EventKind::ExcludedTime { until, .. } => numeric_date(until),
            _ => String::new(),
        });
        self.editing.set(Some(event.id));
        self.errors.set(Vec::new());
    }

    /// Empties the form after a save or a cancel.
    pub fn reset(&self) {
        self.date.set(String::new());
        self.until.set(String::new());
        self.editing.set(None);
        self.errors.set(Vec::new());
    }

    /// The first error for `field`, if any.
    pub fn error(&self, field: EventField) -> Option<EventError> {
        self.errors
            .with(|errors| errors.iter().find(|(f, _)| *f == field).map(|(_, e)| *e))
    }
}
