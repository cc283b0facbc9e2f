//! The tracking screens: due dates, Сегодня and Месяц, the evaluation of
//! effectiveness, and the progress report. Each reads the programme and its
//! schedules once; "today" comes from the host.

use chrono::NaiveDate;
use metodist_core::baseline::{self, Rescheduled};
use metodist_core::effectiveness::{Evaluation, Method, Standard};
use metodist_core::model::Programme;
use metodist_core::tracking::{self, DueEntry, MonthScreen, TodayScreen, Untracked};
use metodist_core::YearMonth;
use metodist_print::{LayoutProfile, ReportInput};

use std::path::Path;

use serde::Serialize;

use crate::files::file_stem;
use crate::host::{Host, XLSX_FILES};
use crate::printing::{profile_named, save_pdf_as, Printed};
use crate::{ApiError, Result, Session};

/// What the progress report and the evaluation need, from one reading:
/// the programme, every due date of its items, and the items no month
/// tracks.
pub struct Tracked {
    pub programme: Programme,
    pub entries: Vec<DueEntry>,
    pub untracked: Vec<Untracked>,
    /// Due dates of the approved editions that amendments moved (§4a).
    pub rescheduled: Vec<Rescheduled>,
}

pub fn tracked(session: &Session, id: i64) -> Result<Tracked> {
    session.with_store(|s| {
        let programme = s.load(id)?;
        let schedules = s.item_schedules(id)?;
        let editions = s
            .editions(id)?
            .into_iter()
            .map(|e| s.edition(id, e.seq))
            .collect::<metodist_core::Result<Vec<_>>>()?;
        let pairs: Vec<_> = editions.iter().map(|e| (&e.programme, &e.act)).collect();
        Ok(Tracked {
            entries: tracking::entries(&programme, &schedules),
            untracked: tracking::untracked(&programme, &schedules),
            rescheduled: baseline::rescheduled(&pairs, &programme),
            programme,
        })
    })
}

pub fn due_entries(session: &Session, id: i64) -> Result<Vec<DueEntry>> {
    Ok(tracked(session, id)?.entries)
}

/// The date the tracking screens count from.
pub fn tracking_today(host: &dyn Host) -> Result<NaiveDate> {
    Ok(host.today())
}

/// The Today screen as of `today`.
pub fn today_view(session: &Session, id: i64, today: NaiveDate) -> Result<TodayScreen> {
    session.with_store(|s| {
        let (p, schedules) = (s.load(id)?, s.item_schedules(id)?);
        Ok(tracking::today_screen(&p, &schedules, today))
    })
}

pub fn month_view(session: &Session, id: i64, month: YearMonth) -> Result<MonthScreen> {
    session.with_store(|s| {
        let (p, schedules) = (s.load(id)?, s.item_schedules(id)?);
        Ok(tracking::month_screen(&p, &schedules, month))
    })
}

/// Effectiveness of the days `from ..= to` by the standard method
/// (docs/design.md §5), as known on `as_of`: the same count the report
/// makes on that day.
pub fn evaluation(
    session: &Session,
    id: i64,
    from: NaiveDate,
    to: NaiveDate,
    as_of: NaiveDate,
) -> Result<Evaluation> {
    let t = tracked(session, id)?;
    Ok(Standard.evaluate(&t.programme, &t.entries, from, to, as_of))
}

fn check_report_days(from: NaiveDate, to: NaiveDate) -> Result<()> {
    if from > to {
        return Err(ApiError::Invalid(format!(
            "начало отчётного периода ({}) позже его окончания ({})",
            from.format("%d.%m.%Y"),
            to.format("%d.%m.%Y")
        )));
    }
    Ok(())
}

