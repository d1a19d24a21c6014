//! `cargo xtask features-check [--all] [--seed S]`: `generated/` with one operation group's
//! feature alone (and with none) builds and documents warning-free. Without `--all`, the sample
//! the generator's test checks (first, last, most models, a few chosen by the seed); with
//! `--all`, every group.

#[path = "../../generator/tests/common/features_alone.rs"]
mod features_alone;

use features_alone::FeatureCrate;

pub fn run(args: &[String]) -> Result<(), String> {
    let root = crate::root();
    let krate = FeatureCrate {
        dir: root.clone(),
        package: "apim-client".into(),
        models: root.join("generated/src/models.rs"),
        target: root.join("target/fixture-check"),
    };
    let groups = krate.groups()?;
    let sets: Vec<Vec<String>> = if args.iter().any(|a| a == "--all") {
        std::iter::once(Vec::new())
            .chain(groups.iter().map(|g| vec![g.clone()]))
            .collect()
    } else {
        let seed = match args.iter().position(|a| a == "--seed") {
            Some(i) => args
                .get(i + 1)
                .ok_or("--seed needs a value")?
                .parse()
                .map_err(|e| format!("--seed: {e}"))?,
            None => features_alone::seed(),
        };
        println!("seed {seed}");
        let counts = krate.model_counts(&groups)?;
        features_alone::sample(&groups, &counts, seed, 2)
    };
    let mut failures = Vec::new();
    for (i, features) in sets.iter().enumerate() {
        let name = features.first().map_or("(none)", String::as_str);
        match krate.check_alone(features) {
            Ok(()) => println!("[{}/{}] {name}: ok", i + 1, sets.len()),
            Err(e) => {
                println!("[{}/{}] {name}: FAILED", i + 1, sets.len());
                failures.push(e);
            }
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} of {} feature sets fail:\n{}",
            failures.len(),
            sets.len(),
            failures.join("\n\n")
        ))
    }
}
