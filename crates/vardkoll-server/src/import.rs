//! The importer of files in the shape of vantetider.se's public JSON service
//! (`GetServicesByArea` and `GetWaitingAndCapacityByService`). It survives the
//! mess real files have — nulls, missing fields, "Uppgift saknas", lower-case
//! "nej", ids as strings, other date formats, unknown regions, markup in names —
//! loads what it can and reports what it skipped and why.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::Value;
use vardkoll_domain::api::{
    FreeCapacity, GuaranteeKind, Period, Provider, Service, ServiceCategory, WaitBand,
    WaitStatistic,
};

use crate::dataset::{Dataset, REGION_IDS, region_row};

/// What an import did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub services: usize,
    pub providers: usize,
    pub statistics: usize,
    /// Reason → how many rows were skipped for it.
    pub skipped: BTreeMap<String, usize>,
    /// Figures already published for their unit, service and month: kept as
    /// shown (imports only ever add).
    pub kept: usize,
    /// Figures held back, each with why: a jump of more than
    /// [`MAX_JUMP_PERCENT`] from the unit's month before. Not published.
    pub held_back: Vec<String>,
}

/// The largest change of a unit's estimated wait from one month to the next
/// that is published without a person looking at it first.
pub const MAX_JUMP_PERCENT: u32 = 30;

impl Report {
    pub(crate) fn skip(&mut self, reason: impl Into<String>) {
        *self.skipped.entry(reason.into()).or_default() += 1;
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "loaded {} services, {} providers, {} statistics rows",
            self.services, self.providers, self.statistics
        )?;
        for (reason, count) in &self.skipped {
            writeln!(f, "skipped {count}: {reason}")?;
        }
        if self.kept > 0 {
            writeln!(
                f,
                "kept {} already published figures as they were",
                self.kept
            )?;
        }
        for why in &self.held_back {
            writeln!(f, "held back: {why}")?;
        }
        Ok(())
    }
}

