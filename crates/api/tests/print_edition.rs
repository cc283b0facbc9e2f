//! `print_edition` (issue #17): the window prints an approved edition as it
//! was approved, whatever the draft says now; cancelling the dialog writes
//! nothing; an edition that does not exist is refused.

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

#[test]
fn an_approved_edition_prints_as_it_was_approved() {
    let dir = tempfile::tempdir().unwrap();
    let session = Session::at(dir.path().join("metodist.sqlite3"));
    let id = session.with_store_mut(|s| s.import(&sample())).unwrap();
    let today = day("2025-05-20");
    editions::approve(&session, id, day("2024-08-28"), "412".into(), None, today).unwrap();
    let profile = printing::layout_profiles(&session).unwrap()[0].name.clone();

    // The draft moves on: the goal rewritten after the approval.
    let mut row = editions::get_edition(&session, id, 1).unwrap().passport[7].clone();
    row.content = vec![TextBlock::Paragraph {
        text: "Добиться к концу 2028 года устойчивого улучшения результатов.".into(),
    }];
    editor::apply_edit(&session, id, Edit::PutPassportRow { at: None, row }, today).unwrap();

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

    match editions::print_edition(&session, &host, id, 7, PrintMode::WholeAct, profile) {
        Err(ApiError::Core(e)) => assert_eq!(e.code(), "edition_not_found"),
        other => panic!("expected edition_not_found, got {other:?}"),
    }
}
