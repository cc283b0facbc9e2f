// Generated from the Rust types by crates/api (typescript.rs); do not edit.
// Regenerate with: cargo test -p metodist-api --test typescript
import { invoke } from "../invoke.js";
import type { ActKind } from "./ActKind.js";
import type { AmendmentDraft } from "./AmendmentDraft.js";
import type { AmendmentOptions } from "./AmendmentOptions.js";
import type { Applied } from "./Applied.js";
import type { BackupInfo } from "./BackupInfo.js";
import type { BackupProblem } from "./BackupProblem.js";
import type { DatabaseStatus } from "./DatabaseStatus.js";
import type { DerivedRow } from "./DerivedRow.js";
import type { DueEntry } from "./DueEntry.js";
import type { Edit } from "./Edit.js";
import type { EditionRef } from "./EditionRef.js";
import type { EditionSummary } from "./EditionSummary.js";
import type { EditionsView } from "./EditionsView.js";
import type { Evaluation } from "./Evaluation.js";
import type { Found } from "./Found.js";
import type { ImportReview } from "./ImportReview.js";
import type { ImportStep } from "./ImportStep.js";
import type { InstalledFont } from "./InstalledFont.js";
import type { LayoutProfile } from "./LayoutProfile.js";
import type { MonthScreen } from "./MonthScreen.js";
import type { Period } from "./Period.js";
import type { PreviewPages } from "./PreviewPages.js";
import type { PrintMode } from "./PrintMode.js";
import type { Printed } from "./Printed.js";
import type { Problem } from "./Problem.js";
import type { ProfileProblem } from "./ProfileProblem.js";
import type { Programme } from "./Programme.js";
import type { ProgrammeDiff } from "./ProgrammeDiff.js";
import type { ProgrammeSummary } from "./ProgrammeSummary.js";
import type { Query } from "./Query.js";
import type { ReplaceTarget } from "./ReplaceTarget.js";
import type { Replaced } from "./Replaced.js";
import type { Restored } from "./Restored.js";
import type { SavedDocx } from "./SavedDocx.js";
import type { SavedSpreadsheet } from "./SavedSpreadsheet.js";
import type { ScheduleView } from "./ScheduleView.js";
import type { TemplateSummary } from "./TemplateSummary.js";
import type { TodayScreen } from "./TodayScreen.js";
import type { UndoState } from "./UndoState.js";
import type { YearMonth } from "./YearMonth.js";

export function listProgrammes(): Promise<Array<ProgrammeSummary>> {
  return invoke<Array<ProgrammeSummary>>("list_programmes");
}

export function listDeleted(): Promise<Array<ProgrammeSummary>> {
  return invoke<Array<ProgrammeSummary>>("list_deleted");
}

export function duplicateProgramme(id: number): Promise<number> {
  return invoke<number>("duplicate_programme", { id });
}

export function deleteProgramme(id: number): Promise<void> {
  return invoke<void>("delete_programme", { id });
}

export function restoreProgramme(id: number): Promise<void> {
  return invoke<void>("restore_programme", { id });
}

export function listTemplates(): Promise<Array<TemplateSummary>> {
  return invoke<Array<TemplateSummary>>("list_templates");
}

export function createFromTemplate(key: string): Promise<number> {
  return invoke<number>("create_from_template", { key });
}

export function saveAsTemplate(id: number, name: string): Promise<string> {
  return invoke<string>("save_as_template", { id, name });
}

export function deleteTemplate(key: string): Promise<void> {
  return invoke<void>("delete_template", { key });
}

export function exportProgramme(id: number): Promise<string | null> {
  return invoke<string | null>("export_programme", { id });
}

export function chooseImportFile(): Promise<string | null> {
  return invoke<string | null>("choose_import_file");
}

export function previewImport(path: string): Promise<ImportReview> {
  return invoke<ImportReview>("preview_import", { path });
}

export function commitImport(path: string, fingerprint: string): Promise<number> {
  return invoke<number>("commit_import", { path, fingerprint });
}

export function openImport(path: string): Promise<ImportStep> {
  return invoke<ImportStep>("open_import", { path });
}

export function loadProgramme(id: number): Promise<Programme> {
  return invoke<Programme>("load_programme", { id });
}

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

export function itemSchedules(id: number): Promise<Array<ScheduleView>> {
  return invoke<Array<ScheduleView>>("item_schedules", { id });
}

export function describeDeadline(period: Period, phrase: string): Promise<ScheduleView> {
  return invoke<ScheduleView>("describe_deadline", { period, phrase });
}

export function readiness(id: number): Promise<Array<Problem>> {
  return invoke<Array<Problem>>("readiness", { id });
}

export function derivedPassport(id: number): Promise<Array<DerivedRow>> {
  return invoke<Array<DerivedRow>>("derived_passport", { id });
}

export function findText(id: number, query: Query): Promise<Found> {
  return invoke<Found>("find_text", { id, query });
}

export function replaceText(id: number, from: string, to: string, target: ReplaceTarget): Promise<Replaced> {
  return invoke<Replaced>("replace_text", { id, from, to, target });
}

export function approveProgramme(id: number, date: string, number: string, kind: ActKind | null): Promise<EditionSummary> {
  return invoke<EditionSummary>("approve_programme", { id, date, number, kind });
}

