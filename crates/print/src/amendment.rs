//! The amendment act «О внесении изменений …» (docs/design.md §4a) as a
//! document: the act's page as any act prints, then each part it restates
//! as its appendix, on a new page under its own mark, printed in the
//! programme's own shape (its numbering, headings and columns).

use metodist_core::amendment::{self, ActRef, AmendmentDraft, AmendmentOptions, Restated};
use metodist_core::diff::{
    section_name, upper_first, ChangeKind, FieldChange, ProgrammeDiff, SegmentMark, TextChange,
};
use metodist_core::model::{ApprovingAct, Programme};

use crate::compose::{
    act_into, appendix_into, indicator_widths, indicators_into, passport_into, passport_widths,
    roadmap_into, roadmap_widths, section_into, Groups,
};
use crate::doc::{Align, Block, Cell, Document, Indent, Mark, Paragraph, Row, Run, Table};
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
        // Every appendix of an act carries the act's mark, whatever mark
        // the programme itself prints with.
        let mark = appendix_mark(p, &draft.act, k + 1, count);
        match part {
            // The programme in its new edition, under the act's mark.
            Restated::Whole => appendix_into(p, Some(mark), &mut g),
            Restated::Passport => {
                g.push(mark);
                passport_into(p, &numbers.passport, &mut g);
            }
            Restated::Section { uid } => {
                g.push(mark);
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
                g.push(mark);
                indicators_into(p, &mut g);
            }
            Restated::Roadmap => {
                g.push(mark);
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

// ------------------------------------------------ the comparison table

/// One side of a changed text: the words it shares with the other side
/// plain, its own changed words bold.
fn side(t: &TextChange, own: SegmentMark) -> Vec<Run> {
    if t.segments.is_empty() {
        let text = if own == SegmentMark::Added {
            &t.new
        } else {
            &t.old
        };
        return vec![Run::plain(text.as_str())];
    }
    t.segments
        .iter()
        .filter(|s| s.mark == SegmentMark::Same || s.mark == own)
        .map(|s| {
            if s.mark == SegmentMark::Same {
                Run::plain(s.text.as_str())
            } else {
                Run::bold(s.text.as_str())
            }
        })
        .collect()
}

fn runs_cell(runs: Vec<Run>) -> Cell {
    Cell::paragraphs(vec![Paragraph {
        runs,
        align: Align::Left,
        first_line: Indent::None,
        ..Default::default()
    }])
}

/// The rows of one element: a heading row across the table, then a row
/// per changed field, or one row with the whole element when it was added
/// or removed.
struct Rows(Vec<Row>);

impl Rows {
    fn heading(&mut self, text: String) {
        self.0
            .push(Row::new(vec![Cell::bold_centered(text).span(2)]).keep_with_next());
    }

    /// A heading that says when the element is new or goes.
    fn heading_of(&mut self, text: String, kind: ChangeKind) {
        self.heading(match kind {
            ChangeKind::Added => format!("{text} (добавляется)"),
            ChangeKind::Removed => format!("{text} (исключается)"),
            ChangeKind::Modified => text,
        });
    }

    fn fields(&mut self, fields: &[FieldChange]) {
        for f in fields {
            let label = |mut runs: Vec<Run>| {
                runs.insert(
                    0,
                    Run::italic(format!("{}: ", upper_first(&f.field.name()))),
                );
                runs
            };
            self.0.push(Row::new(vec![
                runs_cell(label(side(&f.text, SegmentMark::Removed))),
                runs_cell(label(side(&f.text, SegmentMark::Added))),
            ]));
        }
    }

    fn whole(&mut self, kind: ChangeKind, text: String) {
        let (old, new) = match kind {
            ChangeKind::Added => (vec![Run::plain("—")], vec![Run::bold(text)]),
            _ => (vec![Run::bold(text)], vec![Run::italic("исключается")]),
        };
        self.0.push(Row::new(vec![runs_cell(old), runs_cell(new)]));
    }
}

fn place_number(p: &Option<metodist_core::diff::Place>) -> String {
    p.as_ref().map(|p| p.number.clone()).unwrap_or_default()
}

fn item_text(item: &metodist_core::model::Item) -> String {
    [
        item.activity.trim(),
        item.deadline.trim(),
        item.responsible.trim(),
        item.expected_result.trim(),
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join("\n")
}

/// The comparison table («Сравнительная таблица»): every change, the
/// edition in force on the left, the new one on the right, the changed
/// words bold on each side, in the programme's own numbering.
pub fn compose_comparison(old: &Programme, new: &Programme, diff: &ProgrammeDiff) -> Document {
    let mut r = Rows(Vec::new());
    if let Some(t) = &diff.title {
        r.heading("Наименование программы".into());
        r.0.push(Row::new(vec![
            runs_cell(side(t, SegmentMark::Removed)),
            runs_cell(side(t, SegmentMark::Added)),
        ]));
    }
    if let Some(p) = &diff.period {
        r.heading("Период реализации".into());
        let text = |x: &metodist_core::Period| {
            format!(
                "{:02}.{} – {:02}.{}",
                x.start.month(),
                x.start.year(),
                x.end.month(),
                x.end.year()
            )
        };
        r.0.push(Row::new(vec![
            Cell::text(text(&p.old)),
            Cell::text(text(&p.new)),
        ]));
    }
    for c in &diff.passport {
        r.heading_of(format!("Паспорт, позиция «{}»", c.label), c.kind);
        match c.kind {
            ChangeKind::Modified => r.fields(&c.fields),
            kind => {
                let content = c
                    .row
                    .as_ref()
                    .map(|row| metodist_core::diff::rich_lines(&row.content))
                    .unwrap_or_default();
                r.whole(kind, format!("{}\n{content}", c.label));
            }
        }
    }
    for s in &diff.sections {
        let number = match s.kind {
            ChangeKind::Added => place_number(&s.new),
            _ => place_number(&s.old),
        };
        r.heading_of(upper_first(&section_name(&number, &s.title)), s.kind);
        match s.kind {
            ChangeKind::Modified => {
                r.fields(&s.fields);
                for b in &s.body {
                    let what = upper_first(&b.what);
                    match b.kind {
                        ChangeKind::Modified => r.fields(&[FieldChange {
                            field: metodist_core::diff::Field::Content,
                            text: b.text.clone(),
                        }]),
                        kind => r.whole(
                            kind,
                            format!(
                                "{what}: {}",
                                if kind == ChangeKind::Added {
                                    &b.text.new
                                } else {
                                    &b.text.old
                                }
                            ),
                        ),
                    }
                }
            }
            kind => r.whole(kind, s.title.clone()),
        }
    }
    for c in &diff.indicators {
        let number = match c.kind {
            ChangeKind::Added => place_number(&c.new),
            _ => place_number(&c.old),
        };
        r.heading_of(format!("Целевой показатель {number} «{}»", c.name), c.kind);
        match c.kind {
            ChangeKind::Modified => r.fields(&c.fields),
            kind => r.whole(kind, c.name.clone()),
        }
    }
    for b in &diff.blocks {
        let number = match b.kind {
            ChangeKind::Added => place_number(&b.new),
            _ => place_number(&b.old),
        };
        r.heading_of(
            format!("Раздел {number} плана мероприятий «{}»", b.title).replace("  ", " "),
            b.kind,
        );
        match b.kind {
            ChangeKind::Modified => r.fields(&b.fields),
            kind => r.whole(kind, b.title.clone()),
        }
    }
    for it in &diff.items {
        let number = match (it.kind, &it.old, &it.new) {
            (ChangeKind::Added, _, Some(n)) => n.number.clone(),
            (_, Some(o), _) => o.number.clone(),
            _ => String::new(),
        };
        // The whole activity: a printed table has room a line of
        // `metodist diff` has not.
        let name = match number.trim().trim_end_matches('.') {
            "" => format!("Мероприятие «{}»", it.activity.trim()),
            n => format!("Пункт {n} «{}»", it.activity.trim()),
        };
        r.heading_of(format!("{name} плана мероприятий"), it.kind);
        match it.kind {
            ChangeKind::Modified => {
                if it.moved {
                    let to = it
                        .new
                        .as_ref()
                        .map(|n| n.number.clone())
                        .unwrap_or_default();
                    r.0.push(Row::new(vec![
                        Cell::text(format!("Пункт {number}")),
                        runs_cell(vec![Run::bold(format!("Перенесён: пункт {to}"))]),
                    ]));
                }
                r.fields(&it.fields);
            }
            ChangeKind::Added => {
                let text = it.item.as_ref().map(item_text).unwrap_or_default();
                r.whole(ChangeKind::Added, text);
            }
            ChangeKind::Removed => {
                let text = old
                    .numbered_items()
                    .find(|(_, _, i)| i.uid == it.uid)
                    .map(|(_, _, i)| item_text(i))
                    .unwrap_or_else(|| it.activity.clone());
                r.whole(ChangeKind::Removed, text);
            }
        }
    }
    if diff.layout_changed {
        r.heading("Оформление документа".into());
        r.0.push(Row::new(vec![
            Cell::text("—"),
            Cell::text("Изменены заголовки, нумерация или столбцы"),
        ]));
    }
    let mut blocks = vec![
        Block::Paragraph(
            Paragraph::heading(format!(
                "Сравнительная таблица изменений\n{}",
                new.title.trim()
            ))
            .with_space(0.0, 6.0),
        ),
        Block::Paragraph(
            Paragraph::centered("Изменённые слова выделены полужирным шрифтом.")
                .with_space(0.0, 6.0),
        ),
    ];
    if r.0.is_empty() {
        blocks.push(Block::Paragraph(Paragraph::centered(
            "Редакции не различаются.",
        )));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![50.0, 50.0],
            header: vec![Row::new(vec![
                Cell::bold_centered("Действующая редакция"),
                Cell::bold_centered("Новая редакция"),
            ])],
            body: r.0,
            // As the profile says: the header, or the row of numbers.
            header_repeat: None,
            space_before_pt: 6.0,
            space_after_pt: 6.0,
            ..Default::default()
        }));
    }
    Document {
        title: format!("Сравнительная таблица: {}", new.title.trim()),
        author: String::new(),
        groups: vec![crate::doc::PageGroup {
            orientation: crate::doc::Orientation::Portrait,
            blocks,
        }],
    }
}

/// Composes and renders the comparison table in one call.
pub fn render_comparison(
    old: &Programme,
    new: &Programme,
    diff: &ProgrammeDiff,
    profile: &LayoutProfile,
    fonts: &Fonts,
) -> Result<Rendered, PrintError> {
    render(&compose_comparison(old, new, diff), profile, fonts)
}
