//! One window per database. The first app started on a database takes an
//! OS lock on `<database>.instance-lock` (held for the app's life, released
//! by the system when it exits or crashes), listens on a loopback port and
//! writes the port and a random token into `<database>.instance`; a second
//! app started on the same database finds the lock taken, sends that token
//! and asks the first to bring its window forward, then exits.
//!
//! The lock, not the marker, decides who serves the database: two apps can
//! never both serve one, whatever the timing, and a second app that gets no
//! answer from the first (stalled, or still starting) exits instead of
//! taking over. A marker left by a crashed app comes with no lock, and is
//! replaced.
//!
//! Keyed by the database path, not the app's identifier, so apps on
//! different databases (tests with temporary ones among them) never meet.
//! Plain TCP on 127.0.0.1 and `File::try_lock` work the same on Windows and
//! Linux. The listener accepts one short line and nothing else, and only
//! with the token, which only the user's own files hold (0600 in a 0700
//! folder on Unix). Each connection is read on a thread of its own with a
//! deadline of its own, so connections that never send a line cannot keep
//! the real request from being answered.

use std::fs::{File, TryLockError};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use metodist_api::{instance_file, instance_lock_file};

/// How long a second app waits to connect to the first.
const CONNECT_TIMEOUT: Duration = Duration::from_millis(1500);
/// How long a second app waits for the first's reply.
const IO_TIMEOUT: Duration = Duration::from_secs(3);
/// How long the listener gives one connection to send its whole line; the
/// real request is one write made right after connecting.
const REQUEST_DEADLINE: Duration = Duration::from_secs(1);
/// How long a second app keeps asking an app that holds the lock before it
/// gives up (the first may have taken the lock a moment ago and not yet
/// written its marker).
const ASK_FOR: Duration = Duration::from_secs(4);
/// Connections read at once; more are closed at once, so a flood of them
/// cannot start a flood of threads.
const MAX_PENDING: usize = 32;
/// The longest message the listener reads; anything longer is not ours.
const MAX_MESSAGE: usize = 128;
const REQUEST: &str = "metodist-focus";
const REPLY: &str = "ok";

/// What starting on a database found.
pub enum Claim {
    /// No other app has this database: this one serves it.
    Primary(Listener),
    /// Another app has it and has brought its window forward.
    Focused,
    /// Another app has it (it holds the lock) but did not answer: this one
    /// must not open a second window on the same database.
    Unanswered,
}

/// Asks a running app on `db` to come forward; becomes the one that serves
/// `db` when there is none.
pub fn claim(db: &Path) -> std::io::Result<Claim> {
    let file = instance_file(db);
    // On the first start the database's folder does not exist yet (the
    // store creates it a moment later): create it here too.
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        metodist_core::fsutil::create_private_dir_all(dir)?;
    }
    let lock = open_lock(&instance_lock_file(db))?;
    match lock.try_lock() {
        Ok(()) => return Listener::bind(file, lock).map(Claim::Primary),
        Err(TryLockError::WouldBlock) => {}
        Err(TryLockError::Error(e)) => return Err(e),
    }
    // The lock is held, so the app holding it is alive: find it.
    let started = Instant::now();
    loop {
        if let Some((port, token)) = read_marker(&file) {
            if ask_to_focus(port, &token) {
                return Ok(Claim::Focused);
            }
        }
        if started.elapsed() >= ASK_FOR {
            return Ok(Claim::Unanswered);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The lock file, created for the owner alone; opened, never replaced or
/// removed (see `metodist_api::instance_lock_file`).
fn open_lock(path: &Path) -> std::io::Result<File> {
    let mut options = File::options();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

fn read_marker(file: &Path) -> Option<(u16, String)> {
    let text = std::fs::read_to_string(file).ok()?;
    let mut words = text.split_whitespace();
    let port = words.next()?.parse().ok()?;
    let token = words.next()?.to_owned();
    Some((port, token))
}

/// True only when the app behind `port` answered our message with `ok`.
fn ask_to_focus(port: u16, token: &str) -> bool {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut stream) = TcpStream::connect_timeout(&address, CONNECT_TIMEOUT) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
    if stream
        .write_all(format!("{REQUEST} {token}\n").as_bytes())
        .is_err()
    {
        return false;
    }
    let mut reply = String::new();
    let read = BufReader::new(stream.take(MAX_MESSAGE as u64)).read_line(&mut reply);
    read.is_ok() && reply.trim_end() == REPLY
}

type FocusHandler = Arc<Mutex<Option<Box<dyn Fn() + Send>>>>;

/// The serving side: holds the lock, is advertised in the marker and
/// answers from the moment it is bound; `serve` says what an answer does.
pub struct Listener {
    token: String,
    file: PathBuf,
    lock: File,
    on_focus: FocusHandler,
}

impl Listener {
    fn bind(file: PathBuf, lock: File) -> std::io::Result<Self> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        let port = listener.local_addr()?.port();
        let token = new_token()?;
        metodist_core::fsutil::write_private(&file, format!("{port} {token}\n").as_bytes())
            .map_err(std::io::Error::other)?;
        let on_focus: FocusHandler = Arc::default();
        let expected = format!("{REQUEST} {token}");
        let handler = Arc::clone(&on_focus);
        // Answering starts now, before the window exists: a second app
        // started while this one is still opening its database is told
        // "ok" and exits, and this window comes up on its own.
        std::thread::Builder::new()
            .name("metodist-instance".into())
            .spawn(move || accept(listener, expected, handler))?;
        Ok(Self {
            token,
            file,
            lock,
            on_focus,
        })
    }

    /// Calls `on_focus` for each valid request from now on. The returned
    /// marker holds the lock for the app's life and removes the marker file
    /// when released.
    pub fn serve(self, on_focus: impl Fn() + Send + 'static) -> Marker {
        *self.on_focus.lock().unwrap_or_else(PoisonError::into_inner) = Some(Box::new(on_focus));
        Marker {
            file: self.file,
            token: self.token,
            _lock: self.lock,
        }
    }
}

/// Hands each connection to a thread of its own, so one that never sends a
/// line holds up nobody but itself.
fn accept(listener: TcpListener, expected: String, on_focus: FocusHandler) {
    let expected = Arc::new(expected);
    let pending = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            // Out of descriptors, say: wait instead of spinning.
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        if pending.fetch_add(1, Ordering::SeqCst) >= MAX_PENDING {
            pending.fetch_sub(1, Ordering::SeqCst);
            continue;
        }
        let slot = Pending(Arc::clone(&pending));
        let expected = Arc::clone(&expected);
        let on_focus = Arc::clone(&on_focus);
        // A thread that cannot be started drops its connection (and slot).
        let _ = std::thread::Builder::new()
            .name("metodist-instance-request".into())
            .spawn(move || {
                let _slot = slot;
                answer(stream, &expected, &on_focus);
            });
    }
}

