//! The appendix mark: when it has both the appendix line and the
//! participle, 12 pt of space stand above «УТВЕРЖДЕНА» (docs/design.md §3,
//! «The appendix»), as in the .docx. Measured in the PDF with
//! `pdftotext -bbox`: the step from the appendix part's last line to the
//! participle is one line and 12 pt.

mod common;

use metodist_core::model::MarkStyle;
use metodist_core::Programme;
use metodist_print::ComposeMode;

/// Each word of the first page with the top of its box, in the order
/// pdftotext reads them.
fn words(p: &Programme, name: &str) -> Vec<(String, f64)> {
    let pdf = common::print("mark", name, p, ComposeMode::AppendixOnly);
    common::words(&pdf)
        .into_iter()
        .filter(|w| w.page == 1)
        .map(|w| (w.text, w.y_min))
        .collect()
}

/// The distances from the line before the participle to it, and from it
/// to the line after it (points).
fn steps(w: &[(String, f64)], participle: &str) -> (f64, f64) {
    let at = w
        .iter()
        .position(|(t, _)| t == participle)
        .unwrap_or_else(|| panic!("«{participle}» is not printed: {w:?}"));
    (w[at].1 - w[at - 1].1, w[at + 1].1 - w[at].1)
}

fn flat_plan() -> Programme {
    common::fixture("flat-plan")
}

#[test]
fn twelve_points_stand_above_the_participle_under_the_appendix_line() {
    let p = flat_plan();
    assert_eq!(p.appendix.style, MarkStyle::Both);
    let (before, after) = steps(&words(&p, "both"), "УТВЕРЖДЕНО");
    assert!(
        (before - after - 12.0).abs() < 1.0,
        "the participle {before:.1} pt below the line above it, lines {after:.1} pt apart"
    );
}

#[test]
fn a_mark_of_the_participle_alone_starts_with_it() {
    let mut p = flat_plan();
    p.appendix.style = MarkStyle::Approved;
    let w = words(&p, "approved");
    let first = w.iter().position(|(t, _)| t == "УТВЕРЖДЕНО").unwrap();
    assert_eq!(first, 0, "the mark opens the page: {w:?}");
    // Its lines follow one another without the 12 pt.
    let mut tops: Vec<f64> = Vec::new();
    for (_, y) in &w {
        if tops.last().is_none_or(|t| (y - t).abs() > 1.0) {
            tops.push(*y);
        }
    }
    assert!(
        ((tops[1] - tops[0]) - (tops[2] - tops[1])).abs() < 1.0,
        "{tops:?}"
    );
}
