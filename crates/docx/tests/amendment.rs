//! The amendment act as a Word document (docs/design.md §4a): the same
//! composed document as its PDF — the act's points numbered by Word and
//! counting on after the sub-points, the rows they set out as tables, the
//! restated plan as a landscape appendix — and, when LibreOffice is
//! installed, the same text once Word's reader has laid it out.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::libreoffice::{convert, soffice};
use common::part;

use metodist_core::amendment::{ActRef, AmendmentOptions};
use metodist_core::model::{PassportKey, Programme, TextBlock};
use metodist_print::{AmendmentInput, Fonts, LayoutProfile};

fn sample() -> Programme {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/sample-programme.v2.metodist.json");
    metodist_core::exchange::read_file(&path).expect("the sample programme reads")
}

/// A deadline moved, a passport position rewritten, and the first item
/// of the plan removed (so the plan is restated as the appendix).
fn amended(old: &Programme) -> Programme {
    let mut new = old.clone();
    new.roadmap.blocks[1].items[2].deadline = "до 01.06.2025".into();
    new.roadmap.blocks[0].items.remove(0);
    let funding = new
        .passport
        .iter_mut()
        .find(|r| r.key == PassportKey::Funding)
        .unwrap();
    funding.content = vec![TextBlock::Paragraph {
        text: "Общий объём финансирования — 1 450,0 тыс. рублей".into(),
    }];
    new
}

#[test]
fn the_amendment_act_as_word_writes_and_lo_reads_it() {
    let old = sample();
    let new = amended(&old);
    let earlier: Vec<ActRef> =
        vec![
            serde_json::from_str(r#"{"kind":"decree","date":"2025-03-14","number":"97"}"#).unwrap(),
        ];
    let input = AmendmentInput {
        old: &old,
        new: &new,
        approving: old.act.as_ref().unwrap(),
        earlier: &earlier,
        options: AmendmentOptions::default(),
        draft: None,
    };
    let profile = LayoutProfile::default();
    let fonts = Fonts::load(&profile.font).unwrap();
    let bytes = metodist_docx::write_amendment(&input, &profile, &fonts).unwrap();
    let xml = part(&bytes, "word/document.xml");
    assert!(xml.contains("О внесении изменений в муниципальную программу поддержки школ"));
    assert!(xml.contains("(в редакции постановления от 14.03.2025 № 97)"));
    // The sub-points keep their typed numbers; the closing points are
    // Word-numbered from 2 (their own numbering definition).
    assert!(xml.contains("1.1. Позицию «Объёмы и источники финансирования» паспорта Программы"));
    assert!(
        !xml.contains(">2. Опубликовать"),
        "typed, not numbered by Word"
    );
    let numbering = part(&bytes, "word/numbering.xml");
    assert!(numbering.contains(r#"<w:start w:val="2"/>"#), "{numbering}");
    // The row of the passport as a table, the plan on landscape pages.
    assert!(xml.matches("<w:tbl>").count() >= 2, "the row and the plan");
    assert!(xml.contains(r#"w:orient="landscape""#));

    let Some(soffice) = soffice() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let keep = std::env::var_os("METODIST_KEEP_DOCX").map(PathBuf::from);
    let work = keep.clone().unwrap_or_else(|| dir.path().to_path_buf());
    std::fs::create_dir_all(&work).unwrap();
    let docx = work.join("amendment.docx");
    std::fs::write(&docx, &bytes).unwrap();
    let pdf = convert(
        &soffice,
        &docx,
        "pdf",
        &work,
        &dir.path().join("lo-profile"),
    );
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext must be installed (poppler-utils)");
    let text = String::from_utf8(text.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "ПОСТАНОВЛЯЕТ: 1. Внести в Программу следующие изменения: 1.1. Позицию",
        "Общий объём финансирования — 1 450,0 тыс. рублей",
        "изложить в новой редакции согласно приложению к настоящему постановлению.",
        "2. Опубликовать настоящее постановление",
        "4. Настоящее постановление вступает в силу",
        "Приложение к постановлению администрации Заречного муниципального района",
        "V. План мероприятий (дорожная карта)",
        "до 01.06.2025",
    ] {
        assert!(text.contains(expected), "«{expected}» in:\n{text}");
    }
}

#[test]
fn the_comparison_table_as_word_keeps_the_changed_words_bold() {
    let old = sample();
    let new = amended(&old);
    let diff = metodist_core::diff::compare(&old, &new);
    let profile = LayoutProfile::default();
    let fonts = Fonts::load(&profile.font).unwrap();
    let bytes = metodist_docx::write_comparison(&old, &new, &diff, &profile, &fonts).unwrap();
    let xml = part(&bytes, "word/document.xml");
    assert!(xml.contains("Сравнительная таблица изменений"));
    assert!(xml.contains("Действующая редакция"));
    // The new deadline in a bold run of its own.
    let at = xml.find("до 01.06.2025").expect("the new deadline");
    let run_start = xml[..at].rfind("<w:r>").unwrap();
    assert!(
        xml[run_start..at].contains("<w:b/>"),
        "{}",
        &xml[run_start..at]
    );
}
