//! Throughput of the deadline interpreter, which the editor runs on every
//! keystroke.
//!
//! ```text
//! cargo run --release -p metodist-schedule --example bench_schedule -- PATH.metodist.json
//! cargo run --release -p metodist-schedule --example bench_schedule -- \
//!     --phrases FILE --from 2021-09 --to 2024-05 [--show]
//! ```
//!
//! `--show` prints every phrase with its reading instead of timing.

use std::hint::black_box;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use metodist_schedule::{describe, interpret, CalendarError, Period, YearMonth};

#[derive(Debug, thiserror::Error)]
enum BenchError {
    #[error("не удалось прочитать {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("файл {path} не является JSON: {source}")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("в файле программы нет поля {0}")]
    Missing(&'static str),
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    #[error("нет ни одного срока для проверки")]
    NoPhrases,
    #[error(
        "использование: bench_schedule ФАЙЛ.metodist.json | --phrases ФАЙЛ --from ГГГГ-ММ --to ГГГГ-ММ [--show]"
    )]
    Usage,
}

struct Input {
    phrases: Vec<String>,
    period: Period,
    show: bool,
}

fn read(path: &PathBuf) -> Result<String, BenchError> {
    std::fs::read_to_string(path).map_err(|source| BenchError::Read {
        path: path.clone(),
        source,
    })
}

fn from_exchange_file(path: PathBuf) -> Result<(Vec<String>, Period), BenchError> {
    let text = read(&path)?;
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|source| BenchError::Json { path, source })?;
    let programme = &v["programme"];
    let month = |field: &'static str| -> Result<YearMonth, BenchError> {
        let s = programme["period"][field]
            .as_str()
            .ok_or(BenchError::Missing("programme.period"))?;
        Ok(s.parse()?)
    };
    let period = Period::new(month("start")?, month("end")?)?;
    let blocks = programme["roadmap"]["blocks"]
        .as_array()
        .ok_or(BenchError::Missing("programme.roadmap.blocks"))?;
    let phrases = blocks
        .iter()
        .filter_map(|b| b["items"].as_array())
        .flatten()
        .filter_map(|item| item["deadline"].as_str())
        .map(str::to_owned)
        .collect();
    Ok((phrases, period))
}

fn parse_args() -> Result<Input, BenchError> {
    let mut args = std::env::args().skip(1);
    let (mut file, mut phrases_file, mut from, mut to, mut show) = (None, None, None, None, false);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--phrases" => {
                phrases_file = Some(PathBuf::from(args.next().ok_or(BenchError::Usage)?))
            }
            "--from" => from = Some(args.next().ok_or(BenchError::Usage)?),
            "--to" => to = Some(args.next().ok_or(BenchError::Usage)?),
            "--show" => show = true,
            _ if a.starts_with("--") => return Err(BenchError::Usage),
            _ => file = Some(PathBuf::from(a)),
        }
    }
    let (phrases, period) = match (file, phrases_file, from, to) {
        (Some(f), None, None, None) => from_exchange_file(f)?,
        (None, Some(f), Some(a), Some(b)) => {
            let phrases = read(&f)?
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
            (phrases, Period::new(a.parse()?, b.parse()?)?)
        }
        _ => return Err(BenchError::Usage),
    };
    if phrases.is_empty() {
        return Err(BenchError::NoPhrases);
    }
    Ok(Input {
        phrases,
        period,
        show,
    })
}

fn run() -> Result<(), BenchError> {
    let input = parse_args()?;
    if input.show {
        for p in &input.phrases {
            let s = interpret(p, input.period);
            let json = serde_json::to_string(&s).unwrap_or_default();
            println!("{p}\n  {}\n  {json}", describe(&s));
        }
        return Ok(());
    }
    let recognized = input
        .phrases
        .iter()
        .filter(|p| interpret(p, input.period).recognized)
        .count();
    let budget = Duration::from_secs(2);
    let started = Instant::now();
    let mut done: u64 = 0;
    while started.elapsed() < budget {
        for p in &input.phrases {
            black_box(interpret(black_box(p), input.period));
        }
        done += input.phrases.len() as u64;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{} сроков (распознано {}), период {} – {}",
        input.phrases.len(),
        recognized,
        input.period.start,
        input.period.end
    );
    println!(
        "{done} разборов за {secs:.2} с: {:.0} сроков в секунду",
        done as f64 / secs
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
