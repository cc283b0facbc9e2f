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

/// The problems of a refused edit in one line, each different message once
/// (with how many times it stands when it repeats): a period change that
/// leaves twelve marks outside must not fill the screen with one sentence.
fn list_problems_inline(problems: &[Problem]) -> String {
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for p in problems {
        match seen.iter_mut().find(|(m, _)| *m == p.message) {
            Some(entry) => entry.1 += 1,
            None => seen.push((&p.message, 1)),
        }
    }
    seen.iter()
        .map(|(m, n)| match n {
            1 => m.to_string(),
            n => format!("{m} ({})", crate::text::count(*n, ["раз", "раза", "раз"])),
        })
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
    /// A change to the database did not fit on the disk.
    #[error("Недостаточно места на диске: изменение не сохранено, прежние данные целы. Освободите место на диске и повторите.")]
    DiskFull,
    /// The database could not be opened: SQLite found no room for its
    /// working files (the `-wal` and `-shm` beside it) or its migration.
    #[error("Недостаточно места на диске, где лежит база данных «{}»: её не удалось открыть. Сохранённые данные целы; освободите место на этом диске и повторите.", .0.display())]
    DiskFullOpening(PathBuf),
    /// A file (an export, a PDF, a backup) did not fit on the disk.
    #[error("Недостаточно места на диске: файл «{}» не записан. Освободите место на диске или сохраните файл на другой диск.", .0.display())]
    DiskFullFile(PathBuf),
    /// SQLite's own description, kept for logs; the message is Russian
    /// (`corrupt_reason`), never SQLite's text or the raw bytes it quotes.
    #[error("База данных повреждена: {}. Восстановите её из резервной копии.", corrupt_reason(.0))]
    Corrupt(String),
    #[error("Не удалось обновить базу данных до новой версии: {0}. Данные не изменены; копия сохранена в «{backup}».", backup = .1.display())]
    Migration(String, PathBuf),
    /// Always a Russian description (`sqlite_reason` for SQLite's errors).
    #[error("Ошибка базы данных: {0}. Повторите действие; если ошибка не исчезнет, восстановите базу из резервной копии.")]
    Database(String),
    #[error("Не удалось определить папку для данных программы. Укажите файл базы данных параметром --db или переменной METODIST_DB.")]
    NoDataDir,
    #[error("Ошибка чтения или записи файла «{}»: {}. Проверьте путь к файлу и права на него и повторите.", .path.display(), io_reason(.source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("Нельзя записать в «{}»: это {kind}, а не обычный файл. Ничего не записано; выберите другое имя файла.", .path.display())]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error("Это не файл программы Методиста: {0}. Выберите файл «.metodist.json», сохранённый Методистом, или исправьте этот.")]
    NotExchangeFile(String),
    /// Refused before it is read (`exchange::MAX_FILE_BYTES`).
    #[error("Файл «{}» не принят, в базу ничего не записано: его размер {}, а читаются файлы не больше {}. Сократите программу или разделите её на несколько.", .path.display(), crate::exchange::megabytes(*.size), crate::exchange::megabytes(crate::exchange::MAX_FILE_BYTES))]
    FileTooLarge { path: PathBuf, size: u64 },
    #[error("Версия формата файла {found} не поддерживается: эта программа читает версии с 1 по {supported}. Обновите Методист.")]
    UnsupportedVersion { found: String, supported: u32 },
    #[error("Файл не принят, в базу ничего не записано. Найдено ошибок: {}:{}", .0.len(), list_problems(.0))]
    InvalidProgramme(Vec<Problem>),
    #[error("Изменение не сохранено: {}", list_problems_inline(.0))]
    EditRejected(Vec<Problem>),
    #[error("Программа № {0} не найдена.")]
    ProgrammeNotFound(i64),
    /// The whole sentence, said in words (never an internal id).
    #[error("{0}")]
    ElementNotFound(String),
    #[error("Недопустимое изменение: {0}")]
    InvalidEdit(String),
    /// A find or replace that cannot be done (nothing to look for, nothing found).
    #[error("{0}")]
    Replace(String),
    /// An approval that cannot be recorded (docs/design.md §4a): the whole
    /// sentence, with what to do.
    #[error("Редакция не утверждена: {0}")]
    ApprovalRefused(String),
    #[error("У программы № {programme} нет редакции № {seq}. Список редакций: «metodist editions {programme}» или вкладка «Редакции».")]
    EditionNotFound { programme: i64, seq: i64 },
    /// A stored edition that this build cannot read back (its text was
    /// damaged, or written by a newer version).
    #[error("Редакция № {seq} не читается: {reason}. Остальные редакции и текущий проект не затронуты; восстановите базу из резервной копии.")]
    EditionUnreadable { seq: i64, reason: String },
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
    "replace_nothing",
    "approve_refused",
    "edition_not_found",
    "edition_unreadable",
];

