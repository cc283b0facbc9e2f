//! The import's test programmes (tests/fixtures/docx/programme-*.docx,
//! written by make_reader_fixtures.py in the shapes of the three reference
//! programmes), each from python-docx and from LibreOffice, recognised and
//! compared field by field with the whole programme they should give
//! (issue #16: «every cell in place and every heading and number as in the
//! document»). The expected values are written here by hand from the
//! generator's text, not copied from the output.

use std::path::PathBuf;

use metodist_core::model::Programme;
use metodist_docx_read::{read_docx_file, recognise, Limits, Recognised};
use serde_json::json;

fn recognised(name: &str) -> Recognised {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/docx")
        .join(name);
    let doc = read_docx_file(&path, &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
    recognise(&doc, "p", 2030)
}

fn programme(v: serde_json::Value) -> Programme {
    serde_json::from_value(v).expect("an expected programme")
}

fn para(text: &str) -> serde_json::Value {
    json!({"type": "paragraph", "text": text})
}

fn item(
    uid: &str,
    activity: &str,
    deadline: &str,
    responsible: &str,
    result: &str,
    per_year: serde_json::Value,
) -> serde_json::Value {
    json!({"uid": uid, "activity": activity, "deadline": deadline, "responsible": responsible,
           "expected_result": result, "per_year": per_year})
}

/// Both writers' files give `want`, part by part, then as a whole.
fn check(base: &str, want: &Programme) -> Vec<Recognised> {
    let mut out = Vec::new();
    for name in [format!("{base}.docx"), format!("{base}-libreoffice.docx")] {
        let got = recognised(&name);
        let p = &got.programme;
        assert_eq!(p.title, want.title, "{name}: title");
        assert_eq!(p.period, want.period, "{name}: period");
        assert_eq!(p.act, want.act, "{name}: act");
        assert_eq!(p.appendix, want.appendix, "{name}: mark");
        assert_eq!(p.passport, want.passport, "{name}: passport");
        assert_eq!(p.tasks, want.tasks, "{name}: tasks");
        for (i, w) in want.sections.iter().enumerate() {
            assert_eq!(p.sections.get(i), Some(w), "{name}: section {i}");
        }
        assert_eq!(p.sections.len(), want.sections.len(), "{name}: sections");
        assert_eq!(p.indicators, want.indicators, "{name}: indicators");
        assert_eq!(p.roadmap, want.roadmap, "{name}: roadmap");
        assert_eq!(p.layout, want.layout, "{name}: layout");
        assert_eq!(p, want, "{name}");
        assert!(
            metodist_core::validate::validate(p).is_empty(),
            "{name}: {:?}",
            metodist_core::validate::validate(p)
        );
        out.push(got);
    }
    assert_eq!(out[0].summary, out[1].summary, "{base}: the two writers");
    out
}

#[test]
fn a_district_decree_with_its_appendix() {
    let want = programme(json!({
        "uid": "p",
        "title": "Муниципальная программа «Сельская школа: равные шансы» на 2025–2027 годы",
        "status": "draft",
        "period": {"start": "2025-01", "end": "2027-12"},
        "act": {
            "kind": "decree",
            "issuer": ["РОССИЙСКАЯ ФЕДЕРАЦИЯ", "КЛЕНОВСКАЯ ОБЛАСТЬ", "АДМИНИСТРАЦИЯ БЕРЁЗОВСКОГО РАЙОНА"],
            "date": "2025-03-14",
            "number": "118",
            "place": "с. Берёзовка",
            "title": "Об утверждении муниципальной программы\n«Сельская школа: равные шансы» на 2025–2027 годы",
            "preamble": "В целях выравнивания условий обучения в сельских школах района администрация Берёзовского района",
            "formula": "ПОСТАНОВЛЯЕТ:",
            "points": [
                "Утвердить муниципальную программу «Сельская школа: равные шансы» на 2025–2027 годы (приложение).",
                "Опубликовать постановление на сайте администрации района.",
                "Контроль за исполнением постановления оставляю за собой."
            ],
            "signatory_position": "Глава района",
            "signatory_name": "О. П. Вишнякова",
            "executor": "Исп. Рябинина Т. С., 8 (400) 123-45-67",
            "heading": "usual",
            "issuer_caps": true,
            "date_format": "numeric"
        },
        "appendix": {"style": "appendix", "number": "1",
                     "issuer_genitive": "администрации Берёзовского района"},
        "passport": [
            {"uid": "row1", "key": "name", "label": "Наименование программы",
             "content": [para("«Сельская школа: равные шансы»")]},
            {"uid": "row2", "key": "customer", "label": "Ответственный исполнитель Программы",
             "content": [para("Отдел образования администрации Берёзовского района")]},
            {"uid": "row3", "key": "goal", "label": "Цель программы",
             "content": [para("Выровнять образовательные результаты сельских и городских школ.")]},
            // A Word list of tasks: the programme's tasks, which the row prints.
            {"uid": "row4", "key": "tasks", "label": "Задачи программы", "content": []},
            {"uid": "row5", "key": "indicators", "label": "Целевые индикаторы и показатели",
             "content": [{"type": "bulleted", "items": [
                 "доля школ с обновлённым оборудованием;",
                 "доля молодых учителей, закреплённых за наставниками."]}]},
            {"uid": "row6", "key": "terms", "label": "Сроки реализации программы",
             "content": [para("2025–2027 годы")]},
            {"uid": "row7", "key": "funding", "label": "Объёмы и источники финансирования",
             "content": [para("Всего 900 тыс. рублей, в том числе:")],
             "subrows": [[para("2025 год – 300 тыс. рублей;")],
                         [para("2026–2027 годы – 600 тыс. рублей.")]]}
        ],
        "tasks": [
            {"uid": "task1", "text": "Обновить учебное оборудование."},
            {"uid": "task2", "text": "Поддержать молодых учителей."}
        ],
        "sections": [
            {"uid": "sec1", "title": "Характеристика проблемы", "body": [
                para("В районе 12 школ, из них 9 сельских; в сельских школах результаты ниже средних."),
                para("Причины отставания:"),
                {"type": "bulleted", "items": ["нехватка учителей физики и химии;",
                                               "устаревшее оборудование кабинетов."]},
                {"type": "table", "columns": ["Школа", "Обучающихся", "Доля «4» и «5», %"],
                 "rows": [["Кленовская СОШ", "210", "31,5"], ["Ольховская ООШ", "84", "28,0"]]}
            ]},
            {"uid": "sec2", "title": "Основные риски и пути их минимизации", "body": [
                {"type": "risks", "by_stage": false, "rows": [
                    {"risk": "Отток учителей", "mitigation": "Наставничество и доплаты молодым учителям"},
                    {"risk": "Задержка поставок", "mitigation": "Закупка заранее, в первом квартале"}]}
            ]},
            {"uid": "sec3", "title": "SWOT-анализ", "body": [
                {"type": "swot", "strengths": ["опытные руководители", "малые классы"],
                 "weaknesses": ["мало молодых учителей"], "opportunities": ["региональные гранты"],
                 "threats": ["сокращение числа обучающихся"]}
            ]},
            {"uid": "sec4", "title": "Целевые показатели программы", "body": [{"type": "indicators"}]},
            {"uid": "sec5", "title": "План мероприятий по реализации программы",
             "body": [{"type": "roadmap"}]}
        ],
        "indicators": [
            {"uid": "ind1", "name": "Доля школ с обновлённым оборудованием", "unit": "%",
             "base_value": 25.0, "base_year": 2024,
             "values": [{"year": 2025, "plan": 50.0}, {"year": 2026, "plan": 75.0},
                        {"year": 2027, "plan": 100.0}]},
            {"uid": "ind2", "name": "Число молодых учителей с наставником", "unit": "чел.",
             "base_value": 4.0, "base_year": 2024,
             "values": [{"year": 2025, "plan": 6.0}, {"year": 2026, "plan": 8.0},
                        {"year": 2027, "plan": 10.5}]}
        ],
        "roadmap": {"blocks": [
            {"uid": "block1", "title": "Материальная база", "items": [
                item("item1-1", "Закупка оборудования для кабинетов физики", "I квартал 2025 г.",
                     "Отдел образования, школы", "Кабинеты оснащены", json!([])),
                // The responsible cell merged over both items, copied to each.
                item("item1-2", "Ремонт лабораторий", "Июнь – август 2026",
                     "Отдел образования, школы", "Лаборатории отремонтированы", json!([]))]},
            {"uid": "block2", "title": "Кадры", "items": [
                item("item2-1", "Наставничество для молодых учителей", "Ежегодно, сентябрь",
                     "Методический кабинет", "Закреплены наставники", json!([])),
                item("item2-2", "Встречи с выпускниками педвузов", "по итогам года",
                     "Школы", "Приглашены выпускники", json!([]))]}
        ]},
        "layout": {
            "title_shown": true,
            "passport_heading": "Паспорт программы",
            "sections": {"style": "roman", "start": 1},
            "roadmap": {
                "shape": "blocks", "blocks": "dot", "items": "nested", "start": 1,
                // python-docx gives every column the same width.
                "columns": [
                    {"kind": "number", "header": "№ п/п", "width": 20.0},
                    {"kind": "activity", "header": "Мероприятие", "width": 20.0},
                    {"kind": "deadline", "header": "Сроки", "width": 20.0},
                    {"kind": "responsible", "header": "Ответственные", "width": 20.0},
                    {"kind": "expected_result", "header": "Ожидаемый результат", "width": 20.0}
                ]
            }
        }
    }));
    for got in check("programme-district", &want) {
        let s = &got.summary;
        assert!(s.act && s.mark && s.title && s.roadmap && !s.flat_roadmap);
        assert_eq!(
            (
                s.passport_rows,
                s.passport_subrows,
                s.tasks,
                s.sections,
                s.indicators
            ),
            (7, 2, 2, 5, 2)
        );
        assert_eq!((s.blocks, s.items, s.unplaced), (2, 4, 0));
        // The one deadline the interpreter does not read, with its place:
        // the header, the column numbers, a block row and the items before.
        assert_eq!(s.deadlines_not_understood.len(), 1);
        let d = &s.deadlines_not_understood[0];
        assert_eq!(
            (d.item.as_str(), d.deadline.as_str(), d.place.as_str()),
            ("2.2", "по итогам года", "таблица 6, строка 8")
        );
        assert_eq!(got.warnings.len(), 1, "{:?}", got.warnings);
    }
}

#[test]
fn an_institution_order_with_a_flat_plan() {
    let want = programme(json!({
        "uid": "p",
        "title": "План работы с неуспевающими на 2025/2026 учебный год",
        "status": "draft",
        // From the title's years.
        "period": {"start": "2025-01", "end": "2026-12"},
        "act": {
            "kind": "order",
            "issuer": ["по МБОУ «Ольховская основная школа»"],
            "date": "2025-09-02",
            "number": "12-о",
            "title": "О плане работы с неуспевающими\nна 2025/2026 учебный год",
            "preamble": "По итогам педагогического совета от 29.08.2025 № 1",
            "formula": "приказываю:",
            "points": ["Утвердить план работы с неуспевающими (приложение).",
                       "Контроль за исполнением приказа оставляю за собой."],
            "signatory_position": "Директор школы",
            "signatory_name": "Г. Н. Осинова",
            "heading": "institution",
            // «по МБОУ …» is typed in lower case: printed as typed.
            "issuer_caps": false,
            "date_format": "numeric_space_g"
        },
        "appendix": {"style": "none"},
        "sections": [
            // The line between the title and the table no section holds.
            {"uid": "unplaced", "title": "Не распознано при импорте", "unnumbered": true,
             "body": [para("Ответственный за план — заместитель директора.")]}
        ],
        "roadmap": {"blocks": [
            {"uid": "block1", "title": "", "items": [
                item("item1-1", "Диагностика пробелов в знаниях", "Сентябрь 2025",
                     "Учителя-предметники", "", json!([])),
                item("item1-2", "Консультации для родителей", "Ежемесячно",
                     "Классные руководители", "", json!([])),
                item("item1-3", "Итоговое собеседование", "Май 2026",
                     "Заместитель директора", "", json!([]))]}
        ]},
        "layout": {
            "title_shown": true,
            // No passport: the defaults, which print nothing.
            "passport_heading": "Паспорт программы",
            "sections": {"style": "none", "start": 1},
            "roadmap": {
                "shape": "flat", "blocks": "dot", "items": "flat_dot", "start": 1,
                // The table stands under the title, no heading of its own.
                "heading": "",
                "columns": [
                    {"kind": "number", "header": "№", "width": 25.0},
                    {"kind": "activity", "header": "Содержание работы", "width": 25.0},
                    {"kind": "deadline", "header": "Срок", "width": 25.0},
                    {"kind": "responsible", "header": "Исполнитель", "width": 25.0}
                ]
            }
        }
    }));
    for got in check("programme-institution", &want) {
        let s = &got.summary;
        assert!(s.act && !s.mark && s.title && s.roadmap && s.flat_roadmap);
        assert_eq!((s.blocks, s.items, s.unplaced), (0, 3, 1));
        assert_eq!(got.warnings.len(), 1, "{:?}", got.warnings);
        assert_eq!(got.warnings[0].place, "абзац 14");
        assert!(
            got.warnings[0]
                .message
                .contains("Не распознано при импорте"),
            "{:?}",
            got.warnings
        );
    }
}

#[test]
fn razdel_headings_subrows_and_a_plan_and_fact_header() {
    let want = programme(json!({
        "uid": "p",
        "title": "Программа «Читающая школа» на 2025–2026 годы",
        "status": "draft",
        "period": {"start": "2025-01", "end": "2026-12"},
        "appendix": {"style": "none"},
        "passport": [
            {"uid": "row1", "key": "name", "label": "Наименование Программы",
             "content": [para("«Читающая школа»")]},
            // The label merged over two rows: one row with a sub-row.
            {"uid": "row2", "key": "tasks", "label": "Задачи",
             "content": [para("Обновить школьную библиотеку.")],
             "subrows": [[para("Провести конкурсы чтецов.")]]},
            // An empty label continues the row above.
            {"uid": "row3", "key": "executors", "label": "Исполнители",
             "content": [para("Библиотекарь")], "subrows": [[para("Учителя литературы")]]},
            {"uid": "row4", "key": "terms", "label": "Срок реализации",
             "content": [para("2025–2026 гг.")]}
        ],
        "sections": [
            {"uid": "sec1", "title": "Анализ",
             "body": [para("Читательская грамотность в школе ниже средней по району.")]},
            {"uid": "sec2", "title": "Направления работы",
             "renumber": {"style": "arabic", "start": 1},
             "body": [{"type": "bulleted", "items": ["библиотека;", "конкурсы."]}]},
            {"uid": "sec3", "title": "Ресурсы", "body": [para("Средства школы и спонсоров.")]},
            // «Раздел 3.» on its own line, the title on the next.
            {"uid": "sec4", "title": "\nЦелевые показатели",
             "renumber": {"style": "razdel", "start": 3}, "body": [{"type": "indicators"}]},
            {"uid": "sec5", "title": "План мероприятий", "body": [{"type": "roadmap"}]}
        ],
        "indicators": [
            {"uid": "ind1", "name": "Доля читающих учащихся", "unit": "%",
             "values": [{"year": 2025, "plan": 60.0, "fact": 62.0}, {"year": 2026, "plan": 70.0}]},
            {"uid": "ind2", "name": "Число конкурсов", "unit": "ед.",
             "values": [{"year": 2025, "plan": 2.0}, {"year": 2026, "plan": 3.0}]}
        ],
        "roadmap": {"year_columns": [2025, 2026], "blocks": [
            {"uid": "block1", "title": "Библиотека", "items": [
                item("item1-1", "Закупка книг", "Октябрь 2025", "Библиотекарь", "",
                     json!([{"year": 2025, "text": "200 книг"}]))]},
            {"uid": "block2", "title": "Конкурсы", "items": [
                item("item2-1", "Конкурс чтецов", "Ежегодно, март", "Учителя литературы", "",
                     json!([{"year": 2025, "text": "1"}, {"year": 2026, "text": "1"}]))]}
        ]},
        "layout": {
            "title_shown": true,
            "passport_heading": "Паспорт программы",
            "passport_numbered": true,
            "sections": {"style": "razdel", "start": 1},
            "roadmap": {
                "shape": "blocks", "blocks": "dot", "items": "nested_dot", "start": 1,
                // Against the year columns' 12 each: all columns are equal.
                "columns": [
                    {"kind": "number", "header": "№ п/п", "width": 12.0},
                    {"kind": "activity", "header": "Мероприятие", "width": 12.0},
                    {"kind": "deadline", "header": "Срок исполнения", "width": 12.0},
                    {"kind": "responsible", "header": "Ответственный", "width": 12.0}
                ],
                "years_heading": "По годам реализации"
            }
        }
    }));
    for got in check("programme-razdel", &want) {
        let s = &got.summary;
        assert!(!s.act && !s.mark && s.title && s.roadmap);
        assert_eq!(s.year_columns, [2025, 2026]);
        assert_eq!((s.passport_rows, s.passport_subrows), (4, 2));
        assert!(got.warnings.is_empty(), "{:?}", got.warnings);
    }
}
