//! `metodist report`: the progress report of the sample programme for a
//! school year, read back from the PDF with pdftotext.

mod common;

use metodist_core::effectiveness::{Method, Standard};
use metodist_core::{tracking, Store};

use common::{pdftotext, Env};

/// Text with the runs of spaces of `-layout` squeezed to one.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn line_with<'a>(text: &'a str, parts: &[&str]) -> Option<&'a str> {
    text.lines().find(|l| parts.iter().all(|p| l.contains(p)))
}

#[test]
fn report_of_a_school_year_lists_items_indicators_and_rating() {
    let env = Env::with_sample();
    let dir = env.root();
    let pdf = dir.join("report.pdf");
    let out = env.ok_output(&[
        "report",
        "1",
        "--from",
        "2024-09",
        "--to",
        "2025-08",
        "--today",
        "2025-09-15",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert!(
        out.stderr.is_empty(),
        "no warnings (dates must fit their columns): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = pdftotext(&pdf);
    let flat = squeeze(&text);
    assert!(
        flat.contains("Отчёт о ходе реализации муниципальной программы поддержки школ"),
        "{flat}"
    );
    assert!(flat.contains("за период с 01.09.2024 по 31.08.2025"));
    // 1.1 was due 30.09.2024 and done on 12.09.2024.
    let done = line_with(&text, &["1.1", "30.09.2024", "выполнено", "12.09.2024"]);
    assert!(done.is_some(), "a done item with its date:\n{text}");
    // «до 15 октября 2024 г.» was not done.
    assert!(
        line_with(&text, &["15.10.2024", "не выполнено"]).is_some(),
        "a not-done item:\n{text}"
    );
    // A moved date shows as moved, and its new date is due in its turn.
    assert!(line_with(&text, &["1.3", "31.03.2025", "перенесено на"]).is_some());
    // Made on 15.09.2025, a due date of the period with no record is
    // overdue, not «запланировано».
    assert!(
        line_with(&text, &["1.3", "То же", "30.04.2025", "просрочено"]).is_some(),
        "{text}"
    );
    assert!(!text.contains("запланировано"), "{text}");
    // Nothing due after the period.
    assert!(!text.contains("30.09.2025"));

    for header in [
        "Показатель",
        "Ед. изм.",
        "План",
        "Факт",
        "Степень достижения",
    ] {
        assert!(flat.contains(header), "indicator table header {header}");
    }
    // Values with a decimal comma: the first indicator's plan for 2024.
    assert!(
        line_with(&text, &["2024", "21,43", "21,43", "1,00"]).is_some(),
        "{text}"
    );

    // The figures are those of the standard method on the same data.
    let store = Store::open(&env.db()).unwrap();
    let p = store.load(1).unwrap();
    let entries = tracking::entries(&p, &store.item_schedules(1).unwrap());
    let from = chrono::NaiveDate::from_ymd_opt(2024, 9, 1).unwrap();
    let to = chrono::NaiveDate::from_ymd_opt(2025, 8, 31).unwrap();
    let made = chrono::NaiveDate::from_ymd_opt(2025, 9, 15).unwrap();
    let e = Standard.evaluate(&p, &entries, from, to, made);
    let two = |v: f64| format!("{v:.2}").replace('.', ",");
    let overall = e.overall.expect("the sample has indicators and items due");
    let rating = e.rating.unwrap();
    assert!(
        flat.contains(&format!(
            "Интегральная оценка эффективности реализации программы: {} — {} эффективность",
            two(overall),
            rating.label()
        )),
        "{flat}"
    );
    assert!(flat.contains(&format!(
        "Степень выполнения мероприятий: {} (выполнено {} из {}",
        two(e.activities.unwrap()),
        e.items_done,
        e.items_due
    )));
    assert!(
        flat.contains(&format!("просрочено сроков: {}", e.overdue)),
        "{flat}"
    );
    // The items no month tracks are named, not dropped in silence.
    assert!(flat.contains("Не учтены в отчёте"), "{flat}");
    assert!(flat.contains("срок не распознан"), "{flat}");
    assert!(flat.contains(&format!(
        "Степень достижения целей программы (среднее по показателям): {}",
        two(e.goals.unwrap())
    )));
    assert!(flat.contains("не менее 90 %"), "the method is explained");
}

#[test]
fn a_period_with_nothing_due_says_so_and_bad_periods_are_refused() {
    let env = Env::with_sample();
    let dir = env.root();
    let pdf = dir.join("empty.pdf");
    // Before the programme starts.
    env.ok_output(&[
        "report",
        "1",
        "--from",
        "2023-01",
        "--to",
        "2023-02",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    let flat = squeeze(&pdftotext(&pdf));
    assert!(
        flat.contains("не наступил срок ни одного мероприятия"),
        "{flat}"
    );
    assert!(flat.contains("Интегральную оценку эффективности"));
    assert!(!flat.contains("Дата выполнения"), "no empty table");

    let reversed = env.run(&[
        "report",
        "1",
        "--from",
        "2025-05",
        "--to",
        "2025-01",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(reversed.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&reversed.stderr).contains("позже"));
    let missing = env.run(&["report", "1", "-o", pdf.to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("--from"));
}
