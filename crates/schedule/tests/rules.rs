//! One or more cases for every rule of DESIGN §4, the spelling variants it
//! lists, and the edges of the period.

mod common;

use common::*;
use metodist_schedule::{describe, interpret};

/// A programme of three school years: starts and ends inside a calendar year.
fn school_period() -> metodist_schedule::Period {
    period("2021-09", "2024-05")
}

#[test]
fn rule_1_month_with_year() {
    check_all(
        period("2021-01", "2024-12"),
        &[
            case("август, 2021", Once, &["2021-08-31"], &["2021-08"], false),
            case("Январь 2022", Once, &["2022-01-31"], &["2022-01"], false),
            case(
                "АВГУСТ 2021 ГОДА",
                Once,
                &["2021-08-31"],
                &["2021-08"],
                false,
            ),
            case(
                "в январе 2022 г.",
                Once,
                &["2022-01-31"],
                &["2022-01"],
                false,
            ),
            case(
                "январём 2022 года",
                Once,
                &["2022-01-31"],
                &["2022-01"],
                false,
            ),
            case("янв. 2022", Once, &["2022-01-31"], &["2022-01"], false),
            case("сент. 2021 г.", Once, &["2021-09-30"], &["2021-09"], false),
            case("окт.2023", Once, &["2023-10-31"], &["2023-10"], false),
            case(
                "в мае 2023 года",
                Once,
                &["2023-05-31"],
                &["2023-05"],
                false,
            ),
            case(
                "  ,декабрь ,, 2023 г. . ",
                Once,
                &["2023-12-31"],
                &["2023-12"],
                false,
            ),
            case("Февраль 2024", Once, &["2024-02-29"], &["2024-02"], false),
            case(
                "март 2022 сентябрь 2023",
                Once,
                &["2022-03-31", "2023-09-30"],
                &["2022-03", "2023-09"],
                false,
            ),
            case(
                "март, сентябрь 2022",
                Once,
                &["2022-03-31", "2022-09-30"],
                &["2022-03", "2022-09"],
                false,
            ),
            // A year alone before the month binds the same way.
            case("2022 г., март", Once, &["2022-03-31"], &["2022-03"], false),
        ],
    );
}

#[test]
fn rule_2_explicit_day() {
    check_all(
        period("2020-01", "2022-12"),
        &[
            case(
                "До 01 февраля 2020 года",
                Once,
                &["2020-02-01"],
                &["2020-02"],
                false,
            ),
            case(
                "не позднее 01 сентября текущего года",
                Recurring,
                &["2020-09-01", "2021-09-01", "2022-09-01"],
                &["2020-09", "2021-09", "2022-09"],
                false,
            ),
            case(
                "до 25 июня",
                Recurring,
                &["2020-06-25", "2021-06-25", "2022-06-25"],
                &["2020-06", "2021-06", "2022-06"],
                false,
            ),
            case("01.09.2021", Once, &["2021-09-01"], &["2021-09"], false),
            case(
                "до 31.08.2021 г.",
                Once,
                &["2021-08-31"],
                &["2021-08"],
                false,
            ),
            case(
                "до 25.06",
                Recurring,
                &["2020-06-25", "2021-06-25", "2022-06-25"],
                &["2020-06", "2021-06", "2022-06"],
                false,
            ),
            case(
                "1-15 сентября 2021",
                Once,
                &["2021-09-15"],
                &["2021-09"],
                false,
            ),
            case(
                "с 1 по 15 сентября 2021 г.",
                Once,
                &["2021-09-15"],
                &["2021-09"],
                false,
            ),
            // No such dates.
            case("31 июня 2021", Unknown, &[], &[], false),
            case("29 февраля 2021", Unknown, &[], &[], false),
            case("32 мая", Unknown, &[], &[], false),
            // "до мая": before May starts, or by its end? Not guessed.
            case("до мая 2021", Unknown, &[], &[], false),
        ],
    );
}

#[test]
fn rule_2_leap_february() {
    check_all(
        period("2023-01", "2024-12"),
        &[
            case(
                "29 февраля 2024",
                Once,
                &["2024-02-29"],
                &["2024-02"],
                false,
            ),
            case("до 29.02.2024", Once, &["2024-02-29"], &["2024-02"], false),
            // Without a year: the end of February where there is no 29th.
            case(
                "до 29 февраля",
                Recurring,
                &["2023-02-28", "2024-02-29"],
                &["2023-02", "2024-02"],
                false,
            ),
            case(
                "февраль",
                Recurring,
                &["2023-02-28", "2024-02-29"],
                &["2023-02", "2024-02"],
                false,
            ),
        ],
    );
}

