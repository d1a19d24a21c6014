//! `cargo xtask fuzz --seconds N [--seed S]`: the generator fuzzer (`apigen::fuzz`) run by hand,
//! for as long as asked, over the fixture specs and a few ApiManagement files.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The ApiManagement files fuzzed besides the fixtures (with what they reference).
const SERVICE_FILES: &[&str] = &[
    "apimcaches.json",
    "apimdeletedservices.json",
    "apimapis.json",
    "apimbackends.json",
];
const SERVICE_DIR: &str =
    "apimanagement/resource-manager/Microsoft.ApiManagement/ApiManagement/stable/2024-05-01";

pub fn run(args: &[String]) -> Result<(), String> {
    let mut seconds = None;
    let mut seed = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<u64, String> {
            args.next()
                .and_then(|v| v.parse().ok())
                .ok_or(format!("{name} needs a number"))
        };
        match arg.as_str() {
            "--seconds" => seconds = Some(number("--seconds")?),
            "--seed" => seed = Some(number("--seed")?),
            other => return Err(format!("unknown option {other}")),
        }
    }
    let seconds = seconds.ok_or("usage: cargo xtask fuzz --seconds N [--seed S]")?;
    // A new seed each run unless one is given; it is printed so the run can be replayed.
    let seed = seed.unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    });

    let root = crate::root();
    let mut seeds = apigen::fuzz::fixture_seeds(&root.join("generator/tests/fixtures"))?;
    let specification = root.join("specs/azure-rest-api-specs/specification");
    for file in SERVICE_FILES {
        let input = specification.join(SERVICE_DIR).join(file);
        seeds.push(apigen::fuzz::Seed::new(&specification, &input)?);
    }
    let scratch = root.join("target/fuzz");
    let options = apigen::fuzz::Options {
        seed,
        cases: None,
        duration: Some(Duration::from_secs(seconds)),
        case_timeout: Duration::from_secs(60),
        work_dir: scratch.join("work"),
        failures_dir: scratch.join("failures"),
    };
    println!(
        "fuzzing {} seed specs for {seconds} s with seed {seed}",
        seeds.len()
    );
    let report = apigen::fuzz::run(&seeds, &options).map_err(|e| e.to_string())?;
    print!("{report}");
    if report.failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} failing case(s); inputs in {}",
            report.failures.len(),
            options.failures_dir.display()
        ))
    }
}
