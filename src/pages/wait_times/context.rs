//! The comparison's state and intents. The view state lives in the URL (read
//! through the router); the data lives in [`Loadable`]s filled from the API.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use vardkoll_domain::api::{Provider, Service, Source, StatisticsPage, WaitStatistic, distinct};
use vardkoll_domain::compare::geo::Point;
use vardkoll_domain::compare::table::{ProviderRow, provider_rows};
use vardkoll_domain::compare::trend::{TrendPoint, series};
use vardkoll_domain::compare::view_state::{Origin, TrendSubject, ViewState};
use vardkoll_domain::regions::RegionCode;

use crate::platform::api;
use crate::platform::clock::swedish_stamp;
use crate::platform::storage;
use crate::router::Router;
use crate::state::{Loadable, begin, fetch};

/// One service's newest figures: the provider rows and the region-wide rows.
#[derive(Debug, PartialEq)]
pub struct ServiceFigures {
    pub service_code: String,
    pub sample_data: bool,
    pub providers: Vec<ProviderRow>,
    pub regions: Vec<WaitStatistic>,
    /// The sources the figures name.
    pub sources: Vec<Source>,
    /// Distinguishes one answer from the next, for keyed rendering.
    pub generation: u32,
}

/// 24 months of figures for the trend chart: the provider's or region's own,
/// and for a provider also its region's, to compare with.
#[derive(Debug, PartialEq)]
pub struct Trend {
    pub of: TrendSubject,
    pub own: Vec<TrendPoint>,
    pub region: Option<Vec<TrendPoint>>,
    /// The sources the figures name.
    pub sources: Vec<Source>,
}

/// Everything the comparison's components share. Cheap to copy.
#[derive(Clone, Copy)]
pub struct Compare {
    router: Router,
    pub view: Memo<ViewState>,
    pub services: RwSignal<Loadable<Arc<Vec<Service>>>>,
    pub providers: RwSignal<Loadable<Arc<Vec<Provider>>>>,
    pub figures: RwSignal<Loadable<Arc<ServiceFigures>>>,
    pub trend: RwSignal<Loadable<Arc<Trend>>>,
    pub home: RwSignal<Option<RegionCode>>,
    /// The patient's position, only after they asked for it; never stored.
    pub position: RwSignal<Option<Point>>,
    pub position_denied: RwSignal<bool>,
    cache: StoredValue<HashMap<String, (Arc<ServiceFigures>, String)>>,
    generation: StoredValue<u32>,
}

impl Compare {
    pub fn provide() -> Compare {
        let router = Router::use_context();
        let compare = Compare {
            router,
            view: Memo::new(move |_| ViewState::from_query(&router.query())),
            services: RwSignal::new(Loadable::default()),
            providers: RwSignal::new(Loadable::default()),
            figures: RwSignal::new(Loadable::default()),
            trend: RwSignal::new(Loadable::default()),
            home: RwSignal::new(crate::state::home_region()),
            position: RwSignal::new(None),
            position_denied: RwSignal::new(false),
            cache: StoredValue::new(HashMap::new()),
            generation: StoredValue::new(0),
        };
        provide_context(compare);
        compare.load_catalogue();
        // Figures follow the chosen service; the trend follows the chosen provider or region.
        let service = compare.select(|v| v.service.clone());
        let trend = compare.select(|v| v.service.clone().zip(v.trend_subject()));
        let ready = Memo::new(move |_| compare.providers.with(|p| p.value().is_some()));
        Effect::new(move |_| {
            if ready.get() {
                compare.show_service(service.get(), false);
            }
        });
        Effect::new(move |_| {
            if ready.get() {
                compare.load_trend(trend.get());
            }
        });
        compare
    }

    pub fn use_context() -> Compare {
        expect_context::<Compare>()
    }