#[test]
fn rule_3_months_without_year() {
    check_all(
        school_period(),
        &[
            // P starts in September 2021 and ends in May 2024.
            case(
                "август",
                Recurring,
                &["2022-08-31", "2023-08-31"],
                &["2022-08", "2023-08"],
                false,
            ),
            case(
                "Ежегодно, сентябрь",
                Recurring,
                &["2021-09-30", "2022-09-30", "2023-09-30"],
                &["2021-09", "2022-09", "2023-09"],
                false,
            ),
            case(
                "Март ежегодно",
                Recurring,
                &["2022-03-31", "2023-03-31", "2024-03-31"],
                &["2022-03", "2023-03", "2024-03"],
                false,
            ),
            case(
                "октябрь, март ежегодно",
                Recurring,
                &[
                    "2021-10-31",
                    "2022-03-31",
                    "2022-10-31",
                    "2023-03-31",
                    "2023-10-31",
                    "2024-03-31",
                ],
                &[
                    "2021-10", "2022-03", "2022-10", "2023-03", "2023-10", "2024-03",
                ],
                false,
            ),
            case(
                "Ежегодно (февраль, март)",
                Recurring,
                &[
                    "2022-02-28",
                    "2022-03-31",
                    "2023-02-28",
                    "2023-03-31",
                    "2024-02-29",
                    "2024-03-31",
                ],
                &[
                    "2022-02", "2022-03", "2023-02", "2023-03", "2024-02", "2024-03",
                ],
                false,
            ),
            case(
                "2 раза в год (январь, июнь)",
                Recurring,
                &[
                    "2022-01-31",
                    "2022-06-30",
                    "2023-01-31",
                    "2023-06-30",
                    "2024-01-31",
                ],
                &["2022-01", "2022-06", "2023-01", "2023-06", "2024-01"],
                false,
            ),
            case(
                "ДЕКАБРЬ",
                Recurring,
                &["2021-12-31", "2022-12-31", "2023-12-31"],
                &["2021-12", "2022-12", "2023-12"],
                false,
            ),
            case(
                "нояб.",
                Recurring,
                &["2021-11-30", "2022-11-30", "2023-11-30"],
                &["2021-11", "2022-11", "2023-11"],
                false,
            ),
        ],
    );
}

#[test]
fn rule_4_ranges_of_months() {
    check_all(
        period("2021-01", "2024-12"),
        &[
            case(
                "Январь – март 2022",
                Once,
                &["2022-03-31"],
                &["2022-01..2022-03"],
                false,
            ),
            case(
                "Март — май 2022",
                Once,
                &["2022-05-31"],
                &["2022-03..2022-05"],
                false,
            ),
            case(
                "март-май 2022г",
                Once,
                &["2022-05-31"],
                &["2022-03..2022-05"],
                false,
            ),
            case(
                "Январь 2022-май 2024",
                Once,
                &["2024-05-31"],
                &["2022-01..2024-05"],
                false,
            ),
            case(
                "с сентября 2021 года по май 2024 года",
                Once,
                &["2024-05-31"],
                &["2021-09..2024-05"],
                false,
            ),
            case(
                "с января по март 2023",
                Once,
                &["2023-03-31"],
                &["2023-01..2023-03"],
                false,
            ),
            case(
                "01.09.2022–31.05.2023",
                Once,
                &["2023-05-31"],
                &["2022-09..2023-05"],
                false,
            ),
            // The year of a range written once belongs to its last month.
            case(
                "ноябрь – февраль 2023",
                Once,
                &["2023-02-28"],
                &["2022-11..2023-02"],
                false,
            ),
            case(
                "Январь – март",
                Recurring,
                &["2021-03-31", "2022-03-31", "2023-03-31", "2024-03-31"],
                &[
                    "2021-01..2021-03",
                    "2022-01..2022-03",
                    "2023-01..2023-03",
                    "2024-01..2024-03",
                ],
                false,
            ),
            // A range of months over New Year, every year of P.
            case(
                "ноябрь-февраль",
                Recurring,
                &["2021-02-28", "2022-02-28", "2023-02-28", "2024-02-29"],
                &[
                    "2021-01..2021-02",
                    "2021-11..2022-02",
                    "2022-11..2023-02",
                    "2023-11..2024-02",
                    "2024-11..2024-12",
                ],
                false,
            ),
            // The end of the range is after P: its due date is dropped.
            case(
                "сентябрь 2024 – май 2025",
                Once,
                &[],
                &["2024-09..2024-12"],
                true,
            ),
            // A range whose end comes before its start is a typo.
            case("май 2024 – январь 2022", Unknown, &[], &[], false),
            // A range end without a year when the start has one.
            case("сентябрь 2022 – май", Unknown, &[], &[], false),
        ],
    );
}

