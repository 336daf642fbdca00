//! Building and binding routes never panics; `check` and `path` agree; a path is the
//! pattern with each placeholder replaced by its value; a value bound with `Route::bind`
//! never brings `*`, `?`, `/`, `%` or a `.`/`..` segment into the path; `Debug` never shows a
//! bound value.
#![no_main]

use arbitrary::Arbitrary;
use authorizer_core::{Route, Verb};
use libfuzzer_sys::fuzz_target;

/// Placeholder names the fuzzer may bind besides those its pattern holds.
const NAMES: [&str; 4] = ["id", "user_id", "a", "b"];

#[derive(Arbitrary, Debug)]
struct Input {
    verb: u8,
    pattern: String,
    bindings: Vec<Binding>,
}

#[derive(Arbitrary, Debug)]
struct Binding {
    /// A name of [`NAMES`], or else of the pattern's placeholders.
    name: u8,
    value: String,
    raw: bool,
}

/// The placeholder names of `pattern`: what stands between `{` and the next `}`.
fn placeholders(pattern: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find('}') else { break };
        names.push(&rest[..close]);
        rest = &rest[close + 1..];
    }
    names
}

/// `pattern` with each `{name}` replaced by the first value bound to `name`.
fn substitute(pattern: &str, bound: &[(&str, &str, bool)]) -> Option<String> {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}')? + open;
        let name = &rest[open + 1..close];
        out.push_str(bound.iter().find(|(n, ..)| *n == name)?.1);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Some(out)
}

fn count(text: &str, what: &[char]) -> usize {
    text.matches(what).count()
}

fuzz_target!(|input: Input| {
    let verb = [Verb::Any].iter().chain(&Verb::ALL).nth(usize::from(input.verb) % (Verb::ALL.len() + 1)).copied();
    let verb = verb.unwrap_or(Verb::Any);
    // SAFETY: patterns are `&'static str` so that request data never becomes one; the fuzzer
    // builds them at run time. Every `Route` and `RouteError` borrowing `pattern` is dropped
    // at the end of this closure, before `input.pattern`, which outlives them all.
    let pattern: &'static str = unsafe { &*std::ptr::from_ref::<str>(input.pattern.as_str()) };
    let in_pattern = placeholders(pattern);
    let names: Vec<&'static str> = NAMES.iter().copied().chain(in_pattern.iter().copied()).collect();

    let mut route = Route::new(verb, pattern);
    let mut bound = Vec::new();
    for binding in &input.bindings {
        let name = names[usize::from(binding.name) % names.len()];
        route = if binding.raw { route.bind_raw(name, &binding.value) } else { route.bind(name, &binding.value) };
        bound.push((name, binding.value.as_str(), binding.raw));
    }

    let mut debug = format!("Route({verb} {pattern:?}");
    for (name, _, raw) in &bound {
        debug.push_str(&format!(", {name} = ..{}", if *raw { " (raw)" } else { "" }));
    }
    debug.push(')');
    assert_eq!(format!("{route:?}"), debug, "Debug shows the pattern and the names only");
    assert_eq!(route.verb(), verb);
    assert_eq!(route.pattern(), Some(pattern));

    let path = route.path();
    assert_eq!(route.check().is_ok(), path.is_ok());
    let Ok(path) = path else { return };
    assert_eq!(Some(&path), substitute(pattern, &bound).as_ref(), "the path is the pattern filled in");
    assert!(path.starts_with('/') && !path.contains("//") && !path.contains('?'));
    assert!(path == "/" || !path.ends_with('/'));
    for (name, value, _) in &bound {
        assert!(!value.is_empty() && !value.contains(['*', '?', '/']), "{{{name}}} bound to {value:?}");
        assert!(!value.contains(char::is_whitespace));
    }
    if bound.iter().all(|(_, _, raw)| !raw) {
        // Every `*`, `%`, `/` and dot segment of the path is the pattern's own.
        let text = pattern.split(['{', '}']).step_by(2).collect::<String>();
        assert_eq!(count(&path, &['*']), count(&text, &['*']));
        assert_eq!(count(&path, &['%']), count(&text, &['%']));
        assert_eq!(count(&path, &['/']), count(&text, &['/']));
        // Values hold no `/`, so the path's segments are the pattern's, filled in.
        for (written, filled) in pattern.split('/').zip(path.split('/')) {
            let dot = filled == "." || filled == "..";
            assert!(!(dot && written.contains('{')), "a bound value made the dot segment {filled:?}");
        }
    }
    assert!(Route::everything().check().is_ok() && Route::everything().path().as_deref() == Ok("/*"));
    assert!(Route::request().check().is_ok() && Route::request().path().is_err());
});
