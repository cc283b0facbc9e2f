// The only module that talks to the Rust side. Every command's argument and
// result types are declared here, next to the call, so the rest of the UI
// never touches `window.__TAURI__` or untyped values.

/** Mirrors metodist_core::ProgrammeSummary. */
export interface ProgrammeSummary {
  id: number;
  title: string;
  period: { start: string; end: string };
  status: "draft" | "approved";
  updated_at: string;
  items: number;
}

/** Mirrors metodist_app::DatabaseStatus. */
export interface DatabaseStatus {
  path: string | null;
  open: boolean;
}

/** An error as the Rust side sends it: a stable code and a Russian message. */
export class AppError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "AppError";
    this.code = code;
  }
}

interface TauriGlobal {
  core: {
    invoke<T>(command: string, args?: Record<string, unknown>): Promise<T>;
  };
}

declare global {
  interface Window {
    __TAURI__?: TauriGlobal;
  }
}

function toAppError(raw: unknown): AppError {
  if (typeof raw === "object" && raw !== null) {
    const { code, message } = raw as { code?: unknown; message?: unknown };
    if (typeof code === "string" && typeof message === "string") {
      return new AppError(code, message);
    }
  }
  // Tauri itself rejects with a bare string when a command is unknown or not
  // allowed by a capability; that is a bug in the app, not the user's doing.
  console.error("Unexpected error from the app:", raw);
  return new AppError(
    "unexpected",
    "Непредвиденная ошибка приложения. Перезапустите «Методист»; если ошибка повторится, сообщите разработчикам.",
  );
}

async function invoke<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  const tauri = window.__TAURI__;
  if (tauri === undefined) {
    throw new AppError(
      "no_backend",
      "Интерфейс открыт вне приложения «Методист»: данные недоступны.",
    );
  }
  try {
    return await tauri.core.invoke<T>(command, args);
  } catch (raw) {
    throw toAppError(raw);
  }
}

export function listProgrammes(): Promise<ProgrammeSummary[]> {
  return invoke<ProgrammeSummary[]>("list_programmes");
}

export function databaseStatus(): Promise<DatabaseStatus> {
  return invoke<DatabaseStatus>("database_status");
}

// ---- Editor, tracking, printing (src-tauri/src/editor.rs) ----
// Tauri passes arguments by name, converting Rust's snake_case parameter
// names to camelCase (file_name → fileName).

import type {
  Applied,
  BackupInfo,
  Restored,
  DueEntry,
  Edit,
  Evaluation,
  InstalledFont,
  IsoDate,
  LayoutProfile,
  MonthScreen,
  Period,
  PreviewPages,
  PrintMode,
  Printed,
  Problem,
  ProfileProblem,
  Programme,
  ScheduleView,
  TemplateSummary,
  Today,
  UndoState,
  YearMonth,
} from "./model.js";

export function loadProgramme(id: number): Promise<Programme> {
  return invoke<Programme>("load_programme", { id });
}

/** Stores one edit (one transaction); rejects with code "edit_invalid" and the problems named. */
export function applyEdit(id: number, edit: Edit): Promise<Applied> {
  return invoke<Applied>("apply_edit", { id, edit });
}

export function undo(id: number): Promise<UndoState> {
  return invoke<UndoState>("undo", { id });
}

export function redo(id: number): Promise<UndoState> {
  return invoke<UndoState>("redo", { id });
}

export function undoState(id: number): Promise<UndoState> {
  return invoke<UndoState>("undo_state", { id });
}

export function itemSchedules(id: number): Promise<ScheduleView[]> {
  return invoke<ScheduleView[]>("item_schedules", { id });
}

/** How `phrase` reads against `period`, for the hint while typing a deadline. */
export function describeDeadline(period: Period, phrase: string): Promise<ScheduleView> {
  return invoke<ScheduleView>("describe_deadline", { period, phrase });
}

/** What must be filled in before printing a final version. */
export function readiness(id: number): Promise<Problem[]> {
  return invoke<Problem[]>("readiness", { id });
}

export function listTemplates(): Promise<TemplateSummary[]> {
  return invoke<TemplateSummary[]>("list_templates");
}

/** Creates a draft programme from a template; resolves to its id. */
export function createFromTemplate(key: string): Promise<number> {
  return invoke<number>("create_from_template", { key });
}

export function saveAsTemplate(id: number, name: string): Promise<string> {
  return invoke<string>("save_as_template", { id, name });
}

export function deleteTemplate(key: string): Promise<void> {
  return invoke<void>("delete_template", { key });
}

