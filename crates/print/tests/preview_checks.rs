//! The preview against poppler: the same PDF drawn by `pdftoppm` at the
//! same resolution must have its ink in the same places, page by page.

use std::path::{Path, PathBuf};
use std::process::Command;

use metodist_print::{compose, lay_out, ComposeMode, Fonts, LaidOut, LayoutProfile};

const DPI: f32 = 60.0;

struct Gray {
    width: usize,
    height: usize,
    data: Vec<u8>,
}

fn decode(png_bytes: &[u8]) -> Gray {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png_bytes))
        .read_info()
        .unwrap();
    let mut data = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut data).unwrap();
    data.truncate(info.buffer_size());
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let channels = match info.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::Rgb => 3,
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    Gray {
        width: info.width as usize,
        height: info.height as usize,
        data: data.chunks(channels).map(|px| px[0]).collect(),
    }
}

impl Gray {
    fn inked(&self, x: usize, y: usize) -> bool {
        self.data[y * self.width + x] < 128
    }

    /// Left, top, right, bottom of the dark pixels.
    fn ink_box(&self) -> Option<(usize, usize, usize, usize)> {
        let mut b: Option<(usize, usize, usize, usize)> = None;
        for y in 0..self.height {
            for x in 0..self.width {
                if self.inked(x, y) {
                    b = Some(match b {
                        None => (x, y, x, y),
                        Some((l, t, r, bt)) => (l.min(x), t.min(y), r.max(x), bt.max(y)),
                    });
                }
            }
        }
        b
    }

    /// For every pixel row, whether it holds any ink: the lines of text
    /// and the rules of tables, as a profile down the page.
    fn ink_rows(&self) -> Vec<bool> {
        (0..self.height)
            .map(|y| (0..self.width).any(|x| self.inked(x, y)))
            .collect()
    }
}

fn dir() -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("preview_checks");
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn poppler_page(pdf: &Path, page: usize, name: &str) -> Gray {
    let prefix = dir().join(format!("{name}-poppler-{page}"));
    let status = Command::new("pdftoppm")
        .args(["-r", &DPI.to_string(), "-gray", "-png", "-singlefile"])
        .args(["-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .expect("pdftoppm must be installed (poppler-utils)");
    assert!(status.success());
    decode(&std::fs::read(prefix.with_extension("png")).unwrap())
}

fn laid(years: bool) -> (LaidOut, Fonts) {
    let mut p = metodist_core::generate::programme(40, 11);
    if years {
        p.roadmap.year_columns = p.period.years().collect();
    }
    let profile = LayoutProfile::default();
    let fonts = Fonts::load(&profile.font).unwrap();
    let laid = lay_out(&compose(&p, ComposeMode::WholeAct), &profile, &fonts).unwrap();
    (laid, fonts)
}

fn compare(name: &str, years: bool, pages: &[usize]) {
    let (laid, fonts) = laid(years);
    let pdf = dir().join(format!("{name}.pdf"));
    std::fs::write(&pdf, laid.pdf(&fonts)).unwrap();
    for &index in pages {
        let ours = laid.preview(&fonts, DPI, index..index + 1).unwrap();
        assert_eq!(ours.len(), 1);
        assert_eq!(ours[0].index, index);
        std::fs::write(
            dir().join(format!("{name}-ours-{}.png", index + 1)),
            &ours[0].png,
        )
        .unwrap();
        let ours = decode(&ours[0].png);
        let theirs = poppler_page(&pdf, index + 1, name);
        assert_eq!(
            (ours.width, ours.height),
            (theirs.width, theirs.height),
            "page {} size",
            index + 1
        );
        let (a, b) = (ours.ink_box().unwrap(), theirs.ink_box().unwrap());
        let near = |x: usize, y: usize| x.abs_diff(y) <= 2;
        assert!(
            near(a.0, b.0) && near(a.1, b.1) && near(a.2, b.2) && near(a.3, b.3),
            "page {}: ink box {a:?} in the preview, {b:?} in pdftoppm",
            index + 1
        );
        // Same lines at the same heights: rows with ink agree almost
        // everywhere (antialiasing may differ at the edges of a glyph).
        let (ra, rb) = (ours.ink_rows(), theirs.ink_rows());
        let differ = ra.iter().zip(&rb).filter(|(x, y)| x != y).count();
        assert!(
            differ * 100 <= ra.len(),
            "page {}: {differ} of {} pixel rows differ in having ink",
            index + 1,
            ra.len()
        );
        // Same glyphs in the same places: measured at 2–3 % of the ink
        // pixels differing, all at the edges of letters.
        let ink = theirs.data.iter().filter(|&&v| v < 128).count();
        let moved = ours
            .data
            .iter()
            .zip(&theirs.data)
            .filter(|(a, b)| (**a < 128) != (**b < 128))
            .count();
        assert!(
            moved * 100 <= ink * 8,
            "page {}: {moved} pixels differ in ink, of {ink}",
            index + 1
        );
    }
}

#[test]
fn portrait_pages_match_pdftoppm() {
    // The act, the passport, a text section, a page of the roadmap table.
    compare("portrait", false, &[0, 1, 3, 6]);
}

#[test]
fn landscape_pages_match_pdftoppm() {
    let (laid, _) = laid(true);
    let landscape: Vec<usize> = (0..laid.page_count())
        .filter(|&i| {
            let (w, h) = laid.page_size_pt(i).unwrap();
            w > h
        })
        .take(2)
        .collect();
    assert!(
        !landscape.is_empty(),
        "the roadmap with year columns is landscape"
    );
    compare("landscape", true, &landscape);
}

#[test]
fn a_preview_is_asked_for_by_page_range_and_dpi() {
    let (laid, fonts) = laid(false);
    let n = laid.page_count();
    assert!(n > 4);
    let pages = laid.preview(&fonts, 40.0, n - 2..n + 5).unwrap();
    assert_eq!(
        pages.iter().map(|p| p.index).collect::<Vec<_>>(),
        vec![n - 2, n - 1]
    );
    // A4 at 40 dpi: 595.3 × 841.9 pt → 331 × 468 px.
    assert_eq!((pages[0].width_px, pages[0].height_px), (331, 468));
    assert!(pages[0].png.starts_with(b"\x89PNG"));
    assert!(laid.preview(&fonts, 40.0, n..n + 1).unwrap().is_empty());
    let err = laid.preview(&fonts, 0.0, 0..1).unwrap_err();
    assert_eq!(err.code(), "print_invalid_dpi");
    assert!(err.to_string().contains("разрешение"));
}

#[test]
fn render_preview_lays_out_like_render() {
    let p = metodist_core::generate::programme(20, 5);
    let profile = LayoutProfile::default();
    let fonts = Fonts::load(&profile.font).unwrap();
    let doc = compose(&p, ComposeMode::WholeAct);
    let rendered = metodist_print::render(&doc, &profile, &fonts).unwrap();
    let preview = metodist_print::render_preview(&doc, &profile, &fonts, 30.0, 0..2).unwrap();
    assert_eq!(preview.page_count, rendered.pages);
    assert_eq!(preview.pages.len(), 2);
    assert_eq!(preview.warnings, rendered.warnings);
}
