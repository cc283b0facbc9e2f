//! Helpers shared by the CLI's integration tests: a temporary environment
//! to run `metodist` in, and the files the tests read.
//!
//! Each test binary uses its own part of this module, hence the allowance.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A file of the repository, by its path from the repository's root.
pub fn repo_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(name)
}

/// The sample programme's exchange file.
pub fn sample() -> PathBuf {
    repo_file("tests/fixtures/sample-programme.metodist.json")
}

/// A temporary folder with its own database, where `metodist` runs and
/// never falls back to the user's real database.
pub struct Env {
    pub dir: tempfile::TempDir,
    db_name: &'static str,
}

impl Env {
    pub fn new() -> Self {
        Self::with_db_name("test.sqlite3")
    }

    /// An environment whose database file has this name (what backups are
    /// called after, or what an output must not overwrite).
    pub fn with_db_name(db_name: &'static str) -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
            db_name,
        }
    }

    /// A fresh environment holding the sample programme (number 1).
    pub fn with_sample() -> Self {
        let env = Self::new();
        assert_eq!(env.ok(&["import", sample().to_str().unwrap()]), "1\n");
        env
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn db(&self) -> PathBuf {
        self.root().join(self.db_name)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.root().join(name)
    }

    pub fn command(&self, args: &[&str]) -> Command {
        command_in(self.root(), &self.db(), args)
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// `run` with `input`, any bytes, on stdin.
    pub fn run_with_input(&self, args: &[&str], input: &[u8]) -> Output {
        with_input(self.command(args), input)
    }

    /// Runs a command that must succeed; returns all it printed.
    pub fn ok_output(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "metodist {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Runs a command that must succeed; returns its standard output.
    pub fn ok_bytes(&self, args: &[&str]) -> Vec<u8> {
        self.ok_output(args).stdout
    }

    pub fn ok(&self, args: &[&str]) -> String {
        String::from_utf8(self.ok_bytes(args)).unwrap()
    }

    /// `ok` with `input` on stdin.
    pub fn ok_with_input(&self, args: &[&str], input: &str) -> String {
        let out = self.run_with_input(args, input.as_bytes());
        assert!(
            out.status.success(),
            "metodist {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs a command that must fail with exit `code`, printing nothing on
    /// stdout and «Ошибка: …» on stderr; returns its stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        failed(args, self.run(args), code)
    }

    /// `fails` with `input`, any bytes, on stdin.
    pub fn fails_with_input(&self, args: &[&str], input: &[u8], code: i32) -> String {
        failed(args, self.run_with_input(args, input), code)
    }
}

/// `metodist --db DB`, run in folder `root` (so a stray output lands
/// there) with the user's data folder out of reach.
pub fn command_in(root: &Path, db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_metodist"));
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .current_dir(root)
        .env_remove("METODIST_DB")
        .env("XDG_DATA_HOME", root.join("xdg"));
    cmd
}

/// Runs `cmd` with `input` on stdin; all it printed.
pub fn with_input(mut cmd: Command, input: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn failed(args: &[&str], out: Output, code: i32) -> String {
    assert_eq!(
        out.status.code(),
        Some(code),
        "metodist {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "nothing on stdout on failure");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("Ошибка: "), "{err}");
    err
}

/// The text of a PDF as poppler's `pdftotext -layout` extracts it.
pub fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/test");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The `put_item` edit that gives item `uid` of the sample a new deadline.
pub fn moved_deadline(uid: &str, deadline: &str) -> String {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(sample()).unwrap()).unwrap();
    let item = v["programme"]["roadmap"]["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|b| b["items"].as_array().unwrap())
        .find(|i| i["uid"] == uid)
        .unwrap()
        .clone();
    let edit = serde_json::json!({
        "op": "put_item",
        "block": "",
        "uid": uid,
        "item": {
            "activity": item["activity"],
            "deadline": deadline,
            "responsible": item["responsible"],
            "expected_result": item["expected_result"],
            "planned_value": item["planned_value"],
            "per_year": item["per_year"],
        }
    });
    format!("{edit}\n")
}
