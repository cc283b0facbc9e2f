//! Renders a document built directly with the engine's model (no
//! programme): act heading, lists, a long table, a landscape page.
//! `cargo run -p metodist-print --example engine_demo -- OUT.pdf [PROFILE]`

mod common;

use metodist_print::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "engine_demo.pdf".into());
    let text = "Качество образования в современных условиях – одна из тех важных характеристик, которая определяет конкурентоспособность образовательных учреждений. В соответствии с постановлением администрации Урицкого района от 18 ноября 2013 года № 571 на 2021–2024 годы контроль возложить на Н. В. Тураева.";
    let mut blocks = vec![
        Block::Paragraph(Paragraph::centered("АДМИНИСТРАЦИЯ УРИЦКОГО РАЙОНА").bold()),
        Block::Paragraph(Paragraph::centered("П О С Т А Н О В Л Е Н И Е").bold().with_space(12.0, 12.0)),
        Block::TwoSided(TwoSided { left: vec![Run::plain("от 03.08.2021")], right: vec![Run::plain("№ 299")], left_share: 0.5, ..Default::default() }),
        Block::Paragraph(Paragraph::centered("п.г.т. Нарышкино").with_space(0.0, 12.0)),
        Block::Paragraph(Paragraph { right_mm: 100.0, ..Paragraph::left("О внесении изменений в муниципальную программу «Развитие образования Урицкого района»").bold().with_space(0.0, 12.0) }),
    ];
    for _ in 0..3 {
        blocks.push(Block::Paragraph(Paragraph::body(text)));
    }
    blocks.push(Block::List(List::numbered(vec![
        ListItem::text(text),
        ListItem::text("Короткий пункт."),
        ListItem::text(text),
    ])));
    blocks.push(Block::List(List::bulleted(vec![
        ListItem::text("использование педагогами неэффективных педтехнологий;"),
        ListItem::text(text),
    ])));
    blocks.push(Block::TwoSided(TwoSided {
        left: vec![Run::plain(
            "Заместитель главы администрации района по социальной сфере",
        )],
        right: vec![Run::plain("Н. В. Тураев")],
        left_share: 0.5,
        space_before_pt: 24.0,
        ..Default::default()
    }));
    blocks.push(Block::PageBreak);
    blocks.push(Block::Mark(Mark {
        paragraphs: vec![
            Paragraph::left("Приложение"),
            Paragraph::left("к постановлению администрации Урицкого района от 03.08.2021 № 299"),
        ],
        width_mm: None,
        space_after_pt: 12.0,
    }));
    blocks.push(Block::Paragraph(Paragraph::heading(
        "Раздел I. Характеристика проблемы",
    )));
    let mut body = Vec::new();
    for b in 1..=6 {
        body.push(Row::new(vec![Cell::bold_centered(format!(
            "{b}. Организационно-управленческие мероприятия"
        ))
        .span(5)]));
        for i in 1..=8 {
            let long = if i % 3 == 0 {
                format!("{text} {text}")
            } else {
                "Разработка муниципальных нормативно-правовых документов, регламентирующих реализацию мероприятий Программы".to_string()
            };
            body.push(Row::new(vec![
                Cell::text(format!("{b}.{i}.")),
                Cell::text(long),
                Cell::text("Ежегодно, сентябрь 2021–2024"),
                Cell::text("Отдел образования, ОО"),
                Cell::text("Достижение положительной динамики качества образования"),
            ]));
        }
    }
    blocks.push(Block::Table(Table {
        columns: vec![8.0, 40.0, 15.0, 17.0, 20.0],
        header: vec![Row::new(vec![
            Cell::bold_centered("№ п/п"),
            Cell::bold_centered("Мероприятие"),
            Cell::bold_centered("Сроки"),
            Cell::bold_centered("Ответственные"),
            Cell::bold_centered("Ожидаемый результат"),
        ])],
        body,
        ..Default::default()
    }));
    blocks.push(Block::Paragraph(Paragraph::heading(
        "Раздел II. Символы вне шрифта: \u{1F600}",
    )));
    let landscape = PageGroup { orientation: Orientation::Landscape, blocks: vec![
        Block::Paragraph(Paragraph::heading("Целевые показатели")),
        Block::Table(Table { columns: vec![30.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0], header: vec![Row::new(vec![Cell::bold_centered("Показатель"), Cell::bold_centered("Ед."), Cell::bold_centered("База"), Cell::bold_centered("2021"), Cell::bold_centered("2022"), Cell::bold_centered("2023"), Cell::bold_centered("2024")])],
          body: (0..30).map(|i| Row::new(vec![Cell::text(format!("Доля обучающихся, успешно прошедших государственную итоговую аттестацию {i}")), Cell::centered("%"), Cell::centered("85,5"), Cell::centered("86"), Cell::centered("87"), Cell::centered("88"), Cell::centered("90")])).collect(), ..Default::default() }),
    ]};
    let doc = Document {
        title: "Демонстрация".into(),
        author: "Методист".into(),
        groups: vec![
            PageGroup {
                orientation: Orientation::Portrait,
                blocks,
            },
            landscape,
        ],
    };
    let profile = std::env::args()
        .nth(2)
        .map(|n| LayoutProfile::by_name(&n))
        .transpose()?
        .unwrap_or_default();
    common::write_pdf(&out, &profile, |fonts| render(&doc, &profile, fonts))
}
