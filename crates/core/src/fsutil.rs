//! File writing that never leaves a half-written file where a good one was,
//! never writes through something planted at the target or at the
//! temporary name, and gives the app's own files to their owner alone.
//!
//! A write goes to a temporary file beside the target, created with
//! `create_new` (`O_CREAT | O_EXCL`: it fails on anything already there,
//! a symbolic link included, instead of following it) under an
//! unpredictable name, then flushed and renamed over the target. The
//! rename replaces the directory entry, never writes through it, so even a
//! link planted at the target between our check and the rename is replaced
//! rather than followed; the check is there to refuse, with a message, a
//! target that is not a plain file (a link, a FIFO, a device, a folder).
//!
//! Temporary names are recognisable (`.<name>.<16 hex digits>.metodist-tmp`)
//! so that what an interrupted write left behind is swept: by the next write
//! of the same file, and in the database's folder when the store opens
//! ([`remove_stale_temporaries`]). A temporary file is locked while it is
//! written, so a sweep never removes one another process is still writing.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::{CoreError, Result};

/// The end of every temporary name; nothing else we write ends so.
const TEMP_SUFFIX: &str = ".metodist-tmp";
/// Hex digits of the random part of a temporary name.
const RANDOM_DIGITS: usize = 16;
/// How many names are tried when some are taken.
const NAME_ATTEMPTS: usize = 16;
/// The part of the target's name kept in a temporary name, so that the name
/// stays below the 255 bytes file systems allow.
const NAME_PART: usize = 96;
/// A temporary file younger than this is never swept: it may be between
/// its creation and its lock, or between its close and its rename.
const STALE_AFTER: Duration = Duration::from_secs(10);

/// Writes `bytes` to `path` through a temporary file in the same folder,
/// flushed to disk and then renamed over the target. An existing file keeps
/// its permissions; a new one gets the usual ones (those of `File::create`).
/// A target that is not a plain file is refused (`output_not_a_file`) and
/// left as it is.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_with(path, bytes, Access::Usual, &mut random_names(path))
}

/// `write_atomically` for the app's own files (the single-window marker,
/// the remembered database location): readable and writable by the owner
/// alone (0600 on Unix), whatever the file had before.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    write_with(path, bytes, Access::Private, &mut random_names(path))
}

/// Creates `dir` and its missing parents; on Unix those created are
/// readable by the owner alone (0700). Existing folders are left as they
/// are: the database may live in the user's documents.
pub fn create_private_dir_all(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Takes away what others may do with an existing file or folder of ours
/// (to 0600, or 0700 for a folder, on Unix): files made by versions that
/// created them 0644 become private at the next start. Best effort and
/// silent: a file she does not own, or a symlink, is left as it is, and on
/// Windows the user's profile folder already keeps other users out.
pub fn restrict_to_owner(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            return;
        };
        let mode = meta.permissions().mode();
        if meta.file_type().is_symlink() || mode & 0o077 == 0 {
            return;
        }
        let private = if meta.is_dir() { 0o700 } else { 0o600 };
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(private));
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Creates a new, empty file at `path` readable by the owner alone (0600 on
/// Unix); fails when anything is already there, a link included.
pub fn create_private_file(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Removes from `dir` the temporary files of interrupted writes: our names
/// only, at least [`STALE_AFTER`] old, and only when no process holds them
/// (their writer died). Best effort: returns how many were removed.
pub fn remove_stale_temporaries(dir: &Path) -> usize {
    sweep(dir, None)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    /// New files as `File::create` makes them; existing ones keep theirs.
    Usual,
    /// 0600 on Unix, always.
    Private,
}

fn write_with(
    path: &Path,
    bytes: &[u8],
    access: Access,
    names: &mut dyn Iterator<Item = PathBuf>,
) -> Result<()> {
    let existing = check_target(path)?;
    let dir = folder_of(path);
    if let Some(prefix) = temp_prefix(path) {
        sweep(dir, Some(&prefix));
    }
    let (tmp, file) =
        create_temporary(access, existing.is_some(), names).map_err(|e| CoreError::io(path, e))?;
    fill_and_rename(file, &tmp, path, bytes, existing.as_ref(), access).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        CoreError::io(path, e)
    })
}

