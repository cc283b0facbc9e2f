//! Passport rows filled from the data (docs/design.md §2, «Passport»): kept in step
//! with the edits that change the data, stored with the row, and for rows
//! stored before they existed, typed as they were printed.

mod common;

use common::{temp_db, today};
use metodist_core::model::{Indicator, PassportKey, Programme, TextBlock};
use metodist_core::passport::shown;
use metodist_core::store::MIGRATIONS;
use metodist_core::{readiness, Edit, Period, Store, YearMonth};
use rusqlite::Connection;

fn row_text(p: &Programme, key: PassportKey) -> Vec<TextBlock> {
    let row = p.passport.iter().find(|r| r.key == key).unwrap();
    shown(p, row).into_owned()
}

fn items(blocks: &[TextBlock]) -> Vec<String> {
    match blocks {
        [TextBlock::Numbered { items }] => items.clone(),
        other => panic!("a numbered list, not {other:?}"),
    }
}

#[test]
fn a_programme_from_a_template_keeps_its_passport_in_step_with_the_data() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    for template in store.list_templates().unwrap() {
        let id = store.create_from_template(&template.key, today()).unwrap();
        let p = store.load(id).unwrap();
        // No row of a new programme contradicts its data.
        let problems = readiness::check(&p);
        assert!(
            problems
                .iter()
                .all(|x| !x.message.starts_with("Строка паспорта")),
            "{}: {problems:#?}",
            template.key
        );
        let before = items(&row_text(&p, PassportKey::Indicators));
        assert_eq!(before.len(), p.indicators.len(), "{}", template.key);

        // An indicator added on Показатели appears in the passport.
        let new = Indicator {
            uid: String::new(),
            name: "Число победителей и призёров олимпиад".into(),
            unit: "чел.".into(),
            values: vec![],
            task: None,
            ..p.indicators[0].clone()
        };
        store
            .apply(
                id,
                &Edit::PutIndicator {
                    at: None,
                    indicator: new,
                },
                today(),
            )
            .unwrap();
        // A new title and a new period, too.
        store
            .apply(
                id,
                &Edit::SetTitle {
                    title: "Программа развития школ".into(),
                },
                today(),
            )
            .unwrap();
        let period = Period::new(
            YearMonth::new(2026, 1).unwrap(),
            YearMonth::new(2029, 12).unwrap(),
        )
        .unwrap();
        store
            .apply(id, &Edit::SetPeriod { period }, today())
            .unwrap();
        let p = store.load(id).unwrap();
        let after = items(&row_text(&p, PassportKey::Indicators));
        assert_eq!(after.len(), before.len() + 1);
        assert_eq!(
            after.last().unwrap(),
            "Число победителей и призёров олимпиад, чел."
        );
        assert_eq!(
            row_text(&p, PassportKey::Terms),
            [TextBlock::Paragraph {
                text: "2026–2029 годы".into()
            }]
        );
        assert_eq!(
            row_text(&p, PassportKey::Name),
            [TextBlock::Paragraph {
                text: "Программа развития школ".into()
            }]
        );
        assert_eq!(
            items(&row_text(&p, PassportKey::Tasks)).len(),
            p.tasks.len()
        );
    }
}

#[test]
fn typing_a_row_herself_is_stored_and_undone_like_any_edit() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = store.create_from_template("shnor", today()).unwrap();
    let p = store.load(id).unwrap();
    let mut row = p
        .passport
        .iter()
        .find(|r| r.key == PassportKey::Terms)
        .unwrap()
        .clone();
    assert!(row.from_data);
    row.from_data = false;
    row.content = vec![TextBlock::Paragraph {
        text: "2019–2020 годы".into(),
    }];
    store
        .apply(id, &Edit::PutPassportRow { at: None, row }, today())
        .unwrap();
    let p = store.load(id).unwrap();
    let terms = p
        .passport
        .iter()
        .find(|r| r.key == PassportKey::Terms)
        .unwrap();
    assert!(!terms.from_data);
    assert_eq!(
        row_text(&p, PassportKey::Terms),
        [TextBlock::Paragraph {
            text: "2019–2020 годы".into()
        }]
    );
    assert!(
        readiness::check(&p)
            .iter()
            .any(|x| x.message.contains("указаны 2019–2020 годы")),
        "{:#?}",
        readiness::check(&p)
    );
    store.undo(id).unwrap();
    let p = store.load(id).unwrap();
    assert!(
        p.passport
            .iter()
            .find(|r| r.key == PassportKey::Terms)
            .unwrap()
            .from_data
    );
}

#[test]
fn rows_stored_before_the_migration_stay_typed_and_an_empty_tasks_row_prints_the_tasks() {
    let (_dir, path) = temp_db();
    {
        let conn = Connection::open(&path).unwrap();
        for m in &MIGRATIONS[..3] {
            conn.execute_batch(m).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO programme (uid, title, status, period_start, period_end, created_at, updated_at)
             VALUES ('old', 'Программа прошлых лет', 'draft', '2020-01', '2022-12', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z');
             INSERT INTO passport_row (programme_id, position, uid, key, label, content)
             VALUES (1, 0, 'r0', 'terms', 'Сроки', '[{\"type\":\"paragraph\",\"text\":\"2020–2022 годы\"}]'),
                    (1, 1, 'r1', 'tasks', 'Задачи', '[]');
             INSERT INTO task (programme_id, position, uid, text) VALUES (1, 0, 't', 'Первая задача');
             PRAGMA user_version = 3;",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let id = store.list_programmes().unwrap()[0].id;
    let p = store.load(id).unwrap();
    assert!(p.passport.iter().all(|r| !r.from_data));
    assert_eq!(
        row_text(&p, PassportKey::Terms),
        [TextBlock::Paragraph {
            text: "2020–2022 годы".into()
        }]
    );
    assert_eq!(items(&row_text(&p, PassportKey::Tasks)), ["Первая задача"]);
}
