//! The window's operations on a temporary database with a test host: the
//! dialogs answered in advance, "today" fixed, the viewer recorded.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use metodist_api::{
    backups, editor, printing, programmes, tracking, ApiError, Context, Session, TestHost,
};
use metodist_core::Edit;

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/sample-programme.metodist.json")
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

struct Fixture {
    dir: tempfile::TempDir,
    session: Session,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let session = Session::at(dir.path().join("metodist.sqlite3"));
        Self { dir, session }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn host(&self) -> TestHost {
        TestHost::new(day("2025-03-10"))
    }

    fn imported(&self) -> i64 {
        programmes::import_file(&self.session, &sample()).expect("import the sample")
    }
}

fn invalid(result: Result<impl std::fmt::Debug, ApiError>) -> String {
    match result {
        Err(ApiError::Invalid(message)) => message,
        other => panic!("expected an invalid request, got {other:?}"),
    }
}

#[test]
fn import_and_export_go_through_the_dialogs_and_a_cancel_does_nothing() {
    let f = Fixture::new();
    let mut host = f.host();
    assert_eq!(
        programmes::import_programme(&f.session, &host).unwrap(),
        None
    );
    assert!(programmes::list_programmes(&f.session).unwrap().is_empty());

    host.open_from = Some(sample());
    let id = programmes::import_programme(&f.session, &host)
        .unwrap()
        .expect("imported");
    assert_eq!(programmes::list_programmes(&f.session).unwrap().len(), 1);

    assert_eq!(
        programmes::export_programme(&f.session, &host, id).unwrap(),
        None
    );
    let out = f.path("out.metodist.json");
    host.save_to = Some(out.clone());
    let written = programmes::export_programme(&f.session, &host, id).unwrap();
    assert_eq!(written, Some(out.display().to_string()));
    let back = metodist_core::exchange::read_file(&out).unwrap();
    assert_eq!(back, editor::load_programme(&f.session, id).unwrap());
}

/// A save through the dialog: cancelled, it writes and opens nothing; to
/// `name`, it writes there and opens that file. Returns what `save` says
/// and the bytes written.
fn saved_where_she_chose<T>(
    f: &Fixture,
    name: &str,
    save: impl Fn(&TestHost) -> Result<Option<T>, ApiError>,
) -> (T, Vec<u8>) {
    let mut host = f.host();
    assert!(save(&host).unwrap().is_none(), "a cancel saves nothing");
    assert!(host.shown.lock().unwrap().is_empty());
    let path = f.path(name);
    host.save_to = Some(path.clone());
    let said = save(&host).unwrap().expect("saved");
    assert_eq!(*host.shown.lock().unwrap(), vec![path.clone()]);
    (said, std::fs::read(&path).unwrap())
}

#[test]
fn printing_writes_the_pdf_where_she_chose_and_shows_it() {
    let f = Fixture::new();
    let id = f.imported();
    let profile = metodist_print::LayoutProfile::default().name;
    let (printed, bytes) = saved_where_she_chose(&f, "programme.pdf", |host| {
        printing::print_programme(
            &f.session,
            host,
            id,
            printing::PrintMode::AppendixOnly,
            profile.clone(),
        )
    });
    assert!(printed.pages > 3, "{} pages", printed.pages);
    assert!(bytes.starts_with(b"%PDF"));
}

#[test]
fn saving_in_word_writes_the_docx_where_she_chose_and_opens_it() {
    let f = Fixture::new();
    let id = f.imported();
    let profile = metodist_print::LayoutProfile::default().name;
    let (saved, bytes) = saved_where_she_chose(&f, "programme.docx", |host| {
        printing::save_docx(
            &f.session,
            host,
            id,
            printing::PrintMode::WholeAct,
            profile.clone(),
        )
    });
    assert_eq!(saved.path, f.path("programme.docx").display().to_string());
    // A zip package (PK) with the Word parts in it.
    assert!(bytes.starts_with(b"PK\x03\x04"));
    assert!(bytes.windows(17).any(|w| w == b"word/document.xml"));
}

#[test]
fn word_is_never_saved_over_the_database() {
    let f = Fixture::new();
    let id = f.imported();
    let mut host = f.host();
    host.save_to = Some(f.session.db_path().unwrap());
    let before = std::fs::read(f.session.db_path().unwrap()).unwrap();
    let error = printing::save_docx(
        &f.session,
        &host,
        id,
        printing::PrintMode::WholeAct,
        metodist_print::LayoutProfile::default().name,
    )
    .unwrap_err();
    assert_eq!(error.code(), "output_protected");
    assert_eq!(std::fs::read(f.session.db_path().unwrap()).unwrap(), before);
    assert!(host.shown.lock().unwrap().is_empty());
}

