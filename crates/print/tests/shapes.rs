//! Programmes in their own shapes (issue #14, docs/design.md §2.7): the
//! fixtures in tests/fixtures/shapes reproduce, in our own words, the
//! shapes of real programmes — a district decree with «Раздел I.»
//! headings and indicators listed by name, an institution's order
//! («ПРИКАЗ № N» / «по …» / «от …г.») without an appendix mark, with the
//! passport as «Раздел 1.», Arabic sections after the «Раздел» ones and a
//! passport row of five sub-rows, and a programme «УТВЕРЖДЕНО» by a
//! department with a flat roadmap numbered «1.», «2.» …. Each is printed
//! and read back from the PDF with pdftotext, and survives the exchange
//! file and the database unchanged.

mod common;

use std::path::{Path, PathBuf};

use metodist_core::{exchange, Programme, Store};
use metodist_print::ComposeMode;

use common::{fixture, pdftotext, words, Word};

/// The programme printed whole, kept in the target directory to look at.
fn print(name: &str, p: &Programme) -> PathBuf {
    common::print("shapes", name, p, ComposeMode::WholeAct)
}

/// Every printed line, with runs of spaces (the layout's columns) made one.
fn lines(pdf: &Path) -> Vec<String> {
    pdftotext(pdf, &["-layout"])
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

fn position(lines: &[String], what: &str) -> usize {
    lines
        .iter()
        .position(|l| l.contains(what))
        .unwrap_or_else(|| panic!("«{what}» is not printed:\n{}", lines.join("\n")))
}

/// Asserts that the texts appear in this order.
fn in_order(lines: &[String], texts: &[&str]) {
    let mut at = 0;
    for t in texts {
        let found = lines[at..]
            .iter()
            .position(|l| l.contains(t))
            .unwrap_or_else(|| {
                panic!(
                    "«{t}» is not printed after line {at}:\n{}",
                    lines.join("\n")
                )
            });
        at += found;
    }
}

/// Whether the words of `phrase` stand next to each other on one line.
fn on_one_line(words: &[Word], phrase: &str) -> bool {
    let want: Vec<&str> = phrase.split_whitespace().collect();
    words.windows(want.len()).any(|w| {
        w.iter().zip(&want).all(|(a, b)| a.text == *b)
            && w.iter()
                .all(|a| a.page == w[0].page && (a.y_mid() - w[0].y_mid()).abs() < 2.0)
    })
}

fn survives_exchange_and_store(p: &Programme) {
    let text = exchange::to_json(p);
    assert_eq!(&exchange::from_json(&text).unwrap(), p);
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import(p).unwrap();
    assert_eq!(&store.load(id).unwrap(), p);
}

#[test]
fn a_district_decree_prints_its_own_headings_and_lists_its_indicators() {
    let p = fixture("district-decree");
    survives_exchange_and_store(&p);
    let pdf = print("district-decree", &p);
    let l = lines(&pdf);
    // Issuer lines as typed: the third is not forced into capitals.
    in_order(
        &l,
        &[
            "РОССИЙСКАЯ ФЕДЕРАЦИЯ",
            "Администрация Северного района",
            "ПОСТАНОВЛЕНИЕ",
            "от 03.08.2021г. № 299",
        ],
    );
    assert!(!l.iter().any(|x| x.contains("АДМИНИСТРАЦИЯ СЕВЕРНОГО")));
    // The title's own line breaks.
    in_order(
        &l,
        &[
            "О дополнении муниципальной программы",
            "«Развитие образования Северного района»",
            "подпрограммой «Управление качеством образования»",
        ],
    );
    // No title above the passport: the mark, then the passport's own heading.
    in_order(
        &l,
        &[
            "Приложение",
            "от 03.08.2021г.",
            "Паспорт подпрограммы «Управление качеством образования»",
            "Раздел I. Характеристика проблемы",
            "Раздел II. Целевые показатели",
            "1. доля школ с низкими результатами",
            "Раздел III.",
            "Основные риски подпрограммы",
            "Раздел IV. Комплекс мероприятий",
            "№ п/п Мероприятия Сроки Ответственные",
            "1. Организация и управление",
            "1.1. Подготовка нормативных",
            "2. Развитие кадрового потенциала",
            "2.3. Стажировки молодых учителей",
        ],
    );
    // «Раздел III.» stands on a line of its own, as typed.
    assert_eq!(l[position(&l, "Раздел III.")], "Раздел III.");
    // Indicators with names only are a list, not a table with empty cells.
    assert!(!l.iter().any(|x| x.contains("Наименование показателя")));
    assert!(!l.iter().any(|x| x.contains("Паспорт программы")));
    assert!(on_one_line(&words(&pdf), "от 03.08.2021г."));
}

#[test]
fn an_institution_order_prints_its_heading_and_numbers_as_the_original() {
    let p = fixture("institution-order");
    survives_exchange_and_store(&p);
    let pdf = print("institution-order", &p);
    let l = lines(&pdf);
    in_order(
        &l,
        &[
            "ПРИКАЗ № 45-01",
            "по МКУ «Управление образования Заозёрного района»",
            "от 03.12.2021г.",
            "г. Заозёрск",
            "Об утверждении муниципальной программы",
            "«Качество образования в школах Заозёрного района»",
            "на 2022 – 2024 годы",
            "п р и к а з ы в а ю:",
        ],
    );
    // The kind of act is not repeated apart from its number.
    assert!(!l.iter().any(|x| x == "ПРИКАЗ"));
    // No appendix mark at all.
    assert!(!l.iter().any(|x| x.starts_with("Приложение")));
    in_order(
        &l,
        &[
            "Муниципальная программа «Качество образования",
            "Раздел 1. Паспорт Программы",
            "Основания для разработки Конституция Российской Федерации;",
            "Федеральный закон от 29.12.2012",
            "государственная программа развития образования;",
            "приказ министерства образования области",
            "приказ управления образования от 11.01.2021 № 08.",
            "Цель Программы",
            "Раздел 2. Проблемно-ориентированный анализ",
            "Раздел 3. Цели, задачи",
            "1. Направления работы",
            "2. Ресурсы",
            "Раздел 5.",
            "Комплекс мер, направленных",
            "1. Нормативное обеспечение",
            "1.1. Выявление школ",
            "2.3. Единый методический день",
        ],
    );
    let header = position(&l, "Наименование направлений/");
    assert!(l[header - 2..header + 3]
        .iter()
        .any(|x| x.contains("Ответственные")));
    assert!(l.iter().any(|x| x.contains("Результат")));
    assert!(!l.iter().any(|x| x.contains("Мероприятие")));
    assert!(!l.iter().any(|x| x.contains("Ожидаемый")));
    let w = words(&pdf);
    assert!(on_one_line(&w, "ПРИКАЗ № 45-01"));
    assert!(on_one_line(&w, "от 03.12.2021г."));
}

#[test]
fn a_flat_plan_is_numbered_one_two_three_without_block_rows() {
    let p = fixture("flat-plan");
    survives_exchange_and_store(&p);
    let pdf = print("flat-plan", &p);
    let l = lines(&pdf);
    in_order(
        &l,
        &[
            "Приложение № 1",
            "УТВЕРЖДЕНО",
            "приказом управления образования",
            "МУНИЦИПАЛЬНАЯ ПРОГРАММА поддержки школ",
            "1. Паспорт программы",
            "2. Описание текущей ситуации",
            "3. Принципы, лежащие в основе Программы",
            "4. «Дорожная карта» разработки и реализации Программы",
            "Мероприятия Отв. Сроки",
            "1. Создание муниципальной команды",
            "2. Создание муниципальной команды",
            "3. Сетевое взаимодействие",
            "5. Семинары для административных",
            "Показатели достижения цели программы",
            "1. Доля педагогов школ",
        ],
    );
    assert!(!l.iter().any(|x| x.contains("УТВЕРЖДЕНА")));
    // No block row, no «1.1»: the plan's «п. 3» is item 3.
    assert!(!l.iter().any(|x| x.starts_with("1.1")));
    // The indicators have no values: no table of empty year columns.
    assert!(!l.iter().any(|x| x.contains("Плановое значение")));
}
