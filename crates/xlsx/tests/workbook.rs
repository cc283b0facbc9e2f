//! The workbook read back as a spreadsheet program reads it (calamine), and
//! its package opened for what calamine does not show (frozen panes, the
//! autofilter, page setup, repeated rows). Issue #15, docs/design.md §5a.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use calamine::{open_workbook_from_rs, Data, DataType, Range, Reader, Xlsx};
use chrono::NaiveDate;
use metodist_core::effectiveness::{Evaluation, Method, Standard};
use metodist_core::model::Programme;
use metodist_core::schedule::{effective, NumberedSchedule};
use metodist_core::tracking::{self, DueEntry, Untracked};
use metodist_schedule::ScheduleKind;
use metodist_xlsx::{
    execution_workbook, untracked_status, ExecutionInput, INDICATORS_HEADER_ROW, INDICATORS_SHEET,
    INDICATOR_FIXED_COLUMNS, INDICATOR_TOTAL, ON_REQUEST, ROADMAP_COLUMNS, ROADMAP_HEADER_ROW,
    ROADMAP_SHEET, SUMMARY_LABELS,
};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The schedules the store would keep for `p`, without a store.
fn schedules(p: &Programme) -> Vec<NumberedSchedule> {
    p.numbered_items()
        .map(|(number, _, item)| NumberedSchedule {
            number,
            item: item.uid.clone(),
            schedule: effective(item, p.period),
        })
        .collect()
}

struct Made {
    entries: Vec<DueEntry>,
    untracked: Vec<Untracked>,
    evaluation: Evaluation,
    bytes: Vec<u8>,
    contents: metodist_xlsx::Contents,
}

fn make(p: &Programme, as_of: NaiveDate) -> Made {
    let s = schedules(p);
    let entries = tracking::entries(p, &s);
    let untracked = tracking::untracked(p, &s);
    let evaluation = Standard.evaluate(
        p,
        &entries,
        p.period.start.first_day(),
        p.period.end.last_day(),
        as_of,
    );
    let (bytes, contents) = execution_workbook(&ExecutionInput {
        programme: p,
        entries: &entries,
        untracked: &untracked,
        evaluation: &evaluation,
    })
    .unwrap();
    Made {
        entries,
        untracked,
        evaluation,
        bytes,
        contents,
    }
}

fn sheets(bytes: &[u8]) -> (Vec<String>, Range<Data>, Range<Data>) {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let names = book.sheet_names();
    let roadmap = book.worksheet_range(ROADMAP_SHEET).unwrap();
    let indicators = book.worksheet_range(INDICATORS_SHEET).unwrap();
    (names, roadmap, indicators)
}

fn at(r: &Range<Data>, row: u32, col: u32) -> Data {
    r.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn text(r: &Range<Data>, row: u32, col: u32) -> String {
    match at(r, row, col) {
        Data::String(s) => s,
        Data::Empty => String::new(),
        other => panic!("({row}, {col}) is not text: {other:?}"),
    }
}

/// A date cell: stored as a date (a number with a date format), not text.
fn date(r: &Range<Data>, row: u32, col: u32) -> Option<NaiveDate> {
    match at(r, row, col) {
        Data::Empty => None,
        v @ Data::DateTime(_) => Some(v.as_date().unwrap()),
        other => panic!("({row}, {col}) is not a date: {other:?}"),
    }
}

fn number(r: &Range<Data>, row: u32, col: u32) -> Option<f64> {
    match at(r, row, col) {
        Data::Empty => None,
        Data::Float(v) => Some(v),
        Data::Int(v) => Some(v as f64),
        other => panic!("({row}, {col}) is not a number: {other:?}"),
    }
}

/// The XML of one part of the package.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut out).unwrap();
    out
}

/// One row of the roadmap sheet: number, date, status, date done, comment, evidence.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    number: String,
    activity: String,
    deadline: String,
    due: Option<NaiveDate>,
    status: String,
    done_on: Option<NaiveDate>,
    comment: String,
    evidence: String,
}

