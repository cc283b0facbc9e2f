//! What must be filled in before a programme goes for signature. While
//! drafting, empty fields are fine; before printing a final version the
//! interface lists these problems («Не заполнено: Цель программы»).

use crate::error::Problem;
use crate::model::*;

/// Passport rows a signed programme cannot do without.
const REQUIRED_ROWS: [PassportKey; 6] = [
    PassportKey::Name,
    PassportKey::Customer,
    PassportKey::Goal,
    PassportKey::Tasks,
    PassportKey::Terms,
    PassportKey::Results,
];

/// Text that is still a template's guidance: a whole paragraph in square
/// brackets, such as «[Укажите отдел образования]».
pub fn is_guidance(text: &str) -> bool {
    let t = text.trim();
    t.starts_with('[') && t.ends_with(']')
}

fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

fn rich_is_empty(content: &RichText) -> bool {
    content.iter().all(|b| match b {
        TextBlock::Paragraph { text } => blank(text),
        TextBlock::Numbered { items } | TextBlock::Bulleted { items } => {
            items.iter().all(|i| blank(i))
        }
    })
}

fn rich_texts(content: &RichText) -> Vec<&str> {
    content
        .iter()
        .flat_map(|b| match b {
            TextBlock::Paragraph { text } => vec![text.as_str()],
            TextBlock::Numbered { items } | TextBlock::Bulleted { items } => {
                items.iter().map(String::as_str).collect()
            }
        })
        .collect()
}

fn section_texts(body: &[SectionBlock]) -> Vec<&str> {
    let mut out = Vec::new();
    for b in body {
        match b {
            SectionBlock::Paragraph { text } => out.push(text.as_str()),
            SectionBlock::Numbered { items } | SectionBlock::Bulleted { items } => {
                out.extend(items.iter().map(String::as_str))
            }
            SectionBlock::Table { columns, rows } => {
                out.extend(columns.iter().map(String::as_str));
                out.extend(rows.iter().flatten().map(String::as_str));
            }
            SectionBlock::Risks { rows, .. } => {
                for r in rows {
                    out.extend([r.stage.as_str(), r.risk.as_str(), r.mitigation.as_str()]);
                }
            }
            SectionBlock::Swot {
                strengths,
                weaknesses,
                opportunities,
                threats,
            } => {
                for list in [strengths, weaknesses, opportunities, threats] {
                    out.extend(list.iter().map(String::as_str));
                }
            }
            SectionBlock::Indicators | SectionBlock::Roadmap => {}
        }
    }
    out
}

fn short(text: &str) -> String {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() > 60 {
        format!("{}…", t.chars().take(59).collect::<String>())
    } else {
        t
    }
}

