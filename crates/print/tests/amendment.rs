//! The amendment act «О внесении изменений …» and the programme printed
//! after it (docs/design.md §4a), read back from the PDF with pdftotext as
//! a reader would see them.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use metodist_core::amendment::{ActRef, AmendmentOptions};
use metodist_core::model::{ActKind, DateFormat, PassportKey, Programme, TextBlock};
use metodist_print::{
    compose_amendment, compose_with, render, render_amendment, AmendmentInput, Block,
    ComposeExtras, ComposeMode, Fonts, LayoutProfile, ListKind,
};

fn sample() -> Programme {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/sample-programme.v2.metodist.json");
    metodist_core::exchange::read_file(&path).expect("the sample programme")
}

/// The changes of issue #17: a deadline moved, an item added at the end
/// of its block, a passport position rewritten, an indicator's plan.
fn amended(old: &Programme) -> Programme {
    let mut new = old.clone();
    new.roadmap.blocks[1].items[2].deadline = "до 01.06.2025".into();
    let mut item = new.roadmap.blocks[0].items[0].clone();
    item.uid = "added-item".into();
    item.activity =
        "Проведение выездного методического семинара для школ — участниц программы".into();
    item.deadline = "Март 2026".into();
    item.responsible = "ИМЦ".into();
    item.expected_result = "Адресные рекомендации школам".into();
    item.per_year.clear();
    new.roadmap.blocks[0].items.push(item);
    let funding = new
        .passport
        .iter_mut()
        .find(|r| r.key == PassportKey::Funding)
        .unwrap();
    funding.content = vec![TextBlock::Paragraph {
        text: "Общий объём финансирования — 1 450,0 тыс. рублей за счёт средств бюджета района"
            .into(),
    }];
    let v = new.indicators[0]
        .values
        .iter_mut()
        .find(|v| v.plan.is_some())
        .unwrap();
    v.plan = Some(v.plan.unwrap() + 5.0);
    new
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("metodist-amendment-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn pdftotext(pdf: &Path, page: Option<usize>) -> String {
    let mut args: Vec<String> = Vec::new();
    if let Some(n) = page {
        args.extend(["-f".into(), n.to_string(), "-l".into(), n.to_string()]);
    }
    args.push(pdf.to_str().unwrap().into());
    args.push("-".into());
    let out = Command::new("pdftotext")
        .args(&args)
        .output()
        .expect("pdftotext must be installed (poppler-utils)");
    assert!(out.status.success());
    // One line, single spaces: the line breaks are the typesetter's, and
    // a word hyphenated at a line's end (a soft hyphen) is whole again.
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("\u{AD} ", "")
}

fn page_sizes(pdf: &Path) -> Vec<(f64, f64)> {
    let out = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "99", pdf.to_str().unwrap()])
        .output()
        .expect("pdfinfo must be installed (poppler-utils)");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .map(|l| {
            let nums: Vec<f64> = l
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            (nums[1], nums[2])
        })
        .collect()
}

fn earlier() -> Vec<ActRef> {
    vec![ActRef {
        kind: ActKind::Decree,
        date: NaiveDate::from_ymd_opt(2025, 3, 14),
        number: Some("97".into()),
        date_format: DateFormat::Numeric,
    }]
}

fn input<'a>(old: &'a Programme, new: &'a Programme, earlier: &'a [ActRef]) -> AmendmentInput<'a> {
    AmendmentInput {
        old,
        new,
        approving: old.act.as_ref().unwrap(),
        earlier,
        options: AmendmentOptions::default(),
        draft: None,
    }
}