/// Removes HTML tags and decodes the common entities.
pub fn plain_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A string field, also when the file has a number there.
fn text(value: &Value, key: &str) -> Option<String> {
    match value.get(key)? {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A whole-number field, also when the file has it as a string.
fn number(value: &Value, key: &str) -> Option<u64> {
    match value.get(key)? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Dates as seen in the wild: `2014-05-23`, `2014-05-23T13:36:49`, `23/05/2014`,
/// `2014/05/23`, `20140523`, `/Date(1400803200000)/`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(millis) = text
        .strip_prefix("/Date(")
        .and_then(|t| t.split([')', '+', '-']).next())
    {
        let millis: i64 = millis.parse().ok()?;
        return chrono::DateTime::from_timestamp_millis(millis).map(|t| t.date_naive());
    }
    let day = text.split(['T', ' ']).next()?;
    for format in ["%Y-%m-%d", "%d/%m/%Y", "%Y/%m/%d", "%Y%m%d", "%d.%m.%Y"] {
        if let Ok(date) = NaiveDate::parse_from_str(day, format) {
            return Some(date);
        }
    }
    None
}

fn capacity(value: Option<String>, reported: NaiveDate, today: NaiveDate) -> FreeCapacity {
    // Reports older than six weeks count as unknown ("Uppgift saknas").
    if (today - reported).num_days() > 42 {
        return FreeCapacity::Unknown;
    }
    match value.as_deref().map(str::to_lowercase).as_deref() {
        Some("ja") | Some("yes") => FreeCapacity::Yes,
        Some("nej") | Some("no") => FreeCapacity::No,
        _ => FreeCapacity::Unknown,
    }
}

/// A service's code, always a string: as written when the file has a string
/// ("013" keeps its zero); a number written with the digits its kind has (3
/// for a specialty's visit, 5 for an operation or examination), so 13 is "013".
fn service_code(row: &Value, category: ServiceCategory) -> Option<String> {
    let code = match row.get("Servicecode")? {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => {
            let width = if category == ServiceCategory::Visit {
                3
            } else {
                5
            };
            format!("{:0width$}", n.as_u64()?)
        }
        _ => return None,
    };
    (!code.is_empty() && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

/// A figure's identity: service, region, unit (none for the region) and month.
type FigureKey<'a> = (
    &'a str,
    &'a str,
    Option<&'a str>,
    vardkoll_domain::api::Period,
);

fn key(row: &WaitStatistic) -> FigureKey<'_> {
    (
        &row.service_code,
        &row.region_code,
        row.provider_id.as_deref(),
        row.period,
    )
}

/// The new rows that may be published: not already published, and no jump of
/// more than [`MAX_JUMP_PERCENT`] from the unit's month before (published,
/// or in this import). Looked up by key: `published` may be every figure ever
/// stored.
fn review(
    added: Vec<WaitStatistic>,
    published: &[WaitStatistic],
    report: &mut Report,
) -> Vec<WaitStatistic> {
    let stored: std::collections::HashMap<FigureKey<'_>, Option<u32>> = published
        .iter()
        .chain(&added)
        .map(|row| (key(row), row.estimated_wait_days))
        .collect();
    let already: std::collections::HashSet<FigureKey<'_>> = published.iter().map(key).collect();
    let mut kept = Vec::with_capacity(added.len());
    for row in &added {
        let (service, region, unit, period) = key(row);
        if already.contains(&(service, region, unit, period)) {
            report.kept += 1;
            continue;
        }
        let before = stored
            .get(&(service, region, unit, period.previous()))
            .copied()
            .flatten();
        if let (Some(old), Some(new)) = (before, row.estimated_wait_days)
            && old > 0
            && old.abs_diff(new) * 100 > MAX_JUMP_PERCENT * old
        {
            report.held_back.push(format!(
                "{} {} {}: estimated wait {old} → {new} days ({:+} %), more than {MAX_JUMP_PERCENT} % from the month before",
                unit.unwrap_or(region),
                service,
                period,
                (i64::from(new) - i64::from(old)) * 100 / i64::from(old),
            ));
            continue;
        }
        kept.push(row.clone());
    }
    kept
}

/// Reads a `GetServicesByArea` answer.
pub fn services(
    json: &str,
    category: ServiceCategory,
    report: &mut Report,
) -> Result<Vec<Service>, String> {
    let root: Value =
        serde_json::from_str(json).map_err(|e| format!("services file is not JSON: {e}"))?;
    let rows = root
        .get("Services")
        .and_then(Value::as_array)
        .ok_or("services file has no Services list")?;
    let guarantee = match category {
        ServiceCategory::Visit => GuaranteeKind::SpecialistVisit,
        ServiceCategory::Operation => GuaranteeKind::Treatment,
        ServiceCategory::Examination => GuaranteeKind::None,
    };
    let mut services = Vec::new();
    for row in rows {
        if row.get("Disabled").and_then(Value::as_bool) == Some(true) {
            report.skip("service disabled");
            continue;
        }
        let Some(code) = service_code(row, category) else {
            report.skip("service without a Servicecode of digits");
            continue;
        };
        let name = text(row, "Name")
            .map(|n| plain_text(&n))
            .filter(|n| !n.is_empty());
        let Some(name) = name else {
            report.skip("service without a name");
            continue;
        };
        services.push(Service {
            code,
            name_sv: name.clone(),
            name_en: name,
            category,
            guarantee,
            synonyms: Vec::new(),
        });
    }
    report.services += services.len();
    Ok(services)
}

/// Reads a `GetWaitingAndCapacityByService` answer for `service_code`, adding
/// providers and statistics to `data` — except figures already `published`
/// (kept as they were) and jumps of more than [`MAX_JUMP_PERCENT`] from the
/// unit's month before (held back and reported).
pub fn waiting(
    json: &str,
    service_code: &str,
    today: NaiveDate,
    published: &[WaitStatistic],
    data: &mut Dataset,
    report: &mut Report,
) -> Result<(), String> {
    let root: Value =
        serde_json::from_str(json).map_err(|e| format!("waiting file is not JSON: {e}"))?;
    let rows = root
        .get("aaData")
        .and_then(Value::as_array)
        .ok_or("waiting file has no aaData list")?;
    let mut added = Vec::new();
    for row in rows {
        let region_id = number(row, "regionId");
        let Some((region, _)) =
            region_id.and_then(|id| REGION_IDS.iter().find(|(_, vt)| u64::from(*vt) == id))
        else {
            report.skip(format!(
                "unknown region id {}",
                region_id.map_or("(missing)".into(), |id| id.to_string())
            ));
            continue;
        };
        let Some(unit) = number(row, "unitId") else {
            report.skip("row without unitId");
            continue;
        };
        let Some(name) = text(row, "unitName")
            .map(|n| plain_text(&n))
            .filter(|n| !n.is_empty())
        else {
            report.skip("unit without a name");
            continue;
        };
        let Some(reported) = text(row, "Updated").as_deref().and_then(parse_date) else {
            report.skip("missing or unreadable Updated date");
            continue;
        };
        // A band of weeks by its pattern; any other text kept as it is.
        let waiting = text(row, "Waiting")
            .map(|w| plain_text(&w))
            .filter(|w| !w.is_empty());
        let band = waiting.as_deref().and_then(WaitBand::parse);
        let id = format!("vt-{unit}");
        if !data.providers.iter().any(|p| p.id == id) {
            let (latitude, longitude) = data
                .providers
                .iter()
                .find(|p| p.region_code == *region)
                .map_or((62.0, 15.0), |p| (p.latitude, p.longitude));
            data.providers.push(Provider {
                id: id.clone(),
                name,
                region_code: (*region).to_owned(),
                town: String::new(),
                latitude,
                longitude,
                phone: text(row, "Contact")
                    .map(|c| plain_text(&c))
                    .filter(|c| !c.is_empty()),
                website: text(row, "URL")
                    .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
                accepts_other_regions: true,
            });
            report.providers += 1;
        }
        added.push(WaitStatistic {
            service_code: service_code.to_owned(),
            region_code: (*region).to_owned(),
            provider_id: Some(id),
            period: Period {
                year: chrono::Datelike::year(&reported),
                month: chrono::Datelike::month(&reported),
            },
            share_within_limit: None,
            median_days_waited: None,
            waiting: None,
            completed: None,
            estimated_wait_days: band.map(WaitBand::estimate_days),
            estimated_wait_band: band,
            estimated_wait_text: waiting.filter(|_| band.is_none()),
            free_capacity: capacity(text(row, "Capacity"), reported, today),
            reported: vardkoll_domain::date::iso(reported),
            sample_data: false,
            source: Some(vardkoll_domain::api::VANTETIDER.id.to_owned()),
            fetched: Some(vardkoll_domain::date::iso(today)),
        });
    }
    let added = review(added, published, report);
    report.statistics += added.len();
    let mut by_region: BTreeMap<(String, Period), Vec<&WaitStatistic>> = BTreeMap::new();
    for row in &added {
        by_region
            .entry((row.region_code.clone(), row.period))
            .or_default()
            .push(row);
    }
    let regions: Vec<WaitStatistic> = by_region
        .values()
        .filter_map(|rows| region_row(rows))
        .collect();
    data.statistics.extend(added);
    data.statistics.extend(regions);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: NaiveDate = vardkoll_domain::date::ymd(2014, 6, 1);

    #[test]
    fn markup_is_removed_and_entities_decoded() {
        assert_eq!(
            plain_text("<b>NU-sjukvården</b> (NÄL &amp; Uddevalla)"),
            "NU-sjukvården (NÄL & Uddevalla)"
        );
        assert_eq!(plain_text("<script>x</script>Ögon"), "xÖgon");
        assert_eq!(plain_text("  a \n b "), "a b");
    }

    #[test]
    fn dates_in_many_formats() {
        let day = NaiveDate::from_ymd_opt(2014, 5, 23);
        for text in [
            "2014-05-23",
            "2014-05-23T13:36:49",
            "23/05/2014",
            "2014/05/23",
            "20140523",
            "/Date(1400803200000)/",
        ] {
            assert_eq!(parse_date(text), day, "{text}");
        }
        assert_eq!(parse_date("igår"), None);
        assert_eq!(parse_date("2014-02-30"), None);
    }

    #[test]
    fn capacity_words_and_stale_reports() {
        let fresh = NaiveDate::from_ymd_opt(2014, 5, 23).unwrap();
        assert_eq!(capacity(Some("Ja".into()), fresh, TODAY), FreeCapacity::Yes);
        assert_eq!(capacity(Some("nej".into()), fresh, TODAY), FreeCapacity::No);
        assert_eq!(
            capacity(Some("Uppgift saknas".into()), fresh, TODAY),
            FreeCapacity::Unknown
        );
        assert_eq!(capacity(None, fresh, TODAY), FreeCapacity::Unknown);
        let stale = NaiveDate::from_ymd_opt(2014, 1, 1).unwrap();
        assert_eq!(
            capacity(Some("Ja".into()), stale, TODAY),
            FreeCapacity::Unknown
        );
    }
}
