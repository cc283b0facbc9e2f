//! Writing laid-out pages with printpdf, used as a low-level writer only.

use printpdf::{
    Color, DateTime, FontId, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rgb, TextItem, TextMatrix,
};

use crate::doc::Style;
use crate::fonts::Fonts;
use crate::paginate::{Draw, PageOut};
use crate::paragraph::PT_PER_MM;

pub(crate) fn write(pages: &[PageOut], fonts: &Fonts, title: &str, author: &str) -> Vec<u8> {
    let mut doc = PdfDocument::new(title);
    let now = DateTime::now();
    doc.metadata.info.creation_date = now;
    doc.metadata.info.modification_date = now;
    doc.metadata.info.metadata_date = now;
    doc.metadata.info.author = author.to_string();
    doc.metadata.info.creator = "Методист".to_string();
    doc.metadata.info.producer = "Методист (metodist-print, printpdf)".to_string();

    // Only faces that print something are embedded.
    let mut used = [false; 4];
    for page in pages {
        for d in &page.draws {
            if let Draw::Text { frag, .. } = d {
                used[frag.style.index()] = true;
            }
        }
    }
    let ids: Vec<Option<FontId>> = fonts
        .faces()
        .iter()
        .zip(used)
        .map(|(face, u)| u.then(|| doc.add_font(&face.parsed)))
        .collect();

    let black = Color::Rgb(Rgb {
        r: 0.0,
        g: 0.0,
        b: 0.0,
        icc_profile: None,
    });
    let out_pages = pages
        .iter()
        .map(|page| {
            let h = page.height;
            let mut ops = Vec::with_capacity(page.draws.len() * 3 + 8);
            let rules: Vec<&Draw> = page
                .draws
                .iter()
                .filter(|d| matches!(d, Draw::Rule { .. }))
                .collect();
            if !rules.is_empty() {
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetOutlineColor { col: black.clone() });
                let mut width = -1.0f32;
                for d in rules {
                    if let Draw::Rule {
                        x1,
                        y1,
                        x2,
                        y2,
                        width: w,
                    } = *d
                    {
                        if w != width {
                            ops.push(Op::SetOutlineThickness { pt: Pt(w) });
                            width = w;
                        }
                        ops.push(Op::DrawLine {
                            line: Line {
                                points: vec![
                                    LinePoint {
                                        p: Point {
                                            x: Pt(x1),
                                            y: Pt(h - y1),
                                        },
                                        bezier: false,
                                    },
                                    LinePoint {
                                        p: Point {
                                            x: Pt(x2),
                                            y: Pt(h - y2),
                                        },
                                        bezier: false,
                                    },
                                ],
                                is_closed: false,
                            },
                        });
                    }
                }
                ops.push(Op::RestoreGraphicsState);
            }
            ops.push(Op::StartTextSection);
            ops.push(Op::SetFillColor { col: black.clone() });
            let mut current: Option<(Style, f32)> = None;
            for d in &page.draws {
                let Draw::Text { x, baseline, frag } = d else {
                    continue;
                };
                let Some(id) = ids[frag.style.index()].clone() else {
                    continue;
                };
                if current != Some((frag.style, frag.size)) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(id),
                        size: Pt(frag.size),
                    });
                    current = Some((frag.style, frag.size));
                }
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(Pt(*x), Pt(h - baseline)),
                });
                ops.push(Op::ShowText {
                    items: text_items(&frag.text, frag.word_extra, frag.size),
                });
            }
            ops.push(Op::EndTextSection);
            PdfPage::new(Mm(page.width / PT_PER_MM), Mm(page.height / PT_PER_MM), ops)
        })
        .collect();
    doc.with_pages(out_pages);
    let mut warnings = Vec::new();
    doc.save(&PdfSaveOptions::default(), &mut warnings)
}

/// Splits text at spaces, adding the justification offset after each: word
/// spacing (`Tw`) does not apply to two-byte font encodings.
fn text_items(text: &str, word_extra: f32, size: f32) -> Vec<TextItem> {
    if word_extra.abs() < 0.001 || !text.contains(' ') {
        return vec![TextItem::Text(text.to_string())];
    }
    // TJ offsets are thousandths of an em; positive values move left.
    let offset = -word_extra * 1000.0 / size;
    let mut items = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == ' ' {
            let end = i + 1;
            items.push(TextItem::Text(text[start..end].to_string()));
            items.push(TextItem::Offset(offset));
            start = end;
        }
    }
    if start < text.len() {
        items.push(TextItem::Text(text[start..].to_string()));
    }
    items
}
