//! The progress report «Отчёт о ходе реализации программы»: what was due in
//! a period and what became of it, the indicators, and the evaluation of
//! effectiveness (docs/design.md §5), set in the same layout as the programme.

use chrono::NaiveDate;
use metodist_core::baseline::Rescheduled;
use metodist_core::effectiveness::{Evaluation, ITEM_DONE_SHARE};
use metodist_core::model::Programme;
use metodist_core::text::{count, date_ru};
use metodist_core::tracking::{DueEntry, Untracked};

use crate::compose::format_number;
use crate::doc::{Block, Cell, Document, Orientation, PageGroup, Paragraph, Row, Run, Table};
use crate::error::PrintError;
use crate::fonts::Fonts;
use crate::profile::LayoutProfile;
use crate::{render, Rendered};

/// What a repeated text in a table column is replaced with (ГОСТ 2.105:
/// «То же»), so an item due every month does not fill a page with copies
/// of its activity.
const DITTO: &str = "То же";

/// «из 1 мероприятия», «из 21 мероприятия», «из 2 (5, 11) мероприятий»:
/// after «из» the noun is genitive, singular only after a final 1.
fn of_items(n: usize) -> String {
    let noun = if n % 10 == 1 && n % 100 != 11 {
        "мероприятия"
    } else {
        "мероприятий"
    };
    format!("{n} {noun}")
}

/// The name of the programme in the title: «…программы поддержки школ…»
/// when the title itself begins with «Муниципальная программа», so the
/// words are not doubled; otherwise the title in quotes.
fn programme_in_title(title: &str) -> String {
    let title = title.trim();
    for prefix in ["муниципальная программа ", "программа "] {
        if let Some(head) = title.get(..prefix.len()) {
            if head.to_lowercase() == prefix {
                return format!("муниципальной программы {}", &title[prefix.len()..]);
            }
        }
    }
    format!("муниципальной программы «{title}»")
}

/// A share or a degree, two decimals with a comma.
fn fixed2(v: f64) -> String {
    format!("{v:.2}").replace('.', ",")
}

fn heading(text: &str) -> Block {
    Block::Paragraph(Paragraph::heading(text).with_space(12.0, 6.0))
}

/// Comment and evidence, one paragraph each.
fn comment_cell(e: &DueEntry) -> Cell {
    let mut paragraphs = Vec::new();
    if !e.comment.trim().is_empty() {
        paragraphs.push(Paragraph::left(e.comment.trim()));
    }
    if !e.evidence.trim().is_empty() {
        paragraphs.push(Paragraph {
            runs: vec![
                Run::italic("Подтверждение: "),
                Run::plain(e.evidence.trim()),
            ],
            ..Paragraph::left("")
        });
    }
    Cell::paragraphs(paragraphs)
}

/// The status of a due date, and for a date an amendment moved there, the
/// date the approved programme planned (docs/design.md §4a).
fn status_paragraphs(e: &DueEntry, as_of: NaiveDate, moved: &[Rescheduled]) -> Vec<Paragraph> {
    let mut out = vec![Paragraph::left(e.status_on(as_of)).without_hyphenation()];
    for m in moved
        .iter()
        .filter(|m| m.item == e.item && m.current == Some(e.due))
    {
        out.push(Paragraph::left(format!("по плану {}", date_ru(m.planned))).without_hyphenation());
    }
    out
}

/// Column titles set whole: a hyphen in a one-word title reads as a typo.
fn header(titles: &[&str]) -> Vec<Row> {
    vec![Row::new(
        titles
            .iter()
            .map(|t| Cell::paragraphs(vec![Paragraph::centered(*t).bold().without_hyphenation()]))
            .collect(),
    )]
}