fn lines(r: &Range<Data>) -> Vec<Line> {
    let (height, _) = r.get_size();
    ((ROADMAP_HEADER_ROW + 1)..height as u32)
        .map(|row| Line {
            number: text(r, row, 0),
            activity: text(r, row, 2),
            deadline: text(r, row, 3),
            due: date(r, row, 6),
            status: text(r, row, 7),
            done_on: date(r, row, 8),
            comment: text(r, row, 9),
            evidence: text(r, row, 10),
        })
        .collect()
}

fn programme() -> Programme {
    serde_json::from_value(serde_json::json!({
        "uid": "p-x",
        "title": "Программа поддержки школ",
        "status": "approved",
        "period": {"start": "2024-09", "end": "2025-05"},
        "indicators": [
            {"uid": "i-1", "name": "Доля выпускников, сдавших ОГЭ", "unit": "%",
             "direction": "increase", "base_value": 70.0, "base_year": 2023,
             "values": [{"year": 2024, "plan": 75.0, "fact": 76.21}, {"year": 2025, "plan": 80.0}]},
            {"uid": "i-2", "name": "Число обоснованных жалоб", "unit": "ед.",
             "direction": "decrease", "values": [{"year": 2024, "plan": 5.0, "fact": 10.0}]}
        ],
        "roadmap": {"blocks": [
            {"uid": "b-1", "title": "Кадры", "items": [
                {"uid": "it-1", "activity": "Методический семинар", "deadline": "Ежемесячно",
                 "responsible": "ИМЦ", "expected_result": "Протоколы",
                 "tracking": [
                    {"due": "2024-09-30", "status": "done", "done_on": "2024-09-28", "evidence": "приказ № 5"},
                    {"due": "2024-10-31", "status": "not_done", "comment": "учитель болел"}
                 ]},
                {"uid": "it-2", "activity": "Диагностика", "deadline": "Октябрь 2024",
                 "responsible": "Школы",
                 "tracking": [{"due": "2024-10-31", "status": "moved", "moved_to": "2025-03-15"}]},
                {"uid": "it-3", "activity": "Мероприятие без срока", "deadline": ""}
            ]},
            {"uid": "b-2", "title": "Мониторинг", "items": [
                {"uid": "it-4", "activity": "Консультации", "deadline": "по запросу"},
                {"uid": "it-5", "activity": "Отчёт", "deadline": "Декабрь 2024",
                 "tracking": [{"due": "2024-12-31", "status": "done", "done_on": "2024-12-05"}]},
                {"uid": "it-6", "activity": "Совещание", "deadline": "когда получится"}
            ]}
        ]}
    }))
    .unwrap()
}

