//! The README's fail-closed table: the rows no other test covers, and a check that every
//! test the table names exists, so that the table cannot drift from the tests behind it.

use std::path::Path;

use authorizer_core::prelude::*;
use authorizer_core::{ErrorType, testing};

#[test]
fn a_key_twice_in_the_event_is_an_invalid_event() {
    let allow_all = |_: AnyRequest| -> Result<Decision, Error> { Ok(Decision::allow_all("anyone")) };
    let arn = "arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets";
    for event in [
        format!(
            r#"{{"type":"TOKEN","authorizationToken":"s3cret-a","authorizationToken":"s3cret-b","methodArn":"{arn}"}}"#
        ),
        format!(
            r#"{{"type":"REQUEST","methodArn":"{arn}","requestContext":{{}},
                "headers":{{"Authorization":"Bearer s3cret-a","Authorization":"Bearer s3cret-b"}}}}"#
        ),
        format!(r#"{{"type":"TOKEN","authorizationToken":"s3cret-a","methodArn":"{arn}","methodArn":"{arn}"}}"#),
    ] {
        let invocation = testing::invoke(allow_all, event.as_str());
        let error = invocation.error().unwrap_or_else(|| panic!("answered {:?} to {event}", invocation.reply()));
        assert_eq!(error.error_type, ErrorType::InvalidEvent, "{event}: {}", error.error_message);
        assert!(error.error_message.contains("a key appears twice"), "{}", error.error_message);
        assert!(!error.error_message.contains("s3cret"), "{}", error.error_message);
        assert_eq!(invocation.status(), 500, "{event}");
    }
}

/// The workspace's root, where the README is and the paths in its table start.
fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the crate is in the workspace")
}

/// The rows of the README's "Fails closed" table.
fn fail_closed_rows(readme: &str) -> Vec<&str> {
    let section = readme.split("\n## Fails closed\n").nth(1).expect("README.md has a `## Fails closed` section");
    let section = section.split("\n## ").next().unwrap_or(section);
    // Past the header and its `|---|` line.
    section.lines().filter(|line| line.starts_with('|')).skip(2).collect()
}

/// The tests a row names: each `` `path.rs::function` ``.
fn named_tests(row: &str) -> Vec<(&str, &str)> {
    row.split('`').skip(1).step_by(2).filter_map(|code| code.split_once(".rs::")).collect()
}

#[test]
fn every_test_the_readmes_fail_closed_table_names_exists() {
    let readme = std::fs::read_to_string(workspace().join("README.md")).expect("README.md");
    let rows = fail_closed_rows(&readme);
    assert!(rows.len() >= 15, "{rows:#?}");
    for row in rows {
        let tests = named_tests(row);
        assert!(!tests.is_empty(), "a row names no test: {row}");
        for (file, function) in tests {
            let path = workspace().join(format!("{file}.rs"));
            let source =
                std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e} (in {row})", path.display()));
            assert!(is_test(&source, function), "{} has no test `fn {function}` (in {row})", path.display());
        }
    }
}

/// Whether `source` has a `fn function(` with `#[test]` (or `#[tokio::test]`) among the
/// attributes and doc comments right above it.
fn is_test(source: &str, function: &str) -> bool {
    let lines: Vec<&str> = source.lines().map(str::trim).collect();
    lines.iter().enumerate().any(|(at, line)| {
        line.trim_start_matches("async ").starts_with(&format!("fn {function}("))
            && lines[..at]
                .iter()
                .rev()
                .take_while(|above| above.starts_with("#[") || above.starts_with("///"))
                .any(|above| *above == "#[test]" || above.starts_with("#[tokio::test"))
    })
}

#[test]
fn the_table_check_reads_rows_and_names() {
    let readme = "intro\n## Fails closed\n\n| a | b |\n|---|---|\n| x | `t/a.rs::f`, `b.rs::g` |\n| y | z |\n\n## Next\n| n | `n.rs::n` |\n";
    let rows = fail_closed_rows(readme);
    assert_eq!(rows, ["| x | `t/a.rs::f`, `b.rs::g` |", "| y | z |"]);
    assert_eq!(named_tests(rows[0]), [("t/a", "f"), ("b", "g")]);
    assert!(named_tests(rows[1]).is_empty());
    let source = "#[test]\n/// Doc.\nfn a() {}\n\nfn b() {}\n#[tokio::test]\nasync fn c() {}\n";
    assert!(is_test(source, "a"));
    assert!(!is_test(source, "b"), "a helper is not a test");
    assert!(!is_test(source, "missing"));
}
