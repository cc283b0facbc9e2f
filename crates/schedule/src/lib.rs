//! Calendar types shared by the whole product, and (see `interpret`) the
//! reading of free-text roadmap deadlines into due dates and active months.

mod calendar;

pub use calendar::{CalendarError, Period, YearMonth};