fn items_table(entries: &[&DueEntry], as_of: NaiveDate, moved: &[Rescheduled]) -> Table {
    let titles = [
        "№ п/п",
        "Мероприятие",
        "Срок",
        "Ответственные",
        "Статус",
        "Дата выполнения",
        "Комментарий, подтверждение",
    ];
    let mut body = Vec::new();
    let mut block: Option<(&str, &str)> = None;
    let mut previous: Option<&DueEntry> = None;
    for e in entries {
        if block != Some((e.block_number.as_str(), e.block_title.as_str())) {
            block = Some((&e.block_number, &e.block_title));
            previous = None;
            body.push(
                // Blocks that print without a number (a flat roadmap, or
                // unnumbered blocks) head their rows with the title alone.
                Row::new(vec![Cell::bold_centered(match e.block_number.as_str() {
                    "" => e.block_title.trim().to_string(),
                    n => format!("{n}. {}", e.block_title.trim()),
                })
                .span(titles.len())])
                .keep_with_next(),
            );
        }
        let same_item = previous.is_some_and(|p| p.item == e.item);
        let again = |text: &str| {
            if same_item {
                DITTO.to_string()
            } else {
                text.trim().to_string()
            }
        };
        body.push(Row::new(vec![
            Cell::text(e.number.as_str()),
            Cell::text(again(&e.activity)),
            Cell::centered(date_ru(e.due)),
            Cell::text(again(&e.responsible)),
            // Whole words: «срок не насту-пил» reads as a typo.
            Cell::paragraphs(status_paragraphs(e, as_of, moved)),
            Cell::centered(e.done_on.map(date_ru).unwrap_or_default()),
            comment_cell(e),
        ]));
        previous = Some(e);
    }
    Table {
        // Millimetres of a landscape A4 text width: dates whole, the
        // activity and the comment the widest.
        columns: vec![15.0, 68.0, 24.0, 37.0, 30.0, 32.0, 61.0],
        header: header(&titles),
        body,
        space_before_pt: 6.0,
        space_after_pt: 12.0,
        ..Default::default()
    }
}

fn indicators_table(evaluation: &Evaluation) -> Table {
    let titles = [
        "№ п/п",
        "Показатель",
        "Ед. изм.",
        "Год",
        "План",
        "Факт",
        "Степень достижения",
    ];
    let mut body = Vec::new();
    let mut number = 0;
    let mut previous: Option<&str> = None;
    let value = |v: Option<f64>| v.map(format_number).unwrap_or_else(|| "—".into());
    for s in &evaluation.indicators {
        let same = previous == Some(s.indicator.as_str());
        if !same {
            number += 1;
        }
        body.push(Row::new(vec![
            Cell::centered(if same {
                String::new()
            } else {
                format!("{number}.")
            }),
            Cell::text(if same {
                DITTO.to_string()
            } else {
                s.name.trim().to_string()
            }),
            Cell::centered(s.unit.trim()),
            Cell::centered(s.year.to_string()),
            Cell::centered(value(s.plan)),
            Cell::centered(value(s.fact)),
            Cell::centered(s.degree.map(fixed2).unwrap_or_else(|| "—".into())),
        ]));
        previous = Some(&s.indicator);
    }
    Table {
        columns: vec![15.0, 117.0, 20.0, 20.0, 25.0, 25.0, 45.0],
        header: header(&titles),
        body,
        space_before_pt: 6.0,
        space_after_pt: 12.0,
        ..Default::default()
    }
}

