//! Finding a service by what a patient types: "hoft" finds "Höftledsplastik",
//! "gråstarr" finds cataract surgery by its synonym.

use crate::api::{Service, ServiceCategory};
use crate::collate::{Collation, compare};

/// Text folded for matching: lower case, å/ä → a, ö → o, accents dropped,
/// punctuation as spaces.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' | 'ä' | 'á' | 'à' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' | 'ù' => 'u',
            'í' | 'ì' | 'ï' => 'i',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect()
}

/// How well a service matches a folded query; lower is better, `None` is no match.
///
/// Every word of the query must occur in the service's names or synonyms. A name
/// that starts with the query ranks first, then a name word that starts with it,
/// then a synonym or a match inside a word.
fn rank(service: &Service, words: &[&str], query: &str) -> Option<u8> {
    let names = [fold(&service.name_sv), fold(&service.name_en)];
    let synonyms: Vec<String> = service.synonyms.iter().map(|s| fold(s)).collect();
    let all = names.iter().chain(&synonyms);
    let haystack: String = all.clone().map(|s| format!(" {s}")).collect();
    if !words.iter().all(|w| haystack.contains(w)) {
        return None;
    }
    if names.iter().any(|n| n.starts_with(query)) {
        Some(0)
    } else if names.iter().any(|n| {
        words
            .iter()
            .all(|w| n.contains(&format!(" {w}")) || n.starts_with(w))
    }) {
        Some(1)
    } else {
        Some(2)
    }
}

