//! Errors of the core. Each has a stable code (what the interface and the
//! tests branch on) and a Russian message (what the user reads).

use std::fmt;
use std::path::PathBuf;

/// One problem found in a file being imported, with its place in the file.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// A path into the programme such as `roadmap.blocks[2].items[5].deadline`;
    /// empty when the problem concerns the file as a whole.
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

fn list_problems(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("\n  • {p}"))
        .collect::<String>()
}

fn list_problems_inline(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| p.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("Файл «{}» не является базой данных Методиста (это не файл SQLite или он повреждён). Файл не изменён; выберите другой файл или восстановите резервную копию.", .0.display())]
    NotADatabase(PathBuf),
    #[error("База данных «{}» занята другой программой или другим окном Методиста. Закройте их и повторите попытку.", .0.display())]
    Locked(PathBuf),
    #[error("Файл базы данных «{}» доступен только для чтения. Разрешите запись в него или выберите другой файл.", .0.display())]
    ReadOnly(PathBuf),
    #[error("База данных «{}» создана более новой версией Методиста (версия схемы {found}, эта программа понимает до {supported}). Обновите Методист; файл не изменён.", .path.display())]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("Недостаточно места на диске: изменение не сохранено, прежние данные целы.")]
    DiskFull,
    #[error("База данных повреждена: {0}. Восстановите её из резервной копии.")]
    Corrupt(String),
    #[error("Не удалось обновить базу данных до новой версии: {0}. Данные не изменены; копия сохранена в «{backup}».", backup = .1.display())]
    Migration(String, PathBuf),
    #[error("Ошибка базы данных: {0}")]
    Database(String),
    #[error("Не удалось определить папку для данных программы. Укажите файл базы данных параметром --db или переменной METODIST_DB.")]
    NoDataDir,
    #[error("Ошибка чтения или записи файла «{}»: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("Нельзя записать в «{}»: это {kind}, а не обычный файл. Ничего не записано; выберите другое имя файла.", .path.display())]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error("Это не файл программы Методиста: {0}")]
    NotExchangeFile(String),
    #[error("Версия формата файла {found} не поддерживается: эта программа читает версию {supported}. Обновите Методист.")]
    UnsupportedVersion { found: String, supported: u32 },
    #[error("Файл не принят, в базу ничего не записано. Найдено ошибок: {}:{}", .0.len(), list_problems(.0))]
    InvalidProgramme(Vec<Problem>),
    #[error("Изменение не сохранено: {}", list_problems_inline(.0))]
    EditRejected(Vec<Problem>),
    #[error("Программа № {0} не найдена.")]
    ProgrammeNotFound(i64),
    #[error("Не найден элемент «{0}» в программе.")]
    ElementNotFound(String),
    #[error("Недопустимое изменение: {0}")]
    InvalidEdit(String),
}

/// Every code `CoreError::code` can return, for the interface's generated
/// constants (`ui/src/gen/errors.ts`); keep it in step with `code`.
pub const ERROR_CODES: &[&str] = &[
    "db_not_sqlite",
    "db_locked",
    "db_read_only",
    "db_newer_version",
    "disk_full",
    "db_corrupt",
    "db_migration_failed",
    "db_error",
    "no_data_dir",
    "io_error",
    "output_not_a_file",
    "import_not_metodist",
    "import_unsupported_version",
    "import_invalid",
    "edit_invalid",
    "programme_not_found",
    "element_not_found",
    "invalid_edit",
];

impl CoreError {
    /// A stable identifier of the kind of error, for the interface and tests.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotADatabase(_) => "db_not_sqlite",
            Self::Locked(_) => "db_locked",
            Self::ReadOnly(_) => "db_read_only",
            Self::NewerSchema { .. } => "db_newer_version",
            Self::DiskFull => "disk_full",
            Self::Corrupt(_) => "db_corrupt",
            Self::Migration(..) => "db_migration_failed",
            Self::Database(_) => "db_error",
            Self::NoDataDir => "no_data_dir",
            Self::Io { .. } => "io_error",
            Self::NotAFile { .. } => "output_not_a_file",
            Self::NotExchangeFile(_) => "import_not_metodist",
            Self::UnsupportedVersion { .. } => "import_unsupported_version",
            Self::InvalidProgramme(_) => "import_invalid",
            Self::EditRejected(_) => "edit_invalid",
            Self::ProgrammeNotFound(_) => "programme_not_found",
            Self::ElementNotFound(_) => "element_not_found",
            Self::InvalidEdit(_) => "invalid_edit",
        }
    }

    /// The problems of a rejected import, each with its place.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Self::InvalidProgramme(p) | Self::EditRejected(p) => p,
            _ => &[],
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        if is_disk_full(&source) {
            return Self::DiskFull;
        }
        Self::Io {
            path: path.into(),
            source,
        }
    }

    /// Classifies a SQLite error for a database at `path`.
    pub(crate) fn sqlite(path: &std::path::Path, e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        if let rusqlite::Error::SqliteFailure(f, msg) = &e {
            return match f.code {
                C::NotADatabase => Self::NotADatabase(path.to_path_buf()),
                C::DatabaseBusy | C::DatabaseLocked => Self::Locked(path.to_path_buf()),
                C::ReadOnly => Self::ReadOnly(path.to_path_buf()),
                C::DiskFull => Self::DiskFull,
                C::DatabaseCorrupt => Self::Corrupt(msg.clone().unwrap_or_else(|| f.to_string())),
                C::CannotOpen => Self::io(
                    path,
                    std::io::Error::other(msg.clone().unwrap_or_else(|| f.to_string())),
                ),
                _ => Self::Database(e.to_string()),
            };
        }
        Self::Database(e.to_string())
    }
}

fn is_disk_full(e: &std::io::Error) -> bool {
    // ENOSPC on Unix, ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows.
    matches!(e.kind(), std::io::ErrorKind::StorageFull)
        || matches!(e.raw_os_error(), Some(28) if cfg!(unix))
        || matches!(e.raw_os_error(), Some(112) | Some(39) if cfg!(windows))
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_programme_lists_every_problem_with_its_place() {
        let e = CoreError::InvalidProgramme(vec![
            Problem::new("period", "конец раньше начала"),
            Problem::new("roadmap.blocks[0].uid", "повторяется"),
        ]);
        let text = e.to_string();
        assert!(text.contains("Найдено ошибок: 2"), "{text}");
        assert!(text.contains("period: конец раньше начала"), "{text}");
        assert!(
            text.contains("roadmap.blocks[0].uid: повторяется"),
            "{text}"
        );
        assert_eq!(e.code(), "import_invalid");
        assert_eq!(e.problems().len(), 2);
    }

    /// Writing an exported file or a backup onto a full disk reports the
    /// disk, not a generic I/O failure.
    #[test]
    fn a_full_disk_is_named_as_such() {
        let enospc = std::io::Error::new(std::io::ErrorKind::StorageFull, "no space");
        let e = CoreError::io("/media/флешка/программа.metodist.json", enospc);
        assert_eq!(e.code(), "disk_full");
        assert!(e.to_string().starts_with("Недостаточно места на диске"));
        let other = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
        assert_eq!(CoreError::io("/x", other).code(), "io_error");
    }

    #[cfg(unix)]
    #[test]
    fn enospc_from_the_system_is_a_full_disk() {
        let e = CoreError::io("/x", std::io::Error::from_raw_os_error(28));
        assert_eq!(e.code(), "disk_full");
    }
}
