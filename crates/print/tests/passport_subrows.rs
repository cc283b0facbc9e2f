//! A passport row with sub-rows prints its label once, standing over its
//! sub-rows, with a rule between every two of them and none across the
//! label (docs/design.md §2, «Passport sub-rows»; issue #14). Read back
//! from the PDF itself: the words and their boxes from `pdftotext -bbox`,
//! the rules from the page rendered by `pdftoppm` (text never stands in a
//! cell's padding, so a dark pixel there is a rule).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use metodist_core::model::TextBlock;
use metodist_core::Programme;
use metodist_print::ComposeMode;

use common::{fixture, words, Word};

/// Pixels per point of the rendered pages.
const SCALE: f64 = 2.0;

fn print(name: &str, p: &Programme) -> PathBuf {
    common::print("subrows", name, p, ComposeMode::AppendixOnly)
}

fn find<'a>(words: &'a [Word], text: &str) -> Vec<&'a Word> {
    words.iter().filter(|w| w.text == text).collect()
}

fn one<'a>(words: &'a [Word], text: &str) -> &'a Word {
    let found = find(words, text);
    assert_eq!(found.len(), 1, "«{text}» printed {} times", found.len());
    found[0]
}

/// One page rendered in grey (`page` counts from 1).
struct Raster {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
}

impl Raster {
    fn render(pdf: &Path, page: usize) -> Raster {
        let stem = pdf.with_extension(format!("p{page}"));
        let status = Command::new("pdftoppm")
            .args(["-gray", "-r", &(72.0 * SCALE).to_string()])
            .args([
                "-f",
                &page.to_string(),
                "-l",
                &page.to_string(),
                "-singlefile",
            ])
            .arg(pdf)
            .arg(&stem)
            .status()
            .expect("pdftoppm must be installed (poppler-utils)");
        assert!(status.success());
        let data = std::fs::read(stem.with_extension(format!("p{page}.pgm"))).unwrap();
        // P5 <width> <height> 255, each after one whitespace, then the bytes.
        let mut fields = Vec::new();
        let mut at = 0;
        while fields.len() < 4 {
            while data[at].is_ascii_whitespace() {
                at += 1;
            }
            let start = at;
            while !data[at].is_ascii_whitespace() {
                at += 1;
            }
            fields.push(String::from_utf8_lossy(&data[start..at]).to_string());
        }
        assert_eq!(fields[0], "P5");
        let (width, height) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
        Raster {
            width,
            height,
            pixels: data[at + 1..].to_vec(),
        }
    }

    /// Whether a dark pixel lies in the column at `x` between `y0` and
    /// `y1` (points).
    fn dark_between(&self, x: f64, y0: f64, y1: f64) -> bool {
        let px = (x * SCALE).round() as usize;
        assert!(px < self.width);
        let (a, b) = ((y0 * SCALE).ceil() as usize, (y1 * SCALE).floor() as usize);
        (a..=b.min(self.height - 1)).any(|py| self.pixels[py * self.width + px] < 160)
    }

    /// Whether the column at `x` is dark all the way from `y0` to `y1`.
    fn dark_all(&self, x: f64, y0: f64, y1: f64) -> bool {
        let px = (x * SCALE).round() as usize;
        let (a, b) = ((y0 * SCALE).ceil() as usize, (y1 * SCALE).floor() as usize);
        (a..=b.min(self.height - 1)).all(|py| self.pixels[py * self.width + px] < 160)
    }
}

