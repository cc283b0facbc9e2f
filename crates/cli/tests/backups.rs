//! `metodist backups list | create | restore` on temporary databases, down
//! to a database with a damaged page: listed, refused a copy (leaving no
//! file), and brought back from a backup with the damaged file kept.

#[path = "../../core/tests/common/damage.rs"]
mod damage;

mod common;

use std::path::PathBuf;

use common::{sample, Env};

/// The backups are named after the database: a name as the app's own.
fn env() -> Env {
    Env::with_db_name("metodist.sqlite3")
}

impl Env {
    /// `backups list` split into its four columns.
    fn listed(&self) -> Vec<Vec<String>> {
        self.ok(&["backups", "list"])
            .lines()
            .map(|l| l.split('\t').map(str::to_string).collect())
            .collect()
    }

    fn empty_copies(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let mut dirs = vec![self.dir.path().to_path_buf()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let entry = entry.unwrap();
                let meta = entry.metadata().unwrap();
                if meta.is_dir() {
                    dirs.push(entry.path());
                } else if meta.len() == 0 && entry.path().to_string_lossy().ends_with(".sqlite3") {
                    out.push(entry.path());
                }
            }
        }
        out
    }
}

fn is_listing_date(s: &str) -> bool {
    // YYYY-MM-DD HH:MM
    s.len() == 16
        && s.char_indices().all(|(i, c)| match i {
            4 | 7 => c == '-',
            10 => c == ' ',
            13 => c == ':',
            _ => c.is_ascii_digit(),
        })
}

#[test]
fn backups_are_listed_made_and_restored_over_a_damaged_page() {
    let env = env();
    assert_eq!(env.ok(&["backups", "list"]), "Резервных копий нет.\n");
    let generated = env.dir.path().join("g.metodist.json");
    env.ok(&["gen", "--items", "80", "-o", generated.to_str().unwrap()]);
    env.ok(&["import", generated.to_str().unwrap()]);
    env.ok(&["import", sample().to_str().unwrap()]);

    let made = PathBuf::from(env.ok(&["backups", "create"]).trim_end());
    assert!(made.is_file(), "{}", made.display());
    let listed = env.listed();
    assert_eq!(listed.len(), 1, "{listed:?}");
    let row = &listed[0];
    assert_eq!(row.len(), 4, "date, reason, size, path: {row:?}");
    assert!(is_listing_date(&row[0]), "{row:?}");
    assert_eq!(row[1], "создана вручную");
    assert_eq!(
        row[2],
        format!("{} байт", std::fs::metadata(&made).unwrap().len())
    );
    assert_eq!(PathBuf::from(&row[3]), made);

    // A page in the middle of the (closed) database overwritten.
    let damaged = damage::damage_a_page(&env.db()).bytes;

    let error = env.fails(&["backups", "create"], 1);
    assert!(error.contains("База данных повреждена"), "{error}");
    assert_eq!(env.listed().len(), 1, "no failed copy listed");
    assert_eq!(env.empty_copies(), Vec::<PathBuf>::new());

    let out = env.ok(&["backups", "restore", made.to_str().unwrap()]);
    let aside = out
        .trim_end()
        .strip_prefix(
            "Резервная копия восстановлена. Повреждённый файл базы сохранён без изменений: ",
        )
        .unwrap_or_else(|| panic!("{out}"));
    assert_eq!(std::fs::read(aside).unwrap(), damaged, "not a byte changed");
    assert_eq!(env.ok(&["list"]).lines().count(), 2);
    assert_eq!(env.empty_copies(), Vec::<PathBuf>::new());

    // A sound database is restored in place, its state kept as a copy.
    let name = made.file_name().unwrap().to_str().unwrap();
    let out = env.ok(&["backups", "restore", name]);
    assert!(
        out.starts_with(
            "Резервная копия восстановлена. Состояние до восстановления сохранено как копия: "
        ),
        "{out}"
    );
    let kinds: Vec<String> = env.listed().into_iter().map(|r| r[1].clone()).collect();
    assert!(
        kinds.contains(&"состояние перед восстановлением".to_string()),
        "{kinds:?}"
    );
}

#[test]
fn only_listed_copies_are_restored_and_wrong_actions_are_usage_errors() {
    let env = env();
    env.ok(&["import", sample().to_str().unwrap()]);
    env.ok(&["backups", "create"]);
    let foreign = env.dir.path().join("foreign.sqlite3");
    std::fs::copy(env.db(), &foreign).unwrap();
    for file in [
        "metodist.sqlite3",
        "no-such-copy.sqlite3",
        foreign.to_str().unwrap(),
    ] {
        let error = env.fails(&["backups", "restore", file], 2);
        assert!(error.contains("не резервная копия этой базы"), "{error}");
    }
    env.fails(&["backups"], 2);
    env.fails(&["backups", "delete"], 2);
    env.fails(&["backups", "list", "extra"], 2);
    let help = env.ok(&["--help"]);
    assert!(help.contains("backups restore ФАЙЛ"), "{help}");
}