#[test]
fn every_due_date_is_a_row_with_its_status_as_of_the_day() {
    let p = programme();
    let as_of = d("2024-12-20");
    let m = make(&p, as_of);
    let (names, roadmap, _) = sheets(&m.bytes);
    assert_eq!(names, [ROADMAP_SHEET, INDICATORS_SHEET]);
    let header: Vec<String> = (0..ROADMAP_COLUMNS.len() as u32)
        .map(|c| text(&roadmap, ROADMAP_HEADER_ROW, c))
        .collect();
    assert_eq!(header, ROADMAP_COLUMNS);
    assert!(text(&roadmap, 0, 0).contains("Программа поддержки школ"));
    assert!(
        text(&roadmap, 1, 0).contains("20.12.2024"),
        "the day of the statuses"
    );

    let got = lines(&roadmap);
    // One row per due date, plus one per item without any.
    let undated = ["it-3", "it-4", "it-6"];
    assert_eq!(got.len(), m.entries.len() + undated.len());
    assert_eq!(
        (
            m.contents.items,
            m.contents.due_dates,
            m.contents.indicators
        ),
        (6, m.entries.len(), 2)
    );
    let numbers: HashMap<String, String> = p
        .numbered_items()
        .map(|(n, _, item)| (item.uid.clone(), n))
        .collect();
    // Every due date of every item, in roadmap order, with its status.
    let dated: Vec<&Line> = got.iter().filter(|l| l.due.is_some()).collect();
    assert_eq!(dated.len(), m.entries.len());
    for (line, e) in dated.iter().zip(&m.entries) {
        assert_eq!(line.number, numbers[&e.item]);
        assert_eq!(line.activity, e.activity);
        assert_eq!(line.deadline, e.deadline);
        assert_eq!(line.due, Some(e.due));
        assert_eq!(line.status, e.status_on(as_of));
        assert_eq!(line.done_on, e.done_on);
        assert_eq!(line.comment, e.comment);
        assert_eq!(line.evidence, e.evidence);
    }
    let find = |number: &str, due: &str| {
        got.iter()
            .find(|l| l.number == number && l.due == Some(d(due)))
            .unwrap_or_else(|| panic!("{number} {due}"))
    };
    // Done: its date and evidence.
    let done = find("1.1", "2024-09-30");
    assert_eq!(done.status, "выполнено");
    assert_eq!(done.done_on, Some(d("2024-09-28")));
    assert_eq!(done.evidence, "приказ № 5");
    assert_eq!(find("1.1", "2024-10-31").status, "не выполнено");
    assert_eq!(find("1.1", "2024-10-31").comment, "учитель болел");
    // Past and never marked: overdue, derived from the day.
    assert_eq!(find("1.1", "2024-11-30").status, "просрочено");
    assert_eq!(find("1.1", "2024-11-30").done_on, None);
    assert_eq!(find("1.1", "2024-12-31").status, "срок не наступил");
    assert_eq!(find("1.2", "2024-10-31").status, "перенесено на 15.03.2025");
    assert_eq!(find("1.2", "2025-03-15").status, "срок не наступил");
    assert_eq!(find("2.2", "2024-12-31").status, "выполнено");
    assert_eq!(find("2.2", "2024-12-31").done_on, Some(d("2024-12-05")));
    // The monthly item has every month of the period.
    assert_eq!(got.iter().filter(|l| l.number == "1.1").count(), 9);

    // Items without a due date: one row each, with the reason.
    let undated_lines: Vec<(&str, &str)> = got
        .iter()
        .filter(|l| l.due.is_none())
        .map(|l| (l.number.as_str(), l.status.as_str()))
        .collect();
    assert_eq!(
        undated_lines,
        [
            ("1.3", "не учтено: срок не указан"),
            ("2.1", ON_REQUEST),
            ("2.3", "не учтено: срок не распознан")
        ]
    );
    assert_eq!(m.untracked.len(), 2);
    assert_eq!(
        untracked_status(&m.untracked[0]),
        "не учтено: срок не указан"
    );
    let s = schedules(&p);
    assert_eq!(s[3].schedule.schedule.kind, ScheduleKind::OnRequest);

    // A day later the statuses move with it: nothing is stored.
    let later = make(&p, d("2025-01-10"));
    let (_, roadmap, _) = sheets(&later.bytes);
    let got = lines(&roadmap);
    let december = got
        .iter()
        .find(|l| l.number == "1.1" && l.due == Some(d("2024-12-31")))
        .unwrap();
    assert_eq!(december.status, "просрочено");
}

