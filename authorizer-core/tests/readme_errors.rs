//! Every compiler message the README and the guide quote (a line starting with `error` in a
//! ```` ```text ```` block) is one the compiler prints: it stands, verbatim, in the `.stderr`
//! of a UI case under `tests/ui`, which the UI suite checks against the compiler.

use std::fs;
use std::path::{Path, PathBuf};

/// The lines of `text`'s ```` ```text ```` blocks, with the `//! ` of a doc comment taken off.
fn quoted_lines(text: &str) -> Vec<String> {
    let mut quoted = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        let line = line.trim_start();
        let line = line.strip_prefix("//!").map_or(line, |rest| rest.strip_prefix(' ').unwrap_or(rest));
        if line.starts_with("```") {
            inside = !inside && line.trim() == "```text";
        } else if inside {
            quoted.push(line.to_owned());
        }
    }
    quoted
}

/// The files below `dir` (recursively) whose name ends with `suffix`.
fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files(&path, suffix));
        } else if path.to_string_lossy().ends_with(suffix) {
            found.push(path);
        }
    }
    found
}

#[test]
fn quoted_compiler_errors_are_what_the_compiler_prints() {
    let core = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut documents = vec![core.join("../README.md")];
    documents.extend(files(&core.join("src/guide"), ".rs"));
    let stderr: Vec<String> =
        files(&core.join("tests/ui"), ".stderr").iter().map(|path| fs::read_to_string(path).unwrap()).collect();
    let mut checked = 0;
    for document in &documents {
        let text = fs::read_to_string(document).unwrap();
        for line in quoted_lines(&text).iter().filter(|line| line.starts_with("error")) {
            assert!(
                stderr.iter().any(|printed| printed.lines().any(|printed| printed == line)),
                "{} quotes a compiler message no UI case prints:\n{line}",
                document.display()
            );
            checked += 1;
        }
    }
    // The guide's routes chapter quotes two; were none found, this test would check nothing.
    assert!(checked >= 2, "found {checked} quoted compiler messages");
}

#[test]
fn text_blocks_are_found_in_markdown_and_in_doc_comments() {
    let markdown = "a\n```text\nerror: one\n```\n```rust\nerror: not text\n```\n";
    assert_eq!(quoted_lines(markdown), ["error: one"]);
    let rustdoc = "//! ```text\n//! error[E0277]: two\n//! ```\n//! error: outside\n";
    assert_eq!(quoted_lines(rustdoc), ["error[E0277]: two"]);
}
