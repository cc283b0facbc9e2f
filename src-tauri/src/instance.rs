//! One window per database. The first app started on a database listens on
//! a loopback port and writes the port and a random token into
//! `<database>.instance`; a second app started on the same database sends
//! that token and asks the first to bring its window forward, then exits.
//!
//! Keyed by the database path, not the app's identifier, so apps on
//! different databases (tests with temporary ones among them) never meet.
//! Plain TCP on 127.0.0.1 works the same on Windows and Linux. A file left
//! by a crashed app is recognised by nobody answering with the right reply,
//! and is replaced. The listener accepts one short message and nothing
//! else, and only with the token, which only the user's own files hold.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a second app waits for the first before deciding the file is
/// stale; generous, because the first may be busy starting up.
const CONNECT_TIMEOUT: Duration = Duration::from_millis(1500);
const IO_TIMEOUT: Duration = Duration::from_secs(3);
/// The longest message the listener reads; anything longer is not ours.
const MAX_MESSAGE: u64 = 128;
const REQUEST: &str = "metodist-focus";
const REPLY: &str = "ok";

/// What starting on a database found.
pub enum Claim {
    /// No other app has this database: this one serves it.
    Primary(Listener),
    /// Another app has it and has brought its window forward.
    Focused,
}

/// The marker file beside the database.
pub fn instance_file(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(".instance");
    PathBuf::from(name)
}

/// Asks a running app on `db` to come forward; becomes the one that serves
/// `db` when there is none.
pub fn claim(db: &Path) -> std::io::Result<Claim> {
    let file = instance_file(db);
    if let Some((port, token)) = read_marker(&file) {
        if ask_to_focus(port, &token) {
            return Ok(Claim::Focused);
        }
    }
    Listener::bind(file).map(Claim::Primary)
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
    let read = BufReader::new(stream.take(MAX_MESSAGE)).read_line(&mut reply);
    read.is_ok() && reply.trim_end() == REPLY
}

/// The listening side, bound and advertised but not yet serving.
pub struct Listener {
    listener: TcpListener,
    token: String,
    file: PathBuf,
}

impl Listener {
    fn bind(file: PathBuf) -> std::io::Result<Self> {
        // On the first start the database's folder does not exist yet (the
        // store creates it a moment later): create it here too.
        if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        let port = listener.local_addr()?.port();
        let token = new_token()?;
        metodist_core::fsutil::write_atomically(&file, format!("{port} {token}\n").as_bytes())
            .map_err(std::io::Error::other)?;
        Ok(Self {
            listener,
            token,
            file,
        })
    }

    /// Serves focus requests on a thread of its own, calling `on_focus` for
    /// each valid one. The returned marker removes the file when released.
    pub fn serve(self, on_focus: impl Fn() + Send + 'static) -> Marker {
        let marker = Marker {
            file: self.file.clone(),
            token: self.token.clone(),
        };
        let expected = format!("{REQUEST} {}", self.token);
        std::thread::spawn(move || {
            for stream in self.listener.incoming() {
                let Ok(stream) = stream else { continue };
                answer(stream, &expected, &on_focus);
            }
        });
        marker
    }
}

/// Reads one line; only when it is `expected`, calls `on_focus` and then
/// replies, so the second app exits after the window was asked forward.
/// Anything else gets no reply at all, so a stranger learns nothing.
fn answer(stream: TcpStream, expected: &str, on_focus: &dyn Fn()) {
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut line = String::new();
    if BufReader::new(stream.take(MAX_MESSAGE))
        .read_line(&mut line)
        .is_err()
    {
        return;
    }
    if line.strip_suffix('\n') != Some(expected) {
        return;
    }
    on_focus();
    // The second app waits for this reply; if it has gone, nothing is lost.
    let _ = writer.write_all(format!("{REPLY}\n").as_bytes());
}

fn new_token() -> std::io::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The advertisement of a serving app; `release` at exit removes the file
/// unless another app has replaced it since.
pub struct Marker {
    file: PathBuf,
    token: String,
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

    #[test]
    fn a_stale_marker_is_replaced() {
        let db = temp_db("stale");
        // A port nobody listens on: bind one, note it, close it.
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .and_then(|l| l.local_addr())
            .expect("port")
            .port();
        std::fs::write(instance_file(&db), format!("{port} deadbeef\n")).expect("stale");
        let (_marker, _) = serve(&db);
        let (new_port, token) = read_marker(&instance_file(&db)).expect("marker");
        assert_ne!(token, "deadbeef");
        assert_ne!(new_port, 0);

        std::fs::write(instance_file(&db), "мусор").expect("garbage");
        let (_marker, _) = serve(&db);
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
