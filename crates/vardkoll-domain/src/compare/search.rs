//! Finding a service by what a patient types: "hoft" finds "Höftledsplastik",
//! "gråstarr" finds cataract surgery by its synonym.

use crate::api::{Service, ServiceCategory};

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
/// best match first, then alphabetically by Swedish name. An empty query lists
/// the category's services alphabetically.
pub fn search<'a>(
    services: &'a [Service],
    query: &str,
    category: Option<ServiceCategory>,
) -> Vec<&'a Service> {
    let folded = fold(query);
    let words: Vec<&str> = folded.split_whitespace().collect();
    let query = words.join(" ");
    let mut found: Vec<(u8, String, &Service)> = services
        .iter()
        .filter(|s| category.is_none_or(|c| s.category == c))
        .filter_map(|s| rank(s, &words, &query).map(|r| (r, fold(&s.name_sv), s)))
        .collect();
    crate::sorting::sort_by(&mut found, |a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    found.into_iter().map(|(_, _, s)| s).collect()
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
            codes(search(&services, "hoft", None)),
            ["op-hoft", "besok-ortopedi"]
        );
        assert_eq!(
            codes(search(&services, "knä", None)),
            ["op-knae", "besok-ortopedi"]
        );
        assert_eq!(codes(search(&services, "undersokning", None)), ["us-mr"]);
    }

    #[test]
    fn synonyms_and_english_names_find_the_service() {
        let services = catalogue();
        assert_eq!(codes(search(&services, "gråstarr", None)), ["op-katarakt"]);
        assert_eq!(codes(search(&services, "Cataract", None)), ["op-katarakt"]);
        assert_eq!(codes(search(&services, "  hip   REPL ", None)), ["op-hoft"]);
    }

    #[test]
    fn every_word_must_match() {
        let services = catalogue();
        assert_eq!(
            codes(search(&services, "första ortopedi", None)),
            ["besok-ortopedi"]
        );
        assert!(search(&services, "höft mr", None).is_empty());
        assert!(search(&services, "tandläkare", None).is_empty());
    }

    #[test]
    fn categories_narrow_the_list_and_an_empty_query_lists_alphabetically() {
        let services = catalogue();
        assert_eq!(
            codes(search(&services, "", Some(ServiceCategory::Operation))),
            ["op-hoft", "op-katarakt", "op-knae"]
        );
        assert_eq!(
            codes(search(&services, "hoft", Some(ServiceCategory::Visit))),
            ["besok-ortopedi"]
        );
        assert_eq!(search(&services, "", None).len(), 5);
    }
}
