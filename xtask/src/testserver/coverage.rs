//! The server's own coverage reports (`GET /report/<category>`), the scenarios still
//! uncovered with the reason their check gave, and the regression gate: the committed list of
//! scenarios that must stay covered.

use std::collections::BTreeMap;
use std::path::Path;

use super::server::TestServer;

/// The categories reported, with the route of each (`/report` is the vanilla one).
pub const CATEGORIES: [(&str, &str); 3] = [
    ("azure", "/report/azure"),
    ("vanilla", "/report"),
    ("optional", "/report/optional"),
];

/// Covered (count > 0) or not, by `category/Name`.
pub type Coverage = BTreeMap<String, bool>;

pub fn fetch(server: &TestServer) -> Result<Coverage, String> {
    let mut out = Coverage::new();
    for (category, route) in CATEGORIES {
        let (status, body) = server.get(route)?;
        if status != 200 {
            return Err(format!("GET {route}: status {status}"));
        }
        let map: BTreeMap<String, serde_json::Value> =
            serde_json::from_str(&body).map_err(|e| format!("GET {route}: {e}"))?;
        for (name, count) in map {
            out.insert(
                format!("{category}/{name}"),
                count.as_u64().unwrap_or(0) > 0,
            );
        }
    }
    Ok(out)
}

/// Prints every scenario not handled, with its reason, then per category how many the server
/// counted (covered) and how many of those no check found wrong (handled); `failed` holds the
/// reason of each failed check by bare scenario name.
pub fn print(coverage: &Coverage, failed: &BTreeMap<String, String>) {
    println!("\n== scenarios not handled");
    for (key, covered) in coverage {
        match (failed.get(bare(key)), covered) {
            (Some(reason), true) => println!("  {key}: covered, but wrong: {reason}"),
            (Some(reason), false) => println!("  {key}: {reason}"),
            (None, false) => println!("  {key}: no scenario calls it"),
            (None, true) => {}
        }
    }
    println!(
        "\n== coverage (autorest.testserver {})",
        super::server::VERSION
    );
    for (category, _) in CATEGORIES {
        let prefix = format!("{category}/");
        let all: Vec<(&String, &bool)> = coverage
            .iter()
            .filter(|(k, _)| k.starts_with(&prefix))
            .collect();
        let covered = all.iter().filter(|(_, c)| **c).count();
        let handled = all
            .iter()
            .filter(|(k, c)| **c && !failed.contains_key(bare(k)))
            .count();
        let pct = |k: usize| {
            if all.is_empty() {
                0.0
            } else {
                100.0 * k as f64 / all.len() as f64
            }
        };
        println!(
            "{category:<9} covered {covered:>4} / {n:<4} ({:.1} %), handled {handled:>4} / {n:<4} ({:.1} %)",
            pct(covered),
            pct(handled),
            n = all.len()
        );
    }
}

/// `Name` of `category/Name`.
pub fn bare(key: &str) -> &str {
    key.split_once('/').map_or(key, |(_, n)| n)
}

/// The scenarios listed in `expected` (one `category/Name` a line, `#` comments) that are not
/// covered now, or whose check failed.
pub fn regressions(
    coverage: &Coverage,
    failed: &BTreeMap<String, String>,
    expected: &Path,
) -> Result<Vec<String>, String> {
    let text =
        std::fs::read_to_string(expected).map_err(|e| format!("{}: {e}", expected.display()))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter(|l| coverage.get(*l) != Some(&true) || failed.contains_key(bare(l)))
        .map(str::to_string)
        .collect())
}

/// Rewrites `expected` with every scenario handled now.
pub fn write_expected(
    coverage: &Coverage,
    failed: &BTreeMap<String, String>,
    expected: &Path,
) -> Result<(), String> {
    let mut text = String::from(
        "# Test-server scenarios that must stay covered (`cargo xtask testserver` fails otherwise).\n\
         # Rewritten by `cargo xtask testserver --update-expected`; review the diff.\n",
    );
    for (key, _) in coverage
        .iter()
        .filter(|(k, c)| **c && !failed.contains_key(bare(k)))
    {
        text.push_str(key);
        text.push('\n');
    }
    std::fs::write(expected, text).map_err(|e| format!("{}: {e}", expected.display()))
}
