//! Typesetting of documents in the layout of a Russian administrative act.
//!
//! The crate owns the layout (measuring, line breaking, hyphenation,
//! justification, tables, pagination) and uses printpdf only to write the
//! result: a PDF with embedded, subset fonts and selectable text.
//!
//! Printing a programme (what `metodist render` and the app do):
//!
//! ```no_run
//! use metodist_print::{render_programme, ComposeMode, Fonts, LayoutProfile};
//! # fn load() -> metodist_core::Programme { metodist_core::generate::programme(10, 1) }
//! let programme = load();
//! let profile = LayoutProfile::by_name("ГОСТ Р 7.0.97-2016")?; // or ::default()
//! let fonts = Fonts::load(&profile.font)?; // load once, reuse for every render
//! let out = render_programme(&programme, ComposeMode::AppendixOnly, &profile, &fonts)?;
//! for w in &out.warnings {
//!     eprintln!("[{}] {w}", w.code());
//! }
//! std::fs::write("programme.pdf", &out.pdf).unwrap();
//! # Ok::<(), metodist_print::PrintError>(())
//! ```
//!
//! The preview in the app («Печать» tab): lay out once, then draw pages as
//! PNG a few at a time and write the PDF from the same pages on «Сохранить»:
//!
//! ```no_run
//! use metodist_print::{compose, lay_out, ComposeMode, Fonts, LayoutProfile};
//! # let programme = metodist_core::generate::programme(10, 1);
//! let profile = LayoutProfile::default();
//! let fonts = Fonts::load(&profile.font)?;
//! let laid = lay_out(&compose(&programme, ComposeMode::WholeAct), &profile, &fonts)?;
//! for page in laid.preview(&fonts, 60.0, 0..3)? {
//!     // page.png: an 8-bit greyscale PNG of page.width_px × page.height_px
//!     println!("{} / {}: {} bytes", page.index + 1, laid.page_count(), page.png.len());
//! }
//! let pdf = laid.pdf(&fonts);
//! # Ok::<(), metodist_print::PrintError>(())
//! ```
//!
//! The progress report for a period (`metodist report`) is
//! [`compose_report`] over the tracking entries and an evaluation.
//!
//! The engine alone, on a document built by hand:
//!
//! ```no_run
//! use metodist_print::{render, Block, Document, Fonts, LayoutProfile, PageGroup, Paragraph};
//! let doc = Document {
//!     groups: vec![PageGroup {
//!         blocks: vec![Block::Paragraph(Paragraph::body("Текст"))],
//!         ..Default::default()
//!     }],
//!     ..Default::default()
//! };
//! let profile = LayoutProfile::default();
//! let fonts = Fonts::load(&profile.font)?;
//! let out = render(&doc, &profile, &fonts)?;
//! std::fs::write("out.pdf", out.pdf).unwrap();
//! # Ok::<(), metodist_print::PrintError>(())
//! ```

mod amendment;
mod compose;
mod doc;
mod error;
mod flow;
mod fonts;
mod hyphenate;
mod justify;
mod linebreak;
mod paginate;
mod paragraph;
mod pdf;
mod profile;
mod raster;
mod report;
mod table;

pub use amendment::{
    compose_amendment, compose_comparison, render_amendment, render_comparison, AmendmentInput,
};
pub use compose::{
    compose, compose_with, format_number, render_programme, ComposeExtras, ComposeMode,
};
pub use doc::{
    Align, Block, Cell, CellBlock, Document, Indent, List, ListItem, ListKind, Mark, Orientation,
    PageGroup, Paragraph, Row, Run, Style, Table, TwoSided,
};
pub use error::{PrintError, PrintWarning, ERROR_CODES};
pub use fonts::{font_dirs, installed_families, Face, FontFamily, Fonts};
/// The model types the amendment and comparison entry points take, for
/// callers (the .docx writer) that do not depend on the core directly.
pub use metodist_core::{diff::ProgrammeDiff, Programme};
pub use profile::{
    FontChoice, HeaderRepeat, LayoutProfile, ProfileProblem, PROFILE_2016, PROFILE_2025,
};
pub use report::{compose_report, render_report, ReportInput};

use paginate::{Margins, PageOut, Pager};
use paragraph::{mm, Env};

/// A finished PDF.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub warnings: Vec<PrintWarning>,
}

/// A document laid out into pages: what both the PDF writer and the
/// preview draw, so the two never disagree. Lay out once, then write the
/// PDF or draw any pages, with the same `Fonts` it was laid out with.
#[derive(Debug, Clone)]
pub struct LaidOut {
    pages: Vec<PageOut>,
    title: String,
    author: String,
    pub warnings: Vec<PrintWarning>,
}

/// One page of a preview.
#[derive(Debug, Clone)]
pub struct PreviewPage {
    /// Index of the page in the document, from 0 (printed number − 1).
    pub index: usize,
    pub width_px: u32,
    pub height_px: u32,
    /// An 8-bit greyscale PNG.
    pub png: Vec<u8>,
}

