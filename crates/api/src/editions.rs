//! Editions and amendments (issue #17, docs/design.md §4a): approving the
//! programme, the list of its editions, an edition as it was approved,
//! withdrawing a mistaken approval, and which two states a comparison or
//! an amendment act is made between.

use chrono::NaiveDate;
use metodist_core::amendment::{self, ActRef, AmendmentDraft, AmendmentOptions};
use metodist_core::diff::{self, ProgrammeDiff};
use metodist_core::model::{ActKind, ApprovingAct, DateFormat, Programme};
use metodist_core::store::{EditionAct, EditionSummary};
use metodist_core::Store;
use metodist_print::{AmendmentInput, ComposeExtras, Fonts, LayoutProfile};
use serde::{Deserialize, Serialize};

use crate::files::file_stem;
use crate::host::Host;
use crate::printing::{
    mode_suffix, profile_named, save_docx_as, save_pdf_as, PrintMode, Printed, SavedDocx,
};
use crate::{ApiError, Result, Session};

/// The editions of a programme and whether its draft differs from the one
/// in force, for the editor's «Редакции».
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct EditionsView {
    /// Oldest first; the last is in force («действующая»).
    pub editions: Vec<EditionSummary>,
    /// The programme's text differs from the edition in force (or there is
    /// none yet): the draft («проект») of the next edition.
    pub draft_changed: bool,
}

/// Approves programme `id` by an act of `date` and `number`, freezing it
/// as its next edition (one transaction; refused in Russian with nothing
/// written). `kind` is the kind of the act, by default the approving
/// act's; an amendment may be approved by another kind (an order amending
/// a decree). `today` is the caller's date: an act is recorded once signed.
pub fn approve(
    session: &Session,
    id: i64,
    date: NaiveDate,
    number: String,
    kind: Option<ActKind>,
    today: NaiveDate,
) -> Result<EditionSummary> {
    session.with_store_mut(|s| s.approve_as(id, date, &number, kind, today))
}

/// Takes back the edition in force while nothing changed since it.
pub fn withdraw_edition(session: &Session, id: i64) -> Result<EditionSummary> {
    session.with_store_mut(|s| s.withdraw_last_edition(id))
}

pub fn list_editions(session: &Session, id: i64) -> Result<EditionsView> {
    session.with_store(|s| {
        let editions = s.editions(id)?;
        let draft_changed = editions.is_empty() || s.changed_since_approval(id)?;
        Ok(EditionsView {
            editions,
            draft_changed,
        })
    })
}

/// Edition `seq` of programme `id` exactly as it was approved.
pub fn get_edition(session: &Session, id: i64, seq: i64) -> Result<Programme> {
    session.with_store(|s| s.edition(id, seq).map(|e| e.programme))
}

/// One side of a comparison: an approved edition or the current draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case", tag = "kind", content = "seq")]
pub enum EditionRef {
    Edition(i64),
    /// The programme as it is now.
    Draft,
}

impl EditionRef {
    /// «2», «проект» / «draft» as typed after `--from` and `--to`.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("draft") || s.to_lowercase() == "проект" {
            return Some(Self::Draft);
        }
        s.parse::<i64>().ok().filter(|n| *n >= 1).map(Self::Edition)
    }

    /// «редакция № 2», «проект».
    pub fn label(self) -> String {
        match self {
            Self::Edition(n) => format!("редакция № {n}"),
            Self::Draft => "проект".into(),
        }
    }
}

/// A state of the programme with the acts that made it: what a comparison
/// and the «в редакции …» line need.
#[derive(Debug, Clone)]
pub struct State {
    pub programme: Programme,
    /// The approving act and every amendment up to and including this
    /// state, oldest first (for the draft: every approved edition).
    pub acts: Vec<EditionAct>,
}

impl State {
    /// The acts of the amendments in this state, after the approving one:
    /// those the «(в редакции …)» line names.
    pub fn amendments(&self) -> &[EditionAct] {
        self.acts.get(1..).unwrap_or(&[])
    }
}

/// The state `r` of programme `id`.
pub fn state_in(store: &Store, id: i64, r: EditionRef) -> Result<State> {
    let editions = store.editions(id)?;
    Ok(match r {
        EditionRef::Draft => State {
            programme: store.load(id)?,
            acts: editions.into_iter().map(|e| e.act).collect(),
        },
        EditionRef::Edition(seq) => {
            let edition = store.edition(id, seq)?;
            State {
                programme: edition.programme,
                acts: editions
                    .into_iter()
                    .filter(|e| e.seq <= seq)
                    .map(|e| e.act)
                    .collect(),
            }
        }
    })
}

