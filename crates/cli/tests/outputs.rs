//! Where `-o` may write: never over the database, its `-wal`/`-shm`, a
//! backup or the single-window marker (the database's bytes are unchanged
//! after the refusal), and `-o -` is standard output.

mod common;

use std::path::{Path, PathBuf};

use common::{sample, Env};

/// A database holding the sample programme (number 1), with a name of its own.
fn with_sample() -> Env {
    let env = Env::with_db_name("self.db");
    env.ok(&["import", sample().to_str().unwrap()]);
    env
}

fn with_suffix(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_os_string();
    s.push(suffix);
    s.into()
}

/// Every file of the folder with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

fn assert_refused(env: &Env, args: &[&str]) {
    let before = snapshot(env.dir.path());
    let db_bytes = std::fs::read(env.db()).unwrap();
    let out = env.run(args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "metodist {args:?} must fail");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert!(
        err.starts_with("Ошибка: Нельзя сохранить в «"),
        "{args:?}: {err}"
    );
    assert!(err.contains("Ничего не записано"), "{err}");
    assert_eq!(
        std::fs::read(env.db()).unwrap(),
        db_bytes,
        "{args:?}: the database"
    );
    assert_eq!(
        snapshot(env.dir.path()),
        before,
        "{args:?}: nothing changed"
    );
}

#[test]
fn export_over_the_open_database_is_refused_and_the_database_unchanged() {
    let env = with_sample();
    let db = env.db();
    let db_s = db.to_str().unwrap();
    assert_refused(&env, &["export", "1", "-o", db_s]);
    // The same file spelled otherwise: relative, through `..`.
    std::fs::create_dir(env.dir.path().join("sub")).unwrap();
    assert_refused(&env, &["export", "1", "-o", "self.db"]);
    assert_refused(&env, &["export", "1", "-o", "./sub/../self.db"]);
    // Still the sample: the database opens and holds the programme.
    let list = env.ok(&["list"]);
    assert!(list.starts_with("1\t"), "{list}");
}

#[test]
fn render_report_and_gen_refuse_the_database_and_its_files() {
    let env = with_sample();
    let db = env.db();
    // A backup made by the store (a migration copy stands beside the
    // database; the backups folder holds the daily and manual ones).
    let backups = env.dir.path().join("backups").join("self.db");
    std::fs::create_dir_all(&backups).unwrap();
    let backup = backups.join("manual-2025-05-20-120000.sqlite3");
    std::fs::copy(&db, &backup).unwrap();
    let marker = with_suffix(&db, ".instance");
    std::fs::write(&marker, "1234 token\n").unwrap();
    let targets = [
        db.clone(),
        with_suffix(&db, "-wal"),
        with_suffix(&db, "-shm"),
        backup,
        marker,
    ];
    for target in &targets {
        let t = target.to_str().unwrap();
        assert_refused(&env, &["render", "1", "-o", t]);
        assert_refused(
            &env,
            &[
                "report", "1", "--from", "2024-09", "--to", "2025-05", "-o", t,
            ],
        );
        assert_refused(&env, &["gen", "--items", "3", "-o", t]);
        assert_refused(&env, &["export", "1", "-o", t]);
    }
}

#[test]
fn dash_writes_to_standard_output() {
    let env = with_sample();
    let json = env.ok_bytes(&["export", "1", "-o", "-"]);
    // Export writes version 3 of the version 1 sample (tests/fixtures):
    // the programme of its version 2 form, with its one edition.
    let v2 = sample().with_file_name("sample-programme.v2.metodist.json");
    let a: serde_json::Value = serde_json::from_slice(&std::fs::read(v2).unwrap()).unwrap();
    let b: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(b["version"], 3);
    assert!(
        a["programme"] == b["programme"],
        "export -o - gives the programme on stdout"
    );
    assert!(a["programme"] == b["editions"][0]["programme"]);

    let generated = env.ok_bytes(&["gen", "--items", "7", "-o", "-"]);
    let g: serde_json::Value = serde_json::from_slice(&generated).unwrap();
    assert!(g.is_object());

    let pdf = env.ok_bytes(&["render", "1", "--appendix-only", "-o", "-"]);
    assert!(pdf.starts_with(b"%PDF-"), "render -o -");
    let report = env.ok_bytes(&[
        "report", "1", "--from", "2024-09", "--to", "2025-05", "-o", "-",
    ]);
    assert!(report.starts_with(b"%PDF-"), "report -o -");

    assert!(
        !env.dir.path().join("-").exists(),
        "no file called «-» was written"
    );
}