fn summary(evaluation: &Evaluation, out: &mut Vec<Block>) {
    let goals = match evaluation.goals {
        Some(g) => format!("Степень достижения целей программы (среднее по показателям): {}.", fixed2(g)),
        None => "Степень достижения целей программы не определена: ни для одного показателя за годы отчётного периода не известны и план, и факт.".to_string(),
    };
    out.push(Block::Paragraph(Paragraph::body(goals)));
    let overdue = match evaluation.overdue {
        0 => String::new(),
        n => format!(
            "; просрочено сроков: {n} — срок прошёл, выполнение на {} не отмечено",
            date_ru(evaluation.as_of)
        ),
    };
    let activities = match evaluation.activities {
        Some(a) => format!(
            "Степень выполнения мероприятий: {} (выполнено {} из {}, сроки которых наступили в отчётном периоде по {} включительно{overdue}).",
            fixed2(a),
            evaluation.items_done,
            of_items(evaluation.items_due),
            date_ru(evaluation.as_of.min(evaluation.to)),
        ),
        None => format!(
            "Степень выполнения мероприятий не определена: в отчётном периоде по {} не наступил срок ни одного мероприятия.",
            date_ru(evaluation.as_of.min(evaluation.to))
        ),
    };
    out.push(Block::Paragraph(Paragraph::body(activities)));
    let overall = match (evaluation.overall, evaluation.rating) {
        (Some(o), Some(r)) => format!(
            "Интегральная оценка эффективности реализации программы: {} — {} эффективность.",
            fixed2(o),
            r.label()
        ),
        _ => "Интегральную оценку эффективности за отчётный период дать нельзя: нет ни значений показателей, ни мероприятий со сроком в периоде.".to_string(),
    };
    out.push(Block::Paragraph(
        Paragraph::body(overall).bold().with_space(6.0, 6.0),
    ));
    out.push(Block::Paragraph(Paragraph::body(format!(
        "Методика: степень достижения показателя равна отношению факта к плану (плана к факту, если желательно снижение), но не более 1; \
         степень достижения целей — среднее по показателям; мероприятие считается выполненным, если выполнено не менее {} % его сроков в периоде; \
         интегральная оценка — среднее этих двух величин; эффективность высокая при оценке не ниже 0,90, средняя — не ниже 0,80, \
         удовлетворительная — не ниже 0,70, иначе неудовлетворительная.",
        (ITEM_DONE_SHARE * 100.0).round()
    ))
    .with_size(12.0)));
}

/// What a progress report is made of.
pub struct ReportInput<'a> {
    pub programme: &'a Programme,
    /// Every due date of the programme (`tracking::entries`).
    pub entries: &'a [DueEntry],
    /// The items no month tracks: listed with the reason, never dropped.
    pub untracked: &'a [Untracked],
    /// Made for the same days and date (`Method::evaluate`).
    pub evaluation: &'a Evaluation,
    /// Due dates of the approved programme that amendments (or the draft)
    /// moved or dropped (`metodist_core::baseline::rescheduled`): shown
    /// with their planned date, so a moved item is never silently in time.
    pub rescheduled: &'a [Rescheduled],
}

/// The dates moved since the programme was approved that concern the
/// report's days (planned or now due in them): the plan, the date now and
/// the act that moved it.
fn rescheduled_table(moved: &[&Rescheduled]) -> Table {
    let titles = [
        "№ п/п",
        "Мероприятие",
        "Срок по утверждённой программе",
        "Срок сейчас",
        "Что изменено",
    ];
    let body = moved
        .iter()
        .map(|m| {
            Row::new(vec![
                Cell::text(m.number.as_str()),
                Cell::text(m.activity.trim()),
                Cell::centered(date_ru(m.planned)),
                Cell::centered(m.current.map(date_ru).unwrap_or_else(|| "—".into())),
                Cell::paragraphs(vec![Paragraph::left(m.note()).without_hyphenation()]),
            ])
        })
        .collect();
    Table {
        columns: vec![15.0, 92.0, 40.0, 30.0, 90.0],
        header: header(&titles),
        body,
        space_before_pt: 6.0,
        space_after_pt: 12.0,
        ..Default::default()
    }
}

/// The items that no month tracks, with why: the report counts without
/// them, and says so.
fn untracked_table(items: &[Untracked]) -> Table {
    let titles = ["№ п/п", "Мероприятие", "Сроки в плане", "Почему не учтено"];
    let body = items
        .iter()
        .map(|u| {
            Row::new(vec![
                Cell::text(u.number.as_str()),
                Cell::text(u.activity.trim()),
                Cell::text(if u.deadline.trim().is_empty() {
                    "—"
                } else {
                    u.deadline.trim()
                }),
                Cell::text(u.reason.label()),
            ])
        })
        .collect();
    Table {
        columns: vec![15.0, 122.0, 55.0, 75.0],
        header: header(&titles),
        body,
        space_before_pt: 6.0,
        space_after_pt: 12.0,
        ..Default::default()
    }
}