fn fill_and_rename(
    mut file: File,
    tmp: &Path,
    path: &Path,
    bytes: &[u8],
    existing: Option<&std::fs::Metadata>,
    access: Access,
) -> std::io::Result<()> {
    // Tells a sweep in another process that this file is being written. A
    // file system without locks still gets the file written.
    let _ = file.try_lock();
    if access == Access::Usual {
        if let Some(meta) = existing {
            keep_permissions(&file, meta)?;
        }
    }
    file.write_all(bytes)?;
    file.sync_all()?;
    // Windows cannot rename a file that is open; close it first everywhere.
    drop(file);
    std::fs::rename(tmp, path)
}

/// Gives the new file the permission bits of the one it replaces (on Unix;
/// Windows files take their access from the folder).
#[cfg(unix)]
fn keep_permissions(file: &File, old: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    // Permission bits only: a new content must not inherit set-user-id.
    let mode = old.permissions().mode() & 0o777;
    file.set_permissions(std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn keep_permissions(_file: &File, _old: &std::fs::Metadata) -> std::io::Result<()> {
    Ok(())
}

/// The target's metadata when it is a plain file, `None` when there is
/// nothing there; anything else is refused.
fn check_target(path: &Path) -> Result<Option<std::fs::Metadata>> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(CoreError::io(path, e)),
    };
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(Some(meta));
    }
    Err(CoreError::NotAFile {
        path: path.to_path_buf(),
        kind: kind_name(&kind),
    })
}

fn kind_name(kind: &std::fs::FileType) -> &'static str {
    if kind.is_symlink() {
        return "символическая ссылка";
    }
    if kind.is_dir() {
        return "папка";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "именованный канал";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "устройство";
        }
        if kind.is_socket() {
            return "сокет";
        }
    }
    "особый файл"
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// `.<name>.`, the start of every temporary name for `path`.
fn temp_prefix(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_string_lossy();
    let mut end = name.len().min(NAME_PART);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    Some(format!(".{}.", &name[..end]))
}

/// Temporary names for `path`, each with a new random part.
fn random_names(path: &Path) -> impl Iterator<Item = PathBuf> {
    let dir = folder_of(path).to_path_buf();
    let prefix = temp_prefix(path).unwrap_or_else(|| ".metodist.".into());
    std::iter::repeat_with(move || dir.join(format!("{prefix}{}{TEMP_SUFFIX}", random_hex())))
}

/// 64 unpredictable bits: SipHash keyed from the system's randomness
/// (`RandomState`) over a counter, the process and the time. `create_new`
/// keeps a guessed name harmless; the randomness keeps it from being a way
/// to make every write fail.
fn random_hex() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_u32(std::process::id());
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    hasher.write_u128(nanos);
    format!("{:0width$x}", hasher.finish(), width = RANDOM_DIGITS)
}

/// A new temporary file at the first free name. Private files and files
/// that will take an existing file's permissions start as 0600, so their
/// content is never readable by others, even for a moment.
fn create_temporary(
    access: Access,
    replaces: bool,
    names: &mut dyn Iterator<Item = PathBuf>,
) -> std::io::Result<(PathBuf, File)> {
    let mut last = None;
    for tmp in names.take(NAME_ATTEMPTS) {
        let opened = if access == Access::Private || replaces {
            create_private_file(&tmp)
        } else {
            OpenOptions::new().write(true).create_new(true).open(&tmp)
        };
        match opened {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("нет свободного имени временного файла")))
}

/// Whether `name` is one of our temporary names (starting with `prefix`
/// when given).
fn is_temporary_name(name: &str, prefix: Option<&str>) -> bool {
    let Some(rest) = name.strip_suffix(TEMP_SUFFIX) else {
        return false;
    };
    if !rest.starts_with('.') || prefix.is_some_and(|p| !rest.starts_with(p)) {
        return false;
    }
    let Some((head, random)) = rest.rsplit_once('.') else {
        return false;
    };
    head.len() > 1 && random.len() == RANDOM_DIGITS && random.bytes().all(|b| b.is_ascii_hexdigit())
}

fn sweep(dir: &Path, prefix: Option<&str>) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_str().is_some_and(|n| is_temporary_name(n, prefix)) {
            continue;
        }
        if remove_if_abandoned(&entry.path()) {
            removed += 1;
        }
    }
    removed
}

