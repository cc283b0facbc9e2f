//! Turning the blocks of a page group into laid-out items of known height,
//! before they are distributed over pages.

use crate::doc::{Align, Block, Indent, List, ListKind, Mark, Paragraph, TwoSided};
use crate::error::PrintError;
use crate::paragraph::{layout, mm, Context, Env, Laid, Line, PT_PER_MM};
use crate::table::{layout_table, LaidTable};

pub(crate) enum Item {
    Para(Laid),
    Table(LaidTable),
    Space(f32),
    PageBreak,
    PageFoot(Laid),
}

fn body_context(env: &Env, size: Option<f32>) -> Context {
    Context {
        size: size.unwrap_or(env.profile.body_size),
        spacing: env.profile.line_spacing,
        indent: mm(env.profile.first_line_indent_mm),
    }
}

fn indent_of(indent: Indent, ctx: Context) -> f32 {
    match indent {
        Indent::Profile => ctx.indent,
        Indent::None => 0.0,
        Indent::Mm(v) => mm(v),
    }
}

/// Lays out a list as paragraphs with hanging labels: the label starts at
/// the list's indent, the text of every line aligns after the widest label.
pub(crate) fn list_paragraphs(
    env: &mut Env,
    list: &List,
    ctx: Context,
    width: f32,
    base_left: f32,
) -> Vec<Laid> {
    let ctx = Context {
        size: list.size_pt.unwrap_or(ctx.size),
        ..ctx
    };
    let labels: Vec<String> = (0..list.items.len())
        .map(|i| match &list.kind {
            ListKind::Numbered { start, suffix } => format!("{}{}", *start as usize + i, suffix),
            ListKind::Bulleted { bullet } => bullet.clone(),
        })
        .collect();
    if list.wrap_to_margin {
        return point_paragraphs(env, list, &labels, ctx, width, base_left);
    }
    let label_x = base_left + indent_of(list.label_indent, ctx);
    let widest = labels
        .iter()
        .map(|l| env.text_width(&[crate::doc::Run::plain(l.as_str())], ctx.size))
        .fold(0.0, f32::max);
    let text_left = label_x + widest + ctx.size * 0.4;
    let mut out = Vec::new();
    let last_item = list.items.len().saturating_sub(1);
    for (i, item) in list.items.iter().enumerate() {
        for (j, p) in item.paragraphs.iter().enumerate() {
            let para = Paragraph {
                align: list.align,
                first_line: Indent::None,
                left_mm: text_left / PT_PER_MM,
                right_mm: 0.0,
                size_pt: p.size_pt.or(list.size_pt),
                space_before_pt: if i == 0 && j == 0 {
                    list.space_before_pt
                } else {
                    0.0
                },
                space_after_pt: 0.0,
                keep_with_next: false,
                no_hyphenation: p.no_hyphenation,
                runs: p.runs.clone(),
            };
            let label = (j == 0).then(|| (labels[i].as_str(), label_x));
            out.push(layout(env, &para, ctx, width, label));
        }
        if let Some(sub) = &item.sublist {
            out.extend(list_paragraphs(env, sub, ctx, width, text_left));
        }
        if i == last_item {
            if let Some(l) = out.last_mut() {
                l.space_after = list.space_after_pt;
            }
        }
    }
    out
}

/// The points of an act: each paragraph indented like body text, the label
/// opening the first line of its item as ordinary text («1. Утвердить»),
/// so that the lines after it wrap to the left edge.
fn point_paragraphs(
    env: &mut Env,
    list: &List,
    labels: &[String],
    ctx: Context,
    width: f32,
    base_left: f32,
) -> Vec<Laid> {
    let mut out = Vec::new();
    let last_item = list.items.len().saturating_sub(1);
    for (i, item) in list.items.iter().enumerate() {
        for (j, p) in item.paragraphs.iter().enumerate() {
            let mut runs = p.runs.clone();
            if j == 0 {
                runs.insert(0, crate::doc::Run::plain(format!("{} ", labels[i])));
            }
            let para = Paragraph {
                align: list.align,
                first_line: list.label_indent,
                left_mm: base_left / PT_PER_MM,
                right_mm: 0.0,
                size_pt: p.size_pt.or(list.size_pt),
                space_before_pt: if i == 0 && j == 0 {
                    list.space_before_pt
                } else {
                    0.0
                },
                space_after_pt: 0.0,
                keep_with_next: false,
                no_hyphenation: p.no_hyphenation,
                runs,
            };
            out.push(layout(env, &para, ctx, width, None));
        }
        if let Some(sub) = &item.sublist {
            out.extend(list_paragraphs(env, sub, ctx, width, base_left));
        }
        if i == last_item {
            if let Some(l) = out.last_mut() {
                l.space_after = list.space_after_pt;
            }
        }
    }
    out
}