/// The progress report for the days of `input.evaluation` as known on its
/// date: the due dates in the period grouped by roadmap block, the items
/// no month tracks, the indicators and the summary.
pub fn compose_report(input: &ReportInput<'_>) -> Document {
    let ReportInput {
        programme: p,
        entries,
        untracked,
        evaluation,
        rescheduled,
    } = *input;
    let (from, to, as_of) = (evaluation.from, evaluation.to, evaluation.as_of);
    let title = format!(
        "Отчёт о ходе реализации {} за период с {} по {}",
        programme_in_title(&p.title),
        date_ru(from),
        date_ru(to)
    );
    let mut blocks = vec![Block::Paragraph(
        Paragraph::centered(title.clone())
            .bold()
            .without_hyphenation()
            .with_space(0.0, 12.0),
    )];

    blocks.push(heading("1. Выполнение плана мероприятий"));
    let due: Vec<&DueEntry> = entries
        .iter()
        .filter(|e| e.due >= from && e.due <= to)
        .collect();
    if due.is_empty() {
        blocks.push(Block::Paragraph(Paragraph::body(
            "В отчётном периоде не наступил срок ни одного мероприятия плана.",
        )));
    } else {
        blocks.push(Block::Table(items_table(&due, as_of, rescheduled)));
    }
    let moved: Vec<&Rescheduled> = rescheduled
        .iter()
        .filter(|m| {
            let inside = |d: NaiveDate| d >= from && d <= to;
            inside(m.planned) || m.current.is_some_and(inside)
        })
        .collect();
    if !moved.is_empty() {
        blocks.push(Block::Paragraph(Paragraph::body(
            "Сроки, изменённые после утверждения программы (в таблице выше — срок сейчас):",
        )));
        blocks.push(Block::Table(rescheduled_table(&moved)));
    }
    if !untracked.is_empty() {
        blocks.push(Block::Paragraph(Paragraph::body(format!(
            "Не учтены в отчёте, потому что по их срокам нельзя определить даты в периоде программы: {}.",
            count(untracked.len(), ["мероприятие", "мероприятия", "мероприятий"])
        ))));
        blocks.push(Block::Table(untracked_table(untracked)));
    }

    blocks.push(heading("2. Достижение целевых показателей"));
    if evaluation.indicators.is_empty() {
        blocks.push(Block::Paragraph(Paragraph::body(
            "Плановые и фактические значения показателей за годы отчётного периода не заданы.",
        )));
    } else {
        blocks.push(Block::Table(indicators_table(evaluation)));
    }

    blocks.push(heading("3. Оценка эффективности реализации программы"));
    summary(evaluation, &mut blocks);

    Document {
        title,
        author: p
            .act
            .as_ref()
            .and_then(|a| a.issuer.last().cloned())
            .unwrap_or_default(),
        // Seven columns with dates do not fit a portrait page at the table
        // size without breaking the dates; report forms are landscape.
        groups: vec![PageGroup {
            orientation: Orientation::Landscape,
            blocks,
        }],
    }
}

