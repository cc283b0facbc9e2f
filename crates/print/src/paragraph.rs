//! Paragraph geometry: indents, alignment, justification, list labels.

use crate::doc::{Align, Indent, Paragraph, Run, Style};
use crate::fonts::Fonts;
use crate::linebreak::{break_lines, Hyphenation, Missing, Prepared, HYPHEN};
use crate::profile::LayoutProfile;

pub(crate) const PT_PER_MM: f32 = 72.0 / 25.4;

pub(crate) fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

/// What a layout pass needs to know and to report.
pub(crate) struct Env<'a> {
    pub fonts: &'a Fonts,
    pub profile: &'a LayoutProfile,
    pub missing: Missing,
}

impl Env<'_> {
    /// Line height for a size and spacing: the font's own single spacing
    /// (ascender + descender + line gap), as word processors use it.
    pub fn line_height(&self, size: f32, spacing: f32) -> f32 {
        let f = self.fonts.face(Style::Regular);
        size * (f.ascent + f.descent + f.line_gap) * spacing
    }

    pub fn ascent(&self, size: f32) -> f32 {
        size * self.fonts.face(Style::Regular).ascent
    }

    pub fn text_width(&mut self, runs: &[Run], size: f32) -> f32 {
        let p = Prepared::new(runs, size, self.fonts, &mut self.missing);
        p.width(0, p.text.len())
    }
}

/// A piece of one line in one style, positioned from the left edge of the
/// paragraph's box.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Frag {
    pub x: f32,
    pub style: Style,
    pub size: f32,
    pub text: String,
    /// Extra space after each space character (justification), pt.
    pub word_extra: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    pub frags: Vec<Frag>,
    pub height: f32,
    /// Baseline distance from the line's top.
    pub ascent: f32,
}

/// A paragraph broken into lines, ready to be placed on pages.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Laid {
    pub lines: Vec<Line>,
    /// Offset of the box from the text area's left edge.
    pub x: f32,
    pub space_before: f32,
    pub space_after: f32,
    pub keep_with_next: bool,
    /// Never split across pages (marks, signatures).
    pub keep_together: bool,
}

impl Laid {
    pub fn height(&self) -> f32 {
        self.lines.iter().map(|l| l.height).sum()
    }
}

/// Settings of the context a paragraph is set in.
#[derive(Clone, Copy)]
pub(crate) struct Context {
    pub size: f32,
    pub spacing: f32,
    /// Paragraph indent the profile asks for in this context.
    pub indent: f32,
}