/// One connection being read; frees its place however the thread ends.
struct Pending(Arc<AtomicUsize>);

impl Drop for Pending {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Reads one line before the deadline; only when it is `expected`, calls
/// the focus handler (if the window is there yet) and then replies, so the
/// second app exits after the window was asked forward. Anything else gets
/// no reply at all, so a stranger learns nothing.
fn answer(mut stream: TcpStream, expected: &str, on_focus: &FocusHandler) {
    let Some(line) = read_line_before(&mut stream, Instant::now() + REQUEST_DEADLINE) else {
        return;
    };
    if !same_secret(line.as_bytes(), expected.as_bytes()) {
        return;
    }
    if let Some(focus) = on_focus
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .as_ref()
    {
        focus();
    }
    // The second app waits for this reply; if it has gone, nothing is lost.
    let _ = stream.set_write_timeout(Some(REQUEST_DEADLINE));
    let _ = stream.write_all(format!("{REPLY}\n").as_bytes());
}

/// The bytes before the first newline, when they come before `deadline`
/// (one deadline for the whole line, not per read: a byte a second must
/// not keep the connection open) and within `MAX_MESSAGE`.
fn read_line_before(stream: &mut TcpStream, deadline: Instant) -> Option<String> {
    let mut line = Vec::new();
    let mut chunk = [0u8; MAX_MESSAGE];
    loop {
        let left = deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())?;
        stream.set_read_timeout(Some(left)).ok()?;
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        line.extend_from_slice(&chunk[..n]);
        if let Some(end) = line.iter().position(|&b| b == b'\n') {
            line.truncate(end);
            return String::from_utf8(line).ok();
        }
        if line.len() > MAX_MESSAGE {
            return None;
        }
    }
}

/// Compares without stopping at the first difference, so the time taken
/// says nothing about how much of a guessed token was right.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn new_token() -> std::io::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The advertisement of a serving app, holding the lock for as long as it
/// lives; `release` at exit removes the marker file unless another app has
/// replaced it since. The lock file stays: see `open_lock`.
pub struct Marker {
    file: PathBuf,
    token: String,
    _lock: File,
}

