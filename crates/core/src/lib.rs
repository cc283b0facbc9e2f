//! The Metodist core: the programme model, its storage in one SQLite file,
//! the exchange file, and generated programmes for benchmarks. It knows
//! nothing of Tauri; the app and the `metodist` CLI are thin layers over it.

pub mod amendment;
pub mod baseline;
pub mod copy;
pub mod diff;
pub mod effectiveness;
pub mod error;
pub mod exchange;
pub mod find;
pub mod fsutil;
pub mod generate;
pub mod model;
pub mod passport;
pub mod readiness;
pub mod schedule;
pub mod store;
pub mod text;
pub mod tracking;
pub mod uid;
pub mod validate;

pub use error::{CoreError, Problem, Result, ERROR_CODES};
pub use metodist_schedule::{Period, YearMonth};
pub use model::Programme;
pub use schedule::NumberedSchedule;
pub use store::{
    default_db_path, Applied, Edit, ItemInput, ListKind, ProgrammeSummary, Store, UndoState,
};