/// The two states a comparison is made between: by default the edition in
/// force and the draft. Refused when the programme has no edition to
/// compare from.
pub fn sides(
    store: &Store,
    id: i64,
    from: Option<EditionRef>,
    to: Option<EditionRef>,
) -> Result<(State, State)> {
    let from = match from {
        Some(r) => r,
        None => match store.editions(id)?.last() {
            Some(e) => EditionRef::Edition(e.seq),
            None => {
                store.load(id)?;
                return Err(ApiError::Invalid(
                    "у программы ещё нет утверждённой редакции: сравнивать не с чем. Утвердите программу («Утвердить…» или «metodist approve»), и изменения после этого будут видны здесь.".into(),
                ));
            }
        },
    };
    let to = to.unwrap_or(EditionRef::Draft);
    Ok((state_in(store, id, from)?, state_in(store, id, to)?))
}

/// The draft's changes and the acts they amend, for the amendment act:
/// refused when the draft has none.
pub fn amendment_sides(store: &Store, id: i64) -> Result<(State, State)> {
    let (old, new) = sides(store, id, None, None)?;
    if metodist_core::store::amendable_content(&old.programme)
        == metodist_core::store::amendable_content(&new.programme)
    {
        let last = old
            .acts
            .last()
            .map(|a| a.instrumental())
            .unwrap_or_default();
        return Err(ApiError::Invalid(format!(
            "после редакции, утверждённой {last}, программа не менялась: изменений для акта нет. Внесите изменения в программу, затем сформируйте акт."
        )));
    }
    Ok((old, new))
}

/// Reads both sides of a comparison from the session's store.
pub fn compare_states(
    session: &Session,
    id: i64,
    from: Option<EditionRef>,
    to: Option<EditionRef>,
) -> Result<(State, State)> {
    session.with_store(|s| Ok(sides(s, id, from, to)))?
}

/// An edition's act as the amendment act cites it, in the date format of
/// the approving act.
pub fn act_ref(act: &EditionAct, date_format: DateFormat) -> ActRef {
    ActRef {
        kind: act.kind,
        date: Some(act.date),
        number: Some(act.number.clone()),
        date_format,
    }
}

/// The acts of the amendments in `state` as the print and the amendment
/// act cite them: what «(в редакции …)» names.
pub fn amendment_refs(state: &State) -> Vec<ActRef> {
    let format = state
        .programme
        .act
        .as_ref()
        .map(|a| a.date_format)
        .unwrap_or_default();
    state
        .amendments()
        .iter()
        .map(|a| act_ref(a, format))
        .collect()
}

/// What changed between two states of programme `id` (by default the
/// edition in force and the draft), element by element with the changed
/// words marked (docs/design.md §4a).
pub fn compare_editions(
    session: &Session,
    id: i64,
    from: Option<EditionRef>,
    to: Option<EditionRef>,
) -> Result<ProgrammeDiff> {
    let (old, new) = compare_states(session, id, from, to)?;
    Ok(diff::compare(&old.programme, &new.programme))
}

/// The amendment act for the draft's changes since the edition in force,
/// citing the approving act and the amendments before it: a draft for the
/// editor to change before printing.
pub fn draft_amendment(
    session: &Session,
    id: i64,
    options: AmendmentOptions,
) -> Result<AmendmentDraft> {
    let (old, new) = session.with_store(|s| Ok(amendment_sides(s, id)))??;
    amendment_for(&old, &new, &options)
}

/// The amendment act from `old` (the edition in force) to `new`.
pub fn amendment_for(
    old: &State,
    new: &State,
    options: &AmendmentOptions,
) -> Result<AmendmentDraft> {
    let changes = diff::compare(&old.programme, &new.programme);
    // The approving act as the edition in force holds it: signed by the
    // first approval, so its date and number are those of edition 1.
    let Some(approving) = old.programme.act.as_ref() else {
        return Err(ApiError::Invalid(
            "в действующей редакции нет утверждающего акта, и акту об изменениях нечего цитировать. Заполните акт на вкладке «Акт» и утвердите программу.".into(),
        ));
    };
    Ok(amendment::draft(
        &old.programme,
        &new.programme,
        &changes,
        approving,
        &amendment_refs(old),
        options,
    ))
}

/// «(в редакции постановления от … № …)» for a state amended since its
/// approval: what its print carries under the mark.
pub fn revision_of(state: &State) -> Option<String> {
    amendment::revision_line(&amendment_refs(state))
}

/// The print extras of a state: its «в редакции …» line.
pub fn extras_of(state: &State) -> ComposeExtras {
    ComposeExtras {
        revision: revision_of(state),
    }
}

/// A state of programme `id` as a PDF, as it was approved (an edition) or
/// as it is (the draft), with its «в редакции …» line.
pub fn render_state(
    state: &State,
    mode: PrintMode,
    profile: &LayoutProfile,
) -> Result<metodist_print::Rendered> {
    let fonts = Fonts::load(&profile.font)?;
    let doc = metodist_print::compose_with(&state.programme, mode.into(), &extras_of(state));
    Ok(metodist_print::render(&doc, profile, &fonts)?)
}