/// The services matching `query` within `category` (all categories when `None`),
/// best match first, then alphabetically by the `name` the reader sees, in the
/// reader's `collation` (Å, Ä, Ö after Z for a Swedish reader). An empty query
/// lists the category's services alphabetically. Matching is the same for
/// every reader and ignores accents ("hoft" finds "Höft").
pub fn search<'a>(
    services: &'a [Service],
    query: &str,
    category: Option<ServiceCategory>,
    name: impl Fn(&Service) -> &str,
    collation: Collation,
) -> Vec<&'a Service> {
    let folded = fold(query);
    let words: Vec<&str> = folded.split_whitespace().collect();
    let query = words.join(" ");
    let mut found: Vec<(u8, &Service)> = services
        .iter()
        .filter(|s| category.is_none_or(|c| s.category == c))
        .filter_map(|s| rank(s, &words, &query).map(|r| (r, s)))
        .collect();
    crate::sorting::sort_by(&mut found, |a, b| {
        a.0.cmp(&b.0)
            .then_with(|| compare(name(a.1), name(b.1), collation))
    });
    found.into_iter().map(|(_, s)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::GuaranteeKind;

    fn service(
        code: &str,
        sv: &str,
        en: &str,
        category: ServiceCategory,
        synonyms: &[&str],
    ) -> Service {
        Service {
            code: code.into(),
            name_sv: sv.into(),
            name_en: en.into(),
            category,
            guarantee: GuaranteeKind::Treatment,
            synonyms: synonyms.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    fn catalogue() -> Vec<Service> {
        vec![
            service(
                "op-hoft",
                "Höftledsplastik",
                "Hip replacement",
                ServiceCategory::Operation,
                &["höftprotes"],
            ),
            service(
                "op-knae",
                "Knäledsplastik",
                "Knee replacement",
                ServiceCategory::Operation,
                &[],
            ),
            service(
                "op-katarakt",
                "Kataraktoperation",
                "Cataract surgery",
                ServiceCategory::Operation,
                &["gråstarr", "starr"],
            ),
            service(
                "besok-ortopedi",
                "Första besök ortopedi",
                "First visit orthopaedics",
                ServiceCategory::Visit,
                &["höft", "knä"],
            ),
            service(
                "us-mr",
                "Magnetkameraundersökning (MR)",
                "MRI",
                ServiceCategory::Examination,
                &[],
            ),
        ]
    }

    /// As a Swedish reader searches: Swedish names in Swedish order.
    fn sv<'a>(
        services: &'a [Service],
        query: &str,
        category: Option<ServiceCategory>,
    ) -> Vec<&'a Service> {
        search(
            services,
            query,
            category,
            |s| &s.name_sv,
            Collation::Swedish,
        )
    }

    fn codes(found: Vec<&Service>) -> Vec<&str> {
        found.into_iter().map(|s| s.code.as_str()).collect()
    }

    #[test]
    fn folding_ignores_case_and_swedish_letters() {
        assert_eq!(fold("Höftledsplastik"), "hoftledsplastik");
        assert_eq!(fold("GRÅSTARR"), "grastarr");
        assert_eq!(fold("Knä-ledsplastik (MR)"), "kna ledsplastik  mr ");
    }

    #[test]
    fn typing_without_swedish_letters_finds_the_service() {
        let services = catalogue();
        assert_eq!(
            codes(sv(&services, "hoft", None)),
            ["op-hoft", "besok-ortopedi"]
        );
        assert_eq!(
            codes(sv(&services, "knä", None)),
            ["op-knae", "besok-ortopedi"]
        );
        assert_eq!(codes(sv(&services, "undersokning", None)), ["us-mr"]);
    }

    #[test]
    fn synonyms_and_english_names_find_the_service() {
        let services = catalogue();
        assert_eq!(codes(sv(&services, "gråstarr", None)), ["op-katarakt"]);
        assert_eq!(codes(sv(&services, "Cataract", None)), ["op-katarakt"]);
        assert_eq!(codes(sv(&services, "  hip   REPL ", None)), ["op-hoft"]);
    }

    #[test]
    fn every_word_must_match() {
        let services = catalogue();
        assert_eq!(
            codes(sv(&services, "första ortopedi", None)),
            ["besok-ortopedi"]
        );
        assert!(sv(&services, "höft mr", None).is_empty());
        assert!(sv(&services, "tandläkare", None).is_empty());
    }

    #[test]
    fn categories_narrow_the_list_and_an_empty_query_lists_alphabetically() {
        let services = catalogue();
        assert_eq!(
            codes(sv(&services, "", Some(ServiceCategory::Operation))),
            ["op-hoft", "op-katarakt", "op-knae"]
        );
        assert_eq!(
            codes(sv(&services, "hoft", Some(ServiceCategory::Visit))),
            ["besok-ortopedi"]
        );
        assert_eq!(sv(&services, "", None).len(), 5);
    }

    #[test]
    fn each_reader_gets_their_own_alphabetical_order() {
        let services: Vec<Service> = [
            ("ogon", "Ögonsjukvård", "Eye care"),
            ("ader", "Åderbråcksoperation", "Varicose vein surgery"),
            ("njur", "Njurmedicin", "Nephrology"),
            ("obes", "Obesitaskirurgi", "Bariatric surgery"),
            ("arft", "Ärftlighetsutredning", "Genetic assessment"),
        ]
        .into_iter()
        .map(|(code, sv, en)| service(code, sv, en, ServiceCategory::Visit, &[]))
        .collect();
        // Swedish: Å, Ä, Ö after Z, in that order.
        assert_eq!(
            codes(sv(&services, "", None)),
            ["njur", "obes", "ader", "arft", "ogon"]
        );
        // English: by the English names.
        assert_eq!(
            codes(search(
                &services,
                "",
                None,
                |s| &s.name_en,
                Collation::English
            )),
            ["obes", "ogon", "arft", "njur", "ader"]
        );
        // Swedish names read by an English-sorting reader: Å with A, Ö with O.
        assert_eq!(
            codes(search(
                &services,
                "",
                None,
                |s| &s.name_sv,
                Collation::English
            )),
            ["ader", "arft", "njur", "obes", "ogon"]
        );
        // Searching stays accent-tolerant.
        assert_eq!(codes(sv(&services, "ogon", None)), ["ogon"]);
        assert_eq!(codes(sv(&services, "aderbrack", None)), ["ader"]);
    }
}
