//! Crash safety: `metodist apply` and `metodist import` are killed (SIGKILL
//! on Unix, TerminateProcess on Windows) at random moments; the database
//! must then pass SQLite's integrity check, hold every edit acknowledged
//! before the kill, and hold no half-imported programme.
//!
//! The number of kills per test comes from METODIST_CRASH_KILLS (default
//! 10, as in CI); the random seed is printed and can be fixed with
//! METODIST_CRASH_SEED to replay a failure. By hand:
//! `METODIST_CRASH_KILLS=300 cargo test --release -p metodist-cli --test crash -- --nocapture`

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use metodist_core::{generate, Store};

struct Rng(u64);

impl Rng {
    fn from_env() -> Self {
        let seed = std::env::var("METODIST_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        println!("METODIST_CRASH_SEED={seed}");
        Rng(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn kills() -> usize {
    std::env::var("METODIST_CRASH_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10)
}

fn metodist(db: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_metodist"));
    cmd.arg("--db").arg(db).env_remove("METODIST_DB");
    cmd
}

#[test]
fn acknowledged_edits_survive_a_kill() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.sqlite3");
    let (id, block) = {
        let mut store = Store::open(&db).unwrap();
        let mut p = generate::programme(0, 1);
        p.indicators.clear();
        let id = store.import(&p).unwrap();
        (id, store.load(id).unwrap().roadmap.blocks[0].uid.clone())
    };
    let mut rng = Rng::from_env();
    let mut acknowledged_total = 0;
    for round in 0..kills() {
        let mut child = metodist(&db)
            .args(["apply", &id.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let block = block.clone();
        let feeder = std::thread::spawn(move || {
            for n in 1..=400 {
                let edit = serde_json::json!({
                    "op": "put_item",
                    "block": block,
                    "item": {"activity": format!("правка {round}-{n}"), "deadline": "Ежемесячно"}
                });
                if writeln!(stdin, "{edit}").is_err() {
                    break; // the process is gone
                }
            }
        });
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let stop_after = rng.below(40);
        let mut acked = 0u64;
        for line in stdout.lines() {
            let line = line.unwrap();
            assert_eq!(line, format!("ok {}", acked + 1));
            acked += 1;
            if acked > stop_after {
                break;
            }
        }
        // A little later still, so the kill also lands inside a transaction.
        std::thread::sleep(Duration::from_micros(rng.below(3000)));
        child.kill().unwrap();
        child.wait().unwrap();
        feeder.join().unwrap();

        let store = Store::open(&db).unwrap();
        assert_eq!(store.integrity_check().unwrap(), "ok", "round {round}");
        let p = store.load(id).unwrap();
        let mine: Vec<String> = p.roadmap.blocks[0]
            .items
            .iter()
            .map(|i| i.activity.clone())
            .filter(|a| a.starts_with(&format!("правка {round}-")))
            .collect();
        // Every acknowledged edit is there, in order, with no holes; edits
        // after the last acknowledgement may or may not have landed whole.
        assert!(
            mine.len() as u64 >= acked,
            "round {round}: {} < {acked}",
            mine.len()
        );
        for (k, a) in mine.iter().enumerate() {
            assert_eq!(a, &format!("правка {round}-{}", k + 1));
        }
        acknowledged_total += acked;
    }
    println!(
        "{} kills survived, {acknowledged_total} acknowledged edits kept",
        kills()
    );
}

#[test]
fn an_import_is_all_or_nothing_when_killed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.sqlite3");
    let file = dir.path().join("big.metodist.json");
    let items = 1500;
    metodist_core::exchange::write_file(&file, &generate::programme(items, 3)).unwrap();
    Store::open(&db).unwrap();
    let mut rng = Rng::from_env();
    let mut completed = 0;
    for round in 0..kills() {
        let mut child = metodist(&db)
            .arg("import")
            .arg(&file)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.below(400)));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok();
        child.wait().unwrap();
        completed += usize::from(finished);
        let store = Store::open(&db).unwrap();
        assert_eq!(store.integrity_check().unwrap(), "ok", "round {round}");
        for s in store.list_programmes().unwrap() {
            assert_eq!(s.items, items, "round {round}: programme {} is whole", s.id);
            assert_eq!(store.load(s.id).unwrap().item_count(), items);
        }
    }
    let stored = Store::open(&db).unwrap().list_programmes().unwrap().len();
    println!(
        "{} kills during imports, {completed} imports had finished first, {stored} programmes stored",
        kills()
    );
    assert!(stored >= completed, "every finished import is kept");
}