/// `render_state` as a Word document.
pub fn docx_state(state: &State, mode: PrintMode, profile: &LayoutProfile) -> Result<Vec<u8>> {
    let fonts = Fonts::load(&profile.font)?;
    let doc = metodist_print::compose_with(&state.programme, mode.into(), &extras_of(state));
    Ok(metodist_docx::write(&doc, profile, &fonts)?)
}

/// What the amendment act of programme `id` prints from: the edition in
/// force, the draft, and the acts to cite.
pub struct Amendment {
    pub old: State,
    pub new: State,
    pub approving: ApprovingAct,
    pub earlier: Vec<ActRef>,
}

impl Amendment {
    pub fn of(store: &Store, id: i64) -> Result<Amendment> {
        let (old, new) = amendment_sides(store, id)?;
        let Some(approving) = old.programme.act.clone() else {
            return Err(ApiError::Invalid(
                "в действующей редакции нет утверждающего акта, и акту об изменениях нечего цитировать. Заполните акт на вкладке «Акт» и утвердите программу.".into(),
            ));
        };
        let earlier = amendment_refs(&old);
        Ok(Amendment {
            old,
            new,
            approving,
            earlier,
        })
    }

    pub fn input<'a>(
        &'a self,
        options: AmendmentOptions,
        draft: Option<&'a AmendmentDraft>,
    ) -> AmendmentInput<'a> {
        AmendmentInput {
            old: &self.old.programme,
            new: &self.new.programme,
            approving: &self.approving,
            earlier: &self.earlier,
            options,
            draft,
        }
    }
}

/// The amendment act for the draft's changes as a PDF: `draft` as she
/// edited it, or (`None`) as drafted from the comparison.
pub fn render_amendment(
    session: &Session,
    id: i64,
    options: AmendmentOptions,
    draft: Option<&AmendmentDraft>,
    profile: &LayoutProfile,
) -> Result<metodist_print::Rendered> {
    let a = session.with_store(|s| Ok(Amendment::of(s, id)))??;
    let fonts = Fonts::load(&profile.font)?;
    Ok(metodist_print::render_amendment(
        &a.input(options, draft),
        profile,
        &fonts,
    )?)
}

/// `render_amendment` as a Word document.
pub fn docx_amendment(
    session: &Session,
    id: i64,
    options: AmendmentOptions,
    draft: Option<&AmendmentDraft>,
    profile: &LayoutProfile,
) -> Result<Vec<u8>> {
    let a = session.with_store(|s| Ok(Amendment::of(s, id)))??;
    let fonts = Fonts::load(&profile.font)?;
    Ok(metodist_docx::write_amendment(
        &a.input(options, draft),
        profile,
        &fonts,
    )?)
}

/// The title of programme `id` and the profile named `profile`: what
/// every save of the programme's documents starts from.
fn title_and_profile(session: &Session, id: i64, profile: &str) -> Result<(String, LayoutProfile)> {
    let (title, profile) =
        session.with_store(|s| Ok((s.load(id)?.title, profile_named(s, profile))))?;
    Ok((title, profile?))
}

/// Asks where to save the amendment act's PDF, writes it and shows it;
/// `None` when the user cancels.
pub fn print_amendment(
    session: &Session,
    host: &dyn Host,
    id: i64,
    options: AmendmentOptions,
    draft: Option<AmendmentDraft>,
    profile: String,
) -> Result<Option<Printed>> {
    let (title, profile) = title_and_profile(session, id, &profile)?;
    let name = format!("{} (изменения).pdf", file_stem(&title));
    save_pdf_as(
        session,
        host,
        "Сохранить акт об изменениях",
        &name,
        || render_amendment(session, id, options, draft.as_ref(), &profile),
    )
}

/// Asks where to save the amendment act as .docx, writes it and opens it;
/// `None` when the user cancels.
pub fn save_amendment_docx(
    session: &Session,
    host: &dyn Host,
    id: i64,
    options: AmendmentOptions,
    draft: Option<AmendmentDraft>,
    profile: String,
) -> Result<Option<SavedDocx>> {
    let (title, profile) = title_and_profile(session, id, &profile)?;
    let name = format!("{} (изменения).docx", file_stem(&title));
    save_docx_as(
        session,
        host,
        "Сохранить акт об изменениях в Word",
        &name,
        || docx_amendment(session, id, options, draft.as_ref(), &profile),
    )
}