#[test]
fn indicators_have_plan_fact_and_degree_per_year_and_the_evaluation() {
    let p = programme();
    let m = make(&p, d("2024-12-20"));
    let (_, _, ind) = sheets(&m.bytes);
    let (top, sub) = (INDICATORS_HEADER_ROW, INDICATORS_HEADER_ROW + 1);
    for (c, title) in INDICATOR_FIXED_COLUMNS.iter().enumerate() {
        assert_eq!(text(&ind, top, c as u32), *title);
    }
    let fixed = INDICATOR_FIXED_COLUMNS.len() as u32;
    // The period runs September 2024 to May 2025: two years.
    assert_eq!(text(&ind, top, fixed), "2024");
    assert_eq!(text(&ind, top, fixed + 3), "2025");
    assert_eq!(
        (0..3)
            .map(|k| text(&ind, sub, fixed + k))
            .collect::<Vec<_>>(),
        ["План", "Факт", "СД"]
    );
    assert_eq!(text(&ind, top, fixed + 6), INDICATOR_TOTAL);

    let r1 = sub + 1;
    assert_eq!(number(&ind, r1, 0), Some(1.0));
    assert_eq!(text(&ind, r1, 1), "Доля выпускников, сдавших ОГЭ");
    assert_eq!(text(&ind, r1, 2), "%");
    assert_eq!(text(&ind, r1, 3), "рост");
    assert_eq!(number(&ind, r1, 4), Some(70.0));
    assert_eq!(number(&ind, r1, 5), Some(2023.0));
    assert_eq!(number(&ind, r1, fixed), Some(75.0));
    assert_eq!(number(&ind, r1, fixed + 1), Some(76.21));
    assert_eq!(number(&ind, r1, fixed + 2), Some(1.0), "capped at 1");
    assert_eq!(number(&ind, r1, fixed + 3), Some(80.0));
    assert_eq!(number(&ind, r1, fixed + 4), None, "no fact yet");
    assert_eq!(number(&ind, r1, fixed + 5), None);
    assert_eq!(number(&ind, r1, fixed + 6), Some(1.0));
    let r2 = r1 + 1;
    assert_eq!(text(&ind, r2, 3), "снижение");
    assert_eq!(number(&ind, r2, 4), None);
    assert_eq!(number(&ind, r2, fixed + 2), Some(0.5), "plan / fact");
    assert_eq!(number(&ind, r2, fixed + 6), Some(0.5));

    // Each degree is the evaluation's own.
    for s in &m.evaluation.indicators {
        let row = r1
            + p.indicators
                .iter()
                .position(|i| i.uid == s.indicator)
                .unwrap() as u32;
        let col = fixed + 3 * (s.year - 2024) as u32;
        assert_eq!(number(&ind, row, col), s.plan);
        assert_eq!(number(&ind, row, col + 1), s.fact);
        assert_eq!(number(&ind, row, col + 2), s.degree);
    }

    // The evaluation under the table, as effectiveness.rs computed it.
    let (height, _) = ind.get_size();
    let value_of = |label: &str| {
        let row = (r2 + 1..height as u32)
            .find(|&r| text(&ind, r, 1) == label)
            .unwrap_or_else(|| panic!("{label}"));
        at(&ind, row, 2)
    };
    let ev = &m.evaluation;
    assert_eq!(value_of(SUMMARY_LABELS[0]), Data::Float(ev.goals.unwrap()));
    assert_eq!(ev.goals, Some(0.75));
    assert_eq!(
        value_of(SUMMARY_LABELS[1]),
        Data::Float(ev.items_due as f64)
    );
    assert_eq!(
        value_of(SUMMARY_LABELS[2]),
        Data::Float(ev.items_done as f64)
    );
    assert_eq!(
        value_of(SUMMARY_LABELS[3]),
        Data::Float(ev.activities.unwrap())
    );
    assert_eq!(value_of(SUMMARY_LABELS[4]), Data::Float(ev.overdue as f64));
    assert!(ev.overdue >= 2, "November of 1.1 and October not done");
    assert_eq!(
        value_of(SUMMARY_LABELS[5]),
        Data::Float(ev.overall.unwrap())
    );
    assert_eq!(
        value_of(SUMMARY_LABELS[6]),
        Data::String(ev.rating.unwrap().label().to_string())
    );
}

