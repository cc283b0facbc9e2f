//! The roadmap tables recognised from python-docx's file and LibreOffice's
//! (issue #16): header, roles, blocks, every item's cells, skipped rows.

use std::path::PathBuf;

use metodist_docx_read::{
    find_roadmap, read_docx_file, Block, FoundBlock, FoundItem, Limits, Role, Table,
};

fn tables(name: &str) -> Vec<Table> {
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

fn item(
    number: &str,
    name: &str,
    deadline: &str,
    responsible: &str,
    result: &str,
    years: Vec<(i32, &str)>,
    row: usize,
) -> FoundItem {
    FoundItem {
        number: number.into(),
        name: name.into(),
        deadline: deadline.into(),
        responsible: responsible.into(),
        result: result.into(),
        years: years.into_iter().map(|(y, t)| (y, t.to_string())).collect(),
        row,
    }
}

fn check(name: &str) {
    let t = tables(name);
    let r = find_roadmap(&t[0]).unwrap_or_else(|| panic!("{name}: no roadmap"));
    assert_eq!(
        r.header,
        [
            "№ п/п",
            "Наименование мероприятия",
            "Срок исполнения",
            "Ответственные",
            "Ожидаемый результат"
        ],
        "{name}"
    );
    assert_eq!(
        r.roles,
        [
            Role::Number,
            Role::Name,
            Role::Deadline,
            Role::Responsible,
            Role::Result
        ]
    );
    assert!(!r.flat);
    // The column numbers and the header repeated mid-table.
    assert_eq!(r.skipped, [2, 6]);
    assert_eq!(
        r.blocks,
        vec![
            FoundBlock {
                title: "1. Кадровое обеспечение".into(),
                items: vec![
                    item(
                        "1.1",
                        "Курсы для учителей",
                        "Ежегодно, сентябрь",
                        "Отдел образования",
                        "Обучено 20 учителей",
                        vec![],
                        4
                    ),
                    // The responsible cell merged over both items is copied to each.
                    item(
                        "1.2",
                        "Семинар наставников",
                        "Март 2025 г.",
                        "Отдел образования",
                        "Проведён семинар",
                        vec![],
                        5
                    ),
                ],
            },
            FoundBlock {
                title: "2. Материальная база".into(),
                items: vec![item(
                    "2.1",
                    "Закупка оборудования\nдля кабинетов химии",
                    "IV квартал 2025 г.",
                    "Школы",
                    "Кабинеты оснащены",
                    vec![],
                    8
                )],
            },
        ],
        "{name}"
    );

    let f = find_roadmap(&t[1]).unwrap_or_else(|| panic!("{name}: no flat roadmap"));
    assert!(f.flat);
    assert_eq!(
        f.roles,
        [
            Role::Name,
            Role::Number,
            Role::Responsible,
            Role::Year(2025),
            Role::Year(2026)
        ]
    );
    assert_eq!(
        f.blocks,
        vec![FoundBlock {
            title: String::new(),
            items: vec![
                item(
                    "1.",
                    "Конкурс чтецов",
                    "",
                    "Школа № 1",
                    "",
                    vec![(2025, "да"), (2026, "да")],
                    2
                ),
                item(
                    "2.",
                    "Летний лагерь",
                    "",
                    "Школа № 2",
                    "",
                    vec![(2025, ""), (2026, "да")],
                    3
                ),
            ],
        }]
    );
}

#[test]
fn roadmaps_written_by_python_docx() {
    check("roadmap.docx");
}

#[test]
fn roadmaps_saved_by_libreoffice() {
    check("roadmap-libreoffice.docx");
}

#[test]
fn a_passport_is_no_roadmap() {
    assert_eq!(find_roadmap(&tables("passport.docx")[0]), None);
}
