//! What the criterion benchmarks share: reading back the medians criterion wrote, for the
//! summary tables they print at the end.

use std::path::PathBuf;

use serde_json::Value;

/// Where criterion writes its estimates: as criterion itself decides it.
fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return home.into();
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    // <target>/release/deps/<bench>-<hash>
    let exe = std::env::current_exe().unwrap_or_default();
    exe.ancestors().nth(3).map_or_else(|| PathBuf::from("target/criterion"), |t| t.join("criterion"))
}

/// The median of the last run of `group/id`, in ns, if it ran.
#[must_use]
pub fn median_ns(group: &str, id: &str) -> Option<f64> {
    let path = criterion_dir().join(group).join(id).join("new").join("estimates.json");
    let estimates: Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    estimates["median"]["point_estimate"].as_f64()
}

/// A median in ns, as a summary shows it, or `-` for a benchmark that did not run.
#[must_use]
pub fn cell(median: Option<f64>) -> String {
    median.map_or_else(|| "-".to_owned(), |v| format!("{v:.0}"))
}

/// The summary table a criterion benchmark prints at its end: a column per group, a line per
/// benchmark of `rows` (`(id, label)`), with the medians of the run just made.
pub struct Summary<'a> {
    rows: &'a [(&'a str, &'a str)],
    /// The width of the labels' column.
    width: usize,
    /// `medians[group][row]`, in ns.
    medians: Vec<Vec<Option<f64>>>,
}

impl<'a> Summary<'a> {
    /// Prints the title, the groups, a line of `sizes` and a line per row; the ratios and other
    /// lines follow with [`line`](Self::line) and [`ratios`](Self::ratios).
    #[must_use]
    pub fn print(
        title: &str,
        groups: &[&str],
        sizes: (&str, Vec<usize>),
        rows: &'a [(&'a str, &'a str)],
        width: usize,
    ) -> Self {
        let medians = groups.iter().map(|g| rows.iter().map(|(id, _)| median_ns(g, id)).collect()).collect();
        let summary = Summary { rows, width, medians };
        println!("\n{title}");
        summary.line("", groups.iter().map(|&g| g.to_owned()).collect());
        summary.line(sizes.0, sizes.1.iter().map(ToString::to_string).collect());
        for (i, (_, label)) in rows.iter().enumerate() {
            summary.line(label, summary.medians.iter().map(|m| cell(m[i])).collect());
        }
        summary
    }

    /// `medians[group][row]`, in ns.
    #[must_use]
    pub fn medians(&self) -> &[Vec<Option<f64>>] {
        &self.medians
    }

    /// Prints a line: its label, then a cell per group.
    pub fn line(&self, label: &str, cells: Vec<String>) {
        let width = self.width;
        println!("{label:<width$}{}", cells.iter().map(|c| format!("{c:>14}")).collect::<String>());
    }

    /// Prints the ratio of row `of` to row `to` in each group, with `digits` decimals.
    pub fn ratios(&self, label: &str, of: usize, to: usize, digits: usize) {
        debug_assert!(of < self.rows.len() && to < self.rows.len());
        let ratio = |m: &Vec<Option<f64>>| {
            m[of].zip(m[to]).map_or_else(|| "-".to_owned(), |(a, b)| format!("{:.digits$}", a / b))
        };
        self.line(label, self.medians.iter().map(ratio).collect());
    }
}