impl CoreError {
    /// A stable identifier of the kind of error, for the interface and tests.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotADatabase(_) => "db_not_sqlite",
            Self::Locked(_) => "db_locked",
            Self::ReadOnly(_) => "db_read_only",
            Self::NewerSchema { .. } => "db_newer_version",
            Self::DiskFull | Self::DiskFullOpening(_) | Self::DiskFullFile(_) => "disk_full",
            Self::Corrupt(_) => "db_corrupt",
            Self::Migration(..) => "db_migration_failed",
            Self::Database(_) => "db_error",
            Self::NoDataDir => "no_data_dir",
            Self::Io { .. } => "io_error",
            Self::NotAFile { .. } => "output_not_a_file",
            Self::NotExchangeFile(_) | Self::FileTooLarge { .. } => "import_not_metodist",
            Self::UnsupportedVersion { .. } => "import_unsupported_version",
            Self::InvalidProgramme(_) => "import_invalid",
            Self::EditRejected(_) => "edit_invalid",
            Self::ProgrammeNotFound(_) => "programme_not_found",
            Self::ElementNotFound(_) => "element_not_found",
            Self::InvalidEdit(_) => "invalid_edit",
            Self::Replace(_) => "replace_nothing",
            Self::ApprovalRefused(_) => "approve_refused",
            Self::EditionNotFound { .. } => "edition_not_found",
            Self::EditionUnreadable { .. } => "edition_unreadable",
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
            return Self::DiskFullFile(path.into());
        }
        Self::Io {
            path: path.into(),
            source,
        }
    }

    /// Classifies a SQLite error for a database at `path`.
    pub(crate) fn sqlite(path: &std::path::Path, e: rusqlite::Error) -> Self {
        Self::sqlite_os(path, e, None)
    }

    /// `sqlite` with the system's error number of SQLite's last failed file
    /// operation (`sqlite3_system_errno`), which tells a full disk from
    /// other failures where SQLite itself says only «disk I/O error».
    pub(crate) fn sqlite_os(
        path: &std::path::Path,
        e: rusqlite::Error,
        errno: Option<i32>,
    ) -> Self {
        use rusqlite::ErrorCode as C;
        match &e {
            rusqlite::Error::SqliteFailure(f, msg) => match f.code {
                C::NotADatabase => Self::NotADatabase(path.to_path_buf()),
                C::DatabaseBusy | C::DatabaseLocked => Self::Locked(path.to_path_buf()),
                C::ReadOnly => Self::ReadOnly(path.to_path_buf()),
                C::DiskFull => Self::DiskFull,
                C::SystemIoFailure | C::CannotOpen
                    if errno
                        .is_some_and(|n| is_disk_full(&std::io::Error::from_raw_os_error(n))) =>
                {
                    Self::DiskFull
                }
                C::DatabaseCorrupt => Self::Corrupt(msg.clone().unwrap_or_else(|| f.to_string())),
                C::CannotOpen => Self::io(
                    path,
                    match errno.filter(|n| *n != 0) {
                        Some(n) => std::io::Error::from_raw_os_error(n),
                        None => std::io::Error::other("SQLite cannot open the file"),
                    },
                ),
                _ => Self::Database(sqlite_reason(f.code, f.extended_code, errno)),
            },
            // A stored value that does not read back as what the column
            // should hold: text that is not UTF-8, a number where text
            // belongs, a list that is not JSON. The file was damaged (or
            // written by something else).
            rusqlite::Error::Utf8Error(..) => {
                Self::Corrupt("в базе сохранён текст не в кодировке UTF-8".into())
            }
            rusqlite::Error::FromSqlConversionFailure(_, _, cause) => {
                if cause.downcast_ref::<std::str::Utf8Error>().is_some()
                    || cause.downcast_ref::<std::string::FromUtf8Error>().is_some()
                {
                    Self::Corrupt("в базе сохранён текст не в кодировке UTF-8".into())
                } else {
                    // columns.rs gives «столбец: что не так» in Russian.
                    Self::Corrupt(cause.to_string())
                }
            }
            rusqlite::Error::InvalidColumnType(_, name, _) => Self::Corrupt(format!(
                "в столбце «{name}» сохранено значение не того типа"
            )),
            rusqlite::Error::IntegralValueOutOfRange(..) => {
                Self::Corrupt("в базе сохранено число вне допустимого диапазона".into())
            }
            _ => Self::Database("внутренняя ошибка программы при работе с базой данных".into()),
        }
    }
}

