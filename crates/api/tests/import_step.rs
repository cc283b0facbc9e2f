//! «Импорт…» in the window (issue #16): the chosen exchange file is
//! imported at once as before; a Word document only returns its review,
//! with nothing stored until `commit_import`; a refused file writes nothing.

use std::path::PathBuf;

use chrono::NaiveDate;
use metodist_api::import_step::{open_import, ImportStep};
use metodist_api::{importing, programmes, Session};

fn repo_file(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 10).unwrap()
}

fn count(session: &Session) -> usize {
    programmes::list_programmes(session).unwrap().len()
}

#[test]
fn an_exchange_file_is_imported_at_once_whatever_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let session = Session::at(dir.path().join("metodist.sqlite3"));
    // JSON by its content, even under a Word name.
    let renamed = dir.path().join("программа.docx");
    std::fs::copy(
        repo_file("tests/fixtures/sample-programme.metodist.json"),
        &renamed,
    )
    .unwrap();
    for path in [
        repo_file("tests/fixtures/sample-programme.metodist.json"),
        renamed,
    ] {
        let before = count(&session);
        match open_import(&session, &path, today()).unwrap() {
            ImportStep::Imported { id } => {
                let stored = metodist_api::editor::load_programme(&session, id).unwrap();
                assert!(stored
                    .title
                    .starts_with("Муниципальная программа поддержки школ"));
            }
            other => panic!("{}: expected an import, got {other:?}", path.display()),
        }
        assert_eq!(count(&session), before + 1);
    }
}

#[test]
fn a_word_document_is_reviewed_and_stored_only_when_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let session = Session::at(dir.path().join("metodist.sqlite3"));
    let file = repo_file("tests/fixtures/docx/roadmap.docx");
    let ImportStep::Review { review } = open_import(&session, &file, today()).unwrap() else {
        panic!("a Word document goes to its review");
    };
    assert_eq!(count(&session), 0, "the review stores nothing");
    assert_eq!(review.path, file.display().to_string());
    assert!(review.summary.roadmap);
    assert!(review.summary.items > 0);
    // The window confirms with the review's path and fingerprint.
    let id = importing::commit_import(&session, &file, &review.fingerprint, today()).unwrap();
    assert_eq!(count(&session), 1);
    let stored = metodist_api::editor::load_programme(&session, id).unwrap();
    assert_eq!(stored.roadmap, review.programme.roadmap);
}

#[test]
fn a_refused_file_gets_the_word_readers_message_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let session = Session::at(dir.path().join("metodist.sqlite3"));
    for (name, code, words) in [
        ("old-word.docx", "docx_old_doc", "сохраните файл как .docx"),
        (
            "xlsx-renamed.docx",
            "docx_is_spreadsheet",
            "Это таблица Excel",
        ),
        ("odt-renamed.docx", "docx_is_odt", "OpenDocument"),
        ("zip-bomb.docx", "docx_zip_bomb", "zip-бомбу"),
    ] {
        let path = repo_file("tests/fixtures/docx/hostile").join(name);
        let e = open_import(&session, &path, today()).unwrap_err();
        assert_eq!(e.code(), code, "{name}: {e}");
        assert!(e.to_string().contains(words), "{name}: {e}");
    }
    // Text that is neither JSON nor a Word document, under a .json name: the
    // exchange file's own message.
    let text = dir.path().join("заметки.metodist.json");
    std::fs::write(&text, "не программа").unwrap();
    let e = open_import(&session, &text, today()).unwrap_err();
    assert_eq!(e.code(), "import_not_metodist", "{e}");
    assert_eq!(count(&session), 0);
}
