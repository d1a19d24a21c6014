//! The generator fuzz test: a fixed number of seeded mutations of every fixture spec and of a
//! few real ApiManagement files, each run through the whole pipeline with a time bound. No case
//! may panic, hang, or fail with an error that does not name the file and pointer at fault.
//! `cargo xtask fuzz --seconds N [--seed S]` runs the same fuzzer for longer.

use std::path::Path;
use std::time::Duration;

use apigen::fuzz;

/// The ApiManagement files fuzzed besides the fixtures (with what they reference).
const SERVICE_FILES: &[&str] = &["apimcaches.json", "apimdeletedservices.json"];

#[test]
fn mutated_specs_never_panic_hang_or_fail_without_a_location() {
    let mut seeds = fuzz::fixture_seeds(Path::new("tests/fixtures")).unwrap();
    let specification = Path::new("../specs/azure-rest-api-specs/specification");
    let service = specification.join(
        "apimanagement/resource-manager/Microsoft.ApiManagement/ApiManagement/stable/2024-05-01",
    );
    for file in SERVICE_FILES {
        seeds.push(fuzz::Seed::new(specification, &service.join(file)).unwrap());
    }
    assert!(seeds.len() > 40, "{} seeds", seeds.len());
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz");
    let options = fuzz::Options {
        seed: 1,
        cases: Some(250),
        duration: None,
        // Far above any case's run time: only a hang reaches it.
        case_timeout: Duration::from_secs(60),
        work_dir: scratch.join("work"),
        failures_dir: scratch.join("failures"),
    };
    let report = fuzz::run(&seeds, &options).unwrap();
    println!("{report}");
    assert!(report.failures.is_empty(), "{report}");
    // The mutations reach every stage: some cases still generate, most are refused.
    assert!(report.generated > 0 && report.errors.len() > 10, "{report}");
}