export function duplicateProgramme(id: number): Promise<number> {
  return invoke<number>("duplicate_programme", { id });
}

/** Moves a programme to the deleted ones (restorable for 30 days). */
export function deleteProgramme(id: number): Promise<void> {
  return invoke<void>("delete_programme", { id });
}

export function restoreProgramme(id: number): Promise<void> {
  return invoke<void>("restore_programme", { id });
}

export function listDeleted(): Promise<ProgrammeSummary[]> {
  return invoke<ProgrammeSummary[]>("list_deleted");
}

/** Opens the system file dialog and imports the chosen file; null if cancelled. */
export function importProgramme(): Promise<number | null> {
  return invoke<number | null>("import_programme");
}

/** Opens the system save dialog and writes the exchange file; the path, or null if cancelled. */
export function exportProgramme(id: number): Promise<string | null> {
  return invoke<string | null>("export_programme", { id });
}

export function layoutProfiles(): Promise<LayoutProfile[]> {
  return invoke<LayoutProfile[]>("layout_profiles");
}

export function saveLayoutProfile(profile: LayoutProfile): Promise<void> {
  return invoke<void>("save_layout_profile", { profile });
}

/** Every value of the profile that cannot be used, by field; empty when it can be saved. */
export function checkLayoutProfile(profile: LayoutProfile): Promise<ProfileProblem[]> {
  return invoke<ProfileProblem[]>("check_layout_profile", { profile });
}

export function renameLayoutProfile(from: string, to: string): Promise<void> {
  return invoke<void>("rename_layout_profile", { from, to });
}

export function deleteLayoutProfile(name: string): Promise<void> {
  return invoke<void>("delete_layout_profile", { name });
}

/** Font families installed on the computer that can set Russian text. */
export function installedFonts(refresh: boolean): Promise<InstalledFont[]> {
  return invoke<InstalledFont[]>("installed_fonts", { refresh });
}

/** Save dialog, PDF written, opened in the system viewer; null if cancelled. */
export function printProgramme(id: number, mode: PrintMode, profile: string): Promise<Printed | null> {
  return invoke<Printed | null>("print_programme", { id, mode, profile });
}

/** Pages `first .. first + count` of the print preview at `dpi`. */
export function previewPages(
  id: number,
  mode: PrintMode,
  profile: string,
  dpi: number,
  first: number,
  count: number,
): Promise<PreviewPages> {
  return invoke<PreviewPages>("preview_pages", { id, mode, profile, dpi, first, count });
}

export function dueEntries(id: number): Promise<DueEntry[]> {
  return invoke<DueEntry[]>("due_entries", { id });
}

/** The Today screen as of `today` (the computer's date when omitted). */
export function todayView(id: number, today?: IsoDate): Promise<Today> {
  return invoke<Today>("today_view", { id, today: today ?? null });
}

export function monthView(id: number, month: YearMonth): Promise<MonthScreen> {
  return invoke<MonthScreen>("month_view", { id, month });
}

export function evaluation(id: number, from: IsoDate, to: IsoDate): Promise<Evaluation> {
  return invoke<Evaluation>("evaluation", { id, from, to });
}

// ---- Backups and choosing the database (src-tauri/src/backups.rs) ----
// These work while the database cannot be opened, so a damaged database
// has a way forward.

/** Copies of the database, newest first; works when it cannot be opened. */
export function listBackups(): Promise<BackupInfo[]> {
  return invoke<BackupInfo[]>("list_backups");
}

/** Makes a copy of the database now. */
export function createBackup(): Promise<BackupInfo> {
  return invoke<BackupInfo>("create_backup");
}

/** Restores a listed backup by file name; says what was kept of the replaced state. */
export function restoreBackup(fileName: string): Promise<Restored> {
  return invoke<Restored>("restore_backup", { fileName });
}

/** Opens another database file chosen in the system dialog; null when cancelled. */
export function openDatabase(): Promise<string | null> {
  return invoke<string | null>("open_database");
}

/** Creates a new empty database where the user says; null when cancelled. */
export function createDatabase(): Promise<string | null> {
  return invoke<string | null>("create_database");
}

// ---- Tracking screens (src-tauri/src/tracking.rs) ----

/** The date the tracking screens count from ("YYYY-MM-DD"). */
export function trackingToday(): Promise<IsoDate> {
  return invoke<IsoDate>("tracking_today");
}

/** Save dialog, the progress report PDF for `from ..= to` written and opened; null if cancelled. */
export function printReport(id: number, from: IsoDate, to: IsoDate, profile: string): Promise<Printed | null> {
  return invoke<Printed | null>("print_report", { id, from, to, profile });
}
