//! Word in through the window's commands (issue #16): the review stores
//! nothing, the import stores what the review showed in one transaction,
//! a file changed in between and hostile files are refused with nothing
//! written.

use std::path::PathBuf;

use chrono::NaiveDate;
use metodist_api::{importing, programmes, Context, Session, TestHost};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/docx")
        .join(name)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 10).unwrap()
}

fn count(session: &Session) -> usize {
    programmes::list_programmes(session).unwrap().len()
}

#[test]
fn the_review_stores_nothing_and_the_import_stores_what_it_showed() {
    let dir = tempfile::tempdir().unwrap();
    let session = Session::at(dir.path().join("metodist.sqlite3"));
    let file = dir.path().join("программа.docx");
    std::fs::copy(fixture("roadmap.docx"), &file).unwrap();

    let review = importing::preview_import(&file, today()).unwrap();
    assert_eq!(count(&session), 0, "the review writes nothing");
    assert!(review.summary.roadmap);
    assert_eq!(review.summary.items, review.programme.item_count());
    assert!(review.problems.is_empty(), "{:?}", review.problems);
    // The same file reviewed twice gives the same fingerprint.
    let again = importing::preview_import(&file, today()).unwrap();
    assert_eq!(again.fingerprint, review.fingerprint);

    let id = importing::commit_import(&session, &file, &review.fingerprint, today()).unwrap();
    let stored = metodist_api::editor::load_programme(&session, id).unwrap();
    assert_eq!(stored.roadmap, review.programme.roadmap);
    assert_eq!(stored.title, review.programme.title);
    assert_eq!(stored.layout, review.programme.layout);
    assert_eq!(count(&session), 1);
}

#[test]
fn a_file_changed_after_its_review_is_not_imported() {
    let dir = tempfile::tempdir().unwrap();
    let session = Session::at(dir.path().join("metodist.sqlite3"));
    let file = dir.path().join("план.docx");
    std::fs::copy(fixture("roadmap.docx"), &file).unwrap();
    let review = importing::preview_import(&file, today()).unwrap();
    std::fs::copy(fixture("passport.docx"), &file).unwrap();
    let e = importing::commit_import(&session, &file, &review.fingerprint, today()).unwrap_err();
    assert_eq!(e.code(), "import_file_changed");
    assert!(e.to_string().contains("изменился после просмотра"), "{e}");
    assert_eq!(count(&session), 0);
}

#[test]
fn hostile_files_are_refused_with_their_code_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let session = Session::at(dir.path().join("metodist.sqlite3"));
    for (name, code) in [
        ("hostile/old-word.docx", "docx_old_doc"),
        ("hostile/xlsx-renamed.docx", "docx_is_spreadsheet"),
        ("hostile/odt-renamed.docx", "docx_is_odt"),
        ("hostile/encrypted.docx", "docx_encrypted"),
        ("hostile/truncated.docx", "docx_damaged"),
        ("hostile/zip-bomb.docx", "docx_zip_bomb"),
        ("hostile/pdf-renamed.docx", "docx_is_pdf"),
        ("hostile/rtf-renamed.docx", "docx_is_rtf"),
        ("hostile/empty.docx", "docx_empty"),
    ] {
        let e = importing::preview_import(&fixture(name), today()).unwrap_err();
        assert_eq!(e.code(), code, "{name}: {e}");
        let e = importing::commit_import(&session, &fixture(name), "x", today()).unwrap_err();
        assert_eq!(e.code(), code, "{name}: {e}");
        // The exchange import sends them to the Word reader by content.
        let e = programmes::import_file(&session, &fixture(name)).unwrap_err();
        assert_eq!(e.code(), code, "{name}: {e}");
    }
    assert_eq!(count(&session), 0);
}

#[test]
fn the_open_dialog_hands_its_path_to_the_review() {
    let dir = tempfile::tempdir().unwrap();
    let session = Session::at(dir.path().join("metodist.sqlite3"));
    let mut host = TestHost::new(today());
    let cx = Context::new(&session, &host);
    assert_eq!(
        cx.run(|cx| importing::choose_import_file(cx.host)).unwrap(),
        None
    );
    host.open_from = Some(fixture("act-usual.docx"));
    let cx = Context::new(&session, &host);
    let path = cx
        .run(|cx| importing::choose_import_file(cx.host))
        .unwrap()
        .expect("a path");
    let review = importing::preview_import(std::path::Path::new(&path), today()).unwrap();
    assert!(review.summary.act);
    assert_eq!(
        review.summary.act_kind,
        Some(metodist_core::model::ActKind::Decree)
    );
}

#[test]
fn an_exchange_file_is_reviewed_and_imported_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let session = Session::at(dir.path().join("metodist.sqlite3"));
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/sample-programme.metodist.json");
    let review = importing::preview_import(&sample, today()).unwrap();
    assert_eq!(count(&session), 0);
    let original = metodist_core::exchange::read_file(&sample).unwrap();
    assert_eq!(review.programme, original);
    assert!(review.warnings.is_empty() && review.problems.is_empty());
    let s = &review.summary;
    assert!(s.act && s.mark && s.roadmap && !s.flat_roadmap);
    assert_eq!(s.items, original.item_count());
    assert_eq!(s.blocks, original.roadmap.blocks.len());
    assert_eq!(s.indicators, original.indicators.len());
    // The sample's deadlines that only a manual schedule makes sense of
    // are not counted; the two the interpreter does not read are.
    let unclear: Vec<&str> = s
        .deadlines_not_understood
        .iter()
        .map(|d| d.deadline.as_str())
        .collect();
    assert_eq!(unclear, ["по итогам года"], "{unclear:?}");
    let id = importing::commit_import(&session, &sample, &review.fingerprint, today()).unwrap();
    let mut stored = metodist_api::editor::load_programme(&session, id).unwrap();
    stored.uid = original.uid.clone();
    assert_eq!(stored, original);
}
