//! `find` and `replace`: the window's find and replace (Ctrl+F, Ctrl+H)
//! over the same api functions.

use std::fmt::Write as _;

use metodist_api::editor;
use metodist_core::find::{Query, ReplaceTarget, MAX_HITS};
use metodist_core::text::count;

use crate::args::{parse_number, Args};
use crate::commands::Context;
use crate::error::CliError;

const MATCHES: [&str; 3] = ["совпадение", "совпадения", "совпадений"];

fn programme_id(args: &mut Args) -> Result<i64, CliError> {
    let v = args.positional("номер программы")?;
    parse_number(&v, "номер программы")
}

/// `find ID TEXT` or `find ID --placeholders`: every match in the
/// programme, one a line — where it is, a tab, the snippet with the match
/// between ⟦ and ⟧ — then how many there are.
pub fn find(ctx: &mut Context, mut args: Args) -> Result<String, CliError> {
    let placeholders = args.flag("--placeholders");
    let id = programme_id(&mut args)?;
    let query = if placeholders {
        Query::Placeholders
    } else {
        let text = args.positional("текст для поиска")?;
        Query::Text {
            text: text.to_string_lossy().into_owned(),
        }
    };
    args.finish()?;
    let found = editor::find_text(ctx.session(), id, query)?;
    let mut out = String::new();
    for hit in &found.hits {
        let _ = writeln!(
            out,
            "{}\t{}⟦{}⟧{}",
            hit.location, hit.before, hit.matched, hit.after
        );
    }
    let _ = match found.total {
        0 => writeln!(out, "Ничего не найдено."),
        n if n > found.hits.len() => writeln!(
            out,
            "Найдено: {}; показаны первые {MAX_HITS}.",
            count(n, MATCHES)
        ),
        n => writeln!(out, "Найдено: {}.", count(n, MATCHES)),
    };
    Ok(out)
}

/// `replace ID FROM TO [--today YYYY-MM-DD]`: replaces every match, as one
/// change that the window's «Отменить» undoes at once.
pub fn replace(ctx: &mut Context, mut args: Args) -> Result<String, CliError> {
    let today = args.today()?;
    let id = programme_id(&mut args)?;
    let from = args.positional("что заменить")?;
    let to = args.positional("на что заменить")?;
    args.finish()?;
    let replaced = editor::replace_text(
        ctx.session(),
        id,
        from.to_string_lossy().into_owned(),
        to.to_string_lossy().into_owned(),
        ReplaceTarget::All,
        today,
    )?;
    let undo = replaced.undo.can_undo.unwrap_or_default();
    Ok(format!(
        "Заменено: {}. Отменить можно в окне: «Отменить: {undo}».\n",
        count(replaced.count, MATCHES)
    ))
}