/// Edition `seq` of programme `id` and the profile named `profile`, with
/// the file name it is offered under (`ext` without the dot).
fn edition_to_save(
    session: &Session,
    id: i64,
    seq: i64,
    mode: PrintMode,
    profile: &str,
    ext: &str,
) -> Result<(State, LayoutProfile, String)> {
    let (state, profile) = session.with_store(|s| {
        Ok((
            state_in(s, id, EditionRef::Edition(seq)),
            profile_named(s, profile),
        ))
    })?;
    let (state, profile) = (state?, profile?);
    let name = format!(
        "{} (редакция {seq}){}.{ext}",
        file_stem(&state.programme.title),
        mode_suffix(mode)
    );
    Ok((state, profile, name))
}

/// Asks where to save edition `seq` of programme `id` as a PDF, exactly as
/// it was approved (with the «в редакции …» line of its time), writes it
/// and shows it; `None` when the user cancels.
pub fn print_edition(
    session: &Session,
    host: &dyn Host,
    id: i64,
    seq: i64,
    mode: PrintMode,
    profile: String,
) -> Result<Option<Printed>> {
    let (state, profile, name) = edition_to_save(session, id, seq, mode, &profile, "pdf")?;
    save_pdf_as(
        session,
        host,
        "Сохранить редакцию в PDF",
        &name,
        || render_state(&state, mode, &profile),
    )
}

/// `print_edition` as a Word document, opened once written.
pub fn save_edition_docx(
    session: &Session,
    host: &dyn Host,
    id: i64,
    seq: i64,
    mode: PrintMode,
    profile: String,
) -> Result<Option<SavedDocx>> {
    let (state, profile, name) = edition_to_save(session, id, seq, mode, &profile, "docx")?;
    save_docx_as(
        session,
        host,
        "Сохранить редакцию в Word",
        &name,
        || docx_state(&state, mode, &profile),
    )
}

/// The file name the comparison table of `from` and `to` is offered under.
fn comparison_name(
    title: &str,
    from: Option<EditionRef>,
    to: Option<EditionRef>,
    ext: &str,
) -> String {
    let sides = match (from, to) {
        (None, None) => String::new(),
        (from, to) => format!(
            ", {} — {}",
            from.map_or_else(|| "действующая".to_string(), EditionRef::label),
            to.map_or_else(|| EditionRef::Draft.label(), EditionRef::label)
        ),
    };
    format!("{} (сравнительная таблица{sides}).{ext}", file_stem(title))
}

/// Asks where to save the comparison table of `from` and `to` (by default
/// the edition in force and the draft) as a PDF, writes it and shows it;
/// `None` when the user cancels.
pub fn print_comparison(
    session: &Session,
    host: &dyn Host,
    id: i64,
    from: Option<EditionRef>,
    to: Option<EditionRef>,
    profile: String,
) -> Result<Option<Printed>> {
    let (title, profile) = title_and_profile(session, id, &profile)?;
    let name = comparison_name(&title, from, to, "pdf");
    save_pdf_as(
        session,
        host,
        "Сохранить сравнительную таблицу",
        &name,
        || render_comparison(session, id, from, to, &profile),
    )
}

/// `print_comparison` as a Word document, opened once written.
pub fn save_comparison_docx(
    session: &Session,
    host: &dyn Host,
    id: i64,
    from: Option<EditionRef>,
    to: Option<EditionRef>,
    profile: String,
) -> Result<Option<SavedDocx>> {
    let (title, profile) = title_and_profile(session, id, &profile)?;
    let name = comparison_name(&title, from, to, "docx");
    save_docx_as(
        session,
        host,
        "Сохранить сравнительную таблицу в Word",
        &name,
        || docx_comparison(session, id, from, to, &profile),
    )
}

/// The comparison table of two states («Сравнительная таблица
/// изменений»), by default the edition in force and the draft, as a PDF.
pub fn render_comparison(
    session: &Session,
    id: i64,
    from: Option<EditionRef>,
    to: Option<EditionRef>,
    profile: &LayoutProfile,
) -> Result<metodist_print::Rendered> {
    let (old, new) = compare_states(session, id, from, to)?;
    let changes = diff::compare(&old.programme, &new.programme);
    let fonts = Fonts::load(&profile.font)?;
    Ok(metodist_print::render_comparison(
        &old.programme,
        &new.programme,
        &changes,
        profile,
        &fonts,
    )?)
}

/// `render_comparison` as a Word document.
pub fn docx_comparison(
    session: &Session,
    id: i64,
    from: Option<EditionRef>,
    to: Option<EditionRef>,
    profile: &LayoutProfile,
) -> Result<Vec<u8>> {
    let (old, new) = compare_states(session, id, from, to)?;
    let changes = diff::compare(&old.programme, &new.programme);
    let fonts = Fonts::load(&profile.font)?;
    Ok(metodist_docx::write_comparison(
        &old.programme,
        &new.programme,
        &changes,
        profile,
        &fonts,
    )?)
}
