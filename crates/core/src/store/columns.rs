//! How model values sit in SQLite columns: lists and nested values as JSON
//! text, enums as their names, months as «YYYY-MM». A stored value that no
//! longer reads back is reported with its column's name.

use metodist_schedule::YearMonth;
use serde::Serialize;

pub(super) fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("model values always serialise")
}

pub(super) fn from_json<T: serde::de::DeserializeOwned>(col: &str, s: &str) -> rusqlite::Result<T> {
    serde_json::from_str(s).map_err(|e| {
        unreadable(
            col,
            crate::exchange::translate_serde_message(&e.to_string()),
        )
    })
}

pub(super) fn parse_enum<T>(
    col: &str,
    s: &str,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    parse(s).ok_or_else(|| unreadable(col, format!("неизвестное значение «{s}»")))
}

pub(super) fn parse_month(col: &str, s: &str) -> rusqlite::Result<YearMonth> {
    s.parse()
        .map_err(|e: metodist_schedule::CalendarError| unreadable(col, e.to_string()))
}

fn unreadable(col: &str, why: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("в столбце «{col}» {why}").into(),
    )
}