#[test]
fn rule_5_years_without_months() {
    check_all(
        period("2020-01", "2022-12"),
        &[
            case(
                "2020-2022 гг.",
                Continuous,
                &["2020-12-31", "2021-12-31", "2022-12-31"],
                &["2020-01..2022-12"],
                false,
            ),
            case(
                "2020 -2022 г.г.",
                Continuous,
                &["2020-12-31", "2021-12-31", "2022-12-31"],
                &["2020-01..2022-12"],
                false,
            ),
            case(
                "2021",
                Continuous,
                &["2021-12-31"],
                &["2021-01..2021-12"],
                false,
            ),
            case(
                "в течение 2021 года",
                Continuous,
                &["2021-12-31"],
                &["2021-01..2021-12"],
                false,
            ),
            case(
                "2021, 2022 годы",
                Continuous,
                &["2021-12-31", "2022-12-31"],
                &["2021-01..2022-12"],
                false,
            ),
            case(
                "с 2021 по 2022 год",
                Continuous,
                &["2021-12-31", "2022-12-31"],
                &["2021-01..2022-12"],
                false,
            ),
            // 2023 is after P: dropped and flagged.
            case(
                "2022–2023 гг.",
                Continuous,
                &["2022-12-31"],
                &["2022-01..2022-12"],
                true,
            ),
            case("2022-2020", Unknown, &[], &[], false),
            case("3000 г.", Unknown, &[], &[], false),
        ],
    );
}

#[test]
fn rule_5_period_ending_mid_year() {
    // P ends in May 2024: the last year is due at the end of P.
    check_all(
        school_period(),
        &[case(
            "2021-2024 гг.",
            Continuous,
            &["2021-12-31", "2022-12-31", "2023-12-31", "2024-05-31"],
            &["2021-09..2024-05"],
            false,
        )],
    );
}

#[test]
fn rule_6_years_with_months() {
    check_all(
        period("2020-01", "2022-12"),
        &[
            case(
                "2020-2022 гг. Сентябрь",
                Recurring,
                &["2020-09-30", "2021-09-30", "2022-09-30"],
                &["2020-09", "2021-09", "2022-09"],
                false,
            ),
            case(
                "2019-2022 гг. ноябрь-декабрь",
                Recurring,
                &["2020-12-31", "2021-12-31", "2022-12-31"],
                &["2020-11..2020-12", "2021-11..2021-12", "2022-11..2022-12"],
                true,
            ),
            case(
                "Сентябрь, 2021-2022",
                Recurring,
                &["2021-09-30", "2022-09-30"],
                &["2021-09", "2022-09"],
                false,
            ),
            case(
                "апрель 2020, 2021 гг.",
                Recurring,
                &["2020-04-30", "2021-04-30"],
                &["2020-04", "2021-04"],
                false,
            ),
            case(
                "2021-2022 гг., ежегодно, май",
                Recurring,
                &["2021-05-31", "2022-05-31"],
                &["2021-05", "2022-05"],
                false,
            ),
        ],
    );
}

#[test]
fn rule_7_annually() {
    check_all(
        school_period(),
        &[
            // P ends in May 2024, before the last 31 December.
            case(
                "Ежегодно",
                Recurring,
                &["2021-12-31", "2022-12-31", "2023-12-31"],
                &["2021-12", "2022-12", "2023-12"],
                false,
            ),
            case(
                "ежегодно.",
                Recurring,
                &["2021-12-31", "2022-12-31", "2023-12-31"],
                &["2021-12", "2022-12", "2023-12"],
                false,
            ),
            case(
                "1 раз в год",
                Recurring,
                &["2021-12-31", "2022-12-31", "2023-12-31"],
                &["2021-12", "2022-12", "2023-12"],
                false,
            ),
            // A single explicit year contradicts "ежегодно".
            case("Ежегодно, август 2021", Unknown, &[], &[], false),
        ],
    );
}

