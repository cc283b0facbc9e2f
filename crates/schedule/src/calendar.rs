use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar month, written `YYYY-MM` everywhere outside the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ts_rs::TS)]
#[ts(type = "string")]
pub struct YearMonth {
    year: i32,
    month: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("месяц должен быть записан как ГГГГ-ММ, например 2024-09; получено «{0}»")]
    BadYearMonth(String),
    #[error("год {0} вне допустимого диапазона 1900–2200")]
    YearOutOfRange(i32),
    #[error("месяц {0} вне диапазона 1–12")]
    MonthOutOfRange(u32),
    #[error("конец периода ({end}) раньше его начала ({start})")]
    EndBeforeStart { start: YearMonth, end: YearMonth },
}

/// Years a programme may reasonably name; anything else is a typo.
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2200;

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Result<Self, CalendarError> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(CalendarError::YearOutOfRange(year));
        }
        if !(1..=12).contains(&month) {
            return Err(CalendarError::MonthOutOfRange(month));
        }
        Ok(Self { year, month })
    }

    pub fn of_date(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("validated year and month")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().expect("a day before")
    }

    /// The following month (December wraps to January of the next year).
    pub fn next(self) -> Self {
        if self.month == 12 {
            Self {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Self {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn prev(self) -> Self {
        if self.month == 1 {
            Self {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Self {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// Months from `self` to `other`; negative when `other` is earlier.
    pub fn months_until(self, other: Self) -> i32 {
        (other.year - self.year) * 12 + other.month as i32 - self.month as i32
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for YearMonth {
    type Err = CalendarError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || CalendarError::BadYearMonth(s.to_string());
        let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        Self::new(year, month)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The months a programme runs, both ends included.
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub start: YearMonth,
    pub end: YearMonth,
}

impl Period {
    pub fn new(start: YearMonth, end: YearMonth) -> Result<Self, CalendarError> {
        if end < start {
            return Err(CalendarError::EndBeforeStart { start, end });
        }
        Ok(Self { start, end })
    }

    pub fn first_day(self) -> NaiveDate {
        self.start.first_day()
    }

    pub fn last_day(self) -> NaiveDate {
        self.end.last_day()
    }

    pub fn contains_date(self, date: NaiveDate) -> bool {
        self.first_day() <= date && date <= self.last_day()
    }

    pub fn contains_month(self, m: YearMonth) -> bool {
        self.start <= m && m <= self.end
    }

    /// Calendar years the period touches, in order.
    pub fn years(self) -> impl Iterator<Item = i32> {
        self.start.year..=self.end.year
    }

    /// Every month of the period, in order.
    pub fn months(self) -> impl Iterator<Item = YearMonth> {
        let end = self.end;
        std::iter::successors(Some(self.start), move |m| {
            let n = m.next();
            (n <= end).then_some(n)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(s: &str) -> YearMonth {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_prints_year_month() {
        assert_eq!(ym("2024-09").to_string(), "2024-09");
        assert!("2024-9".parse::<YearMonth>().is_err());
        assert!("2024-13".parse::<YearMonth>().is_err());
        assert!("24-01".parse::<YearMonth>().is_err());
        assert!("abcd-01".parse::<YearMonth>().is_err());
    }

    #[test]
    fn last_day_handles_leap_february_and_december() {
        assert_eq!(ym("2024-02").last_day().to_string(), "2024-02-29");
        assert_eq!(ym("2023-02").last_day().to_string(), "2023-02-28");
        assert_eq!(ym("2023-12").last_day().to_string(), "2023-12-31");
    }

    #[test]
    fn period_months_and_years() {
        let p = Period::new(ym("2022-09"), ym("2023-02")).unwrap();
        let months: Vec<String> = p.months().map(|m| m.to_string()).collect();
        assert_eq!(
            months,
            ["2022-09", "2022-10", "2022-11", "2022-12", "2023-01", "2023-02"]
        );
        assert_eq!(p.years().collect::<Vec<_>>(), [2022, 2023]);
        assert!(Period::new(ym("2023-01"), ym("2022-12")).is_err());
        assert_eq!(ym("2022-11").months_until(ym("2023-02")), 3);
    }
}
