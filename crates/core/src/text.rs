//! Russian wording helpers shared by every place that prints counts or dates.

use chrono::NaiveDate;

/// The form of a noun that agrees with `n`: `plural(5, ["блок", "блока", "блоков"])`.
pub fn plural(n: usize, forms: [&str; 3]) -> &str {
    let (n10, n100) = (n % 10, n % 100);
    if n10 == 1 && n100 != 11 {
        forms[0]
    } else if (2..=4).contains(&n10) && !(12..=14).contains(&n100) {
        forms[1]
    } else {
        forms[2]
    }
}

/// "5 блоков", "1 блок", "22 блока".
pub fn count(n: usize, forms: [&str; 3]) -> String {
    format!("{n} {}", plural(n, forms))
}

/// DD.MM.YYYY, the way dates are written in Russian documents.
pub fn date_ru(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_forms_agree() {
        let f = ["мероприятие", "мероприятия", "мероприятий"];
        let cases = [
            (0, "мероприятий"),
            (1, "мероприятие"),
            (2, "мероприятия"),
            (4, "мероприятия"),
            (5, "мероприятий"),
            (11, "мероприятий"),
            (12, "мероприятий"),
            (14, "мероприятий"),
            (21, "мероприятие"),
            (22, "мероприятия"),
            (101, "мероприятие"),
            (111, "мероприятий"),
        ];
        for (n, want) in cases {
            assert_eq!(plural(n, f), want, "n = {n}");
        }
    }

    #[test]
    fn dates_print_with_dots() {
        assert_eq!(
            date_ru(NaiveDate::from_ymd_opt(2024, 9, 1).unwrap()),
            "01.09.2024"
        );
    }
}
