//! What must be filled in before a programme goes for signature. While
//! drafting, empty fields are fine; before printing a final version the
//! interface lists these problems («Не заполнено: Цель программы»), and
//! `metodist check` prints them.
//!
//! Four kinds: a required part that is empty; a placeholder left from a
//! template anywhere in the text («…района на [годы]», «[И. О. Фамилия]»);
//! a roadmap deadline the tracking cannot follow (not understood, or with
//! dates outside the programme's period); a passport row she typed that
//! contradicts the data it repeats (`passport.rs`).
//!
//! Each problem's path names the field to fix, precisely enough for the
//! editor to focus it: `act.signatory_name`, `passport[3].content[0]`,
//! `sections[1].body[2]`, `indicators[0].plan[2026]`,
//! `roadmap.blocks[0].items[4].deadline` (docs/design.md §2, «Places»).

use crate::error::Problem;
use crate::model::*;
use crate::passport;
use crate::schedule::effective;

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

/// The template placeholders in `text`: every `[…]` with a letter in it.
/// Our templates mark everything she must replace that way («[наименование]»,
/// «[Укажите …]», «[годы]»); a reference such as «[1]» or «[2, с. 15]»
/// (starting with a digit) is not one.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else { break };
        let inner = &after[..close];
        let starts_with_digit = inner.trim_start().starts_with(|c: char| c.is_ascii_digit());
        if inner.chars().any(char::is_alphabetic) && !starts_with_digit && !inner.contains('[') {
            out.push(&rest[open..open + close + 2]);
        }
        rest = &after[close + 1..];
    }
    out
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

