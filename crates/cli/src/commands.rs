//! One function per command; each returns what it prints on stdout. The
//! work is done by `metodist-api`, the same functions the window calls, so
//! the command line and the app behave the same (one profile list, one
//! import, one rendering).

use std::fmt::Write as _;
use std::path::PathBuf;

use metodist_api::{
    editions, editor, importing, printing, programmes, tracking as api_tracking, Session,
};
use metodist_core::model::{Programme, SectionBlock};
use metodist_core::text::{count, date_ru};
use metodist_core::tracking::{self, DueEntry};
use metodist_core::{exchange, generate, Edit, Period};
use metodist_schedule::{describe, interpret};

use crate::args::{parse_number, Args};
use crate::error::CliError;

const ITEMS: [&str; 3] = ["мероприятие", "мероприятия", "мероприятий"];

/// The database of the run.
pub struct Context {
    db: Option<PathBuf>,
    session: Option<Session>,
}

impl Context {
    pub fn new(db: Option<PathBuf>) -> Self {
        Self { db, session: None }
    }

    /// The session; the database itself is opened by its first use.
    pub(crate) fn session(&mut self) -> &Session {
        let db = &self.db;
        self.session.get_or_insert_with(|| match db {
            Some(p) => Session::at(p.clone()),
            None => Session::from_environment(),
        })
    }
}

fn programme_id(args: &mut Args) -> Result<i64, CliError> {
    let v = args.positional("номер программы")?;
    parse_number(&v, "номер программы")
}

pub fn list(ctx: &mut Context, args: Args) -> Result<String, CliError> {
    args.finish()?;
    let list = programmes::list_programmes(ctx.session())?;
    if list.is_empty() {
        return Ok("Программ нет.\n".into());
    }
    let mut out = String::new();
    for p in list {
        let _ = writeln!(
            out,
            "{}\t{}\t{} – {}\t{}\t{}",
            p.id,
            p.status.label(),
            p.period.start,
            p.period.end,
            count(p.items, ITEMS),
            p.title
        );
    }
    Ok(out)
}

/// `import FILE [--dry-run] [--today YYYY-MM-DD]`: an exchange file, or a
/// Word document (told by its content). For a document every warning goes
/// to stderr; `--dry-run` prints its review as JSON and stores nothing.
/// `--today` (the computer's date) gives the first year of a programme
/// whose document names no period.
pub fn import(ctx: &mut Context, mut args: Args) -> Result<String, CliError> {
    let dry_run = args.flag("--dry-run");
    let today = args.date_option("--today")?;
    let file = PathBuf::from(args.positional("файл для импорта")?);
    args.finish()?;
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    if importing::is_word_input(&file) {
        if dry_run {
            let review = importing::preview_import(&file, today)?;
            print_warnings(&review.warnings);
            let json = serde_json::to_string_pretty(&review)
                .map_err(|e| CliError::Output(std::io::Error::other(e.to_string())))?;
            return Ok(format!("{json}\n"));
        }
        let imported = importing::import_docx(ctx.session(), &file, today)?;
        print_warnings(&imported.warnings);
        return Ok(format!("{}\n", imported.id));
    }
    if dry_run {
        return Err(CliError::Usage(
            "--dry-run показывает, что найдено в документе Word (.docx); файл обмена импортируйте без него".into(),
        ));
    }
    let id = programmes::import_file(ctx.session(), &file)?;
    Ok(format!("{id}\n"))
}

/// The import's warnings on stderr, one a line: where, then what.
fn print_warnings(warnings: &[metodist_api::importing::ImportWarning]) {
    for w in warnings {
        eprintln!("Предупреждение: {}: {}", w.place, w.message);
    }
}

/// Where `-o` sends a command's file: a path, or stdout for `-o -` (a file
/// called `-` is `-o ./-`).
enum Output {
    Stdout,
    File(PathBuf),
}

fn output(args: &mut Args, what: &str) -> Result<Output, CliError> {
    let path = args.required_path(&["-o", "--output"], what)?;
    Ok(if path.as_os_str() == "-" {
        Output::Stdout
    } else {
        Output::File(path)
    })
}

fn write_stdout(bytes: &[u8]) -> Result<String, CliError> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|_| out.flush())
        .map_err(CliError::Output)?;
    Ok(String::new())
}

/// Whether `path` names an Excel workbook (`.xlsx`, in any case).
fn is_xlsx(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("xlsx"))
}

