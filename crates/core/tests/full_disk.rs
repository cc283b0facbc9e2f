//! A full disk while the user works: the edit or import that does not fit is
//! refused with the Russian message, nothing of it is stored, everything
//! stored before is intact, and work goes on once there is room again. A
//! backup on a really full disk (a tmpfs, when running as root) leaves no
//! file and is made once there is room.

mod common;

use metodist_core::{Edit, ItemInput, Store};

fn big_item(block: &str, n: usize) -> Edit {
    Edit::PutItem {
        block: block.into(),
        at: None,
        uid: String::new(),
        item: ItemInput {
            activity: format!("Мероприятие {n}: {}", "семинар для педагогов ".repeat(400)),
            deadline: "Ежегодно, сентябрь".into(),
            ..Default::default()
        },
    }
}

#[test]
fn edits_on_a_full_disk_are_refused_whole_and_the_rest_is_kept() {
    let (_dir, path) = common::temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = store.import(&common::sample()).unwrap();
    store.simulate_full_disk_after(8).unwrap();

    let mut stored = store.load(id).unwrap();
    let block = stored.roadmap.blocks[0].uid.clone();
    let mut refused = None;
    for n in 0..200 {
        match store.apply(id, &big_item(&block, n), common::today()) {
            Ok(_) => stored = store.load(id).unwrap(),
            Err(e) => {
                refused = Some(e);
                break;
            }
        }
    }
    let error = refused.expect("the disk never filled up");
    assert_eq!(error.code(), "disk_full");
    assert!(
        error.to_string().contains("Недостаточно места на диске"),
        "{error}"
    );
    // The refused edit left no trace; every edit before it is there.
    assert_eq!(store.load(id).unwrap(), stored);

    // Room again (a new connection has no page limit): work goes on.
    drop(store);
    let check: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.load(id).unwrap(), stored);
    store
        .apply(
            id,
            &Edit::SetTitle {
                title: "После освобождения места".into(),
            },
            common::today(),
        )
        .unwrap();
    assert_eq!(store.load(id).unwrap().title, "После освобождения места");
}

#[test]
fn an_import_on_a_full_disk_stores_nothing() {
    let (_dir, path) = common::temp_db();
    let mut store = Store::open(&path).unwrap();
    let first = store.import(&common::sample()).unwrap();
    let before = store.list_programmes().unwrap();
    let first_stored = store.load(first).unwrap();
    store.simulate_full_disk_after(2).unwrap();

    let mut big = common::sample();
    big.uid = "another-programme".into();
    for block in &mut big.roadmap.blocks {
        for item in &mut block.items {
            item.activity.push_str(&" подробности".repeat(500));
        }
    }
    let error = store.import(&big).unwrap_err();
    assert_eq!(error.code(), "disk_full");
    assert_eq!(store.list_programmes().unwrap(), before);
    assert_eq!(store.load(first).unwrap(), first_stored);
}

/// A real full disk: a small tmpfs mounted for the test (root only), filled
/// to the last byte.
#[cfg(target_os = "linux")]
mod real {
    use std::io::Write;
    use std::path::{Path, PathBuf};
    use std::process::Command;

    pub struct Tmpfs {
        dir: tempfile::TempDir,
    }

    impl Tmpfs {
        /// Mounts a tmpfs of `size` (as `mount -o size=` takes it), or says
        /// why it cannot.
        pub fn mount(size: &str) -> Result<Self, String> {
            let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
            let root = status
                .lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(2))
                == Some("0");
            if !root {
                return Err("not running as root, so no tmpfs can be mounted".into());
            }
            let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
            let out = Command::new("mount")
                .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
                .arg(dir.path())
                .output()
                .map_err(|e| format!("mount did not run: {e}"))?;
            if !out.status.success() {
                return Err(format!(
                    "mount -t tmpfs failed: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                ));
            }
            Ok(Self { dir })
        }

        pub fn path(&self) -> &Path {
            self.dir.path()
        }

        /// Writes a file until the disk refuses a single byte more.
        pub fn fill(&self) -> PathBuf {
            let filler = self.path().join("filler");
            let mut f = std::fs::File::create(&filler).unwrap();
            let chunk = vec![0x55u8; 64 * 1024];
            let mut size = chunk.len();
            loop {
                match f.write(&chunk[..size]) {
                    Ok(0) => break,
                    Ok(_) => {}
                    Err(e) if e.raw_os_error() == Some(28) => {
                        if size == 1 {
                            break;
                        }
                        size = (size / 2).max(1);
                    }
                    Err(e) => panic!("filling the disk: {e}"),
                }
            }
            let _ = f.sync_all();
            filler
        }
    }

    impl Drop for Tmpfs {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(self.dir.path()).status();
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_backup_on_a_really_full_disk_leaves_no_file_and_is_made_once_there_is_room() {
    use metodist_core::store::list_backups_for;

    let disk = match real::Tmpfs::mount("8m") {
        Ok(disk) => disk,
        Err(why) => {
            eprintln!("skipped: {why}");
            return;
        }
    };
    let path = disk.path().join("metodist.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store.import(&common::sample()).unwrap();
    for seed in 1..=3 {
        store
            .import(&metodist_core::generate::programme(80, seed))
            .unwrap();
    }
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let filler = disk.fill();

    for _ in 0..2 {
        let error = store.daily_backup(today).unwrap_err();
        assert_eq!(error.code(), "disk_full", "{error}");
        let error = store.backup_now().unwrap_err();
        assert_eq!(error.code(), "disk_full", "{error}");
    }
    let backups = disk.path().join("backups");
    let left: Vec<_> = std::fs::read_dir(&backups)
        .map(|d| d.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "a failed copy left files: {left:?}");
    assert!(list_backups_for(&path).unwrap().is_empty());

    // Room again: today's backup is made on the next try, whole.
    std::fs::remove_file(filler).unwrap();
    let made = store
        .daily_backup(today)
        .unwrap()
        .expect("made once there is room");
    let copy = Store::open(&made).unwrap();
    assert_eq!(copy.integrity_check().unwrap(), "ok");
    assert_eq!(copy.list_programmes().unwrap().len(), 4);
    drop(copy);
    drop(store);
}