#[test]
fn the_amendment_act_cites_the_approving_act_and_lists_the_changes() {
    let old = sample();
    let new = amended(&old);
    let earlier = earlier();
    let profile = LayoutProfile::default();
    let fonts = Fonts::load(&profile.font).unwrap();
    let out = render_amendment(&input(&old, &new, &earlier), &profile, &fonts).unwrap();
    let pdf = tmp("act.pdf");
    std::fs::write(&pdf, &out.pdf).unwrap();
    let text = pdftotext(&pdf, None);
    for expected in [
        "ПОСТАНОВЛЕНИЕ",
        "от ____________ № _____",
        "О внесении изменений в муниципальную программу поддержки школ с низкими \
         образовательными результатами и школ, функционирующих в неблагоприятных социальных \
         условиях, Заречного муниципального района на 2024–2027 годы, утверждённую \
         постановлением администрации Заречного муниципального района от 28.08.2024 № 412 \
         (в редакции постановления от 14.03.2025 № 97)",
        "(далее — Программа), ПОСТАНОВЛЯЕТ: 1. Внести в Программу следующие изменения: 1.1. \
         Позицию «Объёмы и источники финансирования» паспорта Программы изложить в следующей \
         редакции: Объёмы и источники финансирования Общий объём финансирования — 1 450,0 тыс. \
         рублей за счёт средств бюджета района",
        "Строку 1 таблицы целевых показателей раздела II «Цель, задачи и целевые показатели \
         программы» Программы изложить в следующей редакции: 1.",
        "Раздел 1 плана мероприятий дополнить пунктом 1.10 следующего содержания: 1.10",
        "В пункте 2.3 плана мероприятий в графе «Сроки» слова",
        "заменить словами «до 01.06.2025».",
        // The approving act's closing points, numbered on after point 1.
        "2. Опубликовать настоящее постановление",
        "3. Контроль за исполнением настоящего постановления",
        "4. Настоящее постановление вступает в силу",
        "Глава Заречного муниципального района",
        "А. С. Петров",
    ] {
        assert!(text.contains(expected), "«{expected}» in:\n{text}");
    }
    // Nothing restated: no appendix, the act alone.
    assert!(!text.contains("Приложение"), "{text}");
    // The sub-points are not counted by the numbering.
    let doc = compose_amendment(&input(&old, &new, &earlier));
    let starts: Vec<u32> = doc
        .groups
        .iter()
        .flat_map(|g| &g.blocks)
        .filter_map(|b| match b {
            Block::List(l) if l.wrap_to_margin => match l.kind {
                ListKind::Numbered { start, .. } => Some(start),
                _ => None,
            },
            _ => None,
        })
        .collect();
    assert_eq!(starts, [1, 2]);
    // The sub-points' rows are tables of their own.
    let tables = doc
        .groups
        .iter()
        .flat_map(|g| &g.blocks)
        .filter(|b| matches!(b, Block::Table(_)))
        .count();
    assert_eq!(tables, 3, "the passport position, the indicator, the item");
}

