//! What both process-level benchmarks share: medians, how loaded the machine was, and their
//! `--help`.

/// The median of `values` (sorted in place); NaN when there are none.
pub fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => f64::midpoint(values[n / 2 - 1], values[n / 2]),
    }
}

/// The 1, 5 and 15-minute load averages, from `/proc/loadavg` (`?` where unreadable).
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

/// A benchmark program's `--help`: the `//!` documentation at the top of its `source`.
pub fn usage(source: &str) -> String {
    source.lines().map_while(|l| l.strip_prefix("//!")).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::{median, usage};

    #[test]
    fn usage_is_the_leading_module_documentation() {
        assert_eq!(usage("//! one\n//!\n//! two\nfn main() {}\n//! not this"), " one\n\n two");
    }

    #[test]
    fn medians() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), 2.5);
        assert!(median(&mut []).is_nan());
    }
}