#[test]
fn headers_are_frozen_repeated_and_filtered_on_a4_landscape() {
    let p = programme();
    let m = make(&p, d("2024-12-20"));
    let rows = m.entries.len() + 3;
    let sheet1 = part(&m.bytes, "xl/worksheets/sheet1.xml");
    // Frozen under the header row (row 3 in Excel's terms).
    assert!(
        sheet1.contains(
            r#"<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>"#
        ),
        "{sheet1}"
    );
    let last = ROADMAP_HEADER_ROW as usize + 1 + rows;
    assert!(
        sheet1.contains(&format!(r#"<autoFilter ref="A3:K{last}"/>"#)),
        "{sheet1}"
    );
    for sheet in [&sheet1, &part(&m.bytes, "xl/worksheets/sheet2.xml")] {
        assert!(sheet.contains(r#"paperSize="9""#), "A4");
        assert!(sheet.contains(r#"orientation="landscape""#));
        assert!(sheet.contains(r#"fitToHeight="0""#), "one page wide");
    }
    let sheet2 = part(&m.bytes, "xl/worksheets/sheet2.xml");
    assert!(sheet2.contains(r#"ySplit="4""#), "both header rows frozen");
    assert!(sheet2.contains(r#"<autoFilter ref="A4:M6"/>"#), "{sheet2}");
    let book = part(&m.bytes, "xl/workbook.xml");
    assert!(
        book.contains("'Дорожная карта'!$3:$3"),
        "the header row on every page: {book}"
    );
    assert!(book.contains("Показатели!$3:$4"), "{book}");
    // Dates are shown as ДД.ММ.ГГГГ.
    let styles = part(&m.bytes, "xl/styles.xml");
    assert!(
        styles.contains(r#"formatCode="dd\.mm\.yyyy""#)
            || styles.contains(r#"formatCode="dd.mm.yyyy""#),
        "{styles}"
    );
}

/// The sample programme (tests/fixtures): every item is on the sheet, and
/// every due date with its status on a day in the middle of the period.
#[test]
fn the_sample_programme_has_every_item_and_due_date() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/sample-programme.metodist.json"
    );
    let p = metodist_core::exchange::read_file(std::path::Path::new(path)).unwrap();
    let as_of = d("2025-11-15");
    let m = make(&p, as_of);
    let (_, roadmap, ind) = sheets(&m.bytes);
    let got = lines(&roadmap);
    let with_dates: std::collections::HashSet<&str> =
        m.entries.iter().map(|e| e.item.as_str()).collect();
    let mut expected = Vec::new();
    for (number, _, item) in p.numbered_items() {
        let dues: Vec<&DueEntry> = m.entries.iter().filter(|e| e.item == item.uid).collect();
        if dues.is_empty() {
            let status = m
                .untracked
                .iter()
                .find(|u| u.item == item.uid)
                .map(untracked_status)
                .unwrap_or_else(|| ON_REQUEST.to_string());
            expected.push((
                number.clone(),
                item.activity.trim().to_string(),
                None,
                status,
            ));
        }
        for e in dues {
            expected.push((
                number.clone(),
                item.activity.trim().to_string(),
                Some(e.due),
                e.status_on(as_of),
            ));
        }
    }
    let actual: Vec<(String, String, Option<NaiveDate>, String)> = got
        .iter()
        .map(|l| {
            (
                l.number.clone(),
                l.activity.clone(),
                l.due,
                l.status.clone(),
            )
        })
        .collect();
    assert_eq!(actual, expected);
    assert_eq!(m.contents.items, p.item_count());
    assert!(
        with_dates.len() > p.item_count() / 2,
        "most items have dates"
    );
    assert!(
        got.iter().any(|l| l.status == "просрочено") || m.evaluation.overdue == 0,
        "an overdue date shows as such"
    );
    // Every indicator has its row.
    for (n, i) in p.indicators.iter().enumerate() {
        assert_eq!(
            text(&ind, INDICATORS_HEADER_ROW + 2 + n as u32, 1),
            i.name.trim()
        );
    }
}