#[test]
fn a_restated_plan_is_the_appendix_on_landscape_pages_under_its_mark() {
    let old = sample();
    let mut new = amended(&old);
    // The first item goes: every item after it is renumbered.
    new.roadmap.blocks[0].items.remove(0);
    let profile = LayoutProfile::default();
    let fonts = Fonts::load(&profile.font).unwrap();
    let out = render_amendment(&input(&old, &new, &[]), &profile, &fonts).unwrap();
    let pdf = tmp("restated.pdf");
    std::fs::write(&pdf, &out.pdf).unwrap();
    let first = pdftotext(&pdf, Some(1));
    let all = pdftotext(&pdf, None);
    assert!(
        all.contains(
            "Раздел V «План мероприятий (дорожная карта)» Программы изложить в новой редакции \
             согласно приложению к настоящему постановлению."
        ),
        "{all}"
    );
    assert!(!all.contains("В пункте 2.3 плана мероприятий"), "{all}");
    assert!(first.starts_with("РОССИЙСКАЯ ФЕДЕРАЦИЯ"), "{first}");
    // The appendix on a new page: its mark, then the section that holds
    // the plan in the programme's own numbering, with its text; the plan
    // itself on landscape pages.
    let sizes = page_sizes(&pdf);
    let texts: Vec<String> = (1..=sizes.len())
        .map(|n| pdftotext(&pdf, Some(n)))
        .collect();
    let mark = texts
        .iter()
        .position(|t| t.contains("Приложение"))
        .expect("the appendix");
    assert!(
        texts[mark].contains(
            "Приложение к постановлению администрации Заречного муниципального района от \
             ____________ № _____ V. План мероприятий (дорожная карта) Мероприятия"
        ),
        "{}",
        texts[mark]
    );
    assert!(!texts[..mark]
        .iter()
        .any(|t| t.contains("Ожидаемый результат")));
    let landscape: Vec<usize> = sizes
        .iter()
        .enumerate()
        .filter(|(_, (w, h))| w > h)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(landscape.first(), Some(&(mark + 1)), "{sizes:?}");
    let plan = landscape
        .iter()
        .map(|&i| texts[i].as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let first: Vec<&str> = new.roadmap.blocks[0].items[0]
        .activity
        .split_whitespace()
        .take(2)
        .collect();
    assert!(plan.contains(&format!("1.1 {}", first.join(" "))), "{plan}");
    assert!(
        plan.contains("Проведение выездного методического семинара"),
        "{plan}"
    );
    assert!(plan.contains("до 01.06.2025"), "{plan}");
    // No blank page between the act and its appendix.
    for n in 1..=sizes.len() {
        assert!(!pdftotext(&pdf, Some(n)).is_empty(), "page {n} is blank");
    }
}

#[test]
fn the_whole_programme_restated_prints_in_its_new_edition() {
    let old = sample();
    let new = amended(&old);
    let mut i = input(&old, &new, &[]);
    i.options.whole = true;
    let profile = LayoutProfile::default();
    let fonts = Fonts::load(&profile.font).unwrap();
    let out = render_amendment(&i, &profile, &fonts).unwrap();
    let pdf = tmp("whole.pdf");
    std::fs::write(&pdf, &out.pdf).unwrap();
    let all = pdftotext(&pdf, None);
    assert!(
        all.contains(
            "1. Программу изложить в новой редакции согласно приложению к настоящему постановлению. 2."
        ),
        "{all}"
    );
    assert!(all.contains("Приложение к постановлению администрации Заречного муниципального района от ____________ № _____"));
    assert!(all.contains("Паспорт программы"));
    assert!(all.contains("Общий объём финансирования — 1 450,0 тыс. рублей"));
    assert!(all.contains("Проведение выездного методического семинара"));
}

#[test]
fn the_programme_after_an_amendment_carries_the_revision_under_its_mark() {
    let p = sample();
    let revision = metodist_core::amendment::revision_line(&earlier());
    let doc = compose_with(
        &p,
        ComposeMode::AppendixOnly,
        &ComposeExtras {
            revision: revision.clone(),
        },
    );
    let profile = LayoutProfile::default();
    let fonts = Fonts::load(&profile.font).unwrap();
    let out = render(&doc, &profile, &fonts).unwrap();
    let pdf = tmp("revised.pdf");
    std::fs::write(&pdf, &out.pdf).unwrap();
    let first = pdftotext(&pdf, Some(1));
    assert!(
        first.starts_with(
            "Приложение № 1 к постановлению администрации Заречного муниципального района от \
             28.08.2024 № 412 УТВЕРЖДЕНА постановлением администрации Заречного муниципального \
             района от 28.08.2024 № 412 (в редакции постановления от 14.03.2025 № 97) \
             Муниципальная программа"
        ),
        "{first}"
    );
    // Without an amendment the mark is as before.
    let plain = compose_with(&p, ComposeMode::AppendixOnly, &ComposeExtras::default());
    assert_eq!(
        plain,
        metodist_print::compose(&p, ComposeMode::AppendixOnly)
    );
    assert_ne!(plain, doc);
}

#[test]
fn a_plan_restated_alone_starts_its_landscape_page_with_the_mark() {
    let mut old = sample();
    // The plan after the last section, as when no section holds it.
    for s in &mut old.sections {
        s.body
            .retain(|b| *b != metodist_core::model::SectionBlock::Roadmap);
    }
    let mut new = old.clone();
    new.roadmap.blocks[0].items.remove(0);
    let doc = compose_amendment(&input(&old, &new, &[]));
    assert_eq!(doc.groups.len(), 2, "the act, then the landscape appendix");
    let land = &doc.groups[1];
    assert_eq!(land.orientation, metodist_print::Orientation::Landscape);
    let Block::Mark(mark) = &land.blocks[0] else {
        panic!("the mark heads the landscape page: {:?}", land.blocks[0]);
    };
    assert_eq!(mark.paragraphs[0].runs[0].text, "Приложение");
    // No page break is left behind at the end of the act.
    assert!(!matches!(
        doc.groups[0].blocks.last(),
        Some(Block::PageBreak)
    ));
}

#[test]
fn the_comparison_table_sets_the_editions_side_by_side() {
    let old = sample();
    let mut new = amended(&old);
    let gone = new.roadmap.blocks[4].items.pop().unwrap();
    let diff = metodist_core::diff::compare(&old, &new);
    let doc = metodist_print::compose_comparison(&old, &new, &diff);
    // The changed words are bold on their own side only.
    let table = doc.groups[0]
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .expect("the table");
    let runs = |row: &metodist_print::Row, c: usize| -> Vec<(String, metodist_print::Style)> {
        row.cells[c]
            .blocks
            .iter()
            .flat_map(|b| match b {
                metodist_print::CellBlock::Paragraph(p) => p.runs.clone(),
                _ => Vec::new(),
            })
            .map(|r| (r.text, r.style))
            .collect()
    };
    let deadline = table
        .body
        .iter()
        .find(|r| {
            r.cells.len() == 2
                && runs(r, 1)
                    .iter()
                    .any(|(t, s)| t.contains("до 01.06.2025") && *s == metodist_print::Style::Bold)
        })
        .expect("the moved deadline, bold on the right");
    assert_eq!(runs(deadline, 0)[0].0, "Срок: ");
    assert!(runs(deadline, 0)
        .iter()
        .any(|(t, s)| t.contains("октябрь") && *s == metodist_print::Style::Bold));
    assert!(!runs(deadline, 0)
        .iter()
        .any(|(t, _)| t.contains("01.06.2025")));

    let profile = LayoutProfile::default();
    let fonts = Fonts::load(&profile.font).unwrap();
    let out = metodist_print::render_comparison(&old, &new, &diff, &profile, &fonts).unwrap();
    let pdf = tmp("comparison.pdf");
    std::fs::write(&pdf, &out.pdf).unwrap();
    let text = pdftotext(&pdf, None);
    for expected in [
        "Сравнительная таблица изменений Муниципальная программа поддержки школ",
        "Действующая редакция Новая редакция",
        "Паспорт, позиция «Объёмы и источники финансирования»",
        "Пункт 2.3 «Проведение муниципальных диагностических работ",
        "Пункт 1.10 «Проведение выездного методического семинара для школ — участниц \
         программы» плана мероприятий (добавляется) —",
        "плана мероприятий (исключается)",
    ] {
        assert!(text.contains(expected), "«{expected}» in:\n{text}");
    }
    let first: Vec<&str> = gone.activity.split_whitespace().take(3).collect();
    assert!(
        text.contains(&first.join(" ")),
        "the removed item's text: {text}"
    );
    // The same editions: nothing to list.
    let same =
        metodist_print::compose_comparison(&old, &old, &metodist_core::diff::compare(&old, &old));
    let words: Vec<String> = same.groups[0]
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.runs.iter().map(|r| r.text.as_str()).collect()),
            _ => None,
        })
        .collect();
    assert!(words.contains(&"Редакции не различаются.".to_string()));
}