fn two_sided(env: &mut Env, t: &TwoSided, width: f32) -> Laid {
    let ctx = body_context(env, t.size_pt);
    let share = if t.left_share > 0.05 && t.left_share < 0.95 {
        t.left_share
    } else {
        0.6
    };
    let left_w = width * share;
    let side = |runs: &[crate::doc::Run], align| Paragraph {
        runs: runs.to_vec(),
        align,
        first_line: Indent::None,
        size_pt: t.size_pt,
        ..Default::default()
    };
    let left = layout(env, &side(&t.left, Align::Left), ctx, left_w, None);
    let right = layout(
        env,
        &side(&t.right, Align::Right),
        ctx,
        width - left_w,
        None,
    );
    let n = left.lines.len();
    let m = right.lines.len();
    let total = n.max(m);
    let mut lines: Vec<Line> = (0..total)
        .map(|_| Line {
            frags: Vec::new(),
            height: env.line_height(ctx.size, ctx.spacing),
            ascent: env.ascent(ctx.size),
        })
        .collect();
    // Both sides end on the same line: the name stands level with the
    // last line of the position.
    for (i, l) in left.lines.into_iter().enumerate() {
        lines[total - n + i].frags.extend(l.frags);
    }
    for (j, l) in right.lines.into_iter().enumerate() {
        lines[total - m + j]
            .frags
            .extend(l.frags.into_iter().map(|mut f| {
                f.x += left_w;
                f
            }));
    }
    Laid {
        lines,
        x: 0.0,
        space_before: t.space_before_pt,
        space_after: t.space_after_pt,
        keep_with_next: false,
        keep_together: true,
    }
}

fn mark(env: &mut Env, m: &Mark, width: f32) -> Laid {
    let w = mm(m.width_mm.unwrap_or(env.profile.mark_width_mm)).min(width);
    let ctx = Context {
        indent: 0.0,
        ..body_context(env, None)
    };
    let mut lines: Vec<Line> = Vec::new();
    for p in &m.paragraphs {
        let mut laid = layout(env, p, ctx, w, None);
        // The space before a paragraph of the mark (12 pt above
        // «УТВЕРЖДЕНА» under the appendix line, §3) is kept, as the .docx
        // keeps it: the block is one laid unit, so it goes into the first
        // line's height above its baseline.
        if let (false, Some(first)) = (lines.is_empty(), laid.lines.first_mut()) {
            first.height += laid.space_before;
            first.ascent += laid.space_before;
        }
        lines.extend(laid.lines);
    }
    Laid {
        lines,
        x: width - w,
        space_before: 0.0,
        space_after: m.space_after_pt,
        keep_with_next: true,
        keep_together: true,
    }
}

pub(crate) fn build(env: &mut Env, blocks: &[Block], width: f32) -> Result<Vec<Item>, PrintError> {
    let mut items = Vec::with_capacity(blocks.len());
    for block in blocks {
        match block {
            Block::Paragraph(p) => {
                let ctx = body_context(env, p.size_pt);
                items.push(Item::Para(layout(env, p, ctx, width, None)));
            }
            Block::List(list) => {
                let ctx = body_context(env, list.size_pt);
                items.extend(
                    list_paragraphs(env, list, ctx, width, 0.0)
                        .into_iter()
                        .map(Item::Para),
                );
            }
            Block::Table(t) => items.push(Item::Table(layout_table(env, t, width)?)),
            Block::TwoSided(t) => {
                if let (true, Some(Item::Para(before))) = (t.keeps_previous, items.last_mut()) {
                    before.keep_with_next = true;
                }
                items.push(Item::Para(two_sided(env, t, width)));
            }
            Block::Mark(m) => items.push(Item::Para(mark(env, m, width))),
            Block::PageFoot(p) => {
                let ctx = body_context(env, p.size_pt);
                items.push(Item::PageFoot(layout(env, p, ctx, width, None)));
            }
            Block::Space(pt) => items.push(Item::Space(pt.max(0.0))),
            Block::PageBreak => items.push(Item::PageBreak),
        }
    }
    Ok(items)
}
