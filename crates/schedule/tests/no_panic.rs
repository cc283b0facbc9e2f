//! Arbitrary input never panics and always yields a well-formed schedule.

use metodist_schedule::{describe, interpret, Period, Schedule, ScheduleKind, YearMonth};
use proptest::prelude::*;

/// Pieces of real deadlines, so that random phrases reach deep into the
/// grammar instead of failing on the first character.
const VOCAB: &[&str] = &[
    "январь",
    "января",
    "янв.",
    "февраль",
    "феврале",
    "март",
    "мае",
    "июнь",
    "августом",
    "сент.",
    "октября",
    "ноябрь",
    "декабрь",
    "2019",
    "2020",
    "2021",
    "2022",
    "2023",
    "2024",
    "2025",
    "1900",
    "2200",
    "1899",
    "9999",
    "24",
    "1",
    "01",
    "15",
    "25",
    "29",
    "31",
    "32",
    "0",
    "4294967296",
    "г.",
    "гг.",
    "года",
    "год",
    "г.г.",
    "-",
    "–",
    "—",
    "/",
    ",",
    ".",
    "(",
    ")",
    "до",
    "по",
    "с",
    "не позднее",
    "в течение",
    "ежегодно",
    "ежемесячно",
    "ежеквартально",
    "постоянно",
    "в конце",
    "каждого",
    "каждый",
    "полугодия",
    "полугодие",
    "квартал",
    "I",
    "II",
    "III",
    "IV",
    "V",
    "-й",
    "учебный",
    "учебного",
    "уч.",
    "всего периода",
    "реализации программы",
    "раза в год",
    "раз в месяц",
    "текущего года",
    "по плану",
    "работы",
    "по заявке",
    "в соответствии с графиком",
    "по мере необходимости",
    "№",
    "01.09.2022",
    "31.05.2025",
    "29.02",
    "31.06.2023",
    "2023/2024",
    "2023/24",
    "?",
    "ё",
    "Ⅳ",
    "і",
    "\u{0301}",
    "🙂",
    "\u{00a0}",
];

fn phrase_from_vocab() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(VOCAB), 0..10).prop_map(|w| w.join(" "))
}

fn any_period() -> impl Strategy<Value = Period> {
    (1950i32..2150, 1u32..=12, 0i32..150).prop_map(|(y, m, len)| {
        let start = YearMonth::new(y, m).expect("valid start");
        let end = (0..len).fold(start, |ym, _| ym.next());
        Period::new(start, end).expect("valid period")
    })
}

fn check_invariants(phrase: &str, s: &Schedule, p: Period) {
    assert_eq!(
        s.kind == ScheduleKind::Unknown,
        !s.recognized,
        "«{phrase}»: {s:?}"
    );
    if !s.recognized || s.kind == ScheduleKind::OnRequest {
        assert!(s.due.is_empty() && s.active.is_empty(), "«{phrase}»: {s:?}");
    }
    if !s.recognized {
        assert!(!s.outside_period, "«{phrase}»: {s:?}");
    }
    assert!(
        s.due.windows(2).all(|w| w[0] < w[1]),
        "«{phrase}»: due not sorted: {s:?}"
    );
    assert!(
        s.active.windows(2).all(|w| w[0] < w[1]),
        "«{phrase}»: active not sorted: {s:?}"
    );
    assert!(
        s.due.iter().all(|&d| p.contains_date(d)),
        "«{phrase}»: due outside {p:?}: {s:?}"
    );
    assert!(
        s.active.iter().all(|&m| p.contains_month(m)),
        "«{phrase}»: active outside {p:?}: {s:?}"
    );
    assert!(!describe(s).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(2000), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic(phrase in any::<String>(), p in any_period()) {
        let s = interpret(&phrase, p);
        check_invariants(&phrase, &s, p);
    }

    #[test]
    fn deadline_like_phrases_keep_the_invariants(phrase in phrase_from_vocab(), p in any_period()) {
        let s = interpret(&phrase, p);
        check_invariants(&phrase, &s, p);
        // The reading depends only on the text, not on earlier calls.
        prop_assert_eq!(interpret(&phrase, p), s);
    }
}

/// The number of cases: PROPTEST_CASES when set (for long runs by hand),
/// else a default sized for CI.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