#[test]
fn a_label_stands_once_over_its_sub_rows_with_rules_between_them() {
    let p = fixture("institution-order");
    let pdf = print("institution-order", &p);
    let w = words(&pdf);
    let label = one(&w, "Основания");
    let starts: Vec<&Word> = ["Конституция", "Федеральный", "государственная"]
        .iter()
        .map(|t| one(&w, t))
        .chain(find(&w, "приказ"))
        .collect();
    assert_eq!(starts.len(), 5, "the five sub-rows: {starts:?}");
    assert!(starts.iter().all(|s| s.page == label.page));
    // The label and the first sub-row share their first line.
    assert!((label.y_min - starts[0].y_min).abs() < 1.0);
    for pair in starts.windows(2) {
        assert!(pair[1].y_min > pair[0].y_max, "sub-rows in order: {pair:?}");
    }
    let page = Raster::render(&pdf, label.page);
    // Inside the cells' padding, left of the text.
    let (in_label, in_content) = (label.x_min - 2.0, starts[0].x_min - 2.0);
    for pair in starts.windows(2) {
        let (top, bottom) = (pair[0].y_max, pair[1].y_min);
        assert!(
            page.dark_between(in_content, top, bottom),
            "a rule above «{}»",
            pair[1].text
        );
        assert!(
            !page.dark_between(in_label, top, bottom),
            "no rule across the label above «{}»",
            pair[1].text
        );
    }
    // The label's cell is closed above and below its sub-rows.
    let before = w
        .iter()
        .filter(|x| x.page == label.page && x.y_max < label.y_min - 1.0)
        .map(|x| x.y_max)
        .fold(0.0, f64::max);
    assert!(page.dark_between(in_label, before, label.y_min));
    let after = w
        .iter()
        .filter(|x| x.page == label.page && x.y_min > starts[4].y_max + 1.0)
        .map(|x| x.y_min)
        .fold(f64::MAX, f64::min);
    assert!(page.dark_between(in_label, starts[4].y_max, after));
}

#[test]
fn a_label_over_sub_rows_across_a_page_break_continues_and_is_not_repeated() {
    let mut p = fixture("institution-order");
    let basis = p
        .passport
        .iter_mut()
        .find(|r| r.subrows.len() == 4)
        .expect("the row with sub-rows");
    basis.subrows = (1..=25)
        .map(|k| {
            vec![TextBlock::Paragraph {
                text: format!(
                    "Положение П{k} о порядке проведения мониторинга качества \
                     образования в общеобразовательных организациях района"
                ),
            }]
        })
        .collect();
    let pdf = print("subrows-across-pages", &p);
    let w = words(&pdf);
    // The label's words print once, all on the page where its rows begin.
    let label = one(&w, "Основания");
    let marks: Vec<&Word> = (1..=25).map(|k| one(&w, &format!("П{k}"))).collect();
    assert_eq!(marks[0].page, label.page);
    let next = label.page + 1;
    let later: Vec<&Word> = marks.iter().copied().filter(|m| m.page == next).collect();
    assert!(
        marks.iter().all(|m| m.page == label.page || m.page == next)
            && later.len() >= 2
            && later.len() < 25,
        "the sub-rows run over onto the next page"
    );
    // On the next page the label's column stands empty beside the
    // sub-rows, boxed: its left rule runs down beside them, and no rule
    // crosses it between them.
    let page = Raster::render(&pdf, next);
    let first_content = one(&w, "Конституция").x_min;
    let in_label = label.x_min - 2.0;
    let rows_here = &later;
    for pair in rows_here.windows(2) {
        assert!(page.dark_between(first_content - 2.0, pair[0].y_max, pair[1].y_min));
        assert!(!page.dark_between(in_label, pair[0].y_max, pair[1].y_min));
    }
    // The glyph's box starts a little right of the cell's padding (1.5 mm).
    let border = label.x_min - 4.25;
    let (top, bottom) = (rows_here[0].y_min, rows_here.last().unwrap().y_max);
    assert!(
        !w.iter().any(|x| x.page == next
            && x.x_min < first_content - 3.0
            && x.y_max > top
            && x.y_min < bottom),
        "nothing in the label's column beside the continued sub-rows"
    );
    assert!(
        (0..8).any(|k| page.dark_all(border - 2.0 + 0.5 * k as f64, top, bottom)),
        "the table's left rule beside the continued sub-rows"
    );
    // The part on the first page is closed at its foot.
    let first = Raster::render(&pdf, label.page);
    let last_here = marks
        .iter()
        .filter(|m| m.page == label.page)
        .map(|m| m.y_max)
        .fold(0.0, f64::max);
    assert!(first.dark_between(in_label, last_here, last_here + 20.0));
}
