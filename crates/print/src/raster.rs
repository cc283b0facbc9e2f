//! Drawing laid-out pages into greyscale pixels and PNG, for the preview in
//! the app (its webview shows no PDF). The pages are the very ones the PDF
//! writer gets, and glyphs are placed with the same advances the PDF's
//! `/W` array gives a viewer, so the preview breaks and positions lines
//! exactly as the printed file does.

use std::collections::HashMap;

use ab_glyph::{point, Font, Glyph, GlyphId, PxScale};

use crate::error::PrintError;
use crate::fonts::Fonts;
use crate::paginate::{Draw, PageOut};

/// Horizontal glyph positions are rounded down to this fraction of a
/// pixel, so the same glyph at nearby positions is rasterised once and
/// reused.
const SUBPIXEL: f32 = 4.0;

/// Coverage of one glyph at one size and sub-pixel offset.
struct Bitmap {
    /// Offset of the bitmap's top left from the whole-pixel origin.
    left: i32,
    top: i32,
    width: usize,
    height: usize,
    coverage: Vec<u8>,
}

#[derive(Hash, PartialEq, Eq)]
struct Key {
    face: usize,
    glyph: u16,
    size: u32,
    dx: u8,
}

/// Rasterised glyphs, kept across the pages of one preview.
#[derive(Default)]
pub(crate) struct GlyphCache {
    glyphs: HashMap<Key, Option<Bitmap>>,
}

/// A page in 8-bit grey, 255 = white paper.
pub(crate) struct Pixmap {
    pub width: usize,
    pub height: usize,
    pub data: Vec<u8>,
}

impl Pixmap {
    /// Darkens a pixel by `coverage` (0..=255) of black ink.
    fn ink(&mut self, x: i32, y: i32, coverage: u8) {
        if x < 0 || y < 0 || x as usize >= self.width || y as usize >= self.height {
            return;
        }
        let p = &mut self.data[y as usize * self.width + x as usize];
        *p = ((*p as u32 * (255 - coverage as u32) + 127) / 255) as u8;
    }

    fn fill(&mut self, x0: i32, y0: i32, x1: i32, y1: i32) {
        let (x0, x1) = (x0.max(0), x1.min(self.width as i32));
        let (y0, y1) = (y0.max(0), y1.min(self.height as i32));
        for y in y0..y1 {
            let row = y as usize * self.width;
            for x in x0..x1 {
                self.data[row + x as usize] = 0;
            }
        }
    }
}

/// Pixel size of a page at `dpi`, a part pixel counting whole as poppler
/// counts it (A4 at 60 dpi is 497 × 702), so previews and `pdftoppm`
/// images line up.
pub(crate) fn page_pixels(page: &PageOut, dpi: f32) -> (usize, usize) {
    let s = dpi / 72.0;
    let px = |pt: f32| ((pt * s - 0.01).ceil() as usize).max(1);
    (px(page.width), px(page.height))
}

pub(crate) fn draw_page(page: &PageOut, fonts: &Fonts, dpi: f32, cache: &mut GlyphCache) -> Pixmap {
    let s = dpi / 72.0;
    let (width, height) = page_pixels(page, dpi);
    let mut pix = Pixmap {
        width,
        height,
        data: vec![255; width * height],
    };
    for d in &page.draws {
        match d {
            Draw::Rule {
                x1,
                y1,
                x2,
                y2,
                width: w,
            } => rule(&mut pix, s, (*x1, *y1, *x2, *y2), *w),
            Draw::Text { x, baseline, frag } => {
                let face = fonts.face(frag.style);
                let font = &face.outlines;
                let size_px = frag.size * s;
                let mut pen = *x;
                for c in frag.text.chars() {
                    // The advance a PDF viewer uses: the font's width
                    // truncated to 1/1000 em, as written in `/W`.
                    let advance = face.width(c).unwrap_or(0) as f32 * frag.size / 1000.0;
                    let id = font.glyph_id(c);
                    if id.0 != 0 && !c.is_whitespace() {
                        glyph(
                            &mut pix,
                            cache,
                            font,
                            frag.style.index(),
                            id,
                            size_px,
                            (pen * s, baseline * s),
                        );
                    }
                    pen += advance;
                    if c == ' ' {
                        pen += frag.word_extra;
                    }
                }
            }
        }
    }
    pix
}