/// «Отчёт о ходе реализации программы» for the days `from ..= to`, made
/// on `as_of`.
pub fn render_report(
    t: &Tracked,
    from: NaiveDate,
    to: NaiveDate,
    as_of: NaiveDate,
    profile: &LayoutProfile,
) -> Result<metodist_print::Rendered> {
    check_report_days(from, to)?;
    let evaluation = Standard.evaluate(&t.programme, &t.entries, from, to, as_of);
    let fonts = metodist_print::Fonts::load(&profile.font)?;
    let input = ReportInput {
        programme: &t.programme,
        entries: &t.entries,
        untracked: &t.untracked,
        evaluation: &evaluation,
        rescheduled: &t.rescheduled,
    };
    Ok(metodist_print::render_report(&input, profile, &fonts)?)
}

/// Asks where to save the progress report for the days `from ..= to`,
/// writes the PDF and shows it; `None` when the user cancels.
pub fn print_report(
    session: &Session,
    host: &dyn Host,
    id: i64,
    from: NaiveDate,
    to: NaiveDate,
    profile: String,
) -> Result<Option<Printed>> {
    check_report_days(from, to)?;
    let t = tracked(session, id)?;
    let profile = session.with_store(|s| Ok(profile_named(s, &profile)))??;
    let name = format!(
        "Отчёт {} ({}–{}).pdf",
        file_stem(&t.programme.title),
        from.format("%d.%m.%Y"),
        to.format("%d.%m.%Y")
    );
    save_pdf_as(
        session,
        host,
        "Сохранить отчёт в PDF",
        &name,
        || render_report(&t, from, to, host.today(), &profile),
    )
}

/// A spreadsheet of the plan's execution that was saved: where, and what
/// it holds.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct SavedSpreadsheet {
    pub path: String,
    /// The day the statuses are given for.
    pub as_of: NaiveDate,
    pub items: usize,
    pub due_dates: usize,
    pub indicators: usize,
}

/// The workbook of the roadmap with its execution and of the indicators
/// (issue #15): every due date with its status as of `as_of`, and the
/// whole period evaluated on that day, as «Исполнение» counts it.
pub fn execution_workbook(
    t: &Tracked,
    as_of: NaiveDate,
) -> Result<(Vec<u8>, metodist_xlsx::Contents)> {
    let period = t.programme.period;
    let evaluation = Standard.evaluate(
        &t.programme,
        &t.entries,
        period.start.first_day(),
        period.end.last_day(),
        as_of,
    );
    Ok(metodist_xlsx::execution_workbook(
        &metodist_xlsx::ExecutionInput {
            programme: &t.programme,
            entries: &t.entries,
            untracked: &t.untracked,
            evaluation: &evaluation,
        },
    )?)
}

/// Writes programme `id`'s execution as an .xlsx at `path` (all or
/// nothing, never over the database or one of its files): what the CLI's
/// `export ID -o X.xlsx` and the window's «Сохранить в Excel» both do.
pub fn export_execution(
    session: &Session,
    id: i64,
    path: &Path,
    as_of: NaiveDate,
) -> Result<SavedSpreadsheet> {
    session.check_output(path)?;
    let t = tracked(session, id)?;
    let (bytes, contents) = execution_workbook(&t, as_of)?;
    metodist_core::fsutil::write_atomically(path, &bytes)?;
    Ok(SavedSpreadsheet {
        path: path.display().to_string(),
        as_of,
        items: contents.items,
        due_dates: contents.due_dates,
        indicators: contents.indicators,
    })
}

/// Asks where to save the spreadsheet of the plan's execution as of the
/// host's today, writes it and opens it in the system's program; `None`
/// when the user cancels.
pub fn save_execution_xlsx(
    session: &Session,
    host: &dyn Host,
    id: i64,
) -> Result<Option<SavedSpreadsheet>> {
    let title = session.with_store(|s| s.load(id))?.title;
    let today = host.today();
    let name = format!(
        "Исполнение {} ({}).xlsx",
        file_stem(&title),
        today.format("%d.%m.%Y")
    );
    let Some(path) = host.save_file("Сохранить в Excel", &name, XLSX_FILES)? else {
        return Ok(None);
    };
    let saved = export_execution(session, id, &path, today)?;
    host.show_file(&path);
    Ok(Some(saved))
}
