//! What one provider row shows, as plain strings: worked out in Rust (and
//! tested natively), drawn by [`super::provider_rows`].

use chrono::NaiveDate;
use vardkoll_domain::api::{FreeCapacity, Source, out_of_date};
use vardkoll_domain::compare::geo::{Point, distance_km};
use vardkoll_domain::compare::table::{ProviderRow, SortKey};
use vardkoll_domain::compare::versus_home::VersusHome;

use super::labels::{capacity_text, month_and_source, optional, percent, region_name, versus_text};
use crate::i18n::Texts;

#[derive(Clone, Debug, PartialEq)]
pub struct RowCells {
    pub name: String,
    pub place: String,
    /// Empty when the provider takes patients from every region.
    pub note: &'static str,
    pub wait: String,
    /// Empty without a home region.
    pub versus: String,
    pub share: String,
    pub waiting: String,
    pub capacity_class: &'static str,
    pub capacity: &'static str,
    /// The month the figures cover and their source; "out of date" when
    /// older than the source's rule allows.
    pub reported: String,
    /// Only when distances are measured.
    pub distance: Option<String>,
    pub provider_id: String,
    /// The referral page for this provider; `None` hides the link (the wait
    /// here is not shorter than at home).
    pub referral: Option<String>,
    pub trend_label: &'static str,
    pub referral_label: &'static str,
    /// Each cell's column, said beside it where rows are drawn as cards
    /// (narrow screens): wait, share, waiting, capacity, reported, distance.
    pub column_labels: [&'static str; 6],
}

/// A column's heading.
pub fn column_label(t: &'static Texts, key: SortKey) -> &'static str {
    match key {
        SortKey::Name => t.compare().provider_column,
        SortKey::EstimatedWait => t.estimated_wait,
        SortKey::ShareWithinLimit => t.share_within_limit,
        SortKey::Waiting => t.compare().waiting_column,
        SortKey::FreeCapacity => t.free_capacity,
        SortKey::Reported => t.compare().reported_column,
        SortKey::Distance => t.compare().distance_column,
    }
}

fn capacity_class(capacity: FreeCapacity) -> &'static str {
    match capacity {
        FreeCapacity::Yes => "capacity capacity--yes",
        FreeCapacity::No => "capacity capacity--no",
        FreeCapacity::Unknown => "capacity capacity--unknown",
    }
}

/// Where the figures come from and the day they are read on.
#[derive(Clone, Copy)]
pub struct Provenance<'a> {
    pub sources: &'a [Source],
    pub today: NaiveDate,
}

