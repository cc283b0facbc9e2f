//! Find and replace as the window and the CLI call them: the search over
//! every tab, a replace-all that is one undo step, and a refused one that
//! changes nothing.

use std::path::PathBuf;

use chrono::NaiveDate;
use metodist_api::{editor, programmes, Session};
use metodist_core::find::{Place, Query, ReplaceTarget};

fn setup() -> (tempfile::TempDir, Session, i64) {
    let dir = tempfile::tempdir().unwrap();
    let session = Session::at(dir.path().join("metodist.sqlite3"));
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/sample-programme.metodist.json");
    let id = programmes::import_file(&session, &sample).unwrap();
    (dir, session, id)
}

fn today() -> NaiveDate {
    "2025-03-10".parse().unwrap()
}

fn query(text: &str) -> Query {
    Query::Text { text: text.into() }
}

#[test]
fn a_replace_all_over_every_tab_is_one_undo_step() {
    let (_dir, session, id) = setup();
    let before = editor::load_programme(&session, id).unwrap();
    let found = editor::find_text(&session, id, query("ОБРАЗОВАНИ")).unwrap();
    // The word is in the act, the passport, the sections and the roadmap.
    for part in ["Акт", "Паспорт", "Разделы", "Дорожная карта"] {
        assert!(
            found.hits.iter().any(|h| h.location.starts_with(part)),
            "no hit in {part}"
        );
    }
    let replaced = editor::replace_text(
        &session,
        id,
        "образовани".into(),
        "просвещени".into(),
        ReplaceTarget::All,
        today(),
    )
    .unwrap();
    assert_eq!(replaced.count, found.total);
    assert_eq!(
        replaced.undo.can_undo.as_deref(),
        Some("замена «образовани» на «просвещени»")
    );
    assert_eq!(
        editor::find_text(&session, id, query("образовани"))
            .unwrap()
            .total,
        0
    );
    editor::undo(&session, id).unwrap();
    assert_eq!(editor::load_programme(&session, id).unwrap(), before);
}

#[test]
fn one_hit_is_replaced_where_the_search_found_it() {
    let (_dir, session, id) = setup();
    let found = editor::find_text(&session, id, query("школ")).unwrap();
    let hit = found
        .hits
        .iter()
        .find(|h| matches!(h.place, Place::Item { .. }))
        .unwrap()
        .clone();
    let target = ReplaceTarget::One {
        place: hit.place.clone(),
        start: hit.start,
    };
    let replaced =
        editor::replace_text(&session, id, "школ".into(), "ШКОЛ".into(), target, today()).unwrap();
    assert_eq!(replaced.count, 1);
    let after = editor::find_text(&session, id, query("школ")).unwrap();
    assert_eq!(
        after.total, found.total,
        "the match is still there, as typed"
    );
    let same = after
        .hits
        .iter()
        .find(|h| h.place == hit.place && h.start == hit.start)
        .unwrap();
    assert_eq!(same.matched, "ШКОЛ");
}

#[test]
fn a_refused_replace_changes_nothing_and_says_why() {
    let (_dir, session, id) = setup();
    let before = editor::load_programme(&session, id).unwrap();
    let undo = editor::undo_state(&session, id).unwrap();
    let err = editor::replace_text(
        &session,
        id,
        "о".into(),
        "\u{7}".into(),
        ReplaceTarget::All,
        today(),
    )
    .unwrap_err();
    assert_eq!(err.code(), "edit_invalid");
    let err = editor::replace_text(
        &session,
        id,
        "несуществующее".into(),
        "x".into(),
        ReplaceTarget::All,
        today(),
    )
    .unwrap_err();
    assert_eq!(err.code(), "replace_nothing");
    assert!(err.to_string().starts_with("Ничего не заменено"), "{err}");
    assert_eq!(editor::load_programme(&session, id).unwrap(), before);
    assert_eq!(editor::undo_state(&session, id).unwrap(), undo);
}
