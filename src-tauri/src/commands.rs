//! The window's commands, made from the one list in `metodist-api`
//! (`with_commands!`): each is a Tauri command that runs the api call with
//! the shared session and a host for this window. They are `async` so that
//! Tauri runs them off the main thread: a slow disk or a locked database
//! must not freeze the window. The window may call them only as far as
//! `permissions/commands.toml` and `capabilities/` allow (checked against
//! the list by a test in `crates/api`).

use metodist_api::command_types::*;
use metodist_api::{ApiError, Context, Session};
use tauri::{AppHandle, State};

use crate::host::TauriHost;

macro_rules! tauri_commands {
    ($( $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) -> $ret:ty = $call:expr; )*) => {
        $(
            // preview_pages takes seven arguments besides the two every command has.
            #[allow(clippy::too_many_arguments)]
            #[tauri::command]
            pub async fn $name(
                app: AppHandle,
                session: State<'_, Session>,
                $($arg: $ty),*
            ) -> Result<$ret, ApiError> {
                let host = TauriHost::new(app);
                Context::new(&session, &host).run($call)
            }
        )*

        /// The handler that registers every command of the list.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };
}
metodist_api::with_commands!(tauri_commands);
