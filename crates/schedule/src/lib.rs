//! Calendar types shared by the whole product, and the reading of free-text
//! roadmap deadlines («Сроки») into due dates and active months (docs/design.md §4).
//!
//! ```
//! use metodist_schedule::{describe, interpret, Period, ScheduleKind};
//!
//! let period = Period::new("2021-09".parse()?, "2024-05".parse()?)?;
//! let s = interpret("Ежегодно, сентябрь", period);
//! assert_eq!(s.kind, ScheduleKind::Recurring);
//! assert_eq!(s.due.len(), 3);
//! assert_eq!(describe(&s), "ежегодно: сентябрь 2021, 2022, 2023");
//! # Ok::<(), metodist_schedule::CalendarError>(())
//! ```
//!
//! The interpreter is a hand-written lexer (`lexer`), a small grammar
//! (`parse`) and the rules that turn the parsed parts into dates
//! (`interpret`). It never guesses: whatever it cannot read is `unknown`.

mod calendar;
mod describe;
mod interpret;
mod lexer;
mod months;
mod parse;

pub use calendar::{CalendarError, Period, YearMonth};
pub use describe::describe;
pub use interpret::{interpret, Schedule, ScheduleKind};
pub use months::{month_names, MonthName, MONTH_NAMES};