impl Marker {
    pub fn release(&self) {
        if read_marker(&self.file).is_some_and(|(_, token)| token == self.token) {
            let _ = std::fs::remove_file(&self.file);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    fn temp_db(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "metodist-instance-{name}-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default()
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir.join("metodist.sqlite3")
    }

    fn serve(db: &Path) -> (Marker, Arc<AtomicUsize>) {
        let Claim::Primary(listener) = claim(db).expect("claim") else {
            panic!("nobody serves this database yet");
        };
        let count = Arc::new(AtomicUsize::new(0));
        let seen = Arc::clone(&count);
        let marker = listener.serve(move || {
            seen.fetch_add(1, Ordering::SeqCst);
        });
        (marker, count)
    }

    fn send(port: u16, bytes: &[u8]) -> String {
        let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        // The listener may hang up before reading everything (it reads at
        // most MAX_MESSAGE bytes); a failed write is part of the answer.
        let _ = stream.write_all(bytes);
        let _ = stream.shutdown(std::net::Shutdown::Write);
        let mut reply = String::new();
        let _ = stream.read_to_string(&mut reply);
        reply
    }

    /// What another app serving `db` looks like from outside while it is
    /// stalled: it holds the lock, and the port in its marker accepts
    /// connections (the system does, into the backlog) but never answers.
    fn stalled_app(db: &Path) -> (File, TcpListener) {
        let lock = open_lock(&instance_lock_file(db)).expect("lock file");
        lock.try_lock().expect("the lock is free");
        let silent = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
        let port = silent.local_addr().expect("addr").port();
        std::fs::write(instance_file(db), format!("{port} 0123456789abcdef\n")).expect("marker");
        (lock, silent)
    }

    #[test]
    fn a_second_start_on_the_same_database_focuses_the_first() {
        let db = temp_db("second");
        let (marker, focused) = serve(&db);

        assert!(matches!(claim(&db).expect("claim"), Claim::Focused));
        assert!(matches!(claim(&db).expect("claim"), Claim::Focused));
        assert_eq!(focused.load(Ordering::SeqCst), 2);

        marker.release();
        assert!(
            !instance_file(&db).exists(),
            "the marker is removed at exit"
        );
    }

    #[test]
    fn the_first_start_creates_the_database_folder_for_its_marker() {
        // A new computer: <data dir>/Metodist does not exist yet.
        let db = temp_db("first-run")
            .parent()
            .expect("dir")
            .join("Metodist")
            .join("metodist.sqlite3");
        assert!(!db.parent().expect("dir").exists());
        let (_marker, _) = serve(&db);
        assert!(
            read_marker(&instance_file(&db)).is_some(),
            "the marker is written"
        );
        assert!(matches!(claim(&db).expect("claim"), Claim::Focused));
    }

    /// The token is a key to the running app: on Unix only the user may
    /// read it, and the folder it is made in is hers alone.
    #[cfg(unix)]
    #[test]
    fn the_marker_its_lock_and_a_new_folder_are_the_owners_alone() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).expect("exists").permissions().mode() & 0o777;
        let dir = temp_db("modes").parent().expect("dir").join("Metodist");
        let db = dir.join("metodist.sqlite3");
        let (_marker, _) = serve(&db);
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&instance_file(&db)), 0o600);
        assert_eq!(mode(&instance_lock_file(&db)), 0o600);
    }

    #[test]
    fn another_database_is_served_separately() {
        let first = temp_db("first");
        let other = temp_db("other");
        let (_marker, focused) = serve(&first);
        let Claim::Primary(listener) = claim(&other).expect("claim") else {
            panic!("another database is not the running app's");
        };
        drop(listener);
        assert_eq!(focused.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn wrong_token_or_message_gets_no_reply_and_no_focus() {
        let db = temp_db("token");
        let (_marker, focused) = serve(&db);
        let (port, token) = read_marker(&instance_file(&db)).expect("marker");
        assert_eq!(token.len(), 32);

        assert_eq!(send(port, b"metodist-focus 0000\n"), "");
        assert_eq!(send(port, format!("{REQUEST} {token}").as_bytes()), "");
        assert_eq!(send(port, format!("{REQUEST} {token}x\n").as_bytes()), "");
        assert_eq!(send(port, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"), "");
        assert_eq!(send(port, &[b'a'; 4096]), "");
        assert_eq!(focused.load(Ordering::SeqCst), 0);
        // And it still serves the real request afterwards.
        assert_eq!(
            send(port, format!("{REQUEST} {token}\n").as_bytes()),
            "ok\n"
        );
        assert_eq!(focused.load(Ordering::SeqCst), 1);
    }

    /// Connections that never send a line used to hold the listener 3 s
    /// each, so a second start timed out, took over and overwrote the
    /// marker. Now each is read on its own, and the second start is
    /// answered at once.
    #[test]
    fn silent_connections_do_not_stop_a_second_start_from_being_focused() {
        let db = temp_db("silent");
        let (_marker, focused) = serve(&db);
        let before = std::fs::read(instance_file(&db)).expect("marker");
        let (port, _) = read_marker(&instance_file(&db)).expect("marker");
        let silent: Vec<TcpStream> = (0..5)
            .map(|_| TcpStream::connect((Ipv4Addr::LOCALHOST, port)).expect("connect"))
            .collect();
        std::thread::sleep(Duration::from_millis(100));

        let started = Instant::now();
        let claimed = claim(&db).expect("claim");
        let took = started.elapsed();
        assert!(matches!(claimed, Claim::Focused), "focused");
        assert!(took < Duration::from_secs(2), "answered in {took:?}");
        assert_eq!(focused.load(Ordering::SeqCst), 1);
        assert_eq!(std::fs::read(instance_file(&db)).expect("marker"), before);
        drop(silent);
    }

    /// A connection that sends a byte now and then is cut off at its
    /// deadline, not kept open by each byte.
    #[test]
    fn a_slow_sender_is_cut_off_at_its_deadline() {
        let db = temp_db("slow");
        let (_marker, focused) = serve(&db);
        let (port, _) = read_marker(&instance_file(&db)).expect("marker");
        let mut slow = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).expect("connect");
        let started = Instant::now();
        let mut cut = false;
        while started.elapsed() < Duration::from_secs(5) {
            if slow.write_all(b"m").is_err() {
                cut = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        assert!(cut, "still open after {:?}", started.elapsed());
        assert_eq!(focused.load(Ordering::SeqCst), 0);
    }

    /// The lock decides, not the answer: while another app holds it, a
    /// start that gets no answer does not take over, and the marker stays.
    #[test]
    fn a_start_never_takes_over_a_database_another_app_holds() {
        let db = temp_db("stalled");
        let (lock, silent) = stalled_app(&db);
        let marker = std::fs::read(instance_file(&db)).expect("marker");

        let claimed = claim(&db).expect("claim");
        assert!(matches!(claimed, Claim::Unanswered), "not primary");
        assert_eq!(std::fs::read(instance_file(&db)).expect("marker"), marker);

        // Once that app has gone (its lock released by the system), the
        // next start serves the database.
        drop(lock);
        drop(silent);
        assert!(matches!(claim(&db).expect("claim"), Claim::Primary(_)));
    }

    /// Starts at the same moment: exactly one serves the database, whatever
    /// the timing; the others are answered by it.
    #[test]
    fn of_simultaneous_starts_exactly_one_serves_the_database() {
        let db = temp_db("race");
        let barrier = Arc::new(std::sync::Barrier::new(6));
        let claims: Vec<_> = (0..6)
            .map(|_| {
                let (db, barrier) = (db.clone(), Arc::clone(&barrier));
                std::thread::spawn(move || {
                    barrier.wait();
                    claim(&db).expect("claim")
                })
            })
            .collect();
        let claims: Vec<Claim> = claims
            .into_iter()
            .map(|t| t.join().expect("join"))
            .collect();
        let primaries = claims
            .iter()
            .filter(|c| matches!(c, Claim::Primary(_)))
            .count();
        let focused = claims
            .iter()
            .filter(|c| matches!(c, Claim::Focused))
            .count();
        assert_eq!((primaries, focused), (1, 5));
    }

    #[test]
    fn a_stale_marker_is_replaced() {
        let db = temp_db("stale");
        // A port nobody listens on: bind one, note it, close it.
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .and_then(|l| l.local_addr())
            .expect("port")
            .port();
        std::fs::write(instance_file(&db), format!("{port} deadbeef\n")).expect("stale");
        let (marker, _) = serve(&db);
        let (new_port, token) = read_marker(&instance_file(&db)).expect("marker");
        assert_ne!(token, "deadbeef");
        assert_ne!(new_port, 0);
        // That app exits (or crashes: the system releases its lock).
        drop(marker);

        std::fs::write(instance_file(&db), "мусор").expect("garbage");
        let (_marker, _) = serve(&db);
        assert!(read_marker(&instance_file(&db)).is_some());
    }

    #[test]
    fn a_listener_that_answers_otherwise_is_not_taken_for_the_app() {
        let db = temp_db("impostor");
        let impostor = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
        let port = impostor.local_addr().expect("addr").port();
        std::thread::spawn(move || {
            for stream in impostor.incoming().flatten() {
                let mut stream = stream;
                let _ = stream.write_all(b"HTTP/1.0 200 OK\r\n\r\n");
            }
        });
        std::fs::write(instance_file(&db), format!("{port} abc\n")).expect("marker");
        assert!(matches!(claim(&db).expect("claim"), Claim::Primary(_)));
    }

    #[test]
    fn release_leaves_a_marker_written_by_another_app() {
        let db = temp_db("release");
        let (marker, _) = serve(&db);
        std::fs::write(instance_file(&db), "1234 someone-else\n").expect("overwrite");
        marker.release();
        assert!(instance_file(&db).exists());
    }
}