/// The cells of `row` for `service`, compared with `home_days` (the home
/// region's wait, when a home region is set) and measured from `origin`;
/// `referral_page` is the address of the referral form. A row older than its
/// source's rule allows (its figures already unknown, "Uppgift saknas", see
/// `StatisticsPage::as_of`) is marked out of date.
pub fn row_cells(
    t: &'static Texts,
    row: &ProviderRow,
    (service, referral_page): (&str, &str),
    home_days: Option<Option<u32>>,
    origin: Option<Point>,
    provenance: Provenance<'_>,
) -> RowCells {
    // Its figures are already unknown (`StatisticsPage::as_of`); this says why.
    let source = provenance.sources.iter().find(|s| s.id == row.source);
    let stale = out_of_date(&row.reported, source, provenance.today);
    let mut reported = month_and_source(t, row.period, &row.source, provenance.sources);
    if stale {
        reported = format!("{reported} ({})", t.compare().out_of_date);
    }
    let versus = home_days.and_then(|home| VersusHome::of(row.estimated_wait_days, home));
    // Without a home region every provider may be asked; with one, those with a shorter wait.
    let may_refer = home_days.is_none() || matches!(versus, Some(VersusHome::Shorter(_)));
    RowCells {
        name: row.name.clone(),
        place: format!("{}, {}", row.town, region_name(&row.region_code)),
        note: if row.accepts_other_regions {
            ""
        } else {
            t.compare().own_region_only
        },
        // No estimate: what the source said instead, as it said it.
        wait: match (&row.estimated_wait_days, &row.estimated_wait_text) {
            (None, Some(text)) => text.clone(),
            _ => optional(t, row.estimated_wait_days, t.days),
        },
        versus: versus.map(|v| versus_text(t, v)).unwrap_or_default(),
        share: optional(t, row.share_within_limit, |s| percent(t, s)),
        waiting: optional(t, row.waiting, |w| w.to_string()),
        capacity_class: capacity_class(row.free_capacity),
        capacity: capacity_text(t, row.free_capacity),
        reported,
        distance: origin.map(|o| (t.compare().km)(distance_km(o, row.location).round() as u32)),
        provider_id: row.provider_id.clone(),
        referral: may_refer.then(|| {
            format!(
                "{referral_page}?tjanst={service}&vardgivare={}",
                row.provider_id
            )
        }),
        trend_label: t.compare().show_trend,
        referral_label: t.compare().request_referral,
        column_labels: {
            // Every column but the provider's own, which is the row's header.
            let [_name, rest @ ..] = SortKey::ALL.map(|key| column_label(t, key));
            rest
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn row(wait: Option<u32>, accepts: bool) -> ProviderRow {
        ProviderRow {
            provider_id: "sus-lund".into(),
            name: "<b>Skånes universitetssjukhus</b>".into(),
            name_key: Vec::new(),
            region_code: "12".into(),
            town: "Lund".into(),
            location: Point::new(55.71, 13.19),
            accepts_other_regions: accepts,
            estimated_wait_days: wait,
            estimated_wait_text: None,
            source: "vantetider".into(),
            period: vardkoll_domain::api::Period {
                year: 2026,
                month: 10,
            },
            share_within_limit: Some(0.834),
            waiting: Some(120),
            free_capacity: FreeCapacity::Yes,
            reported: "2026-11-03".into(),
            sample_data: true,
        }
    }

    /// The sources as the API describes them, read on 2026-11-25.
    fn current() -> Provenance<'static> {
        static SOURCES: std::sync::LazyLock<Vec<Source>> =
            std::sync::LazyLock::new(|| vec![vardkoll_domain::api::VANTETIDER.describe()]);
        Provenance {
            sources: &SOURCES,
            today: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        }
    }

    #[test]
    fn cells_read_as_the_patient_sees_them() {
        let t = Lang::Sv.texts();
        let cells = row_cells(
            t,
            &row(Some(48), true),
            ("op-hoft", "/remiss"),
            Some(Some(110)),
            None,
            current(),
        );
        assert_eq!(cells.name, "<b>Skånes universitetssjukhus</b>");
        assert_eq!(cells.place, "Lund, Region Skåne");
        assert_eq!(cells.note, "");
        assert_eq!(cells.wait, "48 dagar");
        assert_eq!(cells.versus, "62 dagar kortare än i din region");
        assert_eq!(cells.share, "83 %");
        assert_eq!(cells.waiting, "120");
        assert_eq!(
            (cells.capacity_class, cells.capacity),
            ("capacity capacity--yes", "Ja")
        );
        assert_eq!(cells.distance, None);
        assert_eq!(
            cells.referral.as_deref(),
            Some("/remiss?tjanst=op-hoft&vardgivare=sus-lund")
        );
    }

    #[test]
    fn every_figure_says_its_month_and_source_and_an_old_one_says_so() {
        let t = Lang::Sv.texts();
        let cells = row_cells(
            t,
            &row(Some(48), true),
            ("op-hoft", "/remiss"),
            None,
            None,
            current(),
        );
        assert_eq!(cells.reported, "oktober 2026 · Väntetider i vården");
        // Reported 2026-10-01: 55 days before 2026-11-25, past vantetider.se's
        // six weeks; its figures come unknown (`StatisticsPage::as_of`).
        let mut old = row(None, true);
        old.free_capacity = FreeCapacity::Unknown;
        old.reported = "2026-10-01".into();
        let cells = row_cells(t, &old, ("op-hoft", "/remiss"), None, None, current());
        assert_eq!(cells.wait, "Uppgift saknas");
        assert_eq!(cells.capacity, "Uppgift saknas");
        assert_eq!(
            cells.reported,
            "oktober 2026 · Väntetider i vården (inaktuell)"
        );
        // A source without a rule (the sample data) does not go out of date.
        let mut sample = row(Some(48), true);
        sample.reported = "2026-10-01".into();
        sample.source = "sample".into();
        let sources = [vardkoll_domain::api::SAMPLE.describe()];
        let cells = row_cells(
            t,
            &sample,
            ("op-hoft", "/remiss"),
            None,
            None,
            Provenance {
                sources: &sources,
                ..current()
            },
        );
        assert_eq!(cells.wait, "48 dagar");
        assert_eq!(cells.reported, "oktober 2026 · Vårdkolls exempeldata");
    }

    #[test]
    fn a_wait_published_as_text_is_shown_as_it_was() {
        let t = Lang::Sv.texts();
        let mut published = row(None, true);
        published.estimated_wait_text = Some("Mindre än en vecka".into());
        let cells = row_cells(t, &published, ("op-hoft", "/remiss"), None, None, current());
        assert_eq!(cells.wait, "Mindre än en vecka");
        let nothing = row_cells(
            t,
            &row(None, true),
            ("op-hoft", "/remiss"),
            None,
            None,
            current(),
        );
        assert_eq!(nothing.wait, optional(t, None::<u32>, t.days));
    }

    #[test]
    fn the_referral_link_needs_a_shorter_wait_than_at_home() {
        let t = Lang::Sv.texts();
        let longer = row_cells(
            t,
            &row(Some(120), false),
            ("op-hoft", "/remiss"),
            Some(Some(110)),
            None,
            current(),
        );
        assert_eq!(longer.versus, "10 dagar längre än i din region");
        assert_eq!(longer.referral, None);
        assert_eq!(
            longer.note,
            "Tar bara emot patienter från den egna regionen."
        );
        let unknown = row_cells(
            t,
            &row(None, true),
            ("op-hoft", "/remiss"),
            Some(Some(110)),
            None,
            current(),
        );
        assert_eq!(
            (unknown.wait.as_str(), unknown.versus.as_str()),
            ("Uppgift saknas", "")
        );
        assert_eq!(unknown.referral, None);
        let no_home = row_cells(
            t,
            &row(Some(120), true),
            ("op-hoft", "/halsa/vardkoll/remiss"),
            None,
            Some(Point::new(55.6, 13.0)),
            current(),
        );
        assert_eq!(
            no_home.referral.as_deref(),
            Some("/halsa/vardkoll/remiss?tjanst=op-hoft&vardgivare=sus-lund")
        );
        assert_eq!(no_home.versus, "");
        assert_eq!(no_home.distance.as_deref(), Some("17 km"));
    }

    #[test]
    fn a_distance_reads_in_the_patients_language() {
        let at = |lang: Lang| {
            row_cells(
                lang.texts(),
                &row(Some(120), true),
                ("op-hoft", "/remiss"),
                None,
                Some(Point::new(55.6, 13.0)),
                current(),
            )
            .distance
        };
        assert_eq!(at(Lang::En).as_deref(), Some("17 km"));
        assert_eq!(at(Lang::Ar).as_deref(), Some("17 كم"));
    }
}
