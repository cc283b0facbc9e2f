//! The approving act found at the head of a document, in both layouts of
//! design.md §3.1, from python-docx's files and LibreOffice's (issue #16).

use std::path::PathBuf;

use metodist_docx_read::{
    find_act, read_docx_file, FoundAct, FoundDate, FoundKind, FoundLayout, Limits,
};

fn act(name: &str) -> FoundAct {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/docx")
        .join(name);
    let doc = read_docx_file(&path, &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
    find_act(&doc.blocks).unwrap_or_else(|| panic!("{name}: no act found"))
}

fn usual() -> FoundAct {
    FoundAct {
        kind: FoundKind::Decree,
        layout: FoundLayout::Usual,
        issuer: vec![
            "РОССИЙСКАЯ ФЕДЕРАЦИЯ".into(),
            "ТЕНИСТАЯ ОБЛАСТЬ".into(),
            "Администрация Озёрного района".into(),
        ],
        date: Some(FoundDate {
            year: 2025,
            month: 3,
            day: 14,
        }),
        date_text: "14 марта 2025г.".into(),
        number: Some("118".into()),
        place: "с. Заречное".into(),
        title: "Об утверждении муниципальной программы «Школа равных возможностей»".into(),
        preamble: "В соответствии с порядком разработки муниципальных программ, в целях \
                   выравнивания условий обучения, администрация Озёрного района"
            .into(),
        formula: "ПОСТАНОВЛЯЕТ:".into(),
        points: vec![
            "Утвердить муниципальную программу «Школа равных возможностей» согласно приложению."
                .into(),
            "Опубликовать постановление на сайте администрации района.".into(),
            "Контроль за исполнением постановления возложить на заместителя главы П. С. Дубова."
                .into(),
        ],
        signatory_position: "Глава района".into(),
        signatory_name: "А. Г. Ветров".into(),
        executor: None,
        // The appendix mark starts at block 15.
        blocks_used: 15,
    }
}

fn institution() -> FoundAct {
    FoundAct {
        kind: FoundKind::Order,
        layout: FoundLayout::Institution,
        issuer: vec!["по МБОУ «Лесная средняя школа»".into()],
        date: Some(FoundDate {
            year: 2024,
            month: 9,
            day: 1,
        }),
        date_text: "01.09.2024 г.".into(),
        number: Some("45-01".into()),
        place: String::new(),
        title: "О плане мероприятий\nпо повышению качества чтения".into(),
        preamble: "На основании решения педагогического совета от 30.08.2024 № 1".into(),
        formula: "приказываю:".into(),
        points: vec![
            "Утвердить план мероприятий (приложение).".into(),
            "Назначить ответственным заместителя директора Т. А. Сомову.".into(),
        ],
        signatory_position: "Директор школы".into(),
        signatory_name: "Л. Н. Кравец".into(),
        executor: Some("Исп. Сомова Т. А., 8 (486) 100-20-30".into()),
        blocks_used: 12,
    }
}

#[test]
fn a_district_decree_written_by_python_docx() {
    assert_eq!(act("act-usual.docx"), usual());
}

#[test]
fn a_district_decree_saved_by_libreoffice() {
    assert_eq!(act("act-usual-libreoffice.docx"), usual());
}

#[test]
fn an_institution_order_written_by_python_docx() {
    assert_eq!(act("act-institution.docx"), institution());
}

#[test]
fn an_institution_order_saved_by_libreoffice() {
    assert_eq!(act("act-institution-libreoffice.docx"), institution());
}

#[test]
fn a_document_without_an_act() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/docx/reader-basic.docx");
    let doc = read_docx_file(&path, &Limits::default()).unwrap();
    // «ПОСТАНОВЛЕНИЕ» stands there, but no date, number or formula
    // follows it as in an act.
    assert_eq!(find_act(&doc.blocks), None);
}