/// Composes and renders the progress report in one call.
pub fn render_report(
    input: &ReportInput<'_>,
    profile: &LayoutProfile,
    fonts: &Fonts,
) -> Result<Rendered, PrintError> {
    render(&compose_report(input), profile, fonts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::CellBlock;
    use metodist_core::effectiveness::{Method, Standard};
    use metodist_core::model::TrackStatus;

    fn programme() -> Programme {
        serde_json::from_value(serde_json::json!({
            "uid": "p-1",
            "title": "Поддержка школ",
            "status": "draft",
            "period": {"start": "2024-09", "end": "2025-05"},
            "indicators": [{
                "uid": "i-1",
                "name": "Доля выпускников, сдавших ОГЭ",
                "unit": "%",
                "direction": "increase",
                "values": [{"year": 2024, "plan": 10.0, "fact": 8.0},
                           {"year": 2025, "plan": 12.5}]
            }],
        }))
        .unwrap()
    }

    fn entry(
        number: &str,
        block: (&str, &str),
        due: (i32, u32, u32),
        status: TrackStatus,
    ) -> DueEntry {
        DueEntry {
            number: number.into(),
            item: format!("item-{number}"),
            block_number: block.0.into(),
            block_title: block.1.into(),
            activity: format!("Мероприятие {number}"),
            deadline: "ежемесячно".into(),
            responsible: "ИМЦ".into(),
            due: NaiveDate::from_ymd_opt(due.0, due.1, due.2).unwrap(),
            status,
            done_on: matches!(status, TrackStatus::Done)
                .then(|| NaiveDate::from_ymd_opt(due.0, due.1, 1).unwrap()),
            moved_to: matches!(status, TrackStatus::Moved)
                .then(|| NaiveDate::from_ymd_opt(2025, 4, 30).unwrap()),
            comment: String::new(),
            evidence: if status == TrackStatus::Done {
                "приказ № 5".into()
            } else {
                String::new()
            },
        }
    }

    fn cell_text(c: &Cell) -> String {
        c.blocks
            .iter()
            .map(|b| match b {
                CellBlock::Paragraph(p) => p.runs.iter().map(|r| r.text.as_str()).collect(),
                CellBlock::List(_) => String::new(),
            })
            .collect::<Vec<String>>()
            .join(" / ")
    }

    /// Paragraphs as text, and each table as rows of cell texts.
    fn contents(doc: &Document) -> (Vec<String>, Vec<Vec<Vec<String>>>) {
        let (mut paras, mut tables) = (Vec::new(), Vec::new());
        for b in &doc.groups[0].blocks {
            match b {
                Block::Paragraph(p) => paras.push(p.runs.iter().map(|r| r.text.as_str()).collect()),
                Block::Table(t) => tables.push(
                    t.body
                        .iter()
                        .map(|r| r.cells.iter().map(cell_text).collect())
                        .collect(),
                ),
                _ => {}
            }
        }
        (paras, tables)
    }

    #[test]
    fn report_groups_items_by_block_and_sums_up() {
        let p = programme();
        let a = ("1", "Кадры");
        let b = ("2", "Мониторинг");
        let entries = vec![
            entry("1.1", a, (2024, 10, 31), TrackStatus::Done),
            entry("1.1", a, (2024, 11, 30), TrackStatus::NotDone),
            entry("1.2", a, (2025, 3, 31), TrackStatus::Moved),
            entry("2.1", b, (2024, 12, 31), TrackStatus::DoneLate),
            // Outside the period.
            entry("2.2", b, (2025, 5, 31), TrackStatus::Planned),
        ];
        let (from, to) = (
            NaiveDate::from_ymd_opt(2024, 9, 1).unwrap(),
            NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
        );
        let e = Standard.evaluate(&p, &entries, from, to, to);
        let doc = compose_report(&ReportInput {
            programme: &p,
            entries: &entries,
            untracked: &[],
            evaluation: &e,
            rescheduled: &[],
        });
        assert_eq!(doc.groups[0].orientation, Orientation::Landscape);
        let (paras, tables) = contents(&doc);
        assert_eq!(
            paras[0],
            "Отчёт о ходе реализации муниципальной программы «Поддержка школ» за период с 01.09.2024 по 31.03.2025"
        );
        assert_eq!(tables.len(), 2);
        let items = &tables[0];
        let firsts: Vec<&str> = items.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(
            firsts,
            ["1. Кадры", "1.1", "1.1", "1.2", "2. Мониторинг", "2.1"]
        );
        assert_eq!(
            items[1],
            [
                "1.1",
                "Мероприятие 1.1",
                "31.10.2024",
                "ИМЦ",
                "выполнено",
                "01.10.2024",
                "Подтверждение: приказ № 5"
            ]
        );
        assert_eq!(items[2][1], DITTO, "a repeated activity");
        assert_eq!(items[2][4], "не выполнено");
        assert_eq!(items[3][4], "перенесено на 30.04.2025");
        assert_eq!(items[5][4], "выполнено с нарушением срока");

        let indicators = &tables[1];
        assert_eq!(
            indicators[0],
            [
                "1.",
                "Доля выпускников, сдавших ОГЭ",
                "%",
                "2024",
                "10",
                "8",
                "0,80"
            ]
        );
        assert_eq!(indicators[1][..4], ["", DITTO, "%", "2025"]);
        assert_eq!(indicators[1][4..], ["12,5", "—", "—"]);

        // Goals 0,80; items: 1.1 half done, 1.2 moved (not counted), 2.1
        // done late → 1 of 2; overall (0,80 + 0,50) / 2 = 0,65.
        let text = paras.join("\n");
        assert!(
            text.contains("целей программы (среднее по показателям): 0,80."),
            "{text}"
        );
        assert!(
            text.contains("мероприятий: 0,50 (выполнено 1 из 2 мероприятий"),
            "{text}"
        );
        assert!(
            text.contains("программы: 0,65 — неудовлетворительная эффективность."),
            "{text}"
        );
    }

    #[test]
    fn the_count_after_iz_is_genitive() {
        assert_eq!(of_items(1), "1 мероприятия");
        assert_eq!(of_items(21), "21 мероприятия");
        assert_eq!(of_items(11), "11 мероприятий");
        assert_eq!(of_items(3), "3 мероприятий");
    }

    #[test]
    fn an_empty_period_gets_sentences_not_empty_tables() {
        let mut p = programme();
        p.title = "Муниципальная программа развития образования".into();
        p.indicators.clear();
        let (from, to) = (
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(),
        );
        let e = Standard.evaluate(&p, &[], from, to, to);
        let doc = compose_report(&ReportInput {
            programme: &p,
            entries: &[],
            untracked: &[],
            evaluation: &e,
            rescheduled: &[],
        });
        let (paras, tables) = contents(&doc);
        assert!(tables.is_empty());
        assert!(paras[0].starts_with(
            "Отчёт о ходе реализации муниципальной программы развития образования за период"
        ));
        let text = paras.join("\n");
        assert!(text.contains("не наступил срок ни одного мероприятия"));
        assert!(text.contains("показателей за годы отчётного периода не заданы"));
        assert!(text.contains("Интегральную оценку эффективности за отчётный период дать нельзя"));
    }

    /// A report made on 01.12.2026 for the whole autumn: what was due and
    /// never marked is overdue, what is due later is not yet due and not
    /// counted, and an item no month tracks is named with its reason.
    #[test]
    fn a_past_due_date_without_a_record_is_overdue_and_a_later_one_not_yet_due() {
        use metodist_core::tracking::UntrackedReason;
        let p = programme();
        let a = ("1", "Кадры");
        let entries = vec![
            entry("1.1", a, (2026, 9, 30), TrackStatus::Planned),
            entry("1.2", a, (2026, 10, 31), TrackStatus::Done),
            entry("1.3", a, (2026, 12, 20), TrackStatus::Planned),
        ];
        let untracked = [Untracked {
            number: "1.4".into(),
            item: "item-1.4".into(),
            activity: "Семинар по итогам".into(),
            deadline: "по итогам года".into(),
            reason: UntrackedReason::Unrecognized,
        }];
        let (from, to, made) = (
            NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        );
        let e = Standard.evaluate(&p, &entries, from, to, made);
        assert_eq!((e.items_done, e.items_due, e.overdue), (1, 2, 1));
        let doc = compose_report(&ReportInput {
            programme: &p,
            entries: &entries,
            untracked: &untracked,
            evaluation: &e,
            rescheduled: &[],
        });
        let (paras, tables) = contents(&doc);
        let status: Vec<&str> = tables[0].iter().skip(1).map(|r| r[4].as_str()).collect();
        assert_eq!(status, ["просрочено", "выполнено", "срок не наступил"]);
        assert_eq!(
            tables[1],
            [[
                "1.4",
                "Семинар по итогам",
                "по итогам года",
                "срок не распознан"
            ]]
        );
        let text = paras.join("\n");
        assert!(text.contains("Не учтены в отчёте"), "{text}");
        assert!(
            text.contains("выполнено 1 из 2 мероприятий, сроки которых наступили в отчётном периоде по 01.12.2026 включительно; просрочено сроков: 1"),
            "{text}"
        );
    }
}
