//! The one list of commands the window may call. From it the Tauri shell
//! makes its command functions and their registration
//! (`src-tauri/src/commands.rs`), and the TypeScript generator writes the
//! typed wrappers the interface calls (`ui/src/gen/commands.ts`); a test
//! checks it against the permissions the window is given
//! (`src-tauri/permissions/commands.toml`). A command added here is
//! therefore registered, typed and, once allowed, callable; nothing else
//! has to be kept in step by hand.
//!
//! Each entry is `name(arguments) -> result = |cx| call;`: `cx` is the
//! [`Context`] (the session and the host) and the arguments are in scope.
//! The window names arguments in camelCase (Tauri converts `file_name` to
//! `fileName`); the generated wrappers do the same.

use crate::host::Host;
use crate::Session;

/// What a command runs with: the database and the desktop.
pub struct Context<'a> {
    pub session: &'a Session,
    pub host: &'a dyn Host,
}

impl<'a> Context<'a> {
    pub fn new(session: &'a Session, host: &'a dyn Host) -> Self {
        Self { session, host }
    }

    /// Runs one command's call; gives the closure in the list its type.
    pub fn run<T>(&self, call: impl FnOnce(&Context<'a>) -> T) -> T {
        call(self)
    }
}

/// Calls `$then!` with every command. The types are written as paths from
/// this crate's root (`$crate::…` is not available inside the entries, so
/// the shell imports `metodist_api::command_types::*`).
#[macro_export]
macro_rules! with_commands {
    ($then:ident) => {
        $then! {
            // The programme list (programmes.rs).
            list_programmes() -> Vec<ProgrammeSummary> =
                |cx| programmes::list_programmes(cx.session);
            list_deleted() -> Vec<ProgrammeSummary> = |cx| programmes::list_deleted(cx.session);
            duplicate_programme(id: i64) -> i64 =
                |cx| programmes::duplicate_programme(cx.session, id);
            delete_programme(id: i64) -> () = |cx| programmes::delete_programme(cx.session, id);
            restore_programme(id: i64) -> () = |cx| programmes::restore_programme(cx.session, id);
            list_templates() -> Vec<TemplateSummary> = |cx| programmes::list_templates(cx.session);
            create_from_template(key: String) -> i64 =
                |cx| programmes::create_from_template(cx.session, key, cx.host.today());
            save_as_template(id: i64, name: String) -> String =
                |cx| programmes::save_as_template(cx.session, id, name);
            delete_template(key: String) -> () = |cx| programmes::delete_template(cx.session, key);
            export_programme(id: i64) -> Option<String> =
                |cx| programmes::export_programme(cx.session, cx.host, id);

            // Word in: choose a file, review what it holds, then import it
            // or not (importing.rs).
            choose_import_file() -> Option<String> =
                |cx| importing::choose_import_file(cx.host);
            preview_import(path: String) -> ImportReview =
                |cx| importing::preview_import(std::path::Path::new(&path), cx.host.today());
            commit_import(path: String, fingerprint: String) -> i64 = |cx| {
                importing::commit_import(
                    cx.session,
                    std::path::Path::new(&path),
                    &fingerprint,
                    cx.host.today(),
                )
            };
            // «Импорт…» in the window: an exchange file at once, a Word
            // document to its review (import_step.rs).
            open_import(path: String) -> ImportStep = |cx| {
                import_step::open_import(cx.session, std::path::Path::new(&path), cx.host.today())
            };

            // The editor (editor.rs).
            load_programme(id: i64) -> Programme = |cx| editor::load_programme(cx.session, id);
            apply_edit(id: i64, edit: Edit) -> Applied =
                |cx| editor::apply_edit(cx.session, id, edit, cx.host.today());
            undo(id: i64) -> UndoState = |cx| editor::undo(cx.session, id);
            redo(id: i64) -> UndoState = |cx| editor::redo(cx.session, id);
            undo_state(id: i64) -> UndoState = |cx| editor::undo_state(cx.session, id);
            item_schedules(id: i64) -> Vec<ScheduleView> =
                |cx| editor::item_schedules(cx.session, id);
            describe_deadline(period: Period, phrase: String) -> ScheduleView =
                |_cx| editor::describe_deadline(period, phrase);
            readiness(id: i64) -> Vec<Problem> = |cx| editor::readiness(cx.session, id);
            derived_passport(id: i64) -> Vec<DerivedRow> =
                |cx| editor::derived_passport(cx.session, id);
            find_text(id: i64, query: Query) -> Found =
                |cx| editor::find_text(cx.session, id, query);
            replace_text(id: i64, from: String, to: String, target: ReplaceTarget) -> Replaced =
                |cx| editor::replace_text(cx.session, id, from, to, target, cx.host.today());

            // Editions and amendments (editions.rs).
            // `kind` absent: the approving act's kind.
            approve_programme(id: i64, date: NaiveDate, number: String, kind: Option<ActKind>)
                -> EditionSummary =
                |cx| editions::approve(cx.session, id, date, number, kind, cx.host.today());
            withdraw_edition(id: i64) -> EditionSummary =
                |cx| editions::withdraw_edition(cx.session, id);
            list_editions(id: i64) -> EditionsView = |cx| editions::list_editions(cx.session, id);
            get_edition(id: i64, seq: i64) -> Programme =
                |cx| editions::get_edition(cx.session, id, seq);
            print_edition(id: i64, seq: i64, mode: PrintMode, profile: String) -> Option<Printed> =
                |cx| editions::print_edition(cx.session, cx.host, id, seq, mode, profile);
            save_edition_docx(id: i64, seq: i64, mode: PrintMode, profile: String) -> Option<SavedDocx> =
                |cx| editions::save_edition_docx(cx.session, cx.host, id, seq, mode, profile);
            // `from` absent: the edition in force; `to` absent: the draft.
            compare_editions(id: i64, from: Option<EditionRef>, to: Option<EditionRef>)
                -> ProgrammeDiff =
                |cx| editions::compare_editions(cx.session, id, from, to);
            print_comparison(
                id: i64, from: Option<EditionRef>, to: Option<EditionRef>, profile: String
            ) -> Option<Printed> =
                |cx| editions::print_comparison(cx.session, cx.host, id, from, to, profile);
            save_comparison_docx(
                id: i64, from: Option<EditionRef>, to: Option<EditionRef>, profile: String
            ) -> Option<SavedDocx> = |cx| {
                editions::save_comparison_docx(cx.session, cx.host, id, from, to, profile)
            };
            draft_amendment(id: i64, options: AmendmentOptions) -> AmendmentDraft =
                |cx| editions::draft_amendment(cx.session, id, options);
            // `draft` absent: the act as drafted from the comparison.
            print_amendment(
                id: i64, options: AmendmentOptions, draft: Option<AmendmentDraft>, profile: String
            ) -> Option<Printed> =
                |cx| editions::print_amendment(cx.session, cx.host, id, options, draft, profile);
            save_amendment_docx(
                id: i64, options: AmendmentOptions, draft: Option<AmendmentDraft>, profile: String
            ) -> Option<SavedDocx> = |cx| {
                editions::save_amendment_docx(cx.session, cx.host, id, options, draft, profile)
            };

            // Printing and layout profiles (printing.rs).
            layout_profiles() -> Vec<LayoutProfile> = |cx| printing::layout_profiles(cx.session);
            save_layout_profile(profile: LayoutProfile) -> () =
                |cx| printing::save_layout_profile(cx.session, profile);
            check_layout_profile(profile: LayoutProfile) -> Vec<ProfileProblem> =
                |_cx| printing::check_layout_profile(profile);
            rename_layout_profile(from: String, to: String) -> () =
                |cx| printing::rename_layout_profile(cx.session, from, to);
            delete_layout_profile(name: String) -> () =
                |cx| printing::delete_layout_profile(cx.session, name);
            installed_fonts(refresh: bool) -> Vec<InstalledFont> =
                |_cx| printing::installed_fonts(refresh);
            print_programme(id: i64, mode: PrintMode, profile: String) -> Option<Printed> =
                |cx| printing::print_programme(cx.session, cx.host, id, mode, profile);
            save_docx(id: i64, mode: PrintMode, profile: String) -> Option<SavedDocx> =
                |cx| printing::save_docx(cx.session, cx.host, id, mode, profile);
            // `edition` absent: the draft's pages.
            preview_pages(
                id: i64, mode: PrintMode, profile: String, dpi: f32, first: usize, count: usize,
                edition: Option<i64>
            ) -> PreviewPages = |cx| {
                printing::preview_pages(cx.session, id, mode, profile, dpi, first, count, edition)
            };

            // Tracking (tracking.rs).
            tracking_today() -> NaiveDate = |cx| tracking::tracking_today(cx.host);
            due_entries(id: i64) -> Vec<DueEntry> = |cx| tracking::due_entries(cx.session, id);
            // `today` absent: the host's date.
            today_view(id: i64, today: Option<NaiveDate>) -> TodayScreen = |cx| {
                tracking::today_view(cx.session, id, today.unwrap_or_else(|| cx.host.today()))
            };
            month_view(id: i64, month: YearMonth) -> MonthScreen =
                |cx| tracking::month_view(cx.session, id, month);
            evaluation(id: i64, from: NaiveDate, to: NaiveDate) -> Evaluation =
                |cx| tracking::evaluation(cx.session, id, from, to, cx.host.today());
            print_report(id: i64, from: NaiveDate, to: NaiveDate, profile: String)
                -> Option<Printed> =
                |cx| tracking::print_report(cx.session, cx.host, id, from, to, profile);
            save_execution_xlsx(id: i64) -> Option<SavedSpreadsheet> =
                |cx| tracking::save_execution_xlsx(cx.session, cx.host, id);

            // The database and its backups (backups.rs).
            database_status() -> DatabaseStatus = |cx| backups::database_status(cx.session);
            list_backups() -> Vec<BackupInfo> = |cx| backups::list_backups(cx.session);
            create_backup() -> BackupInfo = |cx| backups::create_backup(cx.session);
            backup_problem() -> Option<BackupProblem> = |cx| backups::backup_problem(cx.session);
            restore_backup(file_name: String) -> Restored =
                |cx| backups::restore_backup(cx.session, file_name);
            open_database() -> Option<String> = |cx| backups::open_database(cx.session, cx.host);
            create_database() -> Option<String> =
                |cx| backups::create_database(cx.session, cx.host);
        }
    };
}

/// Every name and type the entries of [`with_commands!`] use, for a
/// `use metodist_api::command_types::*;` where the macro is expanded.
pub mod command_types {
    pub use crate::backups::{self, BackupProblem};
    pub use crate::editions::{self, EditionRef, EditionsView};
    pub use crate::editor::{self, DerivedRow, Replaced, ScheduleView};
    pub use crate::import_step::{self, ImportStep};
    pub use crate::importing::{self, ImportReview};
    pub use crate::printing::{self, InstalledFont, PreviewPages, PrintMode, Printed, SavedDocx};
    pub use crate::programmes;
    pub use crate::session::DatabaseStatus;
    pub use crate::tracking::{self, SavedSpreadsheet};
    pub use chrono::NaiveDate;
    pub use metodist_core::amendment::{AmendmentDraft, AmendmentOptions};
    pub use metodist_core::diff::ProgrammeDiff;
    pub use metodist_core::effectiveness::Evaluation;
    pub use metodist_core::find::{Found, Query, ReplaceTarget};
    pub use metodist_core::model::{ActKind, Programme};
    pub use metodist_core::store::{BackupInfo, EditionSummary, Restored, TemplateSummary};
    pub use metodist_core::tracking::{DueEntry, MonthScreen, TodayScreen};
    pub use metodist_core::{
        Applied, Edit, Period, Problem, ProgrammeSummary, UndoState, YearMonth,
    };
    pub use metodist_print::{LayoutProfile, ProfileProblem};
}

macro_rules! command_names {
    ($( $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) -> $ret:ty = $call:expr; )*) => {
        /// The names of every command, in the order of the list.
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];
    };
}
with_commands!(command_names);
