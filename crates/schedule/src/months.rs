//! The Russian month names, in one table for every crate that writes or
//! reads them: the schedule's lexer and summaries, the date written in words
//! on the approving act (core), the typesetter's no-break rule before a month
//! (print) and the act's date read back from a .docx (docx-read).

/// One month's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthName {
    /// «январь»: the roadmap summaries.
    pub nominative: &'static str,
    /// «января»: a date in words («3 августа 2021 г.»).
    pub genitive: &'static str,
    /// What every case form begins with («январ», «март», «ма»); «ма» also
    /// begins «март», so a reader that matches stems alone must treat May
    /// by its whole words.
    pub stem: &'static str,
    /// What follows the stem in the case forms the schedule lexer accepts
    /// (listing them keeps «мартовский» out).
    pub endings: &'static [&'static str],
}

/// Soft-stem months (январь) and hard-stem months (март, август) take
/// different case endings; May is a soft stem written with «й».
const SOFT: &[&str] = &["ь", "я", "е", "ем", "ю"];
const HARD: &[&str] = &["", "а", "е", "ом", "у"];
const MAY: &[&str] = &["й", "я", "е", "ем", "ю"];

const fn month(
    nominative: &'static str,
    genitive: &'static str,
    stem: &'static str,
    endings: &'static [&'static str],
) -> MonthName {
    MonthName {
        nominative,
        genitive,
        stem,
        endings,
    }
}

/// January first: `MONTH_NAMES[m - 1]` is month `m`.
pub const MONTH_NAMES: [MonthName; 12] = [
    month("январь", "января", "январ", SOFT),
    month("февраль", "февраля", "феврал", SOFT),
    month("март", "марта", "март", HARD),
    month("апрель", "апреля", "апрел", SOFT),
    month("май", "мая", "ма", MAY),
    month("июнь", "июня", "июн", SOFT),
    month("июль", "июля", "июл", SOFT),
    month("август", "августа", "август", HARD),
    month("сентябрь", "сентября", "сентябр", SOFT),
    month("октябрь", "октября", "октябр", SOFT),
    month("ноябрь", "ноября", "ноябр", SOFT),
    month("декабрь", "декабря", "декабр", SOFT),
];

/// The names of month `m` (1 = January); `None` outside 1..=12.
pub fn month_names(m: u32) -> Option<&'static MonthName> {
    MONTH_NAMES.get((m as usize).wrapping_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_is_its_stem_and_an_ending() {
        for n in &MONTH_NAMES {
            for form in [n.nominative, n.genitive] {
                let rest = form
                    .strip_prefix(n.stem)
                    .unwrap_or_else(|| panic!("{form}"));
                assert!(n.endings.contains(&rest), "{form}");
            }
        }
    }

    #[test]
    fn months_are_numbered_from_one() {
        assert_eq!(month_names(1).map(|n| n.nominative), Some("январь"));
        assert_eq!(month_names(12).map(|n| n.genitive), Some("декабря"));
        assert_eq!(month_names(0), None);
        assert_eq!(month_names(13), None);
    }
}