/// Strokes a horizontal or vertical rule the way viewers adjust thin
/// strokes: snapped to whole pixels and never thinner than one, so table
/// borders stay visible and crisp at screen resolutions.
fn rule(pix: &mut Pixmap, s: f32, (x1, y1, x2, y2): (f32, f32, f32, f32), width: f32) {
    let t = width * s;
    let span = |a: f32, b: f32| {
        let (a, b) = (a.min(b) * s - t / 2.0, a.max(b) * s + t / 2.0);
        let lo = a.round() as i32;
        (lo, (b.round() as i32).max(lo + 1))
    };
    let (x0, x1) = span(x1, x2);
    let (y0, y1) = span(y1, y2);
    pix.fill(x0, y0, x1, y1);
}

fn glyph(
    pix: &mut Pixmap,
    cache: &mut GlyphCache,
    font: &ab_glyph::FontArc,
    face: usize,
    id: GlyphId,
    size_px: f32,
    (x, y): (f32, f32),
) {
    // Baselines sit on whole pixels, as in poppler: every letter of a
    // line then shares the same bottom row and text reads crisper.
    let (fx, fy) = (x.floor(), y.floor());
    let dx = ((x - fx) * SUBPIXEL).floor().min(SUBPIXEL - 1.0);
    let key = Key {
        face,
        glyph: id.0,
        size: size_px.to_bits(),
        dx: dx as u8,
    };
    let bitmap = cache.glyphs.entry(key).or_insert_with(|| {
        // ab_glyph scales to the height from descender to ascender; the
        // PDF sets the em to the font size.
        let upem = font.units_per_em().unwrap_or(1000.0);
        let scale = PxScale::from(size_px * font.height_unscaled() / upem);
        let g = Glyph {
            id,
            scale,
            position: point(dx / SUBPIXEL, 0.0),
        };
        let outlined = font.outline_glyph(g)?;
        let b = outlined.px_bounds();
        let (left, top) = (b.min.x as i32, b.min.y as i32);
        let (width, height) = (b.width() as usize, b.height() as usize);
        let mut coverage = vec![0u8; width * height];
        outlined.draw(|gx, gy, c| {
            let i = gy as usize * width + gx as usize;
            if i < coverage.len() {
                coverage[i] = (c.clamp(0.0, 1.0) * 255.0).round() as u8;
            }
        });
        Some(Bitmap {
            left,
            top,
            width,
            height,
            coverage,
        })
    });
    let Some(b) = bitmap else { return };
    let (ox, oy) = (fx as i32 + b.left, fy as i32 + b.top);
    for gy in 0..b.height {
        for gx in 0..b.width {
            let c = b.coverage[gy * b.width + gx];
            if c > 0 {
                pix.ink(ox + gx as i32, oy + gy as i32, c);
            }
        }
    }
}

/// Encodes a page as an 8-bit greyscale PNG that records its resolution.
pub(crate) fn encode_png(pix: &Pixmap, dpi: f32) -> Result<Vec<u8>, PrintError> {
    let mut out = Vec::with_capacity(pix.data.len() / 8);
    let fail = |e: png::EncodingError| PrintError::PreviewEncode(e.to_string());
    {
        let mut enc = png::Encoder::new(&mut out, pix.width as u32, pix.height as u32);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_depth(png::BitDepth::Eight);
        // Mostly white pages compress well even at the fastest setting,
        // and speed is what a preview needs.
        enc.set_compression(png::Compression::Fast);
        let per_metre = (dpi / 0.0254).round() as u32;
        enc.set_pixel_dims(Some(png::PixelDimensions {
            xppu: per_metre,
            yppu: per_metre,
            unit: png::Unit::Meter,
        }));
        let mut w = enc.write_header().map_err(fail)?;
        w.write_image_data(&pix.data).map_err(fail)?;
        w.finish().map_err(fail)?;
    }
    Ok(out)
}