/// Removes a temporary file nobody is writing: a plain file (never a link),
/// old enough, whose lock we can take (its writer has gone).
fn remove_if_abandoned(path: &Path) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    let old_enough = meta
        .modified()
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age >= STALE_AFTER);
    if !meta.file_type().is_file() || !old_enough {
        return false;
    }
    let Ok(file) = File::open(path) else {
        return false;
    };
    if file.try_lock().is_err() {
        return false;
    }
    // Removed while the lock is held, so no writer can take it meanwhile.
    let removed = std::fs::remove_file(path).is_ok();
    drop(file);
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        write_atomically(&p, b"one").unwrap();
        write_atomically(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(names_in(dir.path()), ["a.json"]);
    }

    #[test]
    fn a_missing_folder_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("no/such/folder/a.json");
        let e = write_atomically(&p, b"x").unwrap_err();
        assert_eq!(e.code(), "io_error");
    }

    #[test]
    fn a_failed_write_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        // A folder at the target: refused before anything is created.
        let p = dir.path().join("a.json");
        std::fs::create_dir(&p).unwrap();
        let e = write_atomically(&p, b"x").unwrap_err();
        assert_eq!(e.code(), "output_not_a_file");
        assert!(e.to_string().contains("папка"), "{e}");
        assert_eq!(names_in(dir.path()), ["a.json"]);
    }

    #[test]
    fn temporary_names_are_unpredictable_and_recognisable() {
        let p = Path::new("/tmp/отчёт.pdf");
        let names: Vec<PathBuf> = random_names(p).take(3).collect();
        assert_ne!(names[0], names[1]);
        assert_ne!(names[1], names[2]);
        for n in &names {
            let name = n.file_name().unwrap().to_str().unwrap();
            assert!(is_temporary_name(name, Some(".отчёт.pdf.")), "{name}");
        }
        assert!(!is_temporary_name(".notes.metodist-tmp", None));
        assert!(!is_temporary_name("a.0123456789abcdef.metodist-tmp", None));
        assert!(!is_temporary_name(".a.json.1234.tmp", None));
        let long = "я".repeat(200);
        let name = random_names(Path::new(&long)).next().unwrap();
        assert!(name.as_os_str().len() < 255, "{}", name.display());
    }

    /// Today's name, `.<name>.<pid>.tmp`, could be guessed: a link planted
    /// there made the write go through it into another file.
    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_the_old_predictable_temporary_name_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"precious").unwrap();
        let planted = dir
            .path()
            .join(format!(".a.json.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        let p = dir.path().join("a.json");
        write_atomically(&p, b"new").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        assert!(std::fs::symlink_metadata(&planted)
            .unwrap()
            .file_type()
            .is_symlink());
    }

    /// Even a name that was guessed is never opened: `create_new` refuses
    /// the planted link and the next name is used.
    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_the_temporary_name_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"precious").unwrap();
        let p = dir.path().join("a.json");
        let guessed = dir.path().join(".a.json.0000000000000000.metodist-tmp");
        let next = dir.path().join(".a.json.1111111111111111.metodist-tmp");
        std::os::unix::fs::symlink(&victim, &guessed).unwrap();
        let mut names = vec![guessed.clone(), next.clone()].into_iter();
        write_with(&p, b"new", Access::Usual, &mut names).unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        assert!(!next.exists(), "the temporary was renamed");
        // A link at every name: the write fails and nothing is followed.
        let mut only_guessed = vec![guessed.clone()].into_iter();
        let e = write_with(&p, b"newer", Access::Usual, &mut only_guessed).unwrap_err();
        assert_eq!(e.code(), "io_error");
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_at_the_target_is_refused_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"precious").unwrap();
        let p = dir.path().join("a.json");
        std::os::unix::fs::symlink(&victim, &p).unwrap();
        let e = write_atomically(&p, b"new").unwrap_err();
        assert_eq!(e.code(), "output_not_a_file");
        assert!(e.to_string().contains("символическая ссылка"), "{e}");
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        assert!(std::fs::symlink_metadata(&p)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(names_in(dir.path()), ["a.json", "victim.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_at_the_target_is_refused_and_kept() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        let made = std::process::Command::new("mkfifo")
            .arg(&p)
            .status()
            .unwrap();
        assert!(made.success());
        let e = write_atomically(&p, b"new").unwrap_err();
        assert_eq!(e.code(), "output_not_a_file");
        assert!(e.to_string().contains("именованный канал"), "{e}");
        assert!(std::fs::symlink_metadata(&p).unwrap().file_type().is_fifo());
        assert_eq!(names_in(dir.path()), ["a.json"]);
    }

    #[cfg(unix)]
    fn mode_of(p: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[cfg(unix)]
    #[test]
    fn replacing_a_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        for mode in [0o600, 0o640, 0o664] {
            let p = dir.path().join(format!("a-{mode:o}.json"));
            std::fs::write(&p, b"old").unwrap();
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
            write_atomically(&p, b"new").unwrap();
            assert_eq!(std::fs::read(&p).unwrap(), b"new");
            assert_eq!(mode_of(&p), mode, "{}", p.display());
        }
    }

    #[cfg(unix)]
    #[test]
    fn older_files_open_to_others_are_made_private() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("old.sqlite3");
        std::fs::write(&file, b"x").unwrap();
        let folder = dir.path().join("backups");
        std::fs::create_dir(&folder).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
        restrict_to_owner(&file);
        restrict_to_owner(&folder);
        assert_eq!(mode_of(&file), 0o600);
        assert_eq!(mode_of(&folder), 0o700);
        // A link is not followed: what it points at is not ours to change.
        let target = dir.path().join("elsewhere");
        std::fs::write(&target, b"y").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        restrict_to_owner(&link);
        assert_eq!(mode_of(&target), 0o644);
        restrict_to_owner(&dir.path().join("missing"));
    }

    #[cfg(unix)]
    #[test]
    fn private_files_are_the_owners_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("marker");
        write_private(&p, b"one").unwrap();
        assert_eq!(mode_of(&p), 0o600);
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_private(&p, b"two").unwrap();
        assert_eq!(mode_of(&p), 0o600);

        let nested = dir.path().join("a").join("b");
        create_private_dir_all(&nested).unwrap();
        assert_eq!(mode_of(&dir.path().join("a")), 0o700);
        assert_eq!(mode_of(&nested), 0o700);
    }

    fn make_old(p: &Path) {
        let old = std::time::SystemTime::now() - Duration::from_secs(3600);
        File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }

    /// An interrupted write of a.json left its temporary; the next write
    /// of a.json removes it, and leaves alone what is not abandoned: another
    /// file's, a young one, one still locked by its writer, one not ours.
    #[test]
    fn the_next_write_sweeps_its_own_abandoned_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".a.json.0123456789abcdef.metodist-tmp");
        let other = dir.path().join(".b.json.0123456789abcdef.metodist-tmp");
        let fresh = dir.path().join(".a.json.fedcba9876543210.metodist-tmp");
        let held = dir.path().join(".a.json.00000000000000aa.metodist-tmp");
        let not_ours = dir.path().join(".a.json.tmp");
        for p in [&stale, &other, &fresh, &held, &not_ours] {
            std::fs::write(p, b"half").unwrap();
        }
        for p in [&stale, &other, &held, &not_ours] {
            make_old(p);
        }
        // A writer still at work holds its temporary's lock.
        let writer = File::options().write(true).open(&held).unwrap();
        writer.lock().unwrap();

        write_atomically(&dir.path().join("a.json"), b"x").unwrap();
        assert!(!stale.exists());
        assert!(other.exists() && fresh.exists() && held.exists() && not_ours.exists());
        drop(writer);
    }

    #[test]
    fn sweeping_a_folder_removes_every_abandoned_temporary_of_ours() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join(".a.json.0123456789abcdef.metodist-tmp");
        let b = dir.path().join(".b.json.0123456789abcdef.metodist-tmp");
        let held = dir.path().join(".c.json.00000000000000aa.metodist-tmp");
        let fresh = dir.path().join(".d.json.fedcba9876543210.metodist-tmp");
        let not_ours = dir.path().join(".e.json.tmp");
        for p in [&a, &b, &held, &fresh, &not_ours] {
            std::fs::write(p, b"half").unwrap();
        }
        for p in [&a, &b, &held, &not_ours] {
            make_old(p);
        }
        let writer = File::options().write(true).open(&held).unwrap();
        writer.lock().unwrap();
        assert_eq!(remove_stale_temporaries(dir.path()), 2);
        assert!(!a.exists() && !b.exists());
        assert!(held.exists() && fresh.exists() && not_ours.exists());
        drop(writer);
        assert_eq!(remove_stale_temporaries(dir.path()), 1);
        assert!(!held.exists());
    }
}
