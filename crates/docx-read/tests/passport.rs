//! The passport table recognised from python-docx's file and LibreOffice's
//! (issue #16): every row's key, label, content and sub-rows compared.

use std::path::PathBuf;

use metodist_core::model::{PassportKey, TextBlock};
use metodist_docx_read::{find_passport, read_docx_file, Block, FoundPassportRow, Limits};

fn tables(name: &str) -> Vec<metodist_docx_read::Table> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/docx")
        .join(name);
    let doc = read_docx_file(&path, &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
    doc.blocks
        .into_iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            Block::Paragraph(_) => None,
        })
        .collect()
}

fn p(text: &str) -> TextBlock {
    TextBlock::Paragraph { text: text.into() }
}

fn row(
    key: PassportKey,
    label: &str,
    content: Vec<TextBlock>,
    subrows: Vec<Vec<TextBlock>>,
    rows: Vec<usize>,
) -> FoundPassportRow {
    FoundPassportRow {
        key,
        label: label.into(),
        content,
        subrows,
        rows,
    }
}

fn check(name: &str) {
    let t = tables(name);
    let found = find_passport(&t[0]).unwrap_or_else(|| panic!("{name}: no passport"));
    let s = |x: &str| x.to_string();
    assert_eq!(
        found,
        vec![
            row(
                PassportKey::Name,
                "Наименование Программы",
                vec![p("Муниципальная программа «Школа равных возможностей»")],
                vec![],
                vec![1]
            ),
            row(
                PassportKey::Customer,
                "Ответственный исполнитель подпрограммы",
                vec![p("Отдел образования администрации Озёрного района")],
                vec![],
                vec![2]
            ),
            row(
                PassportKey::Goal,
                "Цели программы",
                vec![p("Выровнять условия обучения в сельских школах.")],
                vec![],
                vec![3]
            ),
            row(
                PassportKey::Tasks,
                "Задачи Программы",
                vec![
                    TextBlock::Numbered {
                        items: vec![
                            s("Обновить оборудование кабинетов."),
                            s("Организовать подвоз учащихся.")
                        ]
                    },
                    p("Задачи решаются ежегодно."),
                ],
                vec![],
                vec![4]
            ),
            row(
                PassportKey::Executors,
                "Исполнители и участники",
                vec![
                    p("Школы района:"),
                    TextBlock::Bulleted {
                        items: vec![
                            s("Лесная школа"),
                            s("Речная школа"),
                            s("методический кабинет")
                        ]
                    },
                ],
                vec![],
                vec![5]
            ),
            row(
                PassportKey::Funding,
                "Объёмы и источники финансирования",
                vec![p("Всего 300 тыс. рублей")],
                vec![
                    vec![p("2025 год – 100 тыс. рублей")],
                    vec![p("2026 год – 200 тыс. рублей")]
                ],
                vec![6, 7, 8]
            ),
        ],
        "{name}"
    );
    // A two-column table of one row is no passport.
    assert_eq!(find_passport(&t[1]), None);
}

#[test]
fn passport_written_by_python_docx() {
    check("passport.docx");
}

#[test]
fn passport_saved_by_libreoffice() {
    check("passport-libreoffice.docx");
}

#[test]
fn a_table_of_other_labels_is_no_passport() {
    // The reader's own test table has three columns.
    assert_eq!(find_passport(&tables("reader-basic.docx")[0]), None);
}
