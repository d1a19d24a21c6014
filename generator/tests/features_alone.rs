//! Every operation group compiles alone: the generated crate with `--no-default-features` and
//! one group's feature builds and documents warning-free (no unused import, no dead code, no
//! broken doc link), and so does the root client with no feature. For the `feature_groups`
//! fixture all of them; for `generated/` a sample (`cargo xtask features-check --all` checks
//! every group): the root client alone, the group with the most models and one chosen by a
//! seed (`APIGEN_FEATURE_SEED`, printed).

use std::path::{Path, PathBuf};

mod common;

use common::features_alone::{seed, FeatureCrate};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("generator/ is in the workspace")
        .to_path_buf()
}

fn check_all(krate: &FeatureCrate, sets: &[Vec<String>]) {
    let failures: Vec<String> = sets
        .iter()
        .filter_map(|features| krate.check_alone(features).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn fixture_groups_compile_alone() {
    let root = workspace_root();
    let dir = root.join("target/feature-crates/feature-groups");
    let _ = std::fs::remove_dir_all(&dir);
    let inputs = common::fixture_inputs("feature_groups");
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let mut config = common::config(&inputs);
    config.krate.crate_name = "fixture-feature-groups".into();
    config.krate.runtime_dependency = format!(
        "{{ path = {:?} }}",
        root.join("runtime").display().to_string()
    );
    config.krate.package_extra = vec!["edition = \"2021\"".into(), "publish = false".into()];
    let output = apigen::generate(&config).expect("the fixture generates");
    apigen::write_files(&dir, &common::formatted(&output)).expect("written");
    // A workspace of its own, with the main workspace's dependency versions.
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, format!("{text}\n[workspace]\n")).unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let krate = FeatureCrate {
        models: dir.join("src/models.rs"),
        dir,
        package: "fixture-feature-groups".into(),
        target: root.join("target/fixture-check"),
    };
    let groups = krate.groups().unwrap();
    assert_eq!(groups, ["owners", "pets", "stores"]);
    let mut sets: Vec<Vec<String>> = vec![Vec::new()];
    sets.extend(groups.iter().map(|g| vec![g.clone()]));
    check_all(&krate, &sets);
}

#[test]
fn generated_groups_compile_alone_sample() {
    let root = workspace_root();
    let krate = FeatureCrate {
        dir: root.clone(),
        package: "apim-client".into(),
        models: root.join("generated/src/models.rs"),
        target: root.join("target/fixture-check"),
    };
    let groups = krate.groups().unwrap();
    assert!(
        groups.len() > 100,
        "ApiManagement has its groups as features"
    );
    let counts = krate.model_counts(&groups).unwrap();
    let seed = seed();
    // The root client alone, the group with the most models and one the seed picks: what fits
    // CI. `cargo xtask features-check` adds the first and last groups, `--all` every group.
    let most = (0..groups.len())
        .max_by_key(|&i| counts[i])
        .expect("groups");
    let seeded = (seed % groups.len() as u64) as usize;
    let mut sets = vec![Vec::new(), vec![groups[most].clone()]];
    if seeded != most {
        sets.push(vec![groups[seeded].clone()]);
    }
    eprintln!("APIGEN_FEATURE_SEED={seed}: checking {sets:?}");
    check_all(&krate, &sets);
}