#[test]
fn a_report_period_that_ends_before_it_starts_is_refused_before_any_dialog() {
    let f = Fixture::new();
    let id = f.imported();
    let mut host = f.host();
    host.save_to = Some(f.path("report.pdf"));
    let message = invalid(tracking::print_report(
        &f.session,
        &host,
        id,
        day("2025-06-01"),
        day("2025-05-31"),
        metodist_print::LayoutProfile::default().name,
    ));
    assert!(message.contains("01.06.2025"), "{message}");
    assert!(!f.path("report.pdf").exists());
}

#[test]
fn one_profile_list_a_broken_stored_profile_is_left_out_and_named_when_asked_for() {
    let f = Fixture::new();
    let own = metodist_print::LayoutProfile {
        name: "Мой профиль".into(),
        ..Default::default()
    };
    printing::save_layout_profile(&f.session, own.clone()).unwrap();
    f.session
        .with_store_mut(|s| s.save_layout_profile("Сломанный", "{\"page_width_mm\": \"широкий\"}"))
        .unwrap();

    let names: Vec<String> = printing::layout_profiles(&f.session)
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    let builtin = metodist_print::LayoutProfile::builtin();
    assert_eq!(names.len(), builtin.len() + 1, "{names:?}");
    assert_eq!(names.last().map(String::as_str), Some("Мой профиль"));

    let message = invalid(printing::chosen_profile(&f.session, Some("Сломанный")));
    assert!(message.contains("«Сломанный» повреждён"), "{message}");
    let message = invalid(printing::chosen_profile(&f.session, Some("Нет такого")));
    assert!(message.contains("нет профиля «Нет такого»"), "{message}");
    assert_eq!(
        printing::chosen_profile(&f.session, Some("Мой профиль")).unwrap(),
        own
    );

    // A built-in profile can be copied, never changed, renamed or deleted.
    let gost = builtin[0].clone();
    for result in [
        printing::save_layout_profile(&f.session, gost.clone()),
        printing::rename_layout_profile(&f.session, gost.name.clone(), "Другое".into()),
        printing::rename_layout_profile(&f.session, "Мой профиль".into(), gost.name.clone()),
        printing::delete_layout_profile(&f.session, gost.name.clone()),
    ] {
        assert!(invalid(result).contains("встроенный профиль"));
    }
}

#[test]
fn the_screens_count_from_the_hosts_today() {
    let f = Fixture::new();
    let id = f.imported();
    let host = f.host();
    let cx = Context::new(&f.session, &host);
    let early = cx.run(|cx| tracking::today_view(cx.session, id, day("2024-09-01")));
    let late = cx.run(|cx| tracking::today_view(cx.session, id, cx.host.today()));
    let (early, late) = (early.unwrap(), late.unwrap());
    assert_eq!(late.today.today, day("2025-03-10"));
    assert!(
        late.today.overdue.len() > early.today.overdue.len(),
        "{} overdue on 10.03.2025, {} on 01.09.2024",
        late.today.overdue.len(),
        early.today.overdue.len()
    );
    assert_eq!(tracking::tracking_today(&host).unwrap(), day("2025-03-10"));
}

#[test]
fn a_new_draft_from_a_template_starts_after_today() {
    let f = Fixture::new();
    let key = programmes::list_templates(&f.session).unwrap()[0]
        .key
        .clone();
    let id = programmes::create_from_template(&f.session, key, day("2026-11-23")).unwrap();
    let p = editor::load_programme(&f.session, id).unwrap();
    assert!(
        p.period.start.first_day() > day("2026-11-23"),
        "{:?}",
        p.period
    );
}

#[test]
fn an_edit_is_stored_and_undone() {
    let f = Fixture::new();
    let id = f.imported();
    let edit = Edit::SetTitle {
        title: "Новое название".into(),
    };
    let applied = editor::apply_edit(&f.session, id, edit, day("2025-03-10")).unwrap();
    assert!(applied.undo.can_undo.is_some());
    assert_eq!(
        editor::load_programme(&f.session, id).unwrap().title,
        "Новое название"
    );
    editor::undo(&f.session, id).unwrap();
    assert_ne!(
        editor::load_programme(&f.session, id).unwrap().title,
        "Новое название"
    );
}

#[test]
fn a_new_database_is_never_created_over_an_existing_file() {
    let f = Fixture::new();
    f.imported();
    let existing = f.path("other.sqlite3");
    std::fs::write(&existing, b"kept").unwrap();
    let mut host = f.host();
    host.save_to = Some(existing.clone());
    let message = invalid(backups::create_database(&f.session, &host));
    assert!(message.contains("не будет перезаписан"), "{message}");
    assert_eq!(std::fs::read(&existing).unwrap(), b"kept");
    // The current database stays in use.
    assert_eq!(programmes::list_programmes(&f.session).unwrap().len(), 1);

    let fresh = f.path("fresh/new.sqlite3");
    host.save_to = Some(fresh.clone());
    let switched = backups::create_database(&f.session, &host).unwrap();
    assert_eq!(switched, Some(fresh.display().to_string()));
    assert!(programmes::list_programmes(&f.session).unwrap().is_empty());
    assert!(Path::new(&fresh).is_file());
}

