//! `print_edition` and `save_edition_docx` (issue #17): the window prints
//! an approved edition as it was approved, whatever the draft says now, as a
//! PDF or a Word document; the comparison table prints too. Cancelling the
//! dialog writes nothing; an edition that does not exist is refused.

use chrono::NaiveDate;
use metodist_api::editions;
use metodist_api::printing::{self, PrintMode};
use metodist_api::{editor, ApiError, Session, TestHost};
use metodist_core::model::{ProgrammeStatus, TextBlock};
use metodist_core::{Edit, Programme};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn sample() -> Programme {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/sample-programme.metodist.json");
    let mut p = metodist_core::exchange::read_file(&path).unwrap();
    p.status = ProgrammeStatus::Draft;
    p
}

/// The PDF's text with words broken at line ends joined and spaces run together.
fn pdftotext(pdf: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext must be installed (poppler-utils)");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let joined = text.replace("\u{ad}\n", "").replace("-\n", "");
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every paragraph and table cell of a .docx, as its reader sees them.
fn docx_text(path: &std::path::Path) -> String {
    use metodist_docx_read::{read_docx_file, Block, Limits};
    let doc = read_docx_file(path, &Limits::default()).unwrap();
    let mut lines = Vec::new();
    for b in &doc.blocks {
        match b {
            Block::Paragraph(p) => lines.push(p.text.clone()),
            Block::Table(t) => {
                for r in &t.rows {
                    lines.extend(r.cells.iter().map(|c| c.text()));
                }
            }
        }
    }
    lines
        .join("\n")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The sample approved by act № 412, then its goal rewritten in the draft.
fn approved_then_changed(session: &Session, today: NaiveDate) -> i64 {
    let id = session.with_store_mut(|s| s.import(&sample())).unwrap();
    editions::approve(session, id, day("2024-08-28"), "412".into(), None, today).unwrap();
    let mut row = editions::get_edition(session, id, 1).unwrap().passport[7].clone();
    row.content = vec![TextBlock::Paragraph {
        text: "Добиться к концу 2028 года устойчивого улучшения результатов.".into(),
    }];
    editor::apply_edit(session, id, Edit::PutPassportRow { at: None, row }, today).unwrap();
    id
}

#[test]
fn an_edition_saves_as_word_and_the_comparison_prints() {
    let dir = tempfile::tempdir().unwrap();
    let session = Session::at(dir.path().join("metodist.sqlite3"));
    let today = day("2025-05-20");
    let id = approved_then_changed(&session, today);
    let profile = printing::layout_profiles(&session).unwrap()[0].name.clone();
    let mut host = TestHost::new(today);

    // Cancelled: nothing written, nothing shown.
    let mode = PrintMode::AppendixOnly;
    assert!(
        editions::save_edition_docx(&session, &host, id, 1, mode, profile.clone())
            .unwrap()
            .is_none()
    );
    assert!(host.shown.lock().unwrap().is_empty());

    let word = dir.path().join("edition.docx");
    host.save_to = Some(word.clone());
    let saved = editions::save_edition_docx(&session, &host, id, 1, mode, profile.clone())
        .unwrap()
        .unwrap();
    assert_eq!(saved.path, word.display().to_string());
    let text = docx_text(&word);
    assert!(text.contains("Добиться к концу 2027 года"), "{text}");
    assert!(!text.contains("2028"), "{text}");
    // The appendix alone: no act's formula.
    assert!(!text.contains("ПОСТАНОВЛЯЕТ"), "{text}");

    // The comparison table, edition 1 against the draft, as PDF and Word.
    let pdf = dir.path().join("comparison.pdf");
    host.save_to = Some(pdf.clone());
    let printed = editions::print_comparison(&session, &host, id, None, None, profile.clone())
        .unwrap()
        .unwrap();
    assert!(printed.pages >= 1);
    let text = pdftotext(&pdf);
    assert!(text.contains("2027") && text.contains("2028"), "{text}");
    let docx = dir.path().join("comparison.docx");
    host.save_to = Some(docx.clone());
    let from = Some(editions::EditionRef::Edition(1));
    let to = Some(editions::EditionRef::Draft);
    editions::save_comparison_docx(&session, &host, id, from, to, profile)
        .unwrap()
        .unwrap();
    let text = docx_text(&docx);
    assert!(text.contains("2027") && text.contains("2028"), "{text}");

    assert_eq!(*host.shown.lock().unwrap(), vec![word, pdf, docx]);
    let suggested = host.suggested.lock().unwrap().clone();
    let ends: Vec<&str> = vec![
        " (редакция 1) (приложение).docx",
        " (редакция 1) (приложение).docx",
        " (сравнительная таблица).pdf",
        " (сравнительная таблица, редакция № 1 — проект).docx",
    ];
    assert_eq!(suggested.len(), ends.len(), "{suggested:?}");
    for (name, end) in suggested.iter().zip(ends) {
        assert!(
            name.ends_with(end) && name.len() > end.len(),
            "{name} ends with {end}"
        );
    }
}

#[test]
fn an_approved_edition_prints_as_it_was_approved() {
    let dir = tempfile::tempdir().unwrap();
    let session = Session::at(dir.path().join("metodist.sqlite3"));
    let today = day("2025-05-20");
    // The draft moves on: the goal rewritten after the approval.
    let id = approved_then_changed(&session, today);
    let profile = printing::layout_profiles(&session).unwrap()[0].name.clone();

    let mut host = TestHost::new(today);
    assert!(
        editions::print_edition(&session, &host, id, 1, PrintMode::WholeAct, profile.clone())
            .unwrap()
            .is_none(),
        "cancelled: nothing written"
    );
    let out = dir.path().join("edition.pdf");
    host.save_to = Some(out.clone());
    let printed =
        editions::print_edition(&session, &host, id, 1, PrintMode::WholeAct, profile.clone())
            .unwrap()
            .unwrap();
    assert!(printed.pages > 1);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert_eq!(*host.shown.lock().unwrap(), vec![out.clone()]);

    // The edition's text, not the draft's (read back as a reader would).
    let text = pdftotext(&out);
    assert!(text.contains("Добиться к концу 2027 года"), "{text}");
    assert!(!text.contains("2028"), "{text}");

    // The window's preview of the edition lays out the same pages.
    let preview = |edition| {
        printing::preview_pages(
            &session,
            id,
            PrintMode::WholeAct,
            profile.clone(),
            20.0,
            0,
            1,
            edition,
        )
    };
    let pages = preview(Some(1)).unwrap();
    assert_eq!(pages.page_count, printed.pages);
    assert_eq!(pages.pages.len(), 1);
    assert!(pages.pages[0].src.starts_with("data:image/png;base64,"));
    match preview(Some(7)) {
        Err(ApiError::Core(e)) => assert_eq!(e.code(), "edition_not_found"),
        other => panic!(
            "expected edition_not_found, got {:?}",
            other.map(|p| p.page_count)
        ),
    }

    match editions::print_edition(&session, &host, id, 7, PrintMode::WholeAct, profile) {
        Err(ApiError::Core(e)) => assert_eq!(e.code(), "edition_not_found"),
        other => panic!("expected edition_not_found, got {other:?}"),
    }
}
