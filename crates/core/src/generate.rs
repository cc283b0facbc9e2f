//! Realistic generated programmes of any size, for benchmarks and load
//! tests (`metodist gen --items N`). Deterministic for a given seed, so
//! figures can be compared between runs.

use chrono::NaiveDate;

use crate::model::*;
use crate::{Period, YearMonth};

const ACTIVITIES: &[&str] = &[
    "Проведение мониторинга результатов всероссийских проверочных работ в школах с низкими образовательными результатами",
    "Организация курсов повышения квалификации учителей русского языка и математики по вопросам формирующего оценивания",
    "Заседание районного методического объединения по анализу типичных ошибок участников ОГЭ",
    "Разработка индивидуальных образовательных маршрутов для обучающихся, испытывающих трудности в обучении",
    "Посещение и анализ уроков специалистами информационно-методического центра с последующим консультированием",
    "Проведение диагностики профессиональных дефицитов педагогов школ — участниц программы",
    "Организация сетевого взаимодействия школ-партнёров: взаимопосещение уроков, «гостевые методические дни»",
    "Семинар-практикум для заместителей директоров по учебной работе «Внутришкольная система оценки качества образования»",
    "Подготовка аналитической справки о ходе реализации программы и её обсуждение на совещании руководителей",
    "Проведение родительских собраний по вопросам подготовки к государственной итоговой аттестации",
    "Корректировка программ развития школ с учётом результатов независимых оценочных процедур",
    "Организация наставничества для молодых педагогов и учителей, испытывающих методические затруднения",
    "Проведение пробных экзаменов в формате ОГЭ и ЕГЭ по обязательным предметам",
    "Мастер-классы победителей и призёров конкурсов профессионального мастерства для педагогов района",
    "Мониторинг посещаемости и успеваемости обучающихся группы риска",
    "Обновление банка данных обучающихся, испытывающих затруднения в освоении основной образовательной программы",
    "Размещение информации о ходе реализации программы на официальном сайте отдела образования",
    "Участие школ в региональном проекте адресной методической помощи",
    "Организация летней профильной смены для обучающихся 8–10 классов",
    "Проведение психолого-педагогических консультаций для родителей обучающихся с трудностями в обучении",
    "Анализ результатов государственной итоговой аттестации выпускников 9 и 11 классов",
    "Закупка учебно-лабораторного оборудования для школ — участниц программы",
    "Оценка объективности проведения ВПР и выработка управленческих решений",
    "Обобщение и распространение эффективных практик повышения качества образования",
];

const DEADLINES: &[&str] = &[
    "Ежегодно, сентябрь",
    "В течение года",
    "Март ежегодно",
    "2 раза в год (январь, июнь)",
    "В конце каждого полугодия",
    "Ежеквартально",
    "Постоянно",
    "до 25 июня",
    "не позднее 01 сентября текущего года",
    "октябрь, март ежегодно",
    "Ежегодно (февраль, март)",
    "В течение учебного года",
    "По плану работы РМО",
    "по заявке",
    "Ежемесячно",
    "Ежегодно",
];

const RESPONSIBLE: &[&str] = &[
    "Отдел образования",
    "Информационно-методический центр",
    "Руководители ОО",
    "Отдел образования, руководители ОО",
    "РМО учителей русского языка и математики",
    "ШМО, заместители директоров по УВР",
    "ИМЦ, школы-партнёры",
    "Отдел образования, ИМЦ, ОО",
];

const RESULTS: &[&str] = &[
    "Аналитическая справка, адресные рекомендации школам",
    "Повышение предметных и методических компетенций педагогов",
    "Снижена доля обучающихся, не освоивших основную образовательную программу",
    "Создан банк эффективных практик",
    "Индивидуальные планы профессионального развития педагогов",
    "Обеспечено информирование родительской общественности",
    "Положительная динамика результатов оценочных процедур",
    "Протокол заседания, план корректирующих мероприятий",
];

