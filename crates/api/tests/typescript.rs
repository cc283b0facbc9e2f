//! Writes the TypeScript side of the contract to `ui/src/gen/`. The files
//! are in git: `scripts/test` runs this test and then fails when it changed
//! any of them, so a Rust type and its TypeScript never drift apart.

use std::path::PathBuf;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn typescript_is_written_to_ui_src_gen() {
    let dir = repo().join("ui/src/gen");
    let written = metodist_api::typescript::write_typescript(&dir).expect("write");
    let names: Vec<String> = written
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for expected in [
        "commands.ts",
        "errors.ts",
        "index.ts",
        "Programme.ts",
        "Edit.ts",
        "YearMonth.ts",
        "TodayScreen.ts",
        "LayoutProfile.ts",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    let commands = std::fs::read_to_string(dir.join("commands.ts")).unwrap();
    for name in metodist_api::commands::NAMES {
        assert!(
            commands.contains(&format!(">(\"{name}\"")),
            "{name} has a wrapper"
        );
    }
    // The shapes the window depends on, as it sends and receives them.
    let year_month = std::fs::read_to_string(dir.join("YearMonth.ts")).unwrap();
    assert!(year_month.contains("export type YearMonth = string;"));
    let edit = std::fs::read_to_string(dir.join("Edit.ts")).unwrap();
    assert!(edit.contains("\"op\": \"set_title\""), "{edit}");
    let schedule = std::fs::read_to_string(dir.join("ScheduleView.ts")).unwrap();
    assert!(
        schedule.contains("due: Array<string>"),
        "flattened: {schedule}"
    );
}

/// Every command of the list is allowed to the window by a permission, and
/// the permissions name no command that does not exist.
#[test]
fn permissions_name_exactly_the_commands_of_the_list() {
    let toml = std::fs::read_to_string(repo().join("src-tauri/permissions/commands.toml"))
        .expect("read permissions");
    let mut allowed: Vec<String> = Vec::new();
    let mut in_allow = false;
    for line in toml.lines() {
        let line = line.trim();
        if line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("commands.allow") {
            in_allow = true;
            allowed.extend(quoted(rest));
            if rest.contains(']') {
                in_allow = false;
            }
        } else if in_allow {
            allowed.extend(quoted(line));
            if line.contains(']') {
                in_allow = false;
            }
        }
    }
    let mut allowed_sorted = allowed.clone();
    allowed_sorted.sort();
    allowed_sorted.dedup();
    assert_eq!(
        allowed_sorted.len(),
        allowed.len(),
        "a command allowed twice"
    );
    let mut names: Vec<String> = metodist_api::commands::NAMES
        .iter()
        .map(|s| s.to_string())
        .collect();
    names.sort();
    assert_eq!(allowed_sorted, names);
}

fn quoted(text: &str) -> Vec<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .map(|s| s.to_string())
        .collect()
}