/// Pages drawn for the screen.
#[derive(Debug, Clone)]
pub struct Preview {
    /// The pages asked for, in order.
    pub pages: Vec<PreviewPage>,
    /// Pages in the whole document.
    pub page_count: usize,
    pub warnings: Vec<PrintWarning>,
}

impl LaidOut {
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Width and height of a page in points (landscape pages are wider).
    pub fn page_size_pt(&self, index: usize) -> Option<(f32, f32)> {
        self.pages.get(index).map(|p| (p.width, p.height))
    }

    /// The PDF of these pages.
    pub fn pdf(&self, fonts: &Fonts) -> Vec<u8> {
        pdf::write(&self.pages, fonts, &self.title, &self.author)
    }

    /// Draws the pages in `pages` (clamped to the document) as PNG at
    /// `dpi` (10–600): white paper, black text and rules. About 60 dpi
    /// fills a screen column; a page takes a few milliseconds, so a long
    /// document is best shown a few pages at a time.
    pub fn preview(
        &self,
        fonts: &Fonts,
        dpi: f32,
        pages: std::ops::Range<usize>,
    ) -> Result<Vec<PreviewPage>, PrintError> {
        if !(10.0..=600.0).contains(&dpi) {
            return Err(PrintError::InvalidDpi(dpi));
        }
        let end = pages.end.min(self.pages.len());
        let mut cache = raster::GlyphCache::default();
        (pages.start.min(end)..end)
            .map(|index| {
                let pix = raster::draw_page(&self.pages[index], fonts, dpi, &mut cache);
                Ok(PreviewPage {
                    index,
                    width_px: pix.width as u32,
                    height_px: pix.height as u32,
                    png: raster::encode_png(&pix, dpi)?,
                })
            })
            .collect()
    }
}

/// Lays out `doc` with the values of `profile` in `fonts`.
pub fn lay_out(
    doc: &Document,
    profile: &LayoutProfile,
    fonts: &Fonts,
) -> Result<LaidOut, PrintError> {
    profile.validate()?;
    if profile.hyphenate {
        hyphenate::ensure_loaded()?;
    }
    let mut env = Env {
        fonts,
        profile,
        missing: Default::default(),
    };
    let margins = Margins {
        left: mm(profile.margin_left_mm),
        right: mm(profile.margin_right_mm),
        top: mm(profile.margin_top_mm),
        bottom: mm(profile.margin_bottom_mm),
    };
    let (pw, ph) = (mm(profile.page_width_mm), mm(profile.page_height_mm));
    let (short, long) = (pw.min(ph), pw.max(ph));
    let text_width = |w: f32| w - margins.left - margins.right;
    let mut pager = Pager::new(Margins { ..margins });
    for group in doc.groups.iter().filter(|g| !g.blocks.is_empty()) {
        let (w, h) = match group.orientation {
            Orientation::Portrait => (short, long),
            Orientation::Landscape => (long, short),
        };
        let items = flow::build(&mut env, &group.blocks, text_width(w))?;
        pager.start_page(w, h);
        pager.place_all(&items);
    }
    if pager.pages.is_empty() {
        pager.start_page(short, long);
    }
    pager.merge_rules();
    let face = fonts.face(Style::Regular);
    pager.number_pages(profile.page_number_size, |text| {
        text.chars()
            .map(|c| face.width(c).unwrap_or(500) as f32)
            .sum::<f32>()
            * profile.page_number_size
            / 1000.0
    });

    let mut warnings: Vec<PrintWarning> = fonts.notes().to_vec();
    warnings.extend(
        env.missing
            .chars
            .iter()
            .map(|(&ch, &(count, replacement))| PrintWarning::MissingGlyph {
                ch,
                count,
                replacement,
            }),
    );
    warnings.extend(
        env.missing
            .too_wide
            .into_iter()
            .map(|word| PrintWarning::WordTooWide { word }),
    );
    Ok(LaidOut {
        pages: pager.pages,
        title: doc.title.clone(),
        author: doc.author.clone(),
        warnings,
    })
}

/// Typesets `doc` with the values of `profile` in `fonts`.
pub fn render(
    doc: &Document,
    profile: &LayoutProfile,
    fonts: &Fonts,
) -> Result<Rendered, PrintError> {
    let laid = lay_out(doc, profile, fonts)?;
    Ok(Rendered {
        pdf: laid.pdf(fonts),
        pages: laid.page_count(),
        warnings: laid.warnings,
    })
}

/// Lays out `doc` and draws the pages in `pages` (clamped to the
/// document) for the screen at `dpi`, with the same line breaks and
/// positions as the PDF `render` writes.
pub fn render_preview(
    doc: &Document,
    profile: &LayoutProfile,
    fonts: &Fonts,
    dpi: f32,
    pages: std::ops::Range<usize>,
) -> Result<Preview, PrintError> {
    let laid = lay_out(doc, profile, fonts)?;
    Ok(Preview {
        pages: laid.preview(fonts, dpi, pages)?,
        page_count: laid.page_count(),
        warnings: laid.warnings,
    })
}