#[test]
fn rule_8_monthly_quarterly_half_yearly() {
    check_all(
        period("2021-09", "2022-08"),
        &[
            case(
                "Ежемесячно",
                Recurring,
                &["ends:2021-09..2022-08"],
                &["2021-09..2022-08"],
                false,
            ),
            case(
                "каждый месяц",
                Recurring,
                &["ends:2021-09..2022-08"],
                &["2021-09..2022-08"],
                false,
            ),
            case(
                "ежемесячно с сентября по декабрь",
                Recurring,
                &["ends:2021-09..2021-12"],
                &["2021-09..2021-12"],
                false,
            ),
            case(
                "Ежеквартально",
                Recurring,
                &["2021-09-30", "2021-12-31", "2022-03-31", "2022-06-30"],
                &["2021-09", "2021-12", "2022-03", "2022-06"],
                false,
            ),
            case(
                "в конце каждого квартала",
                Recurring,
                &["2021-09-30", "2021-12-31", "2022-03-31", "2022-06-30"],
                &["2021-09", "2021-12", "2022-03", "2022-06"],
                false,
            ),
            case(
                "В конце каждого полугодия",
                Recurring,
                &["2021-12-31", "2022-06-30"],
                &["2021-12", "2022-06"],
                false,
            ),
            case(
                "ежеквартально, 2022 г.",
                Recurring,
                &["2022-03-31", "2022-06-30"],
                &["2022-03", "2022-06"],
                false,
            ),
        ],
    );
}

#[test]
fn rule_9_quarters_and_half_years() {
    check_all(
        period("2022-01", "2024-12"),
        &[
            case(
                "I квартал 2023",
                Once,
                &["2023-03-31"],
                &["2023-01..2023-03"],
                false,
            ),
            case(
                "II полугодие 2023",
                Once,
                &["2023-12-31"],
                &["2023-07..2023-12"],
                false,
            ),
            case(
                "1 квартал 2023 г.",
                Once,
                &["2023-03-31"],
                &["2023-01..2023-03"],
                false,
            ),
            case(
                "III квартал 2023 года",
                Once,
                &["2023-09-30"],
                &["2023-07..2023-09"],
                false,
            ),
            case(
                "1-й квартал 2024",
                Once,
                &["2024-03-31"],
                &["2024-01..2024-03"],
                false,
            ),
            case(
                "первое полугодие 2022",
                Once,
                &["2022-06-30"],
                &["2022-01..2022-06"],
                false,
            ),
            // Cyrillic "І" typed for the Roman one.
            case(
                "І квартал 2023",
                Once,
                &["2023-03-31"],
                &["2023-01..2023-03"],
                false,
            ),
            case(
                "I-II квартал 2023",
                Once,
                &["2023-06-30"],
                &["2023-01..2023-06"],
                false,
            ),
            case(
                "IV квартал",
                Recurring,
                &["2022-12-31", "2023-12-31", "2024-12-31"],
                &["2022-10..2022-12", "2023-10..2023-12", "2024-10..2024-12"],
                false,
            ),
            case(
                "2-е полугодие",
                Recurring,
                &["2022-12-31", "2023-12-31", "2024-12-31"],
                &["2022-07..2022-12", "2023-07..2023-12", "2024-07..2024-12"],
                false,
            ),
            case(
                "I, III квартал 2023",
                Once,
                &["2023-03-31", "2023-09-30"],
                &["2023-01..2023-03", "2023-07..2023-09"],
                false,
            ),
            case(
                "II квартал 2022-2023 гг.",
                Recurring,
                &["2022-06-30", "2023-06-30"],
                &["2022-04..2022-06", "2023-04..2023-06"],
                false,
            ),
            case("V квартал 2023", Unknown, &[], &[], false),
            case("III полугодие", Unknown, &[], &[], false),
        ],
    );
}