/// SQLite's error codes in Russian, for `CoreError::Database`; the code
/// number goes with it for whoever helps the user.
fn sqlite_reason(
    code: rusqlite::ErrorCode,
    extended: std::ffi::c_int,
    errno: Option<i32>,
) -> String {
    use rusqlite::ErrorCode as C;
    let what = match code {
        C::SystemIoFailure => "не удалось прочитать или записать файл базы данных на диске",
        C::OutOfMemory => "не хватает оперативной памяти",
        C::PermissionDenied => "нет прав на доступ к файлу базы данных",
        C::OperationAborted | C::OperationInterrupted => "операция прервана",
        C::FileLockingProtocolFailed => "не удалось заблокировать файл базы данных",
        C::SchemaChanged => "другая программа изменила устройство базы во время работы",
        C::TooBig => "значение слишком велико для базы данных",
        C::ConstraintViolation => "изменение нарушило бы целостность данных",
        C::TypeMismatch => "значение не того типа",
        C::NoLargeFileSupport => "файл базы данных слишком велик для этой системы",
        C::AuthorizationForStatementDenied => "доступ к базе данных запрещён",
        _ => "внутренняя ошибка SQLite",
    };
    match errno.filter(|n| *n != 0) {
        Some(n) => format!("{what} (код SQLite {extended}, код ошибки системы {n})"),
        None => format!("{what} (код SQLite {extended})"),
    }
}

/// What damage SQLite reported, in Russian: its own text is English and
/// may quote raw bytes of the damaged file («malformed database schema
/// (roadma\u{fffd}\u{fffd}FF)»).
fn corrupt_reason(detail: &str) -> String {
    if detail
        .chars()
        .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
    {
        return detail.to_string();
    }
    if detail.contains("malformed database schema") {
        "повреждено описание таблиц базы (схема)".into()
    } else if detail.contains("*** in database")
        || detail.contains("Page ")
        || detail.contains("row ")
    {
        "проверка целостности нашла ошибки в файле".into()
    } else {
        "нарушена внутренняя структура файла".into()
    }
}