/// Every gap that should be closed before the programme is printed for
/// signature, in document order.
pub fn check(p: &Programme) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut push = |path: String, msg: String| out.push(Problem::new(path, msg));
    if blank(&p.title) {
        push("title".into(), "Не заполнено: название программы".into());
    }
    if let Some(act) = &p.act {
        for (path, value, what) in [
            ("act.title", &act.title, "заголовок утверждающего акта"),
            (
                "act.signatory_position",
                &act.signatory_position,
                "должность подписывающего",
            ),
            (
                "act.signatory_name",
                &act.signatory_name,
                "фамилия и инициалы подписывающего",
            ),
        ] {
            if blank(value) || is_guidance(value) {
                push(path.into(), format!("Не заполнено: {what}"));
            }
        }
        if act.issuer.iter().all(|l| blank(l)) {
            push(
                "act.issuer".into(),
                "Не заполнено: наименование органа, издающего акт".into(),
            );
        }
        for (i, line) in act.issuer.iter().enumerate() {
            if line.contains('[') {
                push(
                    format!("act.issuer[{i}]"),
                    format!("Осталась подсказка шаблона: {}", short(line)),
                );
            }
        }
    }
    for key in REQUIRED_ROWS {
        let Some((i, row)) = p.passport.iter().enumerate().find(|(_, r)| r.key == key) else {
            push(
                "passport".into(),
                format!("Нет строки паспорта: {}", key.default_label()),
            );
            continue;
        };
        let empty = if key == PassportKey::Tasks {
            rich_is_empty(&row.content) && p.tasks.iter().all(|t| blank(&t.text))
        } else {
            rich_is_empty(&row.content)
        };
        if empty {
            push(
                format!("passport[{i}]"),
                format!("Не заполнено: {}", row.label),
            );
        }
    }
    for (i, row) in p.passport.iter().enumerate() {
        if let Some(t) = rich_texts(&row.content)
            .into_iter()
            .find(|t| is_guidance(t))
        {
            push(
                format!("passport[{i}]"),
                format!(
                    "Осталась подсказка шаблона в строке «{}»: {}",
                    row.label,
                    short(t)
                ),
            );
        }
    }
    for (i, t) in p.tasks.iter().enumerate() {
        if blank(&t.text) || is_guidance(&t.text) {
            push(
                format!("tasks[{i}]"),
                format!("Не заполнено: задача {}", i + 1),
            );
        }
    }
    for (i, s) in p.sections.iter().enumerate() {
        if blank(&s.title) {
            push(
                format!("sections[{i}]"),
                format!("Не заполнено: название раздела {}", i + 1),
            );
        }
        if let Some(t) = section_texts(&s.body).into_iter().find(|t| is_guidance(t)) {
            push(
                format!("sections[{i}]"),
                format!(
                    "Осталась подсказка шаблона в разделе «{}»: {}",
                    short(&s.title),
                    short(t)
                ),
            );
        }
    }
    for (i, ind) in p.indicators.iter().enumerate() {
        let n = i + 1;
        if blank(&ind.name) {
            push(
                format!("indicators[{i}]"),
                format!("Не заполнено: название показателя {n}"),
            );
        }
        if ind.base_value.is_none() {
            push(
                format!("indicators[{i}]"),
                format!("Показатель {n}: не указано базовое значение"),
            );
        }
        let missing: Vec<String> = p
            .period
            .years()
            .filter(|y| !ind.values.iter().any(|v| v.year == *y && v.plan.is_some()))
            .map(|y| y.to_string())
            .collect();
        if !missing.is_empty() {
            push(
                format!("indicators[{i}]"),
                format!(
                    "Показатель {n}: не указан план на {} г.",
                    missing.join(", ")
                ),
            );
        }
    }
    if p.item_count() == 0 {
        push("roadmap".into(), "Дорожная карта пуста".into());
    }
    for (b, block) in p.roadmap.blocks.iter().enumerate() {
        if blank(&block.title) {
            push(
                format!("roadmap.blocks[{b}]"),
                format!("Не заполнено: название блока {}", b + 1),
            );
        }
        for (i, item) in block.items.iter().enumerate() {
            let n = item_number(b, i);
            let path = format!("roadmap.blocks[{b}].items[{i}]");
            for (value, what) in [
                (&item.activity, "мероприятие"),
                (&item.deadline, "сроки"),
                (&item.responsible, "ответственные"),
            ] {
                if blank(value) || is_guidance(value) {
                    push(path.clone(), format!("Пункт {n}: не заполнено «{what}»"));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_complete_programme_has_no_gaps() {
        let p: Programme = crate::exchange::from_json(include_str!(
            "../../../tests/fixtures/sample-programme.metodist.json"
        ))
        .unwrap();
        assert_eq!(check(&p), vec![]);
    }

    #[test]
    fn empty_required_rows_guidance_and_items_are_listed() {
        let mut p = crate::generate::programme(3, 1);
        let goal = p
            .passport
            .iter_mut()
            .find(|r| r.key == PassportKey::Goal)
            .unwrap();
        goal.content = vec![TextBlock::Paragraph { text: "  ".into() }];
        let label = goal.label.clone();
        p.passport.retain(|r| r.key != PassportKey::Results);
        p.sections[0].body.push(SectionBlock::Paragraph {
            text: "[Опишите состояние школ]".into(),
        });
        p.roadmap.blocks[0].items[0].deadline.clear();
        p.indicators[1].values.retain(|v| v.year != 2026);
        let messages: Vec<String> = check(&p).into_iter().map(|p| p.message).collect();
        assert!(
            messages.contains(&format!("Не заполнено: {label}")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("Нет строки паспорта: Ожидаемые")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("[Опишите состояние школ]")),
            "{messages:?}"
        );
        assert!(
            messages.contains(&"Пункт 1.1: не заполнено «сроки»".to_string()),
            "{messages:?}"
        );
        assert!(
            messages.contains(&"Показатель 2: не указан план на 2026 г.".to_string()),
            "{messages:?}"
        );
    }

    #[test]
    fn guidance_is_a_whole_bracketed_text() {
        assert!(is_guidance(" [Укажите отдел образования] "));
        assert!(!is_guidance("Приказ [в редакции от 2024 г.] действует"));
        assert!(!is_guidance(""));
    }
}
