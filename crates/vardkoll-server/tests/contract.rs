//! The OpenAPI document itself: readable by YAML 1.1 tools, and complete about
//! the answers every operation can give.

use serde_json::Value;

const OPENAPI: &str = include_str!("../openapi.yaml");

/// PyYAML and most code generators read YAML 1.1, where an unquoted `yes`, `no`,
/// `on` or `off` is a boolean: every enum value and string constant is quoted.
#[test]
fn every_enum_value_and_constant_is_a_quoted_string() {
    let mut seen = 0;
    for (number, line) in OPENAPI.lines().enumerate() {
        if let Some(start) = line.find("enum: [") {
            let list = &line[start + 7..line[start..].find(']').map_or(line.len(), |e| start + e)];
            for value in list.split(',') {
                let value = value.trim();
                assert!(
                    value.starts_with('"') && value.ends_with('"'),
                    "line {}: enum value {value} is not quoted",
                    number + 1
                );
                seen += 1;
            }
        }
        if let Some(start) = line.find("const: ") {
            let value = line[start + 7..].trim_start();
            assert!(
                value.starts_with('"') || value.starts_with("true"),
                "line {}: constant {value} is not quoted",
                number + 1
            );
        }
    }
    assert!(seen > 40, "{seen} enum values found");
}

/// What the edge answers for any request (malformed, slow, too long, too many,
/// too large headers, timed out) is documented for every operation.
#[test]
fn every_operation_documents_the_answers_of_the_edge() {
    let document: Value = serde_yaml::from_str(OPENAPI).unwrap();
    let paths = document["paths"].as_object().unwrap();
    let mut operations = 0;
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            let responses = operation["responses"].as_object().unwrap();
            for status in ["400", "408", "414", "429", "431", "503"] {
                assert!(
                    responses.contains_key(status),
                    "{method} {path} does not document {status}"
                );
            }
            if operation.get("requestBody").is_some() {
                for status in ["413", "415", "422"] {
                    assert!(responses.contains_key(status), "{method} {path}: {status}");
                }
            }
            if operation.get("security").is_some() {
                assert!(responses.contains_key("401"), "{method} {path}: 401");
            }
            operations += 1;
        }
    }
    assert_eq!(operations, 20);
}
