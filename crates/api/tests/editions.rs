//! The window's edition commands (issue #17) on a temporary database: the
//! list, an edition read back, the comparison with its marked words and the
//! drafted amendment act, called through the command list as the window
//! calls them.

use chrono::NaiveDate;
use metodist_api::editions::{self, EditionRef};
use metodist_api::{editor, ApiError, Session};
use metodist_core::amendment::AmendmentOptions;
use metodist_core::diff::Mark;
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
    let act = p.act.as_mut().unwrap();
    act.date = None;
    act.number = None;
    p
}

fn setup() -> (tempfile::TempDir, Session, i64) {
    let dir = tempfile::tempdir().unwrap();
    let session = Session::at(dir.path().join("metodist.sqlite3"));
    let id = session.with_store_mut(|s| s.import(&sample())).unwrap();
    (dir, session, id)
}

#[test]
fn list_get_compare_and_draft_the_amendment() {
    let (_dir, session, id) = setup();
    let today = day("2025-05-20");
    let view = editions::list_editions(&session, id).unwrap();
    assert!(view.editions.is_empty());
    assert!(view.draft_changed);
    match editions::draft_amendment(&session, id, AmendmentOptions::default()) {
        Err(ApiError::Invalid(m)) => assert!(m.contains("сравнивать не с чем"), "{m}"),
        other => panic!("expected a refusal, got {other:?}"),
    }

    editions::approve(&session, id, day("2024-08-28"), "412".into(), None, today).unwrap();
    let view = editions::list_editions(&session, id).unwrap();
    assert_eq!(view.editions.len(), 1);
    assert!(view.editions[0].in_force);
    assert!(!view.draft_changed);
    let approved = editions::get_edition(&session, id, 1).unwrap();
    assert_eq!(approved, editor::load_programme(&session, id).unwrap());
    match editions::draft_amendment(&session, id, AmendmentOptions::default()) {
        Err(ApiError::Invalid(m)) => assert!(m.contains("программа не менялась"), "{m}"),
        other => panic!("expected a refusal, got {other:?}"),
    }

    // A passport row rewritten in part: the comparison marks the words.
    let mut row = approved.passport[7].clone();
    row.content = vec![TextBlock::Paragraph {
        text: "Добиться к концу 2028 года устойчивого улучшения образовательных результатов обучающихся."
            .into(),
    }];
    editor::apply_edit(&session, id, Edit::PutPassportRow { at: None, row }, today).unwrap();
    assert!(editions::list_editions(&session, id).unwrap().draft_changed);
    let diff = editions::compare_editions(&session, id, None, None).unwrap();
    assert_eq!(diff.passport.len(), 1, "{diff:?}");
    let segments: Vec<(Mark, String)> = diff.passport[0]
        .fields
        .iter()
        .flat_map(|f| &f.text.segments)
        .map(|s| (s.mark, s.text.clone()))
        .collect();
    assert!(
        segments
            .iter()
            .any(|(m, t)| *m == Mark::Added && t.contains("2028")),
        "{segments:?}"
    );
    assert!(
        segments
            .iter()
            .any(|(m, t)| *m == Mark::Removed && t.contains("2027")),
        "{segments:?}"
    );
    assert!(segments.iter().any(|(m, _)| *m == Mark::Same));
    // The same comparison named explicitly, and none the other way round.
    let explicit = editions::compare_editions(
        &session,
        id,
        Some(EditionRef::Edition(1)),
        Some(EditionRef::Draft),
    )
    .unwrap();
    assert_eq!(explicit, diff);
    let same = editions::compare_editions(
        &session,
        id,
        Some(EditionRef::Draft),
        Some(EditionRef::Draft),
    )
    .unwrap();
    assert!(same.is_empty());

    // The amendment act cites the approving act and lists the change.
    let draft = editions::draft_amendment(&session, id, AmendmentOptions::default()).unwrap();
    assert!(
        draft.act.title.starts_with("О внесении изменений в "),
        "{}",
        draft.act.title
    );
    assert!(
        draft.act.title.contains("от 28.08.2024 № 412"),
        "{}",
        draft.act.title
    );
    let points = draft.act.points.join("\n");
    assert!(points.contains("паспорта Программы"), "{points}");

    // After the amendment is approved the next act cites it as well.
    editions::approve(&session, id, day("2025-05-15"), "97".into(), None, today).unwrap();
    let mut p = editor::load_programme(&session, id).unwrap();
    p.title.push_str(" (с изменениями)");
    editor::apply_edit(&session, id, Edit::SetTitle { title: p.title }, today).unwrap();
    let draft = editions::draft_amendment(&session, id, AmendmentOptions::default()).unwrap();
    assert!(
        draft
            .act
            .title
            .contains("от 28.08.2024 № 412 (в редакции постановления от 15.05.2025 № 97)"),
        "{}",
        draft.act.title
    );
}

#[test]
fn edition_refs_read_as_typed() {
    assert_eq!(EditionRef::parse("2"), Some(EditionRef::Edition(2)));
    assert_eq!(EditionRef::parse(" Проект "), Some(EditionRef::Draft));
    assert_eq!(EditionRef::parse("draft"), Some(EditionRef::Draft));
    assert_eq!(EditionRef::parse("0"), None);
    assert_eq!(EditionRef::parse("вторая"), None);
    // As the window sends them.
    let r: EditionRef = serde_json::from_str(r#"{"kind":"edition","seq":3}"#).unwrap();
    assert_eq!(r, EditionRef::Edition(3));
    let r: EditionRef = serde_json::from_str(r#"{"kind":"draft"}"#).unwrap();
    assert_eq!(r, EditionRef::Draft);
}
