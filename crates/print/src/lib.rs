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
mod table;

pub use compose::{compose, format_number, render_programme, ComposeMode};
pub use doc::{
    Align, Block, Cell, CellBlock, Document, Indent, List, ListItem, ListKind, Mark, Orientation,
    PageGroup, Paragraph, Row, Run, Style, Table, TwoSided,
};
pub use error::{PrintError, PrintWarning};
pub use fonts::{Face, Fonts};
pub use profile::{FontChoice, HeaderRepeat, LayoutProfile, PROFILE_2016, PROFILE_2025};

use paginate::{Margins, Pager};
use paragraph::{mm, Env};

/// A finished PDF.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub warnings: Vec<PrintWarning>,
}

/// Typesets `doc` with the values of `profile` in `fonts`.
pub fn render(
    doc: &Document,
    profile: &LayoutProfile,
    fonts: &Fonts,
) -> Result<Rendered, PrintError> {
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

    let pdf = pdf::write(&pager.pages, fonts, &doc.title, &doc.author);
    let mut warnings: Vec<PrintWarning> = env
        .missing
        .chars
        .iter()
        .map(|(&ch, &(count, replacement))| PrintWarning::MissingGlyph {
            ch,
            count,
            replacement,
        })
        .collect();
    warnings.extend(
        env.missing
            .too_wide
            .into_iter()
            .map(|word| PrintWarning::WordTooWide { word }),
    );
    Ok(Rendered {
        pdf,
        pages: pager.pages.len(),
        warnings,
    })
}
