//! «Сохранить в Excel (.xlsx)»: through the save dialog, as of the host's
//! today, opened afterwards; a cancel writes nothing (issue #15).

use std::path::PathBuf;

use chrono::NaiveDate;
use metodist_api::{programmes, tracking, Context, Session, TestHost};

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/sample-programme.metodist.json")
}

#[test]
fn the_workbook_is_saved_where_chosen_as_of_today_and_shown() {
    let dir = tempfile::tempdir().unwrap();
    let session = Session::at(dir.path().join("metodist.sqlite3"));
    let id = programmes::import_file(&session, &sample()).unwrap();
    let today: NaiveDate = "2025-03-10".parse().unwrap();
    let mut host = TestHost::new(today);

    // Cancelled: nothing written, nothing shown.
    assert!(tracking::save_execution_xlsx(&session, &host, id)
        .unwrap()
        .is_none());
    assert!(host.shown.lock().unwrap().is_empty());

    let out = dir.path().join("исполнение.xlsx");
    host.save_to = Some(out.clone());
    // Through the command list, as the window calls it.
    let cx = Context::new(&session, &host);
    let saved = cx
        .run(|cx| tracking::save_execution_xlsx(cx.session, cx.host, id))
        .unwrap()
        .expect("saved");
    assert_eq!(saved.path, out.display().to_string());
    assert_eq!(saved.as_of, today);
    let t = tracking::tracked(&session, id).unwrap();
    assert_eq!(saved.items, t.programme.item_count());
    assert_eq!(saved.due_dates, t.entries.len());
    assert_eq!(saved.indicators, t.programme.indicators.len());
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(&bytes[..2], b"PK", "an .xlsx is a zip package");
    assert_eq!(*host.shown.lock().unwrap(), std::slice::from_ref(&out));
    // The same bytes as the function the CLI calls, on the same day.
    let again = dir.path().join("cli.xlsx");
    tracking::export_execution(&session, id, &again, today).unwrap();
    let (expected, _) = tracking::execution_workbook(&t, today).unwrap();
    assert_eq!(std::fs::read(&again).unwrap().len(), expected.len());

    // Never over the database.
    host.save_to = Some(dir.path().join("metodist.sqlite3"));
    let e = tracking::save_execution_xlsx(&session, &host, id).unwrap_err();
    assert_eq!(e.code(), "output_protected");
}
