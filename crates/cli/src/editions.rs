//! Editions and amendments on the command line (issue #17): `approve`,
//! `withdraw`, `editions`, over the same api functions as the window.

use std::fmt::Write as _;

use metodist_api::editions::{self, EditionRef};
use metodist_core::model::ActKind;
use metodist_core::store::EditionSummary;
use metodist_core::text::date_ru;

use crate::args::{parse_number, Args};
use crate::commands::Context;
use crate::error::CliError;

fn programme_id(args: &mut Args) -> Result<i64, CliError> {
    let v = args.positional("номер программы")?;
    parse_number(&v, "номер программы")
}

/// «постановление», «приказ», «распоряжение».
pub(crate) fn kind_word(kind: ActKind) -> &'static str {
    match kind {
        ActKind::Decree => "постановление",
        ActKind::Order => "приказ",
        ActKind::Directive => "распоряжение",
    }
}

/// «редакция № 2: постановление от 15.05.2025 № 97».
fn edition_line(e: &EditionSummary) -> String {
    format!(
        "редакция № {}: {} от {} № {}",
        e.seq,
        kind_word(e.act.kind),
        date_ru(e.act.date),
        e.act.number
    )
}

/// The kind of act after `--kind`: its name in the exchange file
/// (`decree`, `order`, `directive`) or the Russian word.
pub(crate) fn kind_option(args: &mut Args) -> Result<Option<ActKind>, CliError> {
    args.option(&["--kind"])?
        .map(|v| {
            let s = v.to_string_lossy().trim().to_lowercase();
            ActKind::parse(&s)
                .or_else(|| {
                    [ActKind::Decree, ActKind::Order, ActKind::Directive]
                        .into_iter()
                        .find(|k| kind_word(*k) == s)
                })
                .ok_or_else(|| {
                    CliError::Usage(format!(
                        "вид акта «{s}» неизвестен: укажите --kind decree (постановление), order (приказ) или directive (распоряжение)"
                    ))
                })
        })
        .transpose()
}

/// `approve ID --date YYYY-MM-DD --number N [--kind decree|order|directive]
/// [--today YYYY-MM-DD]`: freezes the programme as its next approved
/// edition; `--kind` is the kind of the amendment act when it is not the
/// approving act's.
pub fn approve(ctx: &mut Context, mut args: Args) -> Result<String, CliError> {
    let date = args
        .date_option("--date")?
        .ok_or_else(|| CliError::Usage("укажите дату акта: --date ГГГГ-ММ-ДД".into()))?;
    let number = args
        .option(&["--number"])?
        .ok_or_else(|| CliError::Usage("укажите номер акта: --number НОМЕР".into()))?
        .to_string_lossy()
        .into_owned();
    let kind = kind_option(&mut args)?;
    let today = args.today()?;
    let id = programme_id(&mut args)?;
    args.finish()?;
    let e = editions::approve(ctx.session(), id, date, number, kind, today)?;
    Ok(format!("Утверждена {}\n", edition_line(&e)))
}

/// `withdraw ID`: takes back the edition in force while nothing changed
/// since it (an approval recorded with a wrong date or number).
pub fn withdraw(ctx: &mut Context, mut args: Args) -> Result<String, CliError> {
    let id = programme_id(&mut args)?;
    args.finish()?;
    let e = editions::withdraw_edition(ctx.session(), id)?;
    Ok(format!("Отозвана {}\n", edition_line(&e)))
}

/// `editions ID`: one line per approved edition — number, kind of act,
/// date, number of act, «действующая» for the one in force — and «проект»
/// when the programme has changed since it.
pub fn list(ctx: &mut Context, mut args: Args) -> Result<String, CliError> {
    let id = programme_id(&mut args)?;
    args.finish()?;
    let view = editions::list_editions(ctx.session(), id)?;
    let mut out = String::new();
    for e in &view.editions {
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t№ {}\t{}",
            e.seq,
            kind_word(e.act.kind),
            date_ru(e.act.date),
            e.act.number,
            if e.in_force {
                "действующая"
            } else {
                ""
            }
        );
    }
    if view.draft_changed {
        match view.editions.last() {
            Some(last) => {
                let _ = writeln!(
                    out,
                    "—\tпроект\t\t\tизменения после редакции № {}",
                    last.seq
                );
            }
            None => out.push_str("—\tпроект\t\t\tутверждённых редакций нет\n"),
        }
    }
    Ok(out)
}

/// `--from E` / `--to E`: an edition's number or «проект».
pub(crate) fn edition_option(args: &mut Args, name: &str) -> Result<Option<EditionRef>, CliError> {
    args.option(&[name])?
        .map(|v| {
            let s = v.to_string_lossy();
            EditionRef::parse(&s).ok_or_else(|| {
                CliError::Usage(format!(
                    "{name}: укажите номер редакции (1, 2, …) или «проект», получено «{s}»"
                ))
            })
        })
        .transpose()
}

/// `diff ID [--from E] [--to E]`: what changed, one line per change in
/// the programme's own numbering; by default from the edition in force to
/// the draft.
pub fn diff(ctx: &mut Context, mut args: Args) -> Result<String, CliError> {
    let from = edition_option(&mut args, "--from")?;
    let to = edition_option(&mut args, "--to")?;
    let out = args.path_option(&["-o", "--output"])?;
    let profile_name = args.option(&["--profile"])?;
    let id = programme_id(&mut args)?;
    args.finish()?;
    if let Some(path) = out {
        // The comparison table, printed (PDF, or .docx by the extension).
        let name = profile_name.map(|n| n.to_string_lossy().into_owned());
        let profile = metodist_api::printing::chosen_profile(ctx.session(), name.as_deref())?;
        let session = ctx.session();
        let docx = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
        if docx {
            let bytes = editions::docx_comparison(session, id, from, to, &profile)?;
            metodist_api::printing::write_docx(session, &path, &bytes)?;
        } else {
            let rendered = editions::render_comparison(session, id, from, to, &profile)?;
            for w in metodist_api::printing::write_pdf(session, &path, rendered)?.warnings {
                eprintln!("Предупреждение: {w}");
            }
        }
        return Ok(String::new());
    }
    if profile_name.is_some() {
        return Err(CliError::Usage(
            "--profile относится к печати: укажите и файл -o ФАЙЛ.pdf|ФАЙЛ.docx".into(),
        ));
    }
    let (old, new) = editions::compare_states(ctx.session(), id, from, to)?;
    let lines = metodist_core::diff::compare(&old.programme, &new.programme).describe();
    let from = from.unwrap_or(EditionRef::Edition(old.acts.len() as i64));
    let to = to.unwrap_or(EditionRef::Draft);
    let mut out = format!("Изменения: {} → {}\n", from.label(), to.label());
    if lines.is_empty() {
        out.push_str("Изменений нет.\n");
    }
    for line in lines {
        let _ = writeln!(out, "{line}");
    }
    Ok(out)
}
