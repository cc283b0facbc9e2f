//! The files the user saves: their names, and the places they must never
//! go. A save dialog or `-o` pointed at the open database (or its `-wal`,
//! `-shm`, a backup, the single-window marker) would replace it with a PDF
//! or JSON; every operation that writes a file the user named checks it
//! here first.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::{ApiError, Result};

/// The marker beside the database that tells a second app which port and
/// token reach the app serving it (see the shell's single-instance guard).
pub fn instance_file(db: &Path) -> PathBuf {
    with_suffix(db, INSTANCE_SUFFIX)
}

/// The file whose OS lock, held for the serving app's life, says that an
/// app serves the database. Never removed: removing a file another process
/// may be about to lock would let two processes lock two files.
pub fn instance_lock_file(db: &Path) -> PathBuf {
    with_suffix(db, INSTANCE_LOCK_SUFFIX)
}

const INSTANCE_SUFFIX: &str = ".instance";
const INSTANCE_LOCK_SUFFIX: &str = ".instance-lock";
/// SQLite's own files beside the database.
const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Refuses `out` as a place to save a file when it is the database at `db`
/// or one of its files: the database itself, its `-wal`/`-shm`/`-journal`,
/// anything in its backups folder, the copies kept beside it
/// (`<name>.v<N>-….bak` before a migration, `<name>.damaged-…`), and the
/// single-window marker and lock. Paths are compared canonicalised (links
/// and `..` resolved, case folded where the file system ignores it), and on
/// Unix the same file under another name (a bind mount) is caught too.
pub fn check_output(db: &Path, out: &Path) -> Result<()> {
    match protected_kind(db, out) {
        Some(what) => Err(ApiError::ProtectedOutput {
            path: out.to_path_buf(),
            what,
        }),
        None => Ok(()),
    }
}

fn protected_kind(db: &Path, out: &Path) -> Option<&'static str> {
    const DATABASE: &str = "файл базы данных Методиста";
    const COMPANION: &str = "служебный файл базы данных Методиста";
    const BACKUP: &str = "резервная копия базы данных Методиста";
    const MARKER: &str = "служебный файл, по которому Методист находит своё открытое окно";
    if db.as_os_str() == ":memory:" {
        return None;
    }
    let db_c = resolved(db);
    let out_c = resolved(out);
    if key(&db_c) == key(&out_c) || same_file(db, out) {
        return Some(DATABASE);
    }
    if let Ok(backups) = metodist_core::store::backups_dir_for(db) {
        let backups = key(&resolved(&backups));
        if Path::new(&key(&out_c)).starts_with(Path::new(&backups)) {
            return Some(BACKUP);
        }
    }
    let (Some(db_dir), Some(db_name)) = (db_c.parent(), db_c.file_name()) else {
        return None;
    };
    let (Some(out_dir), Some(out_name)) = (out_c.parent(), out_c.file_name()) else {
        return None;
    };
    if key(db_dir) != key(out_dir) {
        return None;
    }
    let db_name = fold(db_name);
    let out_name = fold(out_name);
    let rest = out_name.strip_prefix(db_name.as_str())?;
    if COMPANIONS.contains(&rest) {
        return Some(COMPANION);
    }
    if rest == INSTANCE_SUFFIX || rest == INSTANCE_LOCK_SUFFIX {
        return Some(MARKER);
    }
    let migration_copy = rest.starts_with(".v") && rest.ends_with(".bak");
    if migration_copy || rest.starts_with(".damaged-") {
        return Some(BACKUP);
    }
    None
}

/// `path` with links and `..` resolved as far as it exists: its longest
/// existing ancestor canonicalised, the missing rest (a new file, a new
/// folder) appended as written.
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut missing = Vec::new();
    let mut current = absolute.as_path();
    loop {
        if let Ok(mut found) = std::fs::canonicalize(current) {
            found.extend(missing.iter().rev());
            return found;
        }
        match (current.parent(), current.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name);
                current = parent;
            }
            _ => return absolute,
        }
    }
}

/// Windows and macOS file systems ignore case by default: `SELF.DB` there
/// is `self.db`.
const FOLD_CASE: bool = cfg!(any(windows, target_os = "macos"));