#[test]
fn rule_10_continuous() {
    let all_months = &["2021-09..2024-05"];
    let ends = &["2021-12-31", "2022-12-31", "2023-12-31", "2024-05-31"];
    check_all(
        school_period(),
        &[
            case("в течение года", Continuous, ends, all_months, false),
            case("постоянно", Continuous, ends, all_months, false),
            case(
                "В течение всего периода",
                Continuous,
                ends,
                all_months,
                false,
            ),
            case(
                "в течение всего периода реализации программы",
                Continuous,
                ends,
                all_months,
                false,
            ),
            case("в течении года", Continuous, ends, all_months, false),
            case(
                "В течение учебного года",
                Continuous,
                &["2022-05-31", "2023-05-31", "2024-05-31"],
                &["2021-09..2022-05", "2022-09..2023-05", "2023-09..2024-05"],
                false,
            ),
        ],
    );
    // A period ending in December: no extra end-of-period date.
    check_all(
        period("2022-03", "2023-12"),
        &[case(
            "постоянно",
            Continuous,
            &["2022-12-31", "2023-12-31"],
            &["2022-03..2023-12"],
            false,
        )],
    );
}

#[test]
fn rule_11_school_years() {
    check_all(
        school_period(),
        &[
            case(
                "2023/2024 учебный год",
                Continuous,
                &["2024-05-31"],
                &["2023-09..2024-05"],
                false,
            ),
            case(
                "2023-2024 уч. год",
                Continuous,
                &["2024-05-31"],
                &["2023-09..2024-05"],
                false,
            ),
            case(
                "2023/24 учебный год",
                Continuous,
                &["2024-05-31"],
                &["2023-09..2024-05"],
                false,
            ),
            case(
                "в течение 2022/2023 учебного года",
                Continuous,
                &["2023-05-31"],
                &["2022-09..2023-05"],
                false,
            ),
            case(
                "2021-2023 учебные годы",
                Continuous,
                &["2022-05-31", "2023-05-31"],
                &["2021-09..2022-05", "2022-09..2023-05"],
                false,
            ),
            // Not consecutive years.
            case("2023/2025 учебный год", Unknown, &[], &[], false),
            case("2023 учебный год", Unknown, &[], &[], false),
        ],
    );
}

#[test]
fn rule_11_school_year_crossing_the_end_of_the_period() {
    // P ends in December 2023: the school year 2023/2024 is cut, its 31 May
    // is after P and is reported.
    check_all(
        period("2022-09", "2023-12"),
        &[case(
            "2023/2024 учебный год",
            Continuous,
            &[],
            &["2023-09..2023-12"],
            true,
        )],
    );
    // A school year started before P and ending inside it.
    check_all(
        period("2024-01", "2025-12"),
        &[case(
            "2023/2024 учебный год",
            Continuous,
            &["2024-05-31"],
            &["2024-01..2024-05"],
            false,
        )],
    );
}

#[test]
fn rule_12_on_request() {
    check_all(
        period("2022-01", "2024-12"),
        &[
            case(
                "по плану работы отдела образования",
                OnRequest,
                &[],
                &[],
                false,
            ),
            case("По заявке", OnRequest, &[], &[], false),
            case("по договору", OnRequest, &[], &[], false),
            case("в соответствии с графиком ГИА", OnRequest, &[], &[], false),
            case("по мере необходимости", OnRequest, &[], &[], false),
            case("по запросу ОО", OnRequest, &[], &[], false),
            case("согласно плану-графику", OnRequest, &[], &[], false),
            case("по плану работы ОО № 5", OnRequest, &[], &[], false),
            // Any date or periodicity wins.
            case(
                "по заявке, сентябрь 2022",
                Once,
                &["2022-09-30"],
                &["2022-09"],
                false,
            ),
            case(
                "ежемесячно по графику",
                Recurring,
                &["ends:2022-01..2024-12"],
                &["2022-01..2024-12"],
                false,
            ),
            case(
                "по плану работы УО, март",
                Recurring,
                &["2022-03-31", "2023-03-31", "2024-03-31"],
                &["2022-03", "2023-03", "2024-03"],
                false,
            ),
        ],
    );
}