/// `export ID -o OUT [--today YYYY-MM-DD]`: the exchange file (JSON), or,
/// when OUT ends in `.xlsx`, the roadmap with its execution as of `--today`
/// (the computer's date) and the indicators as an Excel workbook.
pub fn export(ctx: &mut Context, mut args: Args) -> Result<String, CliError> {
    let out = output(&mut args, "файл для записи")?;
    let today = args.date_option("--today")?;
    let id = programme_id(&mut args)?;
    args.finish()?;
    if let Output::File(path) = &out {
        if is_xlsx(path) {
            let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
            api_tracking::export_execution(ctx.session(), id, path, today)?;
            return Ok(String::new());
        }
    }
    if today.is_some() {
        return Err(CliError::Usage(
            "--today нужен только для таблицы Excel: укажите файл с расширением .xlsx".into(),
        ));
    }
    match out {
        Output::Stdout => write_stdout(programmes::export_text(ctx.session(), id)?.as_bytes()),
        Output::File(path) => {
            programmes::export_file(ctx.session(), id, &path)?;
            Ok(String::new())
        }
    }
}

pub fn show(ctx: &mut Context, mut args: Args) -> Result<String, CliError> {
    let id = programme_id(&mut args)?;
    args.finish()?;
    let p = editor::load_programme(ctx.session(), id)?;
    Ok(summary(&p))
}

/// `check ID`: what must be fixed before the programme is printed for
/// signature (the window's «Перед печатью окончательного варианта»), one
/// problem a line with its place; exit code 1 when there is any.
pub fn check(ctx: &mut Context, mut args: Args) -> Result<String, CliError> {
    let id = programme_id(&mut args)?;
    args.finish()?;
    let problems = editor::readiness(ctx.session(), id)?;
    if problems.is_empty() {
        return Ok("Всё обязательное заполнено: можно печатать окончательный вариант.\n".into());
    }
    let mut out = String::new();
    for p in &problems {
        let _ = writeln!(out, "{}\t{}", p.path, p.message);
    }
    crate::print_out(&out)?;
    Err(CliError::NotReady(problems.len()))
}

pub fn gen(ctx: &mut Context, mut args: Args) -> Result<String, CliError> {
    let items = args
        .option(&["--items"])?
        .ok_or_else(|| CliError::Usage("укажите число мероприятий: --items N".into()))?;
    let items: usize = parse_number(&items, "--items")?;
    let seed = match args.option(&["--seed"])? {
        Some(s) => parse_number(&s, "--seed")?,
        None => 1,
    };
    let out = output(&mut args, "файл для записи")?;
    args.finish()?;
    let programme = generate::programme(items, seed);
    match out {
        Output::Stdout => write_stdout(exchange::to_json(&programme).as_bytes()),
        Output::File(path) => {
            // Needs no database, but must not write over the one it would use.
            ctx.session().check_output(&path)?;
            exchange::write_file(&path, &programme)?;
            Ok(String::new())
        }
    }
}

/// `schedule --from YYYY-MM --to YYYY-MM PHRASE`: the interpretation as
/// JSON; `schedule ID`: every item of a programme, described in words.
pub fn schedule(ctx: &mut Context, mut args: Args) -> Result<String, CliError> {
    let from = args.month_option("--from")?;
    let to = args.month_option("--to")?;
    let target = args.positional("срок (фраза) или номер программы")?;
    args.finish()?;
    match (from, to) {
        (Some(from), Some(to)) => {
            let period = Period::new(from, to).map_err(|e| CliError::Usage(e.to_string()))?;
            let schedule = interpret(&target.to_string_lossy(), period);
            Ok(format!(
                "{}\n",
                serde_json::to_string(&schedule).expect("serialises")
            ))
        }
        (None, None) => {
            let id = parse_number(&target, "номер программы")?;
            let (p, schedules) = ctx
                .session()
                .with_store(|s| Ok((s.load(id)?, s.item_schedules(id)?)))?;
            let mut out = String::new();
            for ((number, _, item), s) in p.numbered_items().zip(&schedules) {
                let mark = if s.schedule.manual {
                    " (вручную)"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "{number}\t{}\t{}{mark}",
                    item.deadline,
                    describe(&s.schedule.schedule)
                );
            }
            Ok(out)
        }
        _ => Err(CliError::Usage(
            "укажите оба параметра периода: --from ГГГГ-ММ --to ГГГГ-ММ".into(),
        )),
    }
}

