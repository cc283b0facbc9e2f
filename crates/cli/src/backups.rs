//! `metodist backups list | create | restore FILE`: the backups of the
//! database, through the same `metodist-api` functions as the window's
//! «Резервные копии» screen. Listing and restoring work when the database
//! itself cannot be opened or is damaged: that is when they are needed.

use std::fmt::Write as _;
use std::path::Path;

use metodist_api::backups;
use metodist_core::store::{BackupInfo, BackupKind, Restored};

use crate::args::Args;
use crate::commands::Context;
use crate::error::CliError;

pub fn run(ctx: &mut Context, mut args: Args) -> Result<String, CliError> {
    let action = args
        .positional("действие: list, create или restore")
        .map_err(|_| {
            CliError::Usage(
                "укажите действие: backups list, backups create или backups restore ФАЙЛ".into(),
            )
        })?;
    match action.to_string_lossy().as_ref() {
        "list" => list(ctx, args),
        "create" => create(ctx, args),
        "restore" => restore(ctx, args),
        other => Err(CliError::Usage(format!(
            "неизвестное действие «{other}»: backups list, backups create или backups restore ФАЙЛ"
        ))),
    }
}

fn kind(kind: BackupKind) -> &'static str {
    match kind {
        BackupKind::Daily => "ежедневная, при запуске",
        BackupKind::Manual => "создана вручную",
        BackupKind::BeforeRestore => "состояние перед восстановлением",
        BackupKind::Other => "файл в папке копий",
    }
}

/// The copy's time on this computer's clock, `YYYY-MM-DD HH:MM`.
fn when(backup: &BackupInfo) -> String {
    chrono::DateTime::parse_from_rfc3339(&backup.created)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| backup.created.clone())
}

/// One line a copy, newest first: date, reason, size in bytes, path.
fn list(ctx: &mut Context, args: Args) -> Result<String, CliError> {
    args.finish()?;
    let list = backups::list_backups(ctx.session())?;
    if list.is_empty() {
        return Ok("Резервных копий нет.\n".into());
    }
    let mut out = String::new();
    for b in list {
        let _ = writeln!(
            out,
            "{}\t{}\t{} байт\t{}",
            when(&b),
            kind(b.kind),
            b.size,
            b.path.display()
        );
    }
    Ok(out)
}

/// A copy made now; prints its path.
fn create(ctx: &mut Context, args: Args) -> Result<String, CliError> {
    args.finish()?;
    let made = backups::create_backup(ctx.session())?;
    Ok(format!("{}\n", made.path.display()))
}

/// Restores a listed copy, named by its file name or by the path
/// `backups list` printed; says what was kept of the replaced state.
fn restore(ctx: &mut Context, mut args: Args) -> Result<String, CliError> {
    let given = args.positional("файл резервной копии")?;
    args.finish()?;
    let given = Path::new(&given);
    let name = listed_name(ctx, given)?;
    let restored = backups::restore_backup(ctx.session(), name)?;
    Ok(match restored {
        Restored::SafetyCopy { path, .. } => format!(
            "Резервная копия восстановлена. Состояние до восстановления сохранено как копия: {}\n",
            path.display()
        ),
        Restored::DamagedSetAside { path, .. } => format!(
            "Резервная копия восстановлена. Повреждённый файл базы сохранён без изменений: {}\n",
            path.display()
        ),
        Restored::Nothing => "Резервная копия восстановлена.\n".into(),
    })
}

/// The file name of the listed copy `given` stands for: a name from the
/// list, or a path to one of the listed files. Anything else is refused,
/// as the window refuses names outside the list.
fn listed_name(ctx: &mut Context, given: &Path) -> Result<String, CliError> {
    let not_listed = || {
        CliError::Usage(format!(
            "«{}» — не резервная копия этой базы; список копий: metodist backups list",
            given.display()
        ))
    };
    let name = given
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(not_listed)?;
    let listed = backups::list_backups(ctx.session())?;
    let backup = listed
        .iter()
        .find(|b| b.file_name == name)
        .ok_or_else(not_listed)?;
    let bare = given.parent().is_none_or(|p| p.as_os_str().is_empty());
    if !bare && !same_file(given, &backup.path) {
        return Err(not_listed());
    }
    Ok(name)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