#[test]
fn rule_13_anything_else_is_unknown() {
    check_all(
        period("2022-01", "2024-12"),
        &[
            case("", Unknown, &[], &[], false),
            case("   ", Unknown, &[], &[], false),
            case("—", Unknown, &[], &[], false),
            case("по итогам года", Unknown, &[], &[], false),
            case("за две недели до начала", Unknown, &[], &[], false),
            case("ежедневно", Unknown, &[], &[], false),
            case("2-3 раза в год", Unknown, &[], &[], false),
            case("сентябрь 2022, октябрь", Unknown, &[], &[], false),
            case("постоянно, сентябрь", Unknown, &[], &[], false),
            case("ежемесячно, ежегодно", Unknown, &[], &[], false),
            case("план работы", Unknown, &[], &[], false),
            case("15", Unknown, &[], &[], false),
            case("01.09.22", Unknown, &[], &[], false),
            case("сентябрь 2022 ?", Unknown, &[], &[], false),
            case("мартовский семинар", Unknown, &[], &[], false),
        ],
    );
}

#[test]
fn dates_outside_the_period_are_dropped_and_flagged() {
    check_all(
        school_period(),
        &[
            // Almost certainly a typo for 2022.
            case("Март, 2021", Once, &[], &[], true),
            case(
                "март 2022 сентябрь 2025",
                Once,
                &["2022-03-31"],
                &["2022-03"],
                true,
            ),
            case("До 01 февраля 2020 года", Once, &[], &[], true),
            case("2019", Continuous, &[], &[], true),
            // Generated dates are clipped quietly: P has no August 2021.
            case(
                "август",
                Recurring,
                &["2022-08-31", "2023-08-31"],
                &["2022-08", "2023-08"],
                false,
            ),
            // A range that started before P but ends inside it.
            case(
                "январь 2021 – март 2022",
                Once,
                &["2022-03-31"],
                &["2021-09..2022-03"],
                false,
            ),
        ],
    );
}

#[test]
fn one_month_period() {
    check_all(
        period("2024-02", "2024-02"),
        &[
            case(
                "постоянно",
                Continuous,
                &["2024-02-29"],
                &["2024-02"],
                false,
            ),
            case(
                "Ежемесячно",
                Recurring,
                &["2024-02-29"],
                &["2024-02"],
                false,
            ),
            case("Ежегодно", Recurring, &[], &[], false),
            case("февраль", Recurring, &["2024-02-29"], &["2024-02"], false),
        ],
    );
}

#[test]
fn serialises_to_the_exchange_shape() {
    let s = interpret("Январь – март 2022", period("2022-01", "2024-12"));
    assert_eq!(
        serde_json::to_string(&s).expect("serialise"),
        r#"{"recognized":true,"kind":"once","due":["2022-03-31"],"active":["2022-01","2022-02","2022-03"],"outside_period":false}"#
    );
    let u = interpret("как получится", period("2022-01", "2024-12"));
    assert_eq!(
        serde_json::to_string(&u).expect("serialise"),
        r#"{"recognized":false,"kind":"unknown","due":[],"active":[],"outside_period":false}"#
    );
    let r = interpret("по заявке", period("2022-01", "2024-12"));
    assert!(serde_json::to_string(&r)
        .expect("serialise")
        .contains(r#""kind":"on_request""#));
    let back: metodist_schedule::Schedule =
        serde_json::from_str(&serde_json::to_string(&s).expect("serialise")).expect("parse");
    assert_eq!(back, s);
}

#[test]
fn describes_in_short_russian() {
    let p = period("2021-09", "2024-05");
    let cases = [
        ("Ежегодно, сентябрь", "ежегодно: сентябрь 2021, 2022, 2023"),
        (
            "август, 2021",
            "все даты вне периода программы — проверьте год",
        ),
        ("31.08.2022", "однократно: 31.08.2022"),
        (
            "январь – март 2022",
            "однократно: январь – март 2022, срок 31.03.2022",
        ),
        ("постоянно", "постоянно: сентябрь 2021 – май 2024"),
        ("по договору", "по запросу, без срока"),
        (
            "что-то непонятное",
            "не распознано — укажите месяцы вручную",
        ),
        ("Ежемесячно", "ежемесячно: сентябрь 2021 – май 2024"),
        ("Ежеквартально", "ежеквартально: 2021–2024"),
        ("до 25 июня", "ежегодно: 25.06 2022, 2023"),
        (
            "в течение учебного года",
            "в течение учебного года: сентябрь 2021 – май 2024",
        ),
        (
            "март 2022 сентябрь 2025",
            "однократно: 31.03.2022 (часть дат вне периода программы)",
        ),
    ];
    for (phrase, want) in cases {
        assert_eq!(describe(&interpret(phrase, p)), want, "«{phrase}»");
    }
}