    /// One part of the view state, as a memo: whatever reads it re-runs only
    /// when that part changes, not on every change of the view.
    pub fn select<T: Clone + PartialEq + Send + Sync + 'static>(
        &self,
        part: impl Fn(&ViewState) -> T + Send + Sync + 'static,
    ) -> Memo<T> {
        let view = self.view;
        Memo::new(move |_| view.with(&part))
    }

    /// Changes the view: a new history entry when `push`, in place when typing.
    pub fn update(&self, push: bool, change: impl FnOnce(&mut ViewState)) {
        let mut view = self.view.get_untracked();
        change(&mut view);
        self.router.set_query(view.to_query(), push);
    }

    /// Loads services and providers (again, after an error).
    pub fn load_catalogue(&self) {
        fetch(self.services, async { api::services().await.map(Arc::new) });
        fetch(self.providers, async {
            api::providers().await.map(Arc::new)
        });
    }

    /// Shows the figures for `service`, from memory when already fetched unless
    /// `reload` asks for a fresh copy.
    pub fn show_service(&self, service: Option<String>, reload: bool) {
        let Some(service) = service else {
            return;
        };
        let figures = self.figures;
        if !reload && let Some((cached, at)) = self.cache.with_value(|c| c.get(&service).cloned()) {
            figures.update(|f| f.show(cached, at));
            return;
        }
        let Some(providers) = self.providers.with_untracked(|p| p.value().cloned()) else {
            return;
        };
        let Some(ticket) = begin(figures) else {
            return;
        };
        let (cache, generation) = (self.cache, self.generation);
        spawn_local(async move {
            let result = api::statistics(&service).await.map(|page| {
                generation.update_value(|g| *g = g.wrapping_add(1));
                Arc::new(split(page, &providers, generation.get_value()))
            });
            let at = swedish_stamp();
            if let Ok(value) = &result {
                cache.update_value(|c| {
                    c.insert(service.clone(), (value.clone(), at.clone()));
                });
            }
            // The table and the chosen service agree: another service's
            // figures are not left on screen beside this one's error.
            figures.update(|f| {
                f.finish_wanted(ticket, result, at, |shown| shown.service_code == service);
            });
        });
    }

    /// Loads the 24-month trend for `(service, whose)`; a provider's comes with
    /// its region's.
    pub fn load_trend(&self, wanted: Option<(String, TrendSubject)>) {
        let trend = self.trend;
        let Some((service, of)) = wanted else {
            trend.set(Loadable::default());
            return;
        };
        let provider_id = match &of {
            TrendSubject::Provider(id) => Some(id.clone()),
            TrendSubject::Region(_) => None,
        };
        let region = match &of {
            TrendSubject::Region(code) => Some(code.clone()),
            TrendSubject::Provider(id) => self.providers.with_untracked(|p| {
                p.value()
                    .and_then(|list| list.iter().find(|x| &x.id == id))
                    .map(|x| x.region_code.clone())
            }),
        };
        let Some(region) = region else {
            trend.update(|t| {
                let ticket = t.begin();
                t.finish(ticket, Err(api::ApiError::Invalid), swedish_stamp());
            });
            return;
        };
        fetch(trend, async move {
            let region_page = api::region_trend(&service, &region).await?;
            let region = series(&region_page.rows);
            let sources = region_page.sources;
            let trend = match provider_id {
                Some(id) => {
                    let page = api::provider_trend(&service, &id).await?;
                    let sources = distinct(sources.into_iter().chain(page.sources));
                    Trend {
                        own: series(&page.rows),
                        region: Some(region),
                        of,
                        sources,
                    }
                }
                None => Trend {
                    own: region,
                    region: None,
                    of,
                    sources,
                },
            };
            Ok(Arc::new(trend))
        });
    }

    /// Remembers the home region in this browser.
    pub fn set_home(&self, region: Option<RegionCode>) {
        self.home.set(region);
        // If storage is unavailable the choice still holds while the page is open.
        let _ = storage::save_home_region(region);
    }

    /// Asks the browser for the patient's position (the browser asks them).
    pub fn ask_position(&self) {
        let (position, denied, this) = (self.position, self.position_denied, *self);
        denied.set(false);
        crate::platform::geolocation::current_position(move |point| match point {
            Some(point) => {
                position.set(Some(point));
                this.update(true, |v| v.origin = Some(Origin::Position));
            }
            None => denied.set(true),
        });
    }

    /// The point distances are measured from, if there is one.
    pub fn origin_point(&self) -> Option<Point> {
        match self.view.with(|v| v.origin.clone())? {
            Origin::Position => self.position.get(),
            Origin::Town(town) => self.providers.with(|p| {
                p.value()?
                    .iter()
                    .find(|x| x.town == town)
                    .map(|x| Point::new(x.latitude, x.longitude))
            }),
        }
    }
}

/// Splits an answer into provider rows and region-wide rows.
/// Figures past their source's rule are unknown from here on, as the source
/// shows them, so they are neither sorted nor filtered by (the table marks
/// such rows, see `row_cells`).
fn split(page: StatisticsPage, providers: &[Provider], generation: u32) -> ServiceFigures {
    let page = page.as_of(crate::platform::clock::today());
    let rows = provider_rows(providers, &page.rows);
    let regions = page
        .rows
        .into_iter()
        .filter(|r| r.provider_id.is_none())
        .collect();
    ServiceFigures {
        service_code: page.service_code,
        sample_data: page.sample_data,
        sources: page.sources,
        providers: rows,
        regions,
        generation,
    }
}
