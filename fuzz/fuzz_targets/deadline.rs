//! Any text as a roadmap deadline, in any period: the interpreter never
//! panics and its answer keeps the invariants the editor relies on.
#![no_main]

use libfuzzer_sys::fuzz_target;
use metodist_schedule::{describe, interpret, Period, ScheduleKind, YearMonth};

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    // The first three bytes choose the period: start year 1950..2205, start
    // month, and a length of up to 255 months.
    let start = YearMonth::new(1950 + i32::from(data[0]), 1 + u32::from(data[1] % 12));
    let Ok(start) = start else { return };
    let end = (0..data[2]).fold(start, |ym, _| ym.next());
    let Ok(period) = Period::new(start, end) else {
        return;
    };
    let phrase = String::from_utf8_lossy(&data[3..]);
    let s = interpret(&phrase, period);
    assert_eq!(s.kind == ScheduleKind::Unknown, !s.recognized, "«{phrase}»");
    assert!(s.due.windows(2).all(|w| w[0] < w[1]), "«{phrase}»: {s:?}");
    assert!(s.active.windows(2).all(|w| w[0] < w[1]), "«{phrase}»: {s:?}");
    assert!(s.due.iter().all(|&d| period.contains_date(d)), "«{phrase}»: {s:?}");
    assert!(s.active.iter().all(|&m| period.contains_month(m)), "«{phrase}»: {s:?}");
    assert!(!describe(&s).is_empty());
    assert_eq!(interpret(&phrase, period), s, "the reading depends on the text only");
});
