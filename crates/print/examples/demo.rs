//! Renders a generated programme to PDF.
//! `cargo run -p metodist-print --example demo -- OUT.pdf [ITEMS] [--appendix-only] [--years] [--profile NAME]`

mod common;

use metodist_core::model::{Risk, Section, SectionBlock};
use metodist_print::{render_programme, ComposeMode, LayoutProfile};

/// The structured section kinds generated programmes do not have.
fn risks_and_swot() -> Section {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    Section {
        unnumbered: false,
        renumber: None,
        uid: "demo-risks".into(),
        title: "Основные риски и пути их минимизации".into(),
        body: vec![
            SectionBlock::Paragraph {
                text: "При реализации программы возможны риски, перечисленные в таблице.".into(),
            },
            SectionBlock::Risks {
                by_stage: false,
                rows: vec![
                    Risk {
                        stage: String::new(),
                        risk: "Недостаточная квалификация педагогов школы, низкая мотивация на повышение профессионального уровня".into(),
                        mitigation: "Организация повышения квалификации, вовлечение в конкурсы профессионального мастерства, методическую работу, стимулирование педагогов".into(),
                    },
                    Risk {
                        stage: String::new(),
                        risk: "Отсутствие заинтересованности у родителей".into(),
                        mitigation: "Пропаганда достижений школ в СМИ, на родительских собраниях, на школьном сайте".into(),
                    },
                ],
            },
            SectionBlock::Swot {
                strengths: s(&["Стабильный педагогический коллектив", "Опыт участия в региональных проектах"]),
                weaknesses: s(&["Высокая нагрузка учителей математики и русского языка"]),
                opportunities: s(&["Сетевое партнёрство со школами с высокими результатами", "Курсы ИРО"]),
                threats: s(&["Отток молодых специалистов", "Неблагоприятный социальный контекст"]),
            },
            SectionBlock::Numbered {
                items: s(&["Мониторинг результатов ВПР, ОГЭ и ЕГЭ.", "Адресная методическая помощь школам."]),
            },
            SectionBlock::Table {
                columns: s(&["Школа", "Обучающихся", "Педагогов"]),
                rows: vec![s(&["МБОУ Богдановская СОШ", "112", "17"]), s(&["МБОУ Максимовская ООШ", "64", "11"])],
            },
        ],
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = args.first().cloned().unwrap_or_else(|| "demo.pdf".into());
    let items: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(40);
    let mode = if args.iter().any(|a| a == "--appendix-only") {
        ComposeMode::AppendixOnly
    } else {
        ComposeMode::WholeAct
    };
    let profile = match args.iter().position(|a| a == "--profile") {
        Some(i) => LayoutProfile::by_name(args.get(i + 1).map(String::as_str).unwrap_or(""))?,
        None => LayoutProfile::default(),
    };
    let mut p = metodist_core::generate::programme(items, 7);
    p.sections.insert(1, risks_and_swot());
    if let Some(act) = p.act.as_mut() {
        act.executor = Some("Исп. Иванова И. И., 8 (486) 123-45-67".into());
    }
    if args.iter().any(|a| a == "--years") {
        p.roadmap.year_columns = p.period.years().collect();
        let years = p.roadmap.year_columns.clone();
        for block in &mut p.roadmap.blocks {
            for (i, item) in block.items.iter_mut().enumerate() {
                item.per_year = years
                    .iter()
                    .filter(|y| (**y as usize + i).is_multiple_of(2))
                    .map(|&year| metodist_core::model::YearText {
                        year,
                        text: "+".into(),
                    })
                    .collect();
            }
        }
    }
    common::write_pdf(&out, &profile, |fonts| {
        render_programme(&p, mode, &profile, fonts)
    })
}