fn rich_texts(content: &[TextBlock]) -> Vec<&str> {
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
            if blank(value) {
                push(path.into(), format!("Не заполнено: {what}"));
            }
        }
        if act.issuer.iter().all(|l| blank(l)) {
            push(
                "act.issuer[0]".into(),
                "Не заполнено: наименование органа, издающего акт".into(),
            );
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
        // A row filled from the data is empty when the data is: the tasks
        // row with no task says so at the row, where tasks are added.
        if rich_is_empty(&passport::shown(p, row)) {
            let place = if row.fills_from_data() {
                format!("passport[{i}]")
            } else {
                format!("passport[{i}].content[0]")
            };
            push(place, format!("Не заполнено: {}", row.label));
        }
    }
    for (i, row) in p.passport.iter().enumerate() {
        // A row still holding a template's placeholder is listed for it;
        // what it contradicts is only worth saying once it is written.
        let unfinished = rich_texts(&row.content)
            .iter()
            .any(|t| !placeholders(t).is_empty());
        if !row.fills_from_data() && !rich_is_empty(&row.content) && !unfinished {
            contradictions(p, i, row, &mut push);
        }
    }
    for (i, t) in p.tasks.iter().enumerate() {
        if blank(&t.text) {
            push(
                format!("tasks[{i}]"),
                format!("Не заполнено: задача {}", i + 1),
            );
        }
    }
    for (i, s) in p.sections.iter().enumerate() {
        if blank(&s.title) {
            push(
                format!("sections[{i}].title"),
                format!("Не заполнено: название раздела {}", i + 1),
            );
        }
    }
    for (i, ind) in p.indicators.iter().enumerate() {
        let n = i + 1;
        if blank(&ind.name) {
            push(
                format!("indicators[{i}].name"),
                format!("Не заполнено: название показателя {n}"),
            );
        }
        if ind.base_value.is_none() {
            push(
                format!("indicators[{i}].base_value"),
                format!("Показатель {n}: не указано базовое значение"),
            );
        }
        let missing: Vec<i32> = p
            .period
            .years()
            .filter(|y| !ind.values.iter().any(|v| v.year == *y && v.plan.is_some()))
            .collect();
        if let Some(first) = missing.first() {
            let missing: Vec<String> = missing.iter().map(i32::to_string).collect();
            push(
                format!("indicators[{i}].plan[{first}]"),
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
        // A flat roadmap prints no block rows: their titles may be empty.
        if blank(&block.title) && p.layout.roadmap.shape == RoadmapShape::Blocks {
            push(
                format!("roadmap.blocks[{b}].title"),
                format!("Не заполнено: название блока {}", b + 1),
            );
        }
        for (i, item) in block.items.iter().enumerate() {
            let n = p.item_ref(b, i);
            let path = format!("roadmap.blocks[{b}].items[{i}]");
            for (value, field, what) in [
                (&item.activity, "activity", "мероприятие"),
                (&item.deadline, "deadline", "сроки"),
                (&item.responsible, "responsible", "ответственные"),
            ] {
                if blank(value) {
                    push(
                        format!("{path}.{field}"),
                        format!("Пункт {n}: не заполнено «{what}»"),
                    );
                }
            }
            if !blank(&item.deadline) {
                let s = effective(item, p.period).schedule;
                let deadline = short(&item.deadline);
                let path = format!("{path}.deadline");
                if !s.recognized {
                    push(
                        path.clone(),
                        format!("Пункт {n}: срок «{deadline}» не понят — сроки не будут отслеживаться; запишите его, например, «Сентябрь 2025» или «Ежегодно, май»"),
                    );
                } else if s.outside_period {
                    let (start, end) = (p.period.start, p.period.end);
                    let words = if s.due.is_empty() && s.active.is_empty() {
                        "вне периода программы"
                    } else {
                        "частью вне периода программы"
                    };
                    push(
                        path,
                        format!(
                            "Пункт {n}: срок «{deadline}» {words} ({} – {})",
                            month_ru(start),
                            month_ru(end)
                        ),
                    );
                }
            }
        }
    }
    for (path, place, text) in texts(p) {
        for found in placeholders(text) {
            out.push(Problem::new(
                path.clone(),
                format!("Осталась подсказка шаблона {place}: {}", short(found)),
            ));
        }
    }
    // In the order of the printed document; within a part, the gaps first.
    out.sort_by_key(|problem| part_rank(&problem.path));
    out
}

/// A typed passport row that says something else than the data it repeats.
fn contradictions(
    p: &Programme,
    i: usize,
    row: &PassportRow,
    push: &mut impl FnMut(String, String),
) {
    let label = short(&row.label);
    let path = format!("passport[{i}].content[0]");
    let fix = "исправьте текст или выберите «Заполнять из данных»";
    match row.key {
        PassportKey::Name => {
            let typed = passport::plain(&row.content);
            if !blank(&p.title) && !passport::same_name(&typed, &p.title) {
                push(
                    path,
                    format!(
                        "Строка паспорта «{label}» расходится с названием программы «{}»: {fix}",
                        short(&p.title)
                    ),
                );
            }
        }
        PassportKey::Terms => {
            let years = passport::years_in(&passport::plain(&row.content));
            let (Some(first), Some(last)) = (years.iter().min(), years.iter().max()) else {
                return;
            };
            let (start, end) = (p.period.start.year(), p.period.end.year());
            if (*first, *last) != (start, end) {
                let typed = if first == last {
                    format!("{first} год")
                } else {
                    format!("{first}\u{2013}{last} годы")
                };
                push(
                    path,
                    format!(
                        "Строка паспорта «{label}»: указаны {typed}, а период программы — {}: {fix}",
                        passport::terms_text(p.period)
                    ),
                );
            }
        }
        PassportKey::Indicators => {
            let (unknown, missing) = passport::indicator_mismatch(p, &row.content);
            for line in unknown {
                push(
                    path.clone(),
                    format!("Строка паспорта «{label}» называет показатель, которого нет на вкладке «Показатели»: «{}»; {fix}", short(&line)),
                );
            }
            if !missing.is_empty() {
                let named: Vec<String> = missing
                    .iter()
                    .map(|&k| format!("{} «{}»", k + 1, short(&p.indicators[k].name)))
                    .collect();
                push(
                    path,
                    format!(
                        "Строка паспорта «{label}» не называет {}: {}; {fix}",
                        if missing.len() == 1 {
                            "показатель"
                        } else {
                            "показатели"
                        },
                        named.join(", ")
                    ),
                );
            }
        }
        _ => {}
    }
}

/// Where a path's part stands in the printed document.
fn part_rank(path: &str) -> usize {
    const PARTS: [&str; 8] = [
        "title",
        "act",
        "appendix",
        "passport",
        "tasks",
        "sections",
        "indicators",
        "roadmap",
    ];
    PARTS
        .iter()
        .position(|part| path.starts_with(part))
        .unwrap_or(PARTS.len())
}

/// «09.2024».
fn month_ru(m: metodist_schedule::YearMonth) -> String {
    format!("{:02}.{}", m.month(), m.year())
}

/// Every text of the programme a reader sees, with its place: the path the
/// editor opens and the words that name it in a message («в строке паспорта
/// «Цель»»), in document order.
fn texts(p: &Programme) -> Vec<(String, String, &str)> {
    let mut out: Vec<(String, String, &str)> = Vec::new();
    out.push(("title".into(), "в названии программы".into(), &p.title));
    if let Some(act) = &p.act {
        let act_place = "в утверждающем акте";
        for (i, line) in act.issuer.iter().enumerate() {
            out.push((
                format!("act.issuer[{i}]"),
                format!("{act_place} (издающий орган)"),
                line,
            ));
        }
        for (path, what, text) in [
            ("act.place", "место издания", &act.place),
            ("act.title", "заголовок", &act.title),
            ("act.preamble", "преамбула", &act.preamble),
            ("act.formula", "постановляющая часть", &act.formula),
            (
                "act.signatory_position",
                "должность подписывающего",
                &act.signatory_position,
            ),
            ("act.signatory_name", "подписывающий", &act.signatory_name),
        ] {
            out.push((path.into(), format!("{act_place} ({what})"), text));
        }
        if let Some(number) = &act.number {
            out.push(("act.number".into(), format!("{act_place} (номер)"), number));
        }
        for (i, point) in act.points.iter().enumerate() {
            out.push((
                format!("act.points[{i}]"),
                format!("{act_place} (пункт {})", i + 1),
                point,
            ));
        }
        if let Some(executor) = &act.executor {
            out.push((
                "act.executor".into(),
                format!("{act_place} (исполнитель)"),
                executor,
            ));
        }
    }
    out.push((
        "appendix.issuer_genitive".into(),
        "в грифе приложения".into(),
        &p.appendix.issuer_genitive,
    ));
    for (i, row) in p.passport.iter().enumerate() {
        let place = format!("в строке паспорта «{}»", short(&row.label));
        out.push((format!("passport[{i}].label"), place.clone(), &row.label));
        // A row filled from the data prints the data, whose own fields
        // are checked where they are typed.
        if row.fills_from_data() {
            continue;
        }
        for (j, block) in row.content.iter().enumerate() {
            for t in rich_texts(std::slice::from_ref(block)) {
                out.push((format!("passport[{i}].content[{j}]"), place.clone(), t));
            }
        }
    }
    for (i, t) in p.tasks.iter().enumerate() {
        out.push((
            format!("tasks[{i}]"),
            format!("в задаче {}", i + 1),
            &t.text,
        ));
    }
    for (i, sec) in p.sections.iter().enumerate() {
        let place = format!("в разделе «{}»", short(&sec.title));
        out.push((format!("sections[{i}].title"), place.clone(), &sec.title));
        for (j, block) in sec.body.iter().enumerate() {
            for t in section_texts(std::slice::from_ref(block)) {
                out.push((format!("sections[{i}].body[{j}]"), place.clone(), t));
            }
        }
    }
    for (i, ind) in p.indicators.iter().enumerate() {
        let place = format!("в показателе {}", i + 1);
        out.push((format!("indicators[{i}].name"), place.clone(), &ind.name));
        out.push((format!("indicators[{i}].unit"), place, &ind.unit));
    }
    for (b, block) in p.roadmap.blocks.iter().enumerate() {
        out.push((
            format!("roadmap.blocks[{b}].title"),
            format!("в названии блока {}", b + 1),
            &block.title,
        ));
        for (i, item) in block.items.iter().enumerate() {
            let place = format!("в пункте {} дорожной карты", p.item_ref(b, i));
            let path = format!("roadmap.blocks[{b}].items[{i}]");
            for (field, text) in [
                ("activity", &item.activity),
                ("deadline", &item.deadline),
                ("responsible", &item.responsible),
                ("expected_result", &item.expected_result),
                ("planned_value", &item.planned_value),
            ] {
                out.push((format!("{path}.{field}"), place.clone(), text));
            }
            for y in &item.per_year {
                out.push((
                    format!("{path}.per_year[{}]", y.year),
                    place.clone(),
                    &y.text,
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw_sample() -> Programme {
        crate::exchange::from_json(include_str!(
            "../../../tests/fixtures/sample-programme.metodist.json"
        ))
        .unwrap()
    }

    /// The sample with its four deadlines that tracking cannot follow (kept
    /// there on purpose for the tracking screens) written out as dates.
    fn sample() -> Programme {
        let mut p = raw_sample();
        for (b, i) in [(0, 8), (1, 9), (2, 6), (4, 4)] {
            p.roadmap.blocks[b].items[i].deadline = "Сентябрь 2025".into();
        }
        p
    }

    #[test]
    fn a_complete_programme_has_no_gaps() {
        assert_eq!(check(&sample()), vec![]);
    }

    #[test]
    fn the_samples_deadlines_that_tracking_cannot_follow_are_listed() {
        let m = messages(&raw_sample());
        assert_eq!(
            m,
            [
                "Пункт 1.9: срок «по итогам года» не понят — сроки не будут отслеживаться; запишите его, например, «Сентябрь 2025» или «Ежегодно, май»",
                "Пункт 2.10: срок «Март, 2023» вне периода программы (09.2024 – 05.2027)",
                "Пункт 3.7: срок «2025-2027 гг. Сентябрь» частью вне периода программы (09.2024 – 05.2027)",
                "Пункт 5.5: срок «Сентябрь, 2025-2027» частью вне периода программы (09.2024 – 05.2027)",
            ]
        );
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

    #[test]
    fn a_placeholder_is_any_bracketed_words_a_reference_is_not() {
        assert_eq!(
            placeholders("Программа района на [годы] для [наименование] школ"),
            ["[годы]", "[наименование]"]
        );
        assert_eq!(
            placeholders("[И. О. Фамилия руководителя]"),
            ["[И. О. Фамилия руководителя]"]
        );
        assert!(placeholders("по данным [1] и [2, с. 15]").is_empty());
        assert!(placeholders("массив [] и [ ]").is_empty());
        assert!(placeholders("незакрытая [скобка").is_empty());
    }

    fn messages(p: &Programme) -> Vec<String> {
        check(p).into_iter().map(|p| p.message).collect()
    }

    #[test]
    fn placeholders_in_the_act_and_the_passport_are_named_with_their_place() {
        let mut p = sample();
        let act = p.act.as_mut().unwrap();
        act.issuer[1] = "АДМИНИСТРАЦИЯ [наименование] РАЙОНА".into();
        act.signatory_name = "[И. О. Фамилия руководителя]".into();
        act.preamble =
            "В соответствии с [укажите региональные документы в сфере образования]".into();
        let row = p
            .passport
            .iter_mut()
            .find(|r| r.key == PassportKey::Name)
            .unwrap();
        row.content = vec![TextBlock::Paragraph {
            text: "Программа поддержки школ района на [годы]".into(),
        }];
        let label = row.label.clone();
        let m = messages(&p);
        for expected in [
            "Осталась подсказка шаблона в утверждающем акте (издающий орган): [наименование]".to_string(),
            "Осталась подсказка шаблона в утверждающем акте (подписывающий): [И. О. Фамилия руководителя]".to_string(),
            format!("Осталась подсказка шаблона в строке паспорта «{label}»: [годы]"),
        ] {
            assert!(m.contains(&expected), "{expected}\nin {m:#?}");
        }
        assert!(
            m.iter().any(|x| x.starts_with(
                "Осталась подсказка шаблона в утверждающем акте (преамбула): [укажите региональные"
            )),
            "{m:#?}"
        );
        assert_eq!(m.len(), 4, "{m:#?}");
    }

    #[test]
    fn a_deadline_not_understood_or_outside_the_period_is_listed() {
        let mut p = sample();
        p.roadmap.blocks[0].items[0].deadline = "Март, 2019".into();
        p.roadmap.blocks[0].items[1].deadline = "когда получится".into();
        let m = messages(&p);
        let (start, end) = (month_ru(p.period.start), month_ru(p.period.end));
        assert!(
            m.contains(&format!(
                "Пункт 1.1: срок «Март, 2019» вне периода программы ({start} – {end})"
            )),
            "{m:#?}"
        );
        assert!(
            m.iter()
                .any(|x| x.starts_with("Пункт 1.2: срок «когда получится» не понят")),
            "{m:#?}"
        );
        assert_eq!(m.len(), 2, "{m:#?}");
    }

    fn problems(p: &Programme) -> Vec<(String, String)> {
        check(p).into_iter().map(|x| (x.path, x.message)).collect()
    }

    fn row_index(p: &Programme, key: PassportKey) -> usize {
        p.passport.iter().position(|r| r.key == key).unwrap()
    }

    #[test]
    fn each_problem_names_the_field_to_fix() {
        let mut p = sample();
        p.act.as_mut().unwrap().signatory_name.clear();
        p.sections[1].body.insert(
            2,
            SectionBlock::Paragraph {
                text: "По данным [укажите источник]".into(),
            },
        );
        p.indicators[2].values.retain(|v| v.year != 2026);
        p.roadmap.blocks[1].items[3].deadline = "Март, 2019".into();
        p.roadmap.blocks[0].items[2].responsible.clear();
        let got = problems(&p);
        let paths: Vec<&str> = got.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "act.signatory_name",
                "sections[1].body[2]",
                "indicators[2].plan[2026]",
                "roadmap.blocks[0].items[2].responsible",
                "roadmap.blocks[1].items[3].deadline",
            ],
            "{got:#?}"
        );
    }

    #[test]
    fn rows_filled_from_the_data_never_contradict_it() {
        let mut p = crate::generate::programme(3, 1);
        p.indicators.push(Indicator {
            name: "Число призёров олимпиад".into(),
            unit: "чел.".into(),
            ..p.indicators[0].clone()
        });
        p.title = "Программа развития школ".into();
        assert!(
            check(&p)
                .iter()
                .all(|x| !x.message.starts_with("Строка паспорта")),
            "{:#?}",
            check(&p)
        );
        // With no task the derived row is empty, and says so at the row.
        p.tasks.clear();
        p.indicators.iter_mut().for_each(|i| i.task = None);
        let i = row_index(&p, PassportKey::Tasks);
        assert!(problems(&p).contains(&(
            format!("passport[{i}]"),
            "Не заполнено: Задачи программы".to_string()
        )));
    }

    fn typed(p: &mut Programme, key: PassportKey, content: RichText) -> usize {
        let i = row_index(p, key);
        p.passport[i].from_data = false;
        p.passport[i].content = content;
        i
    }

    #[test]
    fn typed_terms_with_other_years_are_listed() {
        let mut p = sample(); // 09.2024 – 05.2027
        let i = typed(
            &mut p,
            PassportKey::Terms,
            vec![TextBlock::Paragraph {
                text: "2021 – 2024 гг.".into(),
            }],
        );
        let label = p.passport[i].label.clone();
        assert_eq!(
            problems(&p),
            [(
                format!("passport[{i}].content[0]"),
                format!("Строка паспорта «{label}»: указаны 2021–2024 годы, а период программы — 2024–2027 годы: исправьте текст или выберите «Заполнять из данных»")
            )]
        );
        // Years that agree, stages in between, are fine; no years at all
        // cannot be compared.
        for text in [
            "Сентябрь 2024 — май 2027, этапы 2025 и 2026 гг.",
            "три учебных года",
        ] {
            typed(
                &mut p,
                PassportKey::Terms,
                vec![TextBlock::Paragraph { text: text.into() }],
            );
            assert_eq!(problems(&p), [], "{text}");
        }
    }

    #[test]
    fn a_typed_indicator_row_naming_other_indicators_is_listed() {
        let mut p = sample();
        let lines: Vec<String> = p.indicators[1..]
            .iter()
            .map(crate::passport::indicator_line)
            .chain(["Число призёров олимпиад, чел.".to_string()])
            .collect();
        let i = typed(
            &mut p,
            PassportKey::Indicators,
            vec![TextBlock::Numbered { items: lines }],
        );
        let label = p.passport[i].label.clone();
        let first = short(&p.indicators[0].name);
        let path = format!("passport[{i}].content[0]");
        assert_eq!(
            problems(&p),
            [
                (path.clone(), format!("Строка паспорта «{label}» называет показатель, которого нет на вкладке «Показатели»: «Число призёров олимпиад, чел.»; исправьте текст или выберите «Заполнять из данных»")),
                (path, format!("Строка паспорта «{label}» не называет показатель: 1 «{first}»; исправьте текст или выберите «Заполнять из данных»")),
            ]
        );
        // Filled from the data again: nothing to say.
        p.passport[i].from_data = true;
        assert_eq!(problems(&p), []);
    }

    #[test]
    fn a_typed_name_other_than_the_title_is_listed() {
        let mut p = sample();
        let i = typed(
            &mut p,
            PassportKey::Name,
            vec![TextBlock::Paragraph {
                text: "Программа развития дополнительного образования".into(),
            }],
        );
        let got = problems(&p);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!(got[0].0, format!("passport[{i}].content[0]"));
        assert!(
            got[0].1.contains("расходится с названием программы"),
            "{got:#?}"
        );
        let title = p.title.clone();
        typed(
            &mut p,
            PassportKey::Name,
            vec![TextBlock::Paragraph {
                text: format!("{title} (далее — Программа)"),
            }],
        );
        assert_eq!(problems(&p), []);
    }

    #[test]
    fn after_a_period_change_readiness_asks_for_the_years_the_table_prints() {
        let mut p = sample();
        p.period.start = metodist_schedule::YearMonth::new(2023, 9).unwrap();
        let got = problems(&p);
        for (n, _) in p.indicators.iter().enumerate() {
            assert!(
                got.contains(&(
                    format!("indicators[{n}].plan[2023]"),
                    format!("Показатель {}: не указан план на 2023 г.", n + 1)
                )),
                "{got:#?}"
            );
        }
    }
}
