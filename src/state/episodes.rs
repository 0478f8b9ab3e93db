//! The patient's care episodes, persisted in the browser after every change.

use leptos::prelude::*;
use vardkoll_domain::episode::{Episode, Event};
use vardkoll_domain::regions::RegionCode;

use crate::platform::storage::{self, StorageError};

/// Something the page should tell the patient about their saved data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Saved data could not be read (and was kept aside).
    Unreadable,
    /// Saving failed; changes live only in this page.
    SaveFailed,
    /// Everything was deleted on request.
    DeletedAll,
}

thread_local! {
    static SHARED: std::cell::Cell<Option<EpisodeStore>> = const { std::cell::Cell::new(None) };
}

/// The store of episodes. Cheap to copy; provide it once with [`EpisodeStore::provide`].
#[derive(Clone, Copy)]
pub struct EpisodeStore {
    episodes: RwSignal<Vec<Episode>>,
    notice: RwSignal<Option<Notice>>,
}

impl EpisodeStore {
    /// Loads saved episodes from browser storage.
    pub fn load() -> EpisodeStore {
        let (episodes, notice) = match storage::load_episodes() {
            Ok(episodes) => (episodes, None),
            Err(StorageError::Unreadable) => (Vec::new(), Some(Notice::Unreadable)),
            Err(_) => (Vec::new(), None),
        };
        EpisodeStore {
            episodes: RwSignal::new(episodes),
            notice: RwSignal::new(notice),
        }
    }

    pub fn provide(self) -> EpisodeStore {
        provide_context(self);
        self
    }

    /// Provides the store of this page unless one is provided already (a
    /// test's): loaded on first use by whichever page needs it first, then
    /// shared by every page for the page's life.
    pub fn provide_shared() -> EpisodeStore {
        if let Some(store) = use_context::<EpisodeStore>() {
            return store;
        }
        let store = SHARED.with(std::cell::Cell::get).unwrap_or_else(|| {
            let store = super::for_page_lifetime(EpisodeStore::load);
            SHARED.with(|s| s.set(Some(store)));
            store
        });
        store.provide()
    }

    pub fn use_context() -> EpisodeStore {
        expect_context::<EpisodeStore>()
    }

    pub fn episodes(&self) -> Vec<Episode> {
        self.episodes.get()
    }

    pub fn ids(&self) -> Vec<u64> {
        self.episodes
            .with(|list| list.iter().map(|episode| episode.id).collect())
    }

    pub fn episode(&self, id: u64) -> Option<Episode> {
        self.episodes
            .with(|list| list.iter().find(|episode| episode.id == id).cloned())
    }

    pub fn notice(&self) -> Option<Notice> {
        self.notice.get()
    }

    /// Adds an episode and returns its id.
    pub fn add_episode(&self, title: String, region: Option<RegionCode>) -> u64 {
        let mut id = 0;
        self.change(|list| {
            id = list
                .iter()
                .map(|episode| episode.id)
                .max()
                .map_or(1, |max| max + 1);
            list.push(Episode {
                id,
                title,
                region,
                events: Vec::new(),
                places: Default::default(),
            });
        });
        id
    }

    pub fn rename_episode(&self, id: u64, title: String, region: Option<RegionCode>) {
        self.change_episode(id, |episode| {
            episode.title = title;
            episode.region = region;
        });
    }

    pub fn remove_episode(&self, id: u64) {
        self.change(|list| list.retain(|episode| episode.id != id));
    }

    pub fn save_event(&self, episode_id: u64, event: Event) {
        self.change_episode(episode_id, |episode| episode.upsert_event(event));
    }

    /// Saves `event` happening at `place` (a provider's name).
    pub fn save_event_at(&self, episode_id: u64, event: Event, place: String) {
        self.change_episode(episode_id, |episode| episode.upsert_event_at(event, place));
    }

    pub fn remove_event(&self, episode_id: u64, event_id: u64) {
        self.change_episode(episode_id, |episode| episode.remove_event(event_id));
    }

    /// Deletes every episode and everything Vårdkoll stored in this browser.
    /// Whether anything of the patient's is stored for "delete all" to delete:
    /// episodes, requests, a home region (tracked through the episodes; the
    /// rest is read as it is).
    pub fn holds_data(&self) -> bool {
        self.episodes.with(|list| !list.is_empty()) || storage::holds_patient_data()
    }

    pub fn delete_all(&self) {
        self.episodes.set(Vec::new());
        let notice = match storage::delete_all() {
            Ok(()) => Notice::DeletedAll,
            Err(_) => Notice::SaveFailed,
        };
        self.notice.set(Some(notice));
    }

    fn change_episode(&self, id: u64, change: impl FnOnce(&mut Episode)) {
        self.change(|list| {
            if let Some(episode) = list.iter_mut().find(|episode| episode.id == id) {
                change(episode);
            }
        });
    }

    fn change(&self, change: impl FnOnce(&mut Vec<Episode>)) {
        self.episodes.update(change);
        let saved = self
            .episodes
            .with_untracked(|list| storage::save_episodes(list));
        match saved {
            Ok(()) if self.notice.get_untracked() == Some(Notice::SaveFailed) => {
                self.notice.set(None)
            }
            Ok(()) => {}
            Err(_) => self.notice.set(Some(Notice::SaveFailed)),
        }
    }
}
