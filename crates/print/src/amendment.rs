//! The amendment act «О внесении изменений …» (docs/design.md §4a) as a
//! document: the act's page as any act prints, then each part it restates
//! as its appendix, on a new page under its own mark, printed in the
//! programme's own shape (its numbering, headings and columns).

use metodist_core::amendment::{self, ActRef, AmendmentDraft, AmendmentOptions, Restated};
use metodist_core::model::{ApprovingAct, MarkStyle, Programme};

use crate::compose::{
    act_into, appendix_into, indicator_widths, indicators_into, passport_into, passport_widths,
    roadmap_into, roadmap_widths, section_into, Groups,
};
use crate::doc::{Block, Document, Mark, Paragraph};
use crate::error::PrintError;
use crate::fonts::Fonts;
use crate::profile::LayoutProfile;
use crate::{render, Rendered};

/// What an amendment act is printed from.
#[derive(Debug, Clone)]
pub struct AmendmentInput<'a> {
    /// The edition in force (the last approved one).
    pub old: &'a Programme,
    /// The edition the act brings into force.
    pub new: &'a Programme,
    /// The act that approved the programme.
    pub approving: &'a ApprovingAct,
    /// The amendments made since, oldest first.
    pub earlier: &'a [ActRef],
    pub options: AmendmentOptions,
    /// The act as she edited it; `None` prints the draft made from the
    /// comparison.
    pub draft: Option<&'a AmendmentDraft>,
}

impl AmendmentInput<'_> {
    /// The act to print: hers, or drafted from the comparison now.
    pub fn draft(&self) -> AmendmentDraft {
        match self.draft {
            Some(d) => d.clone(),
            None => amendment::draft(
                self.old,
                self.new,
                &metodist_core::diff::compare(self.old, self.new),
                self.approving,
                self.earlier,
                &self.options,
            ),
        }
    }
}

/// The mark of appendix `n` of `count`: «Приложение [№ n] к постановлению
/// … от … № …» with the amendment act's own date and number.
fn appendix_mark(p: &Programme, act: &ApprovingAct, n: usize, count: usize) -> Block {
    let issuer = p.appendix.issuer_genitive.trim();
    let head = if count > 1 {
        format!("Приложение № {n}")
    } else {
        "Приложение".to_string()
    };
    let to = if issuer.is_empty() {
        format!("к {}", act.kind.dative())
    } else {
        format!("к {} {issuer}", act.kind.dative())
    };
    Block::Mark(Mark {
        paragraphs: vec![
            Paragraph::left(head),
            Paragraph::left(format!("{to} {}", ActRef::of(act).date_and_number()))
                .without_hyphenation(),
        ],
        width_mm: None,
        space_after_pt: 18.0,
    })
}

/// The amendment act and its appendices as a document to typeset.
pub fn compose_amendment(input: &AmendmentInput) -> Document {
    let draft = input.draft();
    let p = input.new;
    let mut g = Groups::new();
    // A row set out in a point is as wide as in the table it belongs to:
    // which one, the point's own words say (metodist_core::amendment).
    let widths = |point: &str, cells: usize| {
        let w = if point.contains("паспорта Программы") || point.contains("Паспорт Программы")
        {
            passport_widths(p)
        } else if point.contains("целевых показателей") {
            indicator_widths(p)
        } else if point.contains("плана мероприятий") || point.contains("План мероприятий")
        {
            roadmap_widths(p)
        } else {
            return None;
        };
        (w.len() == cells).then_some(w)
    };
    act_into(p, &draft.act, &widths, &mut g);
    let count = draft.appendix.len();
    let numbers = p.heading_numbers();
    for (k, part) in draft.appendix.iter().enumerate() {
        g.push(Block::PageBreak);
        let mark = (p.appendix.style != MarkStyle::None || count > 0)
            .then(|| appendix_mark(p, &draft.act, k + 1, count));
        match part {
            // The programme in its new edition, under the act's mark.
            Restated::Whole => appendix_into(p, mark, &mut g),
            Restated::Passport => {
                g.push(mark.expect("an appendix has a mark"));
                passport_into(p, &numbers.passport, &mut g);
            }
            Restated::Section { uid } => {
                g.push(mark.expect("an appendix has a mark"));
                if let Some((s, n)) = p
                    .sections
                    .iter()
                    .zip(&numbers.sections)
                    .find(|(s, _)| &s.uid == uid)
                {
                    section_into(p, s, n, &mut g);
                }
            }
            Restated::Indicators => {
                g.push(mark.expect("an appendix has a mark"));
                indicators_into(p, &mut g);
            }
            Restated::Roadmap => {
                g.push(mark.expect("an appendix has a mark"));
                roadmap_into(p, &mut g);
            }
        }
    }
    g.flush();
    Document {
        title: draft.act.title.trim().to_string(),
        author: draft.act.issuer.last().cloned().unwrap_or_default(),
        groups: g.done,
    }
}

/// Composes and renders an amendment act in one call.
pub fn render_amendment(
    input: &AmendmentInput,
    profile: &LayoutProfile,
    fonts: &Fonts,
) -> Result<Rendered, PrintError> {
    render(&compose_amendment(input), profile, fonts)
}
