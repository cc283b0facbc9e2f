//! A passport row with sub-rows in the .docx: the label is one vertically
//! merged cell over its sub-rows (`vMerge`), each sub-row a row of its
//! own, as in the PDF (docs/design.md §2, «Passport sub-rows»). Checked in
//! the XML, and in LibreOffice's PDF of the document: the label printed
//! once, every sub-row on a line of its own.

mod common;

use std::path::Path;
use std::process::Command;

use common::libreoffice::{convert, soffice};
use common::part;

use metodist_print::{compose, ComposeMode, Fonts, LayoutProfile};

fn document_xml() -> (Vec<u8>, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/shapes/institution-order.metodist.json");
    let p = metodist_core::exchange::read_file(&path).unwrap();
    let profile = LayoutProfile::default();
    let fonts = Fonts::load(&profile.font).unwrap();
    let bytes =
        metodist_docx::write(&compose(&p, ComposeMode::AppendixOnly), &profile, &fonts).unwrap();
    let xml = part(&bytes, "word/document.xml");
    (bytes, xml)
}

#[test]
fn the_label_is_one_merged_cell_over_its_sub_rows() {
    let (_, xml) = document_xml();
    let rows: Vec<&str> = xml.split("<w:tr>").skip(1).collect();
    let first = rows
        .iter()
        .position(|r| r.contains("Основания для разработки"))
        .expect("the row with sub-rows");
    assert!(rows[first].contains(r#"<w:vMerge w:val="restart"/>"#));
    // Four sub-rows below it continue the merge and hold their documents.
    for (k, text) in [
        "Федеральный закон",
        "государственная программа",
        "приказ министерства",
        "приказ управления",
    ]
    .iter()
    .enumerate()
    {
        let row = rows[first + 1 + k];
        assert!(
            row.contains("<w:vMerge/>"),
            "sub-row {k} continues the label"
        );
        assert!(row.contains(text), "sub-row {k} holds «{text}»");
        assert_eq!(row.matches("<w:tc>").count(), 2);
    }
    assert!(!rows[first + 5].contains("<w:vMerge"));
}

#[test]
fn libreoffice_prints_the_label_once_beside_its_sub_rows() {
    let Some(soffice) = soffice() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (bytes, _) = document_xml();
    let docx = dir.path().join("subrows.docx");
    std::fs::write(&docx, bytes).unwrap();
    let pdf = convert(
        &soffice,
        &docx,
        "pdf",
        dir.path(),
        &dir.path().join("lo-profile"),
    );
    let keep = std::env::var_os("METODIST_KEEP_DOCX_PDF");
    if let Some(to) = keep {
        std::fs::copy(&pdf, to).unwrap();
    }
    let text = Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8(text.stdout).unwrap();
    assert_eq!(text.matches("Основания").count(), 1, "{text}");
    let lines: Vec<&str> = text.lines().collect();
    let at = |what: &str| {
        lines
            .iter()
            .position(|l| l.contains(what))
            .unwrap_or_else(|| panic!("«{what}» in\n{text}"))
    };
    let order = [
        at("Конституция"),
        at("Федеральный закон"),
        at("государственная программа"),
        at("приказ министерства"),
        at("приказ управления"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
}
