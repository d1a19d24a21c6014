//! Whether a generated crate compiles with one operation group's feature alone (and with none):
//! `cargo check` with `-D warnings` (no unused import, no dead code) and `cargo doc` with
//! `RUSTDOCFLAGS=-D warnings` (no broken intra-doc link), both `--no-default-features`.
//! Shared by the generator's tests (a sample of the groups) and `cargo xtask features-check`
//! (all of them), which includes this file by path.

use std::path::PathBuf;
use std::process::Command;

/// A generated crate and where its checks build.
pub struct FeatureCrate {
    /// Where cargo runs: the crate's folder or the workspace it is a member of.
    pub dir: PathBuf,
    /// Its package name.
    pub package: String,
    /// Its `src/models.rs`, read to count the models each feature enables.
    pub models: PathBuf,
    /// The target directory (not the one an outer `cargo test` holds).
    pub target: PathBuf,
}

impl FeatureCrate {
    fn cargo(&self) -> Command {
        let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        command
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", &self.target)
            .env_remove("RUSTFLAGS")
            .env_remove("RUSTDOCFLAGS");
        command
    }

    /// The crate's features but `default`, in manifest order (cargo metadata sorts them).
    pub fn groups(&self) -> Result<Vec<String>, String> {
        let output = self
            .cargo()
            .args(["metadata", "--no-deps", "--format-version", "1"])
            .output()
            .map_err(|e| format!("cargo metadata: {e}"))?;
        let metadata: serde_json::Value = serde_json::from_slice(&output.stdout)
            .map_err(|e| format!("cargo metadata in {}: {e}", self.dir.display()))?;
        let package = metadata["packages"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p["name"] == self.package.as_str())
            .ok_or_else(|| format!("no package {} in {}", self.package, self.dir.display()))?;
        let features = package["features"]
            .as_object()
            .ok_or("the package has no features")?;
        Ok(features
            .keys()
            .filter(|f| *f != "default")
            .cloned()
            .collect())
    }

    /// How many models each of `groups` compiles beyond the always-compiled ones: the models
    /// whose `#[cfg]` names it.
    pub fn model_counts(&self, groups: &[String]) -> Result<Vec<usize>, String> {
        let models = std::fs::read_to_string(&self.models)
            .map_err(|e| format!("{}: {e}", self.models.display()))?;
        Ok(groups
            .iter()
            .map(|g| models.matches(&format!("feature = \"{g}\"")).count())
            .collect())
    }

    /// Checks and documents the crate with only `features` (none: the root client alone).
    pub fn check_alone(&self, features: &[String]) -> Result<(), String> {
        let list = features.join(",");
        let mut args = vec!["-q", "-p", &self.package, "--no-default-features"];
        if !features.is_empty() {
            args.extend(["--features", &list]);
        }
        let what = if features.is_empty() {
            "no feature".to_string()
        } else {
            format!("--features {list}")
        };
        // (cargo command, flags variable, what a failure means)
        let steps = [
            (&["check"][..], "RUSTFLAGS", "does not build warning-free"),
            (
                &["doc", "--no-deps"][..],
                "RUSTDOCFLAGS",
                "has doc warnings",
            ),
        ];
        for (command, flags, failure) in steps {
            let output = self
                .cargo()
                .args(command)
                .args(&args)
                .env(flags, "-D warnings")
                // The doc step with the check step's RUSTFLAGS too: it then reuses the
                // dependencies that step checked instead of checking them again.
                .env("RUSTFLAGS", "-D warnings")
                .output()
                .map_err(|e| format!("cargo {}: {e}", command[0]))?;
            if !output.status.success() {
                return Err(format!(
                    "{} with {what} {failure}:\n{}",
                    self.package,
                    String::from_utf8_lossy(&output.stderr)
                ));
            }
        }
        Ok(())
    }
}

/// The feature sets a quick run checks: none, the first and last group, the group with the
/// most models, and `random` more chosen by `seed`; each once.
pub fn sample(
    groups: &[String],
    model_counts: &[usize],
    seed: u64,
    random: usize,
) -> Vec<Vec<String>> {
    let mut picks: Vec<Vec<String>> = vec![Vec::new()];
    let mut pick = |g: &String| {
        let set = vec![g.clone()];
        if !picks.contains(&set) {
            picks.push(set);
        }
    };
    if let (Some(first), Some(last)) = (groups.first(), groups.last()) {
        pick(first);
        pick(last);
    }
    let most = (0..groups.len()).max_by_key(|&i| (model_counts[i], std::cmp::Reverse(i)));
    if let Some(i) = most {
        pick(&groups[i]);
    }
    // A small linear congruential generator: the seed alone decides the picks.
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    for _ in 0..random.min(groups.len()) {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        pick(&groups[(state >> 33) as usize % groups.len()]);
    }
    picks
}

/// The seed of the random picks: `APIGEN_FEATURE_SEED`, else the time, so that runs cover
/// different groups; the caller prints it so that a failure can be repeated.
pub fn seed() -> u64 {
    std::env::var("APIGEN_FEATURE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        })
}