/// A save dialog pointed at the open database, its `-wal`, a backup or the
/// single-window marker: export, print and the report all refuse it, the
/// file is left as it was and nothing is shown in the viewer.
#[test]
fn the_save_dialogs_never_write_over_the_database_or_its_files() {
    let f = Fixture::new();
    let id = f.imported();
    let backup = backups::create_backup(&f.session).unwrap().path;
    let db = f.session.db_path().unwrap();
    let marker = PathBuf::from(format!("{}.instance", db.display()));
    std::fs::write(&marker, b"1234 token\n").unwrap();
    let mut wal = db.as_os_str().to_os_string();
    wal.push("-wal");
    let wal = PathBuf::from(wal);
    assert!(wal.exists(), "the database is open in WAL mode");
    let profile = metodist_print::LayoutProfile::default().name;

    for target in [db.clone(), wal.clone(), backup.clone(), marker.clone()] {
        let before = std::fs::read(&target).unwrap();
        let mut host = f.host();
        host.save_to = Some(target.clone());
        let results = [
            programmes::export_programme(&f.session, &host, id).map(drop),
            printing::print_programme(
                &f.session,
                &host,
                id,
                printing::PrintMode::WholeAct,
                profile.clone(),
            )
            .map(drop),
            tracking::print_report(
                &f.session,
                &host,
                id,
                day("2024-09-01"),
                day("2025-05-31"),
                profile.clone(),
            )
            .map(drop),
        ];
        for result in results {
            let e = result
                .err()
                .unwrap_or_else(|| panic!("{} is refused", target.display()));
            assert_eq!(e.code(), "output_protected", "{e}");
            assert!(e.to_string().starts_with("Нельзя сохранить в «"), "{e}");
        }
        assert!(host.shown.lock().unwrap().is_empty());
        if target != wal {
            // The -wal file is SQLite's to change; the others must be as
            // they were, byte for byte.
            assert_eq!(std::fs::read(&target).unwrap(), before);
        }
    }
    assert_eq!(programmes::list_programmes(&f.session).unwrap().len(), 1);
    assert_eq!(f.session.with_store(|s| s.integrity_check()).unwrap(), "ok");
}

#[test]
fn the_passport_repeats_the_data_and_readiness_names_each_field() {
    use metodist_core::model::{PassportKey, TextBlock};
    let f = Fixture::new();
    let key = programmes::list_templates(&f.session).unwrap()[0]
        .key
        .clone();
    let id = programmes::create_from_template(&f.session, key, day("2026-11-23")).unwrap();
    let p = editor::load_programme(&f.session, id).unwrap();
    let derived = editor::derived_passport(&f.session, id).unwrap();
    // Name, tasks, indicators and terms: the four rows that repeat the data.
    assert_eq!(derived.len(), 4, "{derived:#?}");
    let indicators_row = p
        .passport
        .iter()
        .find(|r| r.key == PassportKey::Indicators)
        .unwrap();
    let shown = |derived: &[editor::DerivedRow]| -> Vec<String> {
        let row = derived
            .iter()
            .find(|d| d.uid == indicators_row.uid)
            .unwrap();
        match row.content.as_slice() {
            [TextBlock::Numbered { items }] => items.clone(),
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(shown(&derived).len(), p.indicators.len());
    let mut new = p.indicators[0].clone();
    new.uid = String::new();
    new.name = "Число призёров олимпиад".into();
    new.unit = "чел.".into();
    new.task = None;
    editor::apply_edit(
        &f.session,
        id,
        Edit::PutIndicator {
            at: None,
            indicator: new,
        },
        day("2026-11-23"),
    )
    .unwrap();
    let derived = editor::derived_passport(&f.session, id).unwrap();
    assert_eq!(
        shown(&derived).last().map(String::as_str),
        Some("Число призёров олимпиад, чел.")
    );
    // The new indicator has no base value and no plans: readiness sends
    // her to the cells, by name.
    let n = p.indicators.len();
    let problems = editor::readiness(&f.session, id).unwrap();
    let paths: Vec<&str> = problems.iter().map(|x| x.path.as_str()).collect();
    let first_year = p.period.start.year();
    assert!(
        paths.contains(&format!("indicators[{n}].base_value").as_str()),
        "{paths:#?}"
    );
    assert!(
        paths.contains(&format!("indicators[{n}].plan[{first_year}]").as_str()),
        "{paths:#?}"
    );
    // The template's act placeholders are each at their field.
    assert!(paths.iter().any(|p| p.starts_with("act.")), "{paths:#?}");
    assert!(
        paths
            .iter()
            .all(|p| !p.is_empty() && (p.contains('.') || p.ends_with(']') || *p == "title")),
        "{paths:#?}"
    );
}
