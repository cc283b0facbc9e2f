//! Our own .docx export imports back to the same programme (issue #16,
//! «Done when»): the sample programme and the shape fixtures are written by
//! metodist-docx as the window writes them, read back through the import's
//! review, and compared part by part with the programme they came from,
//! less what a printed document does not carry:
//! - the status (an import is a draft) and the period's months (the
//!   passport prints the years only, «2024–2027 годы»);
//! - the tracking records, the manual schedules, the indicators' facts,
//!   directions and task links (none of them is printed);
//! - uids (the import numbers the parts in order);
//! - what a layout does not print: the mark's details when there is no
//!   mark, and the title when it is not shown (then the passport's
//!   «Наименование» row names the programme);
//! - a roadmap column's width share written out equal to its kind's
//!   default, which the import leaves unsaid (it prints the same).

// The LibreOffice helpers of metodist-docx's tests, shared by path: a
// test-support crate would be one more crate to build for two functions.
#[path = "../../docx/tests/common/libreoffice.rs"]
mod libreoffice;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use metodist_api::importing;
use metodist_api::printing::{docx_programme, PrintMode};
use metodist_core::model::*;
use metodist_core::{exchange, YearMonth};
use metodist_print::LayoutProfile;

use libreoffice::{convert, soffice};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// What the printed document of `p` says, as a programme: `p` less what
/// no document carries.
fn printable(p: &Programme) -> Programme {
    let mut e = p.clone();
    e.uid = String::new();
    e.status = ProgrammeStatus::Draft;
    e.period.start = YearMonth::new(p.period.start.year(), 1).unwrap();
    e.period.end = YearMonth::new(p.period.end.year(), 12).unwrap();
    for ind in &mut e.indicators {
        ind.direction = Direction::Increase;
        ind.task = None;
        for v in &mut ind.values {
            v.fact = None;
        }
        ind.values.retain(|v| v.plan.is_some());
    }
    for b in &mut e.roadmap.blocks {
        for i in &mut b.items {
            i.tracking.clear();
            i.manual_schedule = None;
        }
    }
    for c in &mut e.layout.roadmap.columns {
        if c.width == Some(c.kind.default_width()) {
            c.width = None;
        }
    }
    if e.appendix.style == MarkStyle::None {
        e.appendix = AppendixMark {
            style: MarkStyle::None,
            ..AppendixMark::default()
        };
    }
    if !e.layout.title_shown {
        if let Some(TextBlock::Paragraph { text }) = e
            .passport_row(PassportKey::Name)
            .and_then(|r| r.content.first())
        {
            e.title = text.clone();
        }
    }
    forget_uids(&mut e);
    e
}

fn forget_uids(p: &mut Programme) {
    p.uid = String::new();
    for r in &mut p.passport {
        r.uid = String::new();
    }
    for t in &mut p.tasks {
        t.uid = String::new();
    }
    for s in &mut p.sections {
        s.uid = String::new();
    }
    for i in &mut p.indicators {
        i.uid = String::new();
    }
    for b in &mut p.roadmap.blocks {
        b.uid = String::new();
        for i in &mut b.items {
            i.uid = String::new();
        }
    }
}

/// Saves `docx` again as LibreOffice does (to .odt and back to .docx, with
/// a profile of its own), as a file edited there would come back.
fn resaved_by_libreoffice(soffice: &Path, docx: &Path, dir: &Path) -> PathBuf {
    let profile = dir.join("lo-profile");
    let odt = convert(soffice, docx, "odt", &dir.join("odt"), &profile);
    convert(
        soffice,
        &odt,
        "docx:MS Word 2007 XML",
        &dir.join("back"),
        &profile,
    )
}

fn round_trip(source: &Path) {
    round_trip_via(source, None)
}

fn round_trip_via(source: &Path, soffice: Option<&Path>) {
    let name = source.file_name().unwrap().to_string_lossy().into_owned();
    let original = exchange::read_file(source).unwrap();
    let bytes = docx_programme(&original, PrintMode::WholeAct, &LayoutProfile::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let dir = tempfile::tempdir().unwrap();
    let mut file = dir.path().join("programme.docx");
    std::fs::write(&file, bytes).unwrap();
    if let Some(soffice) = soffice {
        file = resaved_by_libreoffice(soffice, &file, dir.path());
    }
    let today = NaiveDate::from_ymd_opt(2025, 3, 10).unwrap();
    let review = importing::preview_import(&file, today).unwrap();
    assert!(review.problems.is_empty(), "{name}: {:?}", review.problems);
    let mut got = review.programme.clone();
    forget_uids(&mut got);
    let want = printable(&original);
    // Part by part, so that a failure names the part.
    assert_eq!(got.title, want.title, "{name}: title");
    assert_eq!(got.period, want.period, "{name}: period");
    assert_eq!(got.act, want.act, "{name}: act");
    assert_eq!(got.appendix, want.appendix, "{name}: mark");
    assert_eq!(got.passport, want.passport, "{name}: passport");
    assert_eq!(got.tasks, want.tasks, "{name}: tasks");
    for (g, w) in got.sections.iter().zip(&want.sections) {
        assert_eq!(g, w, "{name}: section «{}»", w.title);
    }
    assert_eq!(got.sections.len(), want.sections.len(), "{name}: sections");
    assert_eq!(got.indicators, want.indicators, "{name}: indicators");
    for (g, w) in got.roadmap.blocks.iter().zip(&want.roadmap.blocks) {
        assert_eq!(g, w, "{name}: block «{}»", w.title);
    }
    assert_eq!(got.roadmap, want.roadmap, "{name}: roadmap");
    assert_eq!(got.layout, want.layout, "{name}: layout");
    assert_eq!(got, want, "{name}");
    // Nothing was left unplaced, and the warnings are only the deadlines
    // the interpreter does not understand (kept as typed).
    assert_eq!(review.summary.unplaced, 0, "{name}: {:?}", review.warnings);
    assert_eq!(
        review.warnings.len(),
        review.summary.deadlines_not_understood.len(),
        "{name}: {:?}",
        review.warnings
    );
}

#[test]
fn the_sample_programme_comes_back_from_its_docx() {
    round_trip(&repo().join("tests/fixtures/sample-programme.metodist.json"));
}

#[test]
fn the_shape_fixtures_come_back_from_their_docx() {
    for name in [
        "district-decree.metodist.json",
        "flat-plan.metodist.json",
        "institution-order.metodist.json",
    ] {
        round_trip(&repo().join("tests/fixtures/shapes").join(name));
    }
}

#[test]
fn the_sample_comes_back_after_libreoffice_saved_it_again() {
    let Some(soffice) = soffice() else {
        return;
    };
    round_trip_via(
        &repo().join("tests/fixtures/sample-programme.metodist.json"),
        Some(&soffice),
    );
}