const BLOCKS: &[&str] = &[
    "Организационно-управленческие мероприятия",
    "Развитие кадрового потенциала педагогических и руководящих работников",
    "Мониторинг и оценка качества образования",
    "Работа с обучающимися, испытывающими трудности в обучении",
    "Сетевое взаимодействие и партнёрство школ",
    "Работа с родителями и общественностью",
    "Развитие материально-технической базы",
    "Информационное сопровождение программы",
];

const PARAGRAPH: &str = "Система образования района ориентирована на обеспечение равных условий получения качественного образования. Анализ результатов оценочных процедур последних лет показывает, что в ряде школ сохраняется устойчиво низкий уровень подготовки обучающихся, связанный как с кадровыми дефицитами, так и с неблагоприятным социальным контекстом.";

/// Small, fast, deterministic: enough to vary generated text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[(self.next() % list.len() as u64) as usize]
    }
}

/// A complete programme with `items` roadmap items spread over blocks of
/// about a dozen items each, for the period September 2024 – May 2027.
pub fn programme(items: usize, seed: u64) -> Programme {
    let mut rng = Rng(seed.max(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let period = Period {
        start: YearMonth::new(2024, 9).expect("valid"),
        end: YearMonth::new(2027, 5).expect("valid"),
    };
    let years: Vec<i32> = period.years().collect();
    let block_count = items.div_ceil(12).max(1);
    let mut blocks: Vec<Block> = (0..block_count)
        .map(|b| Block {
            uid: format!("g-blk-{b}"),
            title: BLOCKS[b % BLOCKS.len()].to_string(),
            items: Vec::new(),
        })
        .collect();
    for i in 0..items {
        let deadline = match i % 7 {
            // Dated deadlines, so a generated programme exercises every
            // kind of phrase and not only the periodic ones.
            0 => format!(
                "{} {}",
                ["Сентябрь", "март", "Май", "декабрь"][i % 4],
                years[i % years.len()]
            ),
            _ => rng.pick(DEADLINES).to_string(),
        };
        let mut activity = rng.pick(ACTIVITIES).to_string();
        if i % 5 == 0 {
            activity.push_str(" (по отдельному плану, с привлечением специалистов регионального института развития образования)");
        }
        let tracking = if i % 9 == 0 {
            vec![TrackingRecord {
                due: NaiveDate::from_ymd_opt(2024, 12, 31).expect("valid"),
                status: TrackStatus::Done,
                done_on: NaiveDate::from_ymd_opt(2024, 12, 20),
                moved_to: None,
                comment: "Выполнено в полном объёме".into(),
                evidence: format!("приказ от 20.12.2024 № {}", 100 + i),
            }]
        } else {
            Vec::new()
        };
        blocks[i % block_count].items.push(Item {
            uid: format!("g-it-{i}"),
            activity,
            deadline,
            manual_schedule: None,
            responsible: rng.pick(RESPONSIBLE).to_string(),
            expected_result: rng.pick(RESULTS).to_string(),
            planned_value: String::new(),
            per_year: Vec::new(),
            tracking,
        });
    }
    let passport = PassportKey::ALL
        .iter()
        .filter(|k| **k != PassportKey::Custom)
        .map(|&key| PassportRow {
            subrows: Vec::new(),
            uid: format!("g-row-{}", key.as_str()),
            key,
            label: key.default_label().to_string(),
            // The rows that repeat the data are filled from it, as in a
            // programme made from a template.
            from_data: crate::passport::derivable(key),
            content: match key {
                _ if crate::passport::derivable(key) => Vec::new(),
                PassportKey::Results => vec![TextBlock::Bulleted {
                    items: RESULTS.iter().map(|s| s.to_string()).collect(),
                }],
                _ => vec![TextBlock::Paragraph {
                    text: PARAGRAPH.into(),
                }],
            },
        })
        .collect();
    let tasks: Vec<Task> = BLOCKS[..5]
        .iter()
        .enumerate()
        .map(|(i, t)| Task {
            uid: format!("g-task-{i}"),
            text: format!("Обеспечить {}", t.to_lowercase()),
        })
        .collect();
    let indicators = (0..6)
        .map(|i| Indicator {
            uid: format!("g-ind-{i}"),
            name: format!(
                "Доля обучающихся школ — участниц программы, показавших результат не ниже базового (показатель {})",
                i + 1
            ),
            unit: "%".into(),
            direction: if i == 5 {
                Direction::Decrease
            } else {
                Direction::Increase
            },
            base_value: Some(60.5 + i as f64),
            base_year: Some(2023),
            task: Some(format!("g-task-{}", i % tasks.len())),
            values: years
                .iter()
                .enumerate()
                .map(|(k, &year)| YearValue {
                    year,
                    plan: Some(62.0 + (i + k) as f64 * 1.5),
                    fact: (k == 0).then_some(61.75 + i as f64),
                })
                .collect(),
        })
        .collect();
    let sections = vec![
        Section {
            unnumbered: false,
            renumber: None,
            uid: "g-sec-0".into(),
            title: "Характеристика текущего состояния".into(),
            body: vec![
                SectionBlock::Paragraph {
                    text: PARAGRAPH.into(),
                },
                SectionBlock::Bulleted {
                    items: RESULTS[..4].iter().map(|s| s.to_string()).collect(),
                },
            ],
        },
        Section {
            unnumbered: false,
            renumber: None,
            uid: "g-sec-1".into(),
            title: "Целевые показатели".into(),
            body: vec![SectionBlock::Indicators],
        },
        Section {
            unnumbered: false,
            renumber: None,
            uid: "g-sec-2".into(),
            title: "План мероприятий (дорожная карта)".into(),
            body: vec![SectionBlock::Roadmap],
        },
    ];
    Programme {
        layout: Default::default(),
        uid: format!("g-programme-{items}-{seed}"),
        title: format!(
            "Программа поддержки школ с низкими образовательными результатами на 2024–2027 годы ({items} мероприятий)"
        ),
        status: ProgrammeStatus::Draft,
        period,
        act: Some(ApprovingAct {
            heading: Default::default(),
            issuer_caps: true,
            date_format: Default::default(),
            kind: ActKind::Decree,
            issuer: vec![
                "РОССИЙСКАЯ ФЕДЕРАЦИЯ".into(),
                "АДМИНИСТРАЦИЯ ЗАРЕЧНОГО МУНИЦИПАЛЬНОГО РАЙОНА".into(),
            ],
            date: None,
            number: None,
            place: "г. Заречный".into(),
            title: "Об утверждении муниципальной программы поддержки школ с низкими образовательными результатами".into(),
            preamble: "В соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации», в целях повышения качества образования".into(),
            formula: "ПОСТАНОВЛЯЕТ:".into(),
            points: vec![
                "Утвердить муниципальную программу согласно приложению.".into(),
                "Контроль за исполнением настоящего постановления возложить на заместителя главы администрации по социальным вопросам.".into(),
            ],
            signatory_position: "Глава района".into(),
            signatory_name: "А. С. Петров".into(),
            executor: None,
        }),
        appendix: AppendixMark {
            approves: Default::default(),
            participle: String::new(),
            style: MarkStyle::Appendix,
            number: String::new(),
            issuer_genitive: "администрации Заречного муниципального района".into(),
        },
        passport,
        tasks,
        sections,
        indicators,
        roadmap: Roadmap {
            year_columns: Vec::new(),
            blocks,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_programme_is_valid_and_sized() {
        for n in [0, 1, 45, 300] {
            let p = programme(n, 7);
            assert_eq!(p.item_count(), n);
            let problems = crate::validate::validate(&p);
            assert!(problems.is_empty(), "{problems:?}");
        }
        assert_eq!(programme(50, 3), programme(50, 3));
        assert_ne!(programme(50, 3), programme(50, 4));
    }
}