/// `due ID --month YYYY-MM [--today YYYY-MM-DD]`: what is due in the month,
/// what is under way in it, what earlier is still owed and which items have
/// no date in the period, as JSON.
pub fn due(ctx: &mut Context, mut args: Args) -> Result<String, CliError> {
    let month = args.required_month("--month")?;
    let today = args.today()?;
    let id = programme_id(&mut args)?;
    args.finish()?;
    // One reading of the programme and its schedules serves every list.
    let (p, schedules) = ctx
        .session()
        .with_store(|s| Ok((s.load(id)?, s.item_schedules(id)?)))?;
    let entries = tracking::entries(&p, &schedules);
    let line = |e: &DueEntry| {
        serde_json::json!({
            "number": e.number,
            "text": e.activity,
            "due": e.due,
            "deadline": e.deadline,
            "responsible": e.responsible,
            "status": e.status,
            "done_on": e.done_on,
            "overdue": e.is_overdue(today),
        })
    };
    let overdue: Vec<_> = tracking::overdue(&entries, month.first_day(), today)
        .iter()
        .map(line)
        .collect();
    // The app's «Месяц»: the month's due dates and the work under way in it.
    let screen = tracking::month_screen(&p, &schedules, month);
    let due: Vec<_> = screen.due.iter().map(line).collect();
    // Items with no date in the period never show up in a month: say so.
    let untracked = tracking::untracked(&p, &schedules);
    let out = serde_json::json!({
        "month": month,
        "due": due,
        "under_way": screen.under_way,
        "overdue": overdue,
        "untracked": untracked,
    });
    Ok(format!("{out}\n"))
}

/// Writes the PDF to `out` (never over the database or its files), its
/// warnings (characters the font lacks) on stderr.
fn deliver(
    session: &Session,
    out: Output,
    rendered: metodist_print::Rendered,
) -> Result<String, CliError> {
    let warnings: Vec<String> = match out {
        Output::Stdout => {
            write_stdout(&rendered.pdf)?;
            rendered.warnings.iter().map(|w| w.to_string()).collect()
        }
        Output::File(path) => printing::write_pdf(session, &path, rendered)?.warnings,
    };
    for w in &warnings {
        eprintln!("Предупреждение: {w}");
    }
    Ok(String::new())
}

