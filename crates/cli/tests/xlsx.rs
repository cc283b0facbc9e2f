//! `metodist export ID -o X.xlsx`: the roadmap with its execution and the
//! indicators of the sample programme as a workbook, read back with
//! calamine (issue #15).

mod common;

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, DataType, Reader, Xlsx};
use chrono::NaiveDate;
use metodist_core::{tracking, Store};

use common::{sample, Env};

#[test]
fn export_to_xlsx_has_every_due_date_with_its_status_and_json_stays_the_default() {
    let env = Env::with_sample();
    let dir = env.root();
    let xlsx = dir.join("Исполнение.XLSX");
    let out = env.ok_output(&[
        "export",
        "1",
        "-o",
        xlsx.to_str().unwrap(),
        "--today",
        "2025-09-15",
    ]);
    assert!(out.stdout.is_empty() && out.stderr.is_empty());

    // What the core says, from the same database.
    let store = Store::open(&env.db()).unwrap();
    let p = store.load(1).unwrap();
    let schedules = store.item_schedules(1).unwrap();
    let entries = tracking::entries(&p, &schedules);
    let as_of: NaiveDate = "2025-09-15".parse().unwrap();

    let bytes = std::fs::read(&xlsx).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["Дорожная карта", "Показатели"]);
    let sheet = book.worksheet_range("Дорожная карта").unwrap();
    let rows: Vec<(String, Option<NaiveDate>, String, Option<NaiveDate>)> = sheet
        .rows()
        .skip(3)
        .map(|r| {
            let s = |c: usize| r[c].get_string().unwrap_or_default().to_string();
            let date = |c: usize| match &r[c] {
                Data::Empty => None,
                v @ Data::DateTime(_) => v.as_date(),
                other => panic!("not a date: {other:?}"),
            };
            (s(0), date(6), s(7), date(8))
        })
        .collect();
    // Every due date in roadmap order with the status as of --today.
    let dated: Vec<_> = rows.iter().filter(|r| r.1.is_some()).cloned().collect();
    let expected: Vec<_> = entries
        .iter()
        .map(|e| (e.number.clone(), Some(e.due), e.status_on(as_of), e.done_on))
        .collect();
    assert_eq!(dated, expected);
    assert!(
        dated.iter().any(|r| r.2 == "просрочено"),
        "the sample has due dates before 15.09.2025 without a record"
    );
    let done = dated
        .iter()
        .find(|r| r.0 == "1.1" && r.1 == "2024-09-30".parse().ok())
        .unwrap();
    assert_eq!(done.2, "выполнено");
    assert_eq!(done.3, "2024-09-12".parse().ok());
    // Every item is there, dated or not.
    for (number, _, _) in p.numbered_items() {
        assert!(rows.iter().any(|r| r.0 == number), "item {number}");
    }
    let indicators = book.worksheet_range("Показатели").unwrap();
    for (n, i) in p.indicators.iter().enumerate() {
        assert_eq!(
            indicators.get_value((4 + n as u32, 1)),
            Some(&Data::String(i.name.trim().to_string()))
        );
    }

    // Any other name is the exchange file, as before; --today is for .xlsx only.
    let json = dir.join("out.json");
    env.ok_output(&["export", "1", "-o", json.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&json)
        .unwrap()
        .contains("\"format\": \"metodist-programme\""));
    let refused = env.run(&[
        "export",
        "1",
        "-o",
        json.to_str().unwrap(),
        "--today",
        "2025-09-15",
    ]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("только для таблицы Excel"));
    // Never over the database, even one whose name ends in .xlsx.
    let odd_env = Env::with_db_name("база.xlsx");
    odd_env.ok(&["import", sample().to_str().unwrap()]);
    let odd = odd_env.db();
    let before = std::fs::read(&odd).unwrap();
    let over = odd_env.run(&["export", "1", "-o", odd.to_str().unwrap()]);
    assert!(!over.status.success());
    assert!(
        String::from_utf8_lossy(&over.stderr).contains("файл базы данных"),
        "{}",
        String::from_utf8_lossy(&over.stderr)
    );
    assert_eq!(std::fs::read(&odd).unwrap(), before, "nothing written");
}
