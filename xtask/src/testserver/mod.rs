//! `cargo xtask testserver [--update-expected]`: the AutoRest test server suite.
//!
//! Installs the pinned `@microsoft.azure/autorest.testserver` with npm into the cache
//! folder, generates a client for each of its swaggers with the `apigen` CLI into
//! `target/testserver/`, builds them with the scenario binaries of `xtask/testserver/`,
//! starts the server on a free loopback port, runs every scenario binary against it, and
//! prints the server's coverage (Azure, vanilla, optional) with every uncovered scenario and
//! its reason. Fails when a scenario listed in `xtask/testserver/expected-covered.txt` is not
//! covered; `--update-expected` rewrites that list from this run instead.

mod clients;
mod coverage;
mod server;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use clients::Swagger;

/// A scenario binary that runs longer than this is killed and its checks count as failed.
const SCENARIO_TIMEOUT: Duration = Duration::from_secs(300);
const EXPECTED: &str = "xtask/testserver/expected-covered.txt";

pub fn run(args: &[String]) -> Result<(), String> {
    let update = match args {
        [] => false,
        [flag] if flag == "--update-expected" => true,
        _ => return Err("usage: cargo xtask testserver [--update-expected]".into()),
    };
    let start = Instant::now();
    let root = crate::root();
    let ws = root.join("target/testserver");
    let package = server::install()?;
    let specs = clients::copy_swaggers(&package, &ws.join("swagger"))?;
    let cli = clients::build_cli(&root)?;
    let mut swaggers = clients::generate(&cli, &specs, &ws, &root.join("runtime"));
    clients::build(&root, &ws, &mut swaggers)?;
    print_swaggers(&swaggers);

    let server = server::TestServer::start(&package, &ws.join("coverage"), &ws.join("server.log"))?;
    eprintln!("test server on {}", server.url());
    let mut reasons = BTreeMap::new();
    for s in &swaggers {
        match &s.scenario {
            Some(Ok(bin)) => run_scenario(s, bin, &server, &ws.join("logs"), &mut reasons)?,
            Some(Err(e)) => println!("{:<32} scenario not run: {e}", s.name),
            None => {}
        }
    }
    let coverage = coverage::fetch(&server)?;
    drop(server);
    coverage::print(&coverage, &reasons);
    println!("(whole run: {:.0} s)", start.elapsed().as_secs_f64());

    let expected = root.join(EXPECTED);
    if update {
        coverage::write_expected(&coverage, &reasons, &expected)?;
        println!("wrote {EXPECTED}");
        return Ok(());
    }
    let lost = coverage::regressions(&coverage, &reasons, &expected)?;
    if lost.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{} scenario(s) of {EXPECTED} are no longer covered:\n  {}",
        lost.len(),
        lost.iter()
            .map(|k| {
                let reason = reasons.get(coverage::bare(k));
                format!(
                    "{k}: {}",
                    reason.map_or("not covered; no check failed", String::as_str)
                )
            })
            .collect::<Vec<_>>()
            .join("\n  ")
    ))
}

fn print_swaggers(swaggers: &[Swagger]) {
    println!("== clients ({} swaggers)", swaggers.len());
    for s in swaggers {
        let state = match (&s.generated, &s.compiled) {
            (Err(e), _) => format!("GEN-FAIL    {}", e.lines().next().unwrap_or("")),
            (Ok(()), Some(Err(e))) => format!("BUILD-FAIL  {e}"),
            (Ok(()), _) => "ok".to_string(),
        };
        println!("{:<32} {state}", s.name);
    }
    let generated = swaggers.iter().filter(|s| s.generated.is_ok()).count();
    let compiled = swaggers
        .iter()
        .filter(|s| matches!(s.compiled, Some(Ok(()))))
        .count();
    println!(
        "generated {generated} / {n}, compiled {compiled} / {n}, scenario files {}",
        swaggers.iter().filter(|s| s.scenario.is_some()).count(),
        n = swaggers.len()
    );
}

/// Runs one scenario binary (its output in `logs/<id>.out`) and records the reason of each
/// failed check under every scenario name it aimed at.
fn run_scenario(
    s: &Swagger,
    bin: &Path,
    server: &server::TestServer,
    logs: &Path,
    reasons: &mut BTreeMap<String, String>,
) -> Result<(), String> {
    std::fs::create_dir_all(logs).map_err(|e| e.to_string())?;
    let out_path = logs.join(format!("{}.out", s.id));
    let out = std::fs::File::create(&out_path).map_err(|e| e.to_string())?;
    let mut child = Command::new(bin)
        .env("TESTSERVER_URL", server.url())
        .stdin(Stdio::null())
        .stdout(out.try_clone().map_err(|e| e.to_string())?)
        .stderr(out)
        .spawn()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break Some(status);
        }
        if start.elapsed() > SCENARIO_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let text = std::fs::read_to_string(&out_path).unwrap_or_default();
    let (mut ok, mut failed) = (0, 0);
    for line in text.lines() {
        let mut parts = line.splitn(3, '\t');
        match (parts.next(), parts.next(), parts.next()) {
            (Some("ok"), Some(_), _) => ok += 1,
            (Some("FAIL"), Some(names), reason) => {
                failed += 1;
                for name in names.split(',') {
                    reasons.insert(
                        name.to_string(),
                        format!("{}: {}", s.name, reason.unwrap_or("failed")),
                    );
                }
            }
            _ => {}
        }
    }
    let end = match status {
        None => format!(", killed after {SCENARIO_TIMEOUT:?}"),
        Some(st) if !st.success() && failed == 0 => {
            format!(", exited {st}; see {}", out_path.display())
        }
        Some(_) => String::new(),
    };
    println!("{:<32} scenario: {ok} ok, {failed} failed{end}", s.name);
    Ok(())
}