fn fold(s: &OsStr) -> String {
    let s = s.to_string_lossy();
    if FOLD_CASE {
        s.to_lowercase()
    } else {
        s.into_owned()
    }
}

fn key(p: &Path) -> String {
    fold(p.as_os_str())
}

/// One file under two names (a bind mount, a hard link): Unix tells by the
/// device and inode. Elsewhere the canonical paths must do.
#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_a: &Path, _b: &Path) -> bool {
    false
}

/// A file name from a title: no characters Windows forbids, not too long.
pub fn file_stem(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let mut stem = String::new();
    for w in cleaned.split_whitespace() {
        if stem.chars().count() + w.chars().count() > 80 {
            break;
        }
        if !stem.is_empty() {
            stem.push(' ');
        }
        stem.push_str(w);
    }
    // A title cut after «…и школ,» must not leave «школ, (01.09.2026…)».
    let stem = stem.trim_end_matches([',', ';', ':', '—', '–', '-', '.', ' ']);
    if stem.is_empty() {
        "Программа".into()
    } else {
        stem.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_on_windows() {
        assert_eq!(
            file_stem("Программа «А/Б»: 2024–2027?"),
            "Программа «А Б» 2024–2027"
        );
        assert_eq!(file_stem("  "), "Программа");
        assert!(file_stem(&"слово ".repeat(50)).chars().count() <= 80);
        // 72 characters up to the comma; the next word would pass 80.
        let long = "Программа поддержки школ с низкими образовательными результатами и школ, функционирующих в неблагоприятных условиях";
        assert_eq!(
            file_stem(long),
            "Программа поддержки школ с низкими образовательными результатами и школ"
        );
        assert_eq!(
            file_stem("Программа поддержки школ, "),
            "Программа поддержки школ"
        );
    }

    #[test]
    fn the_database_and_its_files_are_refused_as_outputs() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("база.sqlite3");
        std::fs::write(&db, b"x").unwrap();
        let refused = |out: PathBuf| {
            let e = check_output(&db, &out)
                .err()
                .unwrap_or_else(|| panic!("{} is refused", out.display()));
            assert_eq!(e.code(), "output_protected");
            assert!(e.to_string().starts_with("Нельзя сохранить в «"), "{e}");
            e.to_string()
        };
        assert!(refused(db.clone()).contains("файл базы данных"));
        // The same file by another spelling.
        refused(dir.path().join(".").join("база.sqlite3"));
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        refused(dir.path().join("sub").join("..").join("база.sqlite3"));
        for suffix in ["-wal", "-shm", "-journal"] {
            assert!(refused(with_suffix(&db, suffix)).contains("служебный файл базы"));
        }
        assert!(refused(instance_file(&db)).contains("открытое окно"));
        refused(instance_lock_file(&db));
        refused(with_suffix(&db, ".v2-20250101-120000.bak"));
        refused(with_suffix(&db, ".damaged-2025-01-01-120000"));
        let backups = metodist_core::store::backups_dir_for(&db).unwrap();
        std::fs::create_dir_all(&backups).unwrap();
        assert!(refused(backups.join("manual-2025.sqlite3")).contains("резервная копия"));
        refused(backups.join("anything.json"));

        for fine in [
            dir.path().join("база.sqlite3.metodist.json"),
            dir.path().join("база.pdf"),
            dir.path().join("другая.sqlite3-wal"),
            dir.path().join("backups.json"),
        ] {
            assert!(check_output(&db, &fine).is_ok(), "{}", fine.display());
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_the_database_is_refused_as_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("metodist.sqlite3");
        std::fs::write(&db, b"x").unwrap();
        let link = dir.path().join("ссылка.json");
        std::os::unix::fs::symlink(&db, &link).unwrap();
        let e = check_output(&db, &link).unwrap_err();
        assert!(e.to_string().contains("файл базы данных"), "{e}");
        // The backups of the default database are in backups/ itself.
        let linked_dir = dir.path().join("link-to-dir");
        std::os::unix::fs::symlink(dir.path(), &linked_dir).unwrap();
        assert!(check_output(&db, &linked_dir.join("metodist.sqlite3-wal")).is_err());
        assert!(check_output(&db, &linked_dir.join("backups").join("x.pdf")).is_err());
    }
}
