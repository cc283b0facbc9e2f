//! Calendar types shared by the whole product, and (see [`interpret`]) the
//! reading of free-text roadmap deadlines into due dates and active months.

mod calendar;
mod describe;
mod interpret;
mod lexer;
mod parse;

pub use calendar::{CalendarError, Period, YearMonth};
pub use describe::describe;
pub use interpret::{interpret, Schedule, ScheduleKind};