/// What went wrong with a file, in Russian (the system's own text is in
/// English, or in the system's language); the system's error number goes
/// with it for whoever helps the user.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::NotFound => "файл или папка не найдены",
        K::PermissionDenied => "нет прав на доступ",
        K::AlreadyExists => "файл с таким именем уже есть",
        K::IsADirectory => "это папка, а не файл",
        K::NotADirectory => "часть пути — не папка",
        K::DirectoryNotEmpty => "папка не пуста",
        K::ReadOnlyFilesystem => "диск доступен только для чтения",
        K::StorageFull => "недостаточно места на диске",
        K::QuotaExceeded => "превышена квота на диске",
        K::FileTooLarge => "файл слишком большой",
        K::InvalidFilename => "недопустимое имя файла",
        K::ResourceBusy | K::ExecutableFileBusy => "файл занят другой программой",
        K::CrossesDevices => "нельзя переместить файл на другой диск",
        K::Interrupted => "операция прервана",
        K::UnexpectedEof => "файл обрывается на середине",
        K::InvalidData => "данные не в кодировке UTF-8 или повреждены",
        K::TimedOut => "истекло время ожидания",
        K::OutOfMemory => "не хватает оперативной памяти",
        K::BrokenPipe => "получатель данных закрыл канал",
        K::StaleNetworkFileHandle
        | K::NetworkDown
        | K::NetworkUnreachable
        | K::HostUnreachable
        | K::ConnectionRefused
        | K::ConnectionReset
        | K::ConnectionAborted
        | K::NotConnected => "сетевой диск недоступен",
        _ => "ошибка ввода-вывода",
    };
    match e.raw_os_error() {
        Some(n) => format!("{what} (код ошибки системы {n})"),
        None => what.to_string(),
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
    /// disk and the file, not a generic I/O failure and not an edit.
    #[test]
    fn a_full_disk_is_named_as_such() {
        let enospc = std::io::Error::new(std::io::ErrorKind::StorageFull, "no space");
        let e = CoreError::io("/media/флешка/программа.metodist.json", enospc);
        assert_eq!(e.code(), "disk_full");
        let msg = e.to_string();
        assert!(msg.starts_with("Недостаточно места на диске"), "{msg}");
        assert!(
            msg.contains("файл «/media/флешка/программа.metodist.json» не записан"),
            "{msg}"
        );
        assert!(!msg.contains("изменение"), "{msg}");
        let other = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
        assert_eq!(CoreError::io("/x", other).code(), "io_error");
    }

    /// What the system says about a file reaches the user in Russian.
    #[test]
    fn io_errors_are_told_in_russian() {
        let e = CoreError::io("/нет/файла.json", std::io::Error::from_raw_os_error(2));
        let msg = e.to_string();
        assert!(msg.contains("не найдены"), "{msg}");
        assert!(!msg.contains("No such file"), "{msg}");
        let e = CoreError::io(
            "/x",
            std::io::Error::other("stream did not contain valid UTF-8"),
        );
        assert!(!e.to_string().contains("stream"), "{e}");
    }

    fn failure(code: std::ffi::c_int, msg: &str) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), Some(msg.into()))
    }

    /// «disk I/O error» is a full disk when the system's error says so
    /// (ENOSPC while SQLite grows its `-shm` file at open), and a Russian
    /// description otherwise.
    #[test]
    fn a_disk_io_error_is_a_full_disk_when_the_system_says_so() {
        let path = std::path::Path::new("/x/metodist.sqlite3");
        let shm = rusqlite::ffi::SQLITE_IOERR_SHMSIZE;
        let enospc = if cfg!(windows) { 112 } else { 28 };
        let e = CoreError::sqlite_os(path, failure(shm, "disk I/O error"), Some(enospc));
        assert_eq!(e.code(), "disk_full");
        let e = CoreError::sqlite_os(path, failure(shm, "disk I/O error"), Some(5));
        assert_eq!(e.code(), "db_error");
        let msg = e.to_string();
        assert!(msg.contains("не удалось прочитать или записать"), "{msg}");
        assert!(!msg.contains("disk I/O"), "{msg}");
    }

    /// SQLite's report of damage quotes the damaged bytes; the user reads
    /// a Russian sentence instead.
    #[test]
    fn damage_is_described_in_russian_without_raw_bytes() {
        let path = std::path::Path::new("/x/metodist.sqlite3");
        let e = CoreError::sqlite(
            path,
            failure(
                rusqlite::ffi::SQLITE_CORRUPT,
                "malformed database schema (roadma\u{fffd}\u{fffd}FF\u{fffd})",
            ),
        );
        assert_eq!(e.code(), "db_corrupt");
        let msg = e.to_string();
        assert!(msg.contains("повреждено описание таблиц"), "{msg}");
        assert!(
            !msg.contains('\u{fffd}') && !msg.contains("malformed"),
            "{msg}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn enospc_from_the_system_is_a_full_disk() {
        let e = CoreError::io("/x", std::io::Error::from_raw_os_error(28));
        assert_eq!(e.code(), "disk_full");
    }
}
