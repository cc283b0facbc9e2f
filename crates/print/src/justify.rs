//! Line breaking of justified paragraphs for the whole paragraph at once
//! (after Knuth and Plass): glued phrases such as dates and "№ 571" leave
//! greedy filling with very loose lines, while choosing all breaks together
//! spreads the slack over several lines.
//!
//! Spaces only stretch, as in word processors; a line never gets tighter
//! than its natural width. When no break sequence fits (a word wider than
//! the line, typed line breaks) the caller falls back to greedy filling.

use crate::fonts::Fonts;
use crate::linebreak::{content_end, usable_breaks, LineSpec, Prepared};

#[derive(Clone, Copy)]
struct Candidate {
    /// Where the line ending here stops.
    end: usize,
    /// Where the next line starts.
    next: usize,
    hyphen: bool,
    /// A typed line break: a line must end here.
    forced: bool,
}

/// What makes a line good.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Fit {
    /// Justified text: word gaps stretch, by at most about this much per
    /// gap, pt, before a line counts as loose.
    Justified { stretch_per_gap: f32 },
    /// Flush-left text (table cells): the right edge may be ragged, so a
    /// short line is only a little bad, and a hyphen must buy a clearly
    /// better paragraph. «В течение всего / периода» stays so in a
    /// deadline column rather than become «… всего перио- / да».
    Ragged,
}

const HYPHEN_PENALTY: f64 = 50.0;
/// Two hyphenated lines in a row read badly.
const DOUBLE_HYPHEN_DEMERITS: f64 = 3000.0;
/// Ragged text: a hyphen costs about as much as a line left two thirds
/// empty, or twice the line it saves: table cells read like a clerk's
/// Word document, hyphenated only where a plain break looks wrong.
const RAGGED_HYPHEN: f64 = 30.0;
/// Ragged text: a hyphen leaving two letters on either side («все- / го»)
/// costs more: the piece reads as a stray syllable.
const RAGGED_SHORT_PIECE: f64 = 30.0;
/// Ragged text: each line costs this much, so the fit does not spread a
/// cell over more lines (a taller row) to even out the right edge.
const RAGGED_LINE: f64 = 15.0;
/// Ragged text: the tail of a hyphenated word alone on the last line
/// («перио- / да») saves nothing and reads worst.
const RAGGED_LONE_TAIL: f64 = 60.0;
const EPS: f32 = 0.01;

/// Chooses all the breaks of a paragraph together. `None` when no choice
/// of breaks fits (a word wider than the line) or, for justified text, when
/// the paragraph has typed line breaks: the caller then fills lines
/// greedily.
pub(crate) fn total_fit(
    p: &Prepared,
    fonts: &Fonts,
    hyphenate: bool,
    fit: Fit,
    width: &dyn Fn(usize) -> f32,
) -> Option<Vec<LineSpec>> {
    let text = p.text.as_str();
    let ops = usable_breaks(p, width(1));
    let ragged = matches!(fit, Fit::Ragged);
    if !ragged && ops[..ops.len() - 1].iter().any(|&(_, mandatory)| mandatory) {
        return None;
    }
    let mut cands = vec![Candidate {
        end: 0,
        next: 0,
        hyphen: false,
        forced: false,
    }];
    let mut seg_start = 0;
    for &(pos, mandatory) in &ops {
        let ce = content_end(text, seg_start, pos);
        if hyphenate {
            cands.extend(
                p.hyphen_points(seg_start, ce, width(1))
                    .into_iter()
                    .map(|b| Candidate {
                        end: b,
                        next: b,
                        hyphen: true,
                        forced: false,
                    }),
            );
        }
        cands.push(Candidate {
            end: ce,
            next: pos,
            hyphen: false,
            forced: mandatory,
        });
        seg_start = pos;
    }
    // Word gaps before each byte offset, to count a line's gaps at once.
    let mut gaps = vec![0u32; text.len() + 1];
    let mut count = 0u32;
    for (i, c) in text.char_indices() {
        gaps[i] = count;
        if c == ' ' || c == '\u{A0}' {
            count += 1;
        }
    }
    gaps[text.len()] = count;

    let n = cands.len();
    let last = n - 1;
    let mut best = vec![f64::INFINITY; n];
    let mut from = vec![0usize; n];
    best[0] = 0.0;
    for i in 1..n {
        let c = cands[i];
        let hyphen_w = if c.hyphen {
            p.hyphen_width(fonts, c.end)
        } else {
            0.0
        };
        let ends_paragraph = i == last || c.forced;
        for j in (0..i).rev() {
            let s = cands[j].next;
            if s > c.end || (s == c.end && !c.forced) {
                if cands[j].forced {
                    break;
                }
                continue;
            }
            let w = p.width(s, c.end) + hyphen_w;
            let avail = if s == 0 { width(0) } else { width(1) };
            if w > avail + EPS {
                // Earlier starts only make the line wider.
                break;
            }
            if best[j].is_finite() {
                let g = gaps[c.end] - gaps[s];
                let demerits = match fit {
                    Fit::Justified { stretch_per_gap } => {
                        let badness = if ends_paragraph {
                            0.0
                        } else if g == 0 {
                            // A single word cannot be justified: it sits at
                            // the left with a ragged right, acceptable only
                            // if full.
                            if w >= 0.9 * avail {
                                0.0
                            } else {
                                10_000.0
                            }
                        } else {
                            let r = ((avail - w) / (g as f32 * stretch_per_gap)) as f64;
                            (100.0 * r * r * r).min(10_000.0)
                        };
                        let penalty = if c.hyphen { HYPHEN_PENALTY } else { 0.0 };
                        let mut d = (1.0 + badness + penalty).powi(2);
                        if c.hyphen && cands[j].hyphen {
                            d += DOUBLE_HYPHEN_DEMERITS;
                        }
                        d
                    }
                    Fit::Ragged => {
                        let badness = if ends_paragraph {
                            0.0
                        } else {
                            let r = ((avail - w) / avail).clamp(0.0, 1.0) as f64;
                            100.0 * r * r * r
                        };
                        let mut d = RAGGED_LINE + badness;
                        if c.hyphen {
                            d += RAGGED_HYPHEN;
                            if short_piece(text, c.end) {
                                d += RAGGED_SHORT_PIECE;
                            }
                            if cands[j].hyphen {
                                d += DOUBLE_HYPHEN_DEMERITS;
                            }
                        }
                        if ends_paragraph && cands[j].hyphen && g == 0 {
                            d += RAGGED_LONE_TAIL;
                        }
                        d
                    }
                };
                let total = best[j] + demerits;
                if total < best[i] {
                    best[i] = total;
                    from[i] = j;
                }
            }
            // A line never runs across a typed line break.
            if cands[j].forced {
                break;
            }
        }
    }
    if !best[last].is_finite() {
        return None;
    }
    let mut chain = vec![last];
    let mut k = last;
    while k != 0 {
        k = from[k];
        chain.push(k);
    }
    chain.reverse();
    let lines = chain
        .windows(2)
        .map(|w| {
            let (a, b) = (cands[w[0]], cands[w[1]]);
            let hyphen_w = if b.hyphen {
                p.hyphen_width(fonts, b.end)
            } else {
                0.0
            };
            LineSpec {
                start: a.next,
                end: b.end,
                hyphen: b.hyphen,
                width: p.width(a.next, b.end) + hyphen_w,
                last: w[1] == last || b.forced,
            }
        })
        .collect();
    Some(lines)
}