/// Whether `-o` names a Word document: the format follows the extension.
fn is_docx(out: &Output) -> bool {
    matches!(out, Output::File(path) if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx")))
}

/// `render ID|FILE -o OUT.pdf|OUT.docx [--appendix-only] [--profile NAME]
/// [--edition E | --amendment [--whole] [--kind K]]`: the programme (or its approved
/// edition E, or the amendment act for its changes since the edition in
/// force) as a PDF, or as a Word document when the output ends in `.docx`.
pub fn render(ctx: &mut Context, mut args: Args) -> Result<String, CliError> {
    let out = output(&mut args, "файл PDF или DOCX для записи")?;
    let appendix_only = args.flag("--appendix-only");
    let amendment = args.flag("--amendment");
    let whole = args.flag("--whole");
    let kind = crate::editions::kind_option(&mut args)?;
    let profile_name = args.option(&["--profile"])?;
    let edition = crate::editions::edition_option(&mut args, "--edition")?;
    let source = args.positional("номер программы или файл .metodist.json")?;
    args.finish()?;
    let id = source.to_string_lossy().parse::<i64>().ok();
    if (whole || kind.is_some()) && !amendment {
        return Err(CliError::Usage(
            "--whole и --kind относятся к акту об изменениях: укажите и --amendment".into(),
        ));
    }
    if amendment && (edition.is_some() || appendix_only) {
        return Err(CliError::Usage(
            "--amendment печатает акт об изменениях текущего проекта: --edition и --appendix-only к нему не относятся".into(),
        ));
    }
    if id.is_none() && (edition.is_some() || amendment) {
        return Err(CliError::Usage(
            "--edition и --amendment относятся к программе в базе: укажите её номер, а не файл"
                .into(),
        ));
    }
    // A file needs no database, unless a stored profile is named.
    let name = profile_name.map(|n| n.to_string_lossy().into_owned());
    let profile = printing::chosen_profile(ctx.session(), name.as_deref())?;
    let mode = if appendix_only {
        printing::PrintMode::AppendixOnly
    } else {
        printing::PrintMode::WholeAct
    };
    if let (true, Some(id)) = (amendment, id) {
        // The amendment act for the draft's changes (docs/design.md §4a).
        let options = metodist_core::amendment::AmendmentOptions {
            whole,
            kind,
            ..Default::default()
        };
        if let (true, Output::File(path)) = (is_docx(&out), &out) {
            let bytes = editions::docx_amendment(ctx.session(), id, options, None, &profile)?;
            printing::write_docx(ctx.session(), path, &bytes)?;
            return Ok(String::new());
        }
        let rendered = editions::render_amendment(ctx.session(), id, options, None, &profile)?;
        return deliver(ctx.session(), out, rendered);
    }
    let state = match id {
        // An approved edition prints as it was approved, the draft as it
        // is; either with «(в редакции …)» once amended.
        Some(id) => {
            let which = edition.unwrap_or(editions::EditionRef::Draft);
            ctx.session()
                .with_store(|s| Ok(editions::state_in(s, id, which)))??
        }
        None => {
            let doc = exchange::read_document_file(std::path::Path::new(&source))?;
            editions::State {
                programme: doc.programme,
                acts: doc.editions.into_iter().map(|e| e.act).collect(),
            }
        }
    };
    if let (true, Output::File(path)) = (is_docx(&out), &out) {
        let bytes = editions::docx_state(&state, mode, &profile)?;
        printing::write_docx(ctx.session(), path, &bytes)?;
        return Ok(String::new());
    }
    let rendered = editions::render_state(&state, mode, &profile)?;
    deliver(ctx.session(), out, rendered)
}

/// `report ID --from YYYY-MM --to YYYY-MM -o OUT.pdf [--profile NAME]
/// [--today YYYY-MM-DD]`: the progress report for the months from `--from`
/// to `--to` inclusive, made on `--today` (the computer's date), evaluated
/// by the standard method (docs/design.md §5).
pub fn report(ctx: &mut Context, mut args: Args) -> Result<String, CliError> {
    let out = output(&mut args, "файл PDF для записи")?;
    let profile_name = args.option(&["--profile"])?;
    let from = args.required_month("--from")?;
    let to = args.required_month("--to")?;
    let today = args.today()?;
    let id = programme_id(&mut args)?;
    args.finish()?;
    let (from, to) = (from.first_day(), to.last_day());
    if from > to {
        return Err(CliError::Usage(
            "месяц --from позже месяца --to: отчётный период пуст".into(),
        ));
    }
    let session = ctx.session();
    let name = profile_name.map(|n| n.to_string_lossy().into_owned());
    let profile = printing::chosen_profile(session, name.as_deref())?;
    let tracked = api_tracking::tracked(session, id)?;
    let rendered = api_tracking::render_report(&tracked, from, to, today, &profile)?;
    deliver(session, out, rendered)
}

/// `apply ID [--today YYYY-MM-DD]`: edits as JSON, one per line on stdin;
/// after each is stored (its transaction committed) prints `ok N` with its
/// line number. A line that is refused — not UTF-8, not an edit, or an
/// edit the programme does not allow — prints `ошибка N: …` on stderr and
/// the run goes on; the exit code is then 1. A byte-order mark at the start
/// of the stream is skipped. A date of completion after `--today` (the
/// computer's date when absent) is refused. For batch changes and the
/// crash-safety tests.
pub fn apply(ctx: &mut Context, mut args: Args) -> Result<String, CliError> {
    use std::io::{BufRead, Write};
    let today = args.today()?;
    let id = programme_id(&mut args)?;
    args.finish()?;
    let session = ctx.session();
    let mut input = std::io::stdin().lock();
    let mut out = std::io::stdout().lock();
    let mut failed = 0usize;
    let mut bytes = Vec::new();
    for n in 1.. {
        // Bytes, not `lines()`: one line that is not UTF-8 must be refused
        // alone instead of stopping the stream.
        bytes.clear();
        if input
            .read_until(b'\n', &mut bytes)
            .map_err(CliError::Input)?
            == 0
        {
            break;
        }
        let result = edit_line(&bytes, n == 1).and_then(|edit| match edit {
            None => Ok(false),
            Some(edit) => editor::apply_edit(session, id, edit, today)
                .map(|_| true)
                .map_err(|e| e.to_string()),
        });
        match result {
            Ok(false) => {}
            Ok(true) => {
                writeln!(out, "ok {n}")
                    .and_then(|_| out.flush())
                    .map_err(CliError::Output)?;
            }
            Err(e) => {
                failed += 1;
                eprintln!("ошибка {n}: {e}");
            }
        }
    }
    if failed > 0 {
        return Err(CliError::Partial(failed));
    }
    Ok(String::new())
}

/// The edit on one line of `apply`'s input (with its line break), `None`
/// for a blank line.
fn edit_line(bytes: &[u8], first: bool) -> Result<Option<Edit>, String> {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    // Windows editors start UTF-8 text with a byte-order mark.
    let bytes = match first {
        true => bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes),
        false => bytes,
    };
    let line = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "строка не в кодировке UTF-8 (неверный байт № {}); сохраните изменения в UTF-8, изменение не применено",
            e.valid_up_to() + 1
        )
    })?;
    if line.trim().is_empty() {
        return Ok(None);
    }
    serde_json::from_str::<Edit>(line).map(Some).map_err(|e| {
        let what = exchange::translate_serde_message(&e.to_string());
        // Errors found after the edit was read whole (a field given twice
        // in a tagged edit) have no column.
        match e.column() {
            0 => format!("не удалось прочитать изменение: {what}"),
            column => format!("не удалось прочитать изменение (столбец {column}): {what}"),
        }
    })
}