/// Lays out a paragraph in a box `width` wide. `label` is a list label set
/// at `label_x` on the first line, with the text starting at the
/// paragraph's left indent.
pub(crate) fn layout(
    env: &mut Env,
    p: &Paragraph,
    ctx: Context,
    width: f32,
    label: Option<(&str, f32)>,
) -> Laid {
    let size = p.size_pt.unwrap_or(ctx.size);
    let left = mm(p.left_mm);
    let right = mm(p.right_mm);
    let first = match (label, p.first_line) {
        (Some(_), _) => 0.0,
        (None, Indent::Profile) => ctx.indent,
        (None, Indent::None) => 0.0,
        (None, Indent::Mm(v)) => mm(v),
    };
    let prepared = Prepared::new(&p.runs, size, env.fonts, &mut env.missing);
    let avail = |i: usize| (width - left - right - if i == 0 { first } else { 0.0 }).max(1.0);
    let specs = break_lines(
        &prepared,
        env.fonts,
        Hyphenation {
            enabled: env.profile.hyphenate && !p.no_hyphenation,
            // Centred headings and table headers look best whole.
            min_fill: match p.align {
                Align::Justify => 0.95,
                Align::Left | Align::Right => 0.8,
                Align::Center => 0.5,
            },
            // Word gaps up to half a space wider than normal look even.
            max_stretch: (p.align == Align::Justify).then(|| {
                0.5 * env.fonts.face(Style::Regular).width(' ').unwrap_or(250) as f32 * size
                    / 1000.0
            }),
            ragged_fit: matches!(p.align, Align::Left | Align::Center),
        },
        avail,
        &mut env.missing,
    );
    let height = env.line_height(size, ctx.spacing);
    let ascent = env.ascent(size);
    let text = prepared.text.as_str();
    let mut lines = Vec::with_capacity(specs.len());
    for (i, spec) in specs.iter().enumerate() {
        let room = avail(i);
        let indent = left + if i == 0 { first } else { 0.0 };
        let spaces = text[spec.start..spec.end]
            .chars()
            .filter(|&c| c == ' ' || c == '\u{A0}')
            .count();
        let slack = (room - spec.width).max(0.0);
        let (x0, extra) = match p.align {
            Align::Left => (indent, 0.0),
            Align::Center => (indent + slack / 2.0, 0.0),
            Align::Right => (indent + slack, 0.0),
            Align::Justify if !spec.last && spaces > 0 => (indent, slack / spaces as f32),
            Align::Justify => (indent, 0.0),
        };
        let mut frags = Vec::new();
        if i == 0 {
            if let Some((label, label_x)) = label {
                frags.push(Frag {
                    x: label_x,
                    style: p.runs.first().map(|r| r.style).unwrap_or_default(),
                    size,
                    text: label.to_string(),
                    word_extra: 0.0,
                });
            }
        }
        for (s, e, style) in prepared.spans_in(spec.start, spec.end) {
            let before = text[spec.start..s]
                .chars()
                .filter(|&c| c == ' ' || c == '\u{A0}')
                .count();
            let piece: String = text[s..e]
                .chars()
                .filter(|&c| c != '\n')
                .map(|c| if c == '\u{A0}' { ' ' } else { c })
                .collect();
            if piece.is_empty() {
                continue;
            }
            frags.push(Frag {
                x: x0 + prepared.width(spec.start, s) + extra * before as f32,
                style,
                size,
                text: piece,
                word_extra: extra,
            });
        }
        if spec.hyphen {
            if let Some(last) = frags.last_mut() {
                // A font without a soft hyphen glyph would print a box.
                let face = env.fonts.face(last.style);
                last.text.push(if face.has(HYPHEN) { HYPHEN } else { '-' });
            }
        }
        lines.push(Line {
            frags,
            height,
            ascent,
        });
    }
    Laid {
        lines,
        x: 0.0,
        space_before: p.space_before_pt,
        space_after: p.space_after_pt,
        keep_with_next: p.keep_with_next,
        keep_together: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn justified_lines_fill_the_width_and_the_last_does_not() {
        let fonts = Fonts::bundled().unwrap();
        let profile = LayoutProfile::default();
        let mut env = Env {
            fonts: &fonts,
            profile: &profile,
            missing: Missing::default(),
        };
        let ctx = Context {
            size: 14.0,
            spacing: 1.0,
            indent: mm(12.5),
        };
        let p = Paragraph::body("Качество образования в современных условиях – одна из тех важных характеристик, которая определяет конкурентоспособность образовательных учреждений и систем управления.");
        let width = 300.0;
        let laid = layout(&mut env, &p, ctx, width, None);
        assert!(laid.lines.len() >= 3);
        let face = fonts.face(Style::Regular);
        let line_end = |l: &Line| {
            let f = l.frags.last().unwrap();
            let w: f32 = f
                .text
                .chars()
                .map(|c| {
                    face.width(c).unwrap() as f32 * 14.0 / 1000.0
                        + if c == ' ' { f.word_extra } else { 0.0 }
                })
                .sum();
            f.x + w
        };
        assert!((laid.lines[0].frags[0].x - mm(12.5)).abs() < 0.01);
        for l in &laid.lines[..laid.lines.len() - 1] {
            assert!((line_end(l) - width).abs() < 0.5, "{}", line_end(l));
        }
        assert!(line_end(laid.lines.last().unwrap()) < width - 5.0);
    }
}