export function withdrawEdition(id: number): Promise<EditionSummary> {
  return invoke<EditionSummary>("withdraw_edition", { id });
}

export function listEditions(id: number): Promise<EditionsView> {
  return invoke<EditionsView>("list_editions", { id });
}

export function getEdition(id: number, seq: number): Promise<Programme> {
  return invoke<Programme>("get_edition", { id, seq });
}

export function printEdition(id: number, seq: number, mode: PrintMode, profile: string): Promise<Printed | null> {
  return invoke<Printed | null>("print_edition", { id, seq, mode, profile });
}

export function saveEditionDocx(id: number, seq: number, mode: PrintMode, profile: string): Promise<SavedDocx | null> {
  return invoke<SavedDocx | null>("save_edition_docx", { id, seq, mode, profile });
}

export function compareEditions(id: number, from: EditionRef | null, to: EditionRef | null): Promise<ProgrammeDiff> {
  return invoke<ProgrammeDiff>("compare_editions", { id, from, to });
}

export function printComparison(id: number, from: EditionRef | null, to: EditionRef | null, profile: string): Promise<Printed | null> {
  return invoke<Printed | null>("print_comparison", { id, from, to, profile });
}

export function saveComparisonDocx(id: number, from: EditionRef | null, to: EditionRef | null, profile: string): Promise<SavedDocx | null> {
  return invoke<SavedDocx | null>("save_comparison_docx", { id, from, to, profile });
}

export function draftAmendment(id: number, options: AmendmentOptions): Promise<AmendmentDraft> {
  return invoke<AmendmentDraft>("draft_amendment", { id, options });
}

export function printAmendment(id: number, options: AmendmentOptions, draft: AmendmentDraft | null, profile: string): Promise<Printed | null> {
  return invoke<Printed | null>("print_amendment", { id, options, draft, profile });
}

export function saveAmendmentDocx(id: number, options: AmendmentOptions, draft: AmendmentDraft | null, profile: string): Promise<SavedDocx | null> {
  return invoke<SavedDocx | null>("save_amendment_docx", { id, options, draft, profile });
}

export function layoutProfiles(): Promise<Array<LayoutProfile>> {
  return invoke<Array<LayoutProfile>>("layout_profiles");
}

export function saveLayoutProfile(profile: LayoutProfile): Promise<void> {
  return invoke<void>("save_layout_profile", { profile });
}

export function checkLayoutProfile(profile: LayoutProfile): Promise<Array<ProfileProblem>> {
  return invoke<Array<ProfileProblem>>("check_layout_profile", { profile });
}

export function renameLayoutProfile(from: string, to: string): Promise<void> {
  return invoke<void>("rename_layout_profile", { from, to });
}

export function deleteLayoutProfile(name: string): Promise<void> {
  return invoke<void>("delete_layout_profile", { name });
}

export function installedFonts(refresh: boolean): Promise<Array<InstalledFont>> {
  return invoke<Array<InstalledFont>>("installed_fonts", { refresh });
}

export function printProgramme(id: number, mode: PrintMode, profile: string): Promise<Printed | null> {
  return invoke<Printed | null>("print_programme", { id, mode, profile });
}

export function saveDocx(id: number, mode: PrintMode, profile: string): Promise<SavedDocx | null> {
  return invoke<SavedDocx | null>("save_docx", { id, mode, profile });
}

export function previewPages(id: number, mode: PrintMode, profile: string, dpi: number, first: number, count: number, edition: number | null): Promise<PreviewPages> {
  return invoke<PreviewPages>("preview_pages", { id, mode, profile, dpi, first, count, edition });
}

export function trackingToday(): Promise<string> {
  return invoke<string>("tracking_today");
}

export function dueEntries(id: number): Promise<Array<DueEntry>> {
  return invoke<Array<DueEntry>>("due_entries", { id });
}

export function todayView(id: number, today: string | null): Promise<TodayScreen> {
  return invoke<TodayScreen>("today_view", { id, today });
}

export function monthView(id: number, month: YearMonth): Promise<MonthScreen> {
  return invoke<MonthScreen>("month_view", { id, month });
}

export function evaluation(id: number, from: string, to: string): Promise<Evaluation> {
  return invoke<Evaluation>("evaluation", { id, from, to });
}

export function printReport(id: number, from: string, to: string, profile: string): Promise<Printed | null> {
  return invoke<Printed | null>("print_report", { id, from, to, profile });
}

export function saveExecutionXlsx(id: number): Promise<SavedSpreadsheet | null> {
  return invoke<SavedSpreadsheet | null>("save_execution_xlsx", { id });
}

export function databaseStatus(): Promise<DatabaseStatus> {
  return invoke<DatabaseStatus>("database_status");
}

export function listBackups(): Promise<Array<BackupInfo>> {
  return invoke<Array<BackupInfo>>("list_backups");
}

export function createBackup(): Promise<BackupInfo> {
  return invoke<BackupInfo>("create_backup");
}

export function backupProblem(): Promise<BackupProblem | null> {
  return invoke<BackupProblem | null>("backup_problem");
}

export function restoreBackup(fileName: string): Promise<Restored> {
  return invoke<Restored>("restore_backup", { fileName });
}

export function openDatabase(): Promise<string | null> {
  return invoke<string | null>("open_database");
}

export function createDatabase(): Promise<string | null> {
  return invoke<string | null>("create_database");
}