/// A readable summary: what the programme holds and its roadmap numbered.
fn summary(p: &Programme) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", p.title);
    let _ = writeln!(
        s,
        "Статус: {}; период: {} – {}",
        p.status.label(),
        p.period.start,
        p.period.end
    );
    match &p.act {
        Some(a) => {
            let signed = match (a.date, a.number.as_deref()) {
                (Some(d), Some(n)) => format!("от {} № {n}", date_ru(d)),
                (Some(d), None) => format!("от {} (номер не присвоен)", date_ru(d)),
                _ => "(дата и номер ещё не присвоены)".into(),
            };
            let _ = writeln!(
                s,
                "Утверждающий акт: {} {signed}: {}",
                a.kind.heading().to_lowercase(),
                a.title
            );
        }
        None => {
            let _ = writeln!(s, "Утверждающий акт: не заполнен");
        }
    }
    let _ = writeln!(
        s,
        "Паспорт: {}; {}; {}; {}",
        count(p.passport.len(), ["строка", "строки", "строк"]),
        count(p.tasks.len(), ["задача", "задачи", "задач"]),
        count(p.sections.len(), ["раздел", "раздела", "разделов"]),
        count(
            p.indicators.len(),
            ["показатель", "показателя", "показателей"]
        ),
    );
    for (i, sec) in p.sections.iter().enumerate() {
        let extras: Vec<&str> = sec
            .body
            .iter()
            .filter_map(|b| match b {
                SectionBlock::Risks { .. } => Some("риски"),
                SectionBlock::Swot { .. } => Some("SWOT"),
                SectionBlock::Table { .. } => Some("таблица"),
                SectionBlock::Indicators => Some("таблица показателей"),
                SectionBlock::Roadmap => Some("дорожная карта"),
                _ => None,
            })
            .collect();
        let extras = if extras.is_empty() {
            String::new()
        } else {
            format!(" [{}]", extras.join(", "))
        };
        let _ = writeln!(s, "  Раздел {}. {}{extras}", i + 1, sec.title);
    }
    let _ = writeln!(
        s,
        "Дорожная карта: {}, {}",
        count(p.roadmap.blocks.len(), ["блок", "блока", "блоков"]),
        count(p.item_count(), ITEMS),
    );
    for (b, block) in p.roadmap.blocks.iter().enumerate() {
        // The block's number as the programme prints it (none in a flat
        // roadmap or with unnumbered blocks).
        let _ = match p.block_label(b) {
            l if l.is_empty() => writeln!(s, "  {}", block.title),
            l => writeln!(s, "  {l} {}", block.title),
        };
        for (i, item) in block.items.iter().enumerate() {
            let deadline = if item.deadline.is_empty() {
                "срок не указан"
            } else {
                &item.deadline
            };
            let _ = writeln!(
                s,
                "    {} {} — {deadline}",
                p.item_number(b, i),
                one_line(&item.activity, 90)
            );
        }
    }
    s
}

fn one_line(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}
