//! `metodist import FILE.docx` on temporary databases (issue #16): the new
//! id on stdout and every warning on stderr, `--dry-run` printing the review
//! and storing nothing, the format told by the content, and every hostile
//! file refused with a Russian message, a non-zero exit code and nothing
//! written.

mod common;

use std::path::PathBuf;

use common::{repo_file, sample, Env};

fn fixture(name: &str) -> PathBuf {
    repo_file("tests/fixtures/docx").join(name)
}

impl Env {
    /// The number of programmes in the database.
    fn programmes(&self) -> usize {
        let out = self.run(&["list"]);
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        if text == "Программ нет.\n" {
            0
        } else {
            text.lines().count()
        }
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn a_document_is_imported_with_its_id_on_stdout_and_warnings_on_stderr() {
    let env = Env::new();
    // The roadmap file has a second table it cannot place: one warning
    // at least, each with its place.
    let out = env.run(&["import", fixture("roadmap.docx").to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "1\n");
    let err = text(&out.stderr);
    assert!(
        err.lines().count() >= 1 && err.lines().all(|l| l.starts_with("Предупреждение: ")),
        "{err}"
    );
    assert!(err.contains("таблица 2"), "{err}");
    assert_eq!(env.programmes(), 1);
    // Stored as recognised: the blocks and items are there.
    let show = env.run(&["show", "1"]);
    let show = text(&show.stdout);
    assert!(show.contains("3 мероприят"), "{show}");
}

#[test]
fn the_format_follows_the_content_not_the_name() {
    let env = Env::new();
    // A Word document named .json is still a Word document.
    let renamed = env.path("на самом деле документ.json");
    std::fs::copy(fixture("roadmap.docx"), &renamed).unwrap();
    let out = env.run(&["import", renamed.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "1\n");
    // And an exchange file named .docx is an exchange file.
    let json = env.path("программа.docx");
    std::fs::copy(sample(), &json).unwrap();
    let out = env.run(&["import", json.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "2\n");
    assert_eq!(text(&out.stderr), "", "an exchange file has no warnings");
}

#[test]
fn dry_run_prints_the_review_and_stores_nothing() {
    let env = Env::new();
    let out = env.run(&[
        "import",
        "--dry-run",
        "--today",
        "2025-03-10",
        fixture("passport.docx").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let review: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(review["summary"]["passport_rows"], 6);
    assert_eq!(
        review["programme"]["passport"][5]["subrows"][1][0]["text"],
        "2026 год – 200 тыс. рублей"
    );
    // No period in the document: three years from --today's year.
    assert_eq!(review["programme"]["period"]["start"], "2025-01");
    assert!(review["fingerprint"].as_str().unwrap().contains('-'));
    assert_eq!(
        review["warnings"].as_array().unwrap().len(),
        text(&out.stderr).lines().count(),
        "every warning is on stderr too"
    );
    assert_eq!(env.programmes(), 0);
    // --dry-run is for documents: an exchange file says so.
    let out = env.run(&["import", "--dry-run", sample().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("документе Word"));
    assert_eq!(env.programmes(), 0);
}

#[test]
fn every_hostile_file_is_refused_clearly_and_nothing_is_written() {
    let env = Env::new();
    // One programme first, so that «nothing written» is more than an
    // empty database staying empty.
    let out = env.run(&["import", fixture("act-usual.docx").to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let big = env.path("огромный.docx");
    std::fs::File::create(&big)
        .unwrap()
        // Sparse: nothing written to the disk.
        .set_len(200 << 20)
        .unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (fixture("hostile/empty.docx"), "Файл пуст"),
        (
            fixture("hostile/not-a-zip.docx"),
            "не является документом Word",
        ),
        (
            fixture("hostile/plain-zip.docx"),
            "не является документом Word",
        ),
        (fixture("hostile/old-word.docx"), "сохраните файл как .docx"),
        (fixture("hostile/xlsx-renamed.docx"), "таблица Excel"),
        (fixture("hostile/odt-renamed.docx"), "OpenDocument"),
        (fixture("hostile/rtf-renamed.docx"), "документ RTF"),
        (fixture("hostile/pdf-renamed.docx"), "файл PDF"),
        (fixture("hostile/encrypted.docx"), "защищён паролем"),
        (fixture("hostile/truncated.docx"), "Файл повреждён"),
        (fixture("hostile/bad-xml.docx"), "Файл повреждён"),
        (fixture("hostile/zip-bomb.docx"), "zip-бомбу"),
        (
            fixture("hostile/deep-nesting.docx"),
            "слишком сложная структура",
        ),
        (big, "Файл слишком велик (200 МБ"),
    ];
    for (file, says) in cases {
        for dry in [false, true] {
            let mut args = vec!["import"];
            if dry {
                args.push("--dry-run");
            }
            args.push(file.to_str().unwrap());
            let started = std::time::Instant::now();
            let out = env.run(&args);
            let err = text(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{}: {err}", file.display());
            assert!(err.starts_with("Ошибка: "), "{err}");
            assert!(err.contains(says), "{}: {err}", file.display());
            assert!(!err.contains("panicked"), "{}: {err}", file.display());
            assert_eq!(text(&out.stdout), "", "{}", file.display());
            assert!(started.elapsed().as_secs() < 30, "{}", file.display());
        }
    }
    assert_eq!(env.programmes(), 1, "nothing written by the refused files");
}