/// Whether a hyphen at `at` leaves fewer than three letters of the word on
/// either side.
fn short_piece(text: &str, at: usize) -> bool {
    let before = text[..at]
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .take(3)
        .count();
    let after = text[at..]
        .chars()
        .take_while(|c| c.is_alphabetic())
        .take(3)
        .count();
    before < 3 || after < 3
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Run;
    use crate::linebreak::Missing;

    #[test]
    fn total_fit_is_no_looser_than_greedy_and_keeps_all_text() {
        let fonts = Fonts::bundled().unwrap();
        let text = "Качество образования в современных условиях – одна из тех важных характеристик, которая определяет конкурентоспособность образовательных учреждений. В соответствии с постановлением администрации Урицкого района от 18 ноября 2013 года № 571 на 2021–2024 годы контроль возложить на Н. В. Тураева.";
        let mut m = Missing::default();
        let p = Prepared::new(&[Run::plain(text)], 14.0, &fonts, &mut m);
        let width = |i: usize| if i == 0 { 440.0 } else { 475.0 };
        let stretch = 1.75;
        let lines = total_fit(
            &p,
            &fonts,
            true,
            Fit::Justified {
                stretch_per_gap: stretch,
            },
            &width,
        )
        .unwrap();
        let worst = |ls: &[LineSpec]| {
            ls.iter()
                .enumerate()
                .filter(|(_, l)| !l.last)
                .map(|(i, l)| {
                    let g = p.text[l.start..l.end].matches(' ').count().max(1);
                    (width(i) - l.width) / g as f32
                })
                .fold(0.0f32, f32::max)
        };
        let greedy = {
            let mut m = Missing::default();
            crate::linebreak::break_lines(
                &p,
                &fonts,
                crate::linebreak::Hyphenation {
                    enabled: true,
                    min_fill: 0.0,
                    max_stretch: None,
                    ragged_fit: false,
                },
                width,
                &mut m,
            )
        };
        assert!(
            worst(&lines) <= worst(&greedy) + 0.01,
            "{} > {}",
            worst(&lines),
            worst(&greedy)
        );
        for (i, l) in lines.iter().enumerate() {
            assert!(l.width <= width(i) + 0.02);
        }
        let joined: String = lines
            .iter()
            .map(|l| p.text[l.start..l.end].to_string())
            .collect::<Vec<_>>()
            .join("");
        assert_eq!(joined.replace(' ', ""), text.replace(' ', ""));
        assert!(lines.last().unwrap().last);
    }

    #[test]
    fn typed_line_breaks_fall_back_to_greedy() {
        let fonts = Fonts::bundled().unwrap();
        let mut m = Missing::default();
        let p = Prepared::new(&[Run::plain("один\nдва")], 14.0, &fonts, &mut m);
        assert!(total_fit(
            &p,
            &fonts,
            true,
            Fit::Justified {
                stretch_per_gap: 1.75
            },
            &|_| 400.0
        )
        .is_none());
    }
}
