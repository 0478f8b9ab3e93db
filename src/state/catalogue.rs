//! The services and providers of the catalogue, fetched once per page visit:
//! the request form's choices, and the names of services and providers on
//! "Mina förfrågningar".

use leptos::prelude::*;
use leptos::task::spawn_local;
use vardkoll_domain::api::{Provider, Service};

use crate::i18n::Texts;

use crate::platform::api::{self, ApiError};

/// The name of service `code` in the reader's language; its code while the
/// catalogue does not know it.
pub fn service_title(texts: &Texts, services: &[Service], code: &str) -> String {
    services
        .iter()
        .find(|s| s.code == code)
        .map_or_else(|| code.to_owned(), |s| texts.service_name(s).to_owned())
}

/// "Name, Town" of provider `id`; its id while the catalogue does not know it.
pub fn provider_label(providers: &[Provider], id: &str) -> String {
    providers
        .iter()
        .find(|p| p.id == id)
        .map_or_else(|| id.to_owned(), |p| format!("{}, {}", p.name, p.town))
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct CatalogueData {
    pub services: Vec<Service>,
    pub providers: Vec<Provider>,
}

/// `None` while loading.
#[derive(Clone, Copy)]
pub struct Catalogue(pub RwSignal<Option<Result<CatalogueData, ApiError>>>);

impl Catalogue {
    pub fn load() -> Catalogue {
        let catalogue = Catalogue(RwSignal::new(None));
        catalogue.fetch();
        catalogue
    }

    /// Fetches (again); what was already shown stays until the answer comes.
    pub fn fetch(&self) {
        let state = self.0;
        if state.with_untracked(|s| matches!(s, Some(Err(_)))) {
            state.set(None);
        }
        spawn_local(async move {
            // Both at once: one round trip, not two.
            let (services, providers) =
                futures::future::join(api::services(), api::providers()).await;
            let result = services.and_then(|services| {
                Ok(CatalogueData {
                    services,
                    providers: providers?,
                })
            });
            state.update(|s| {
                // A failed refetch never replaces a catalogue already shown.
                if result.is_ok() || !matches!(s, Some(Ok(_))) {
                    *s = Some(result);
                }
            });
        });
    }

    pub fn data(&self) -> Option<CatalogueData> {
        self.0
            .with(|s| s.as_ref().and_then(|r| r.as_ref().ok()).cloned())
    }

    pub fn failed(&self) -> bool {
        self.0.with(|s| matches!(s, Some(Err(_))))
    }
}
