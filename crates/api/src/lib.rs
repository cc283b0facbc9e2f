//! Every operation the Metodist window calls, as plain functions over the
//! store, grouped by what the user is doing: the programme list
//! (`programmes`), the editor (`editor`), tracking (`tracking`), printing
//! (`printing`) and the database with its backups (`backups`). What only a
//! desktop does — file dialogs, the PDF viewer, the date — is behind the
//! [`Host`] trait. The Tauri shell and the `metodist` CLI both call these
//! functions, so the window and the command line behave the same.
//!
//! The contract with the interface lives here too: the list of commands
//! ([`with_commands!`]) and the TypeScript it is written to
//! ([`typescript::write_typescript`]).

pub mod backups;
pub mod commands;
pub mod editions;
pub mod editor;
pub mod error;
mod files;
pub mod host;
pub mod import_step;
pub mod importing;
pub mod printing;
pub mod programmes;
pub mod session;
pub mod tracking;
pub mod typescript;

pub use commands::{command_types, Context};
pub use error::{ApiError, Result};
pub use files::{check_output, file_stem, instance_file, instance_lock_file};
pub use host::{FileFilter, Host, TestHost};
pub use session::{DatabaseStatus, Session};
