// The programme and everything the Rust side sends or accepts, mirrored
// from the core's serde types (crates/core/src/model.rs, store/edit.rs,
// tracking.rs, effectiveness.rs; src-tauri/src/editor.rs). Field names and
// enum strings must match those files exactly.

export type YearMonth = string; // "YYYY-MM"
export type IsoDate = string; // "YYYY-MM-DD"

export interface Period {
  start: YearMonth;
  end: YearMonth;
}

export type ProgrammeStatus = "draft" | "approved";
export type ActKind = "decree" | "order" | "directive";
export type MarkStyle = "appendix" | "approved" | "both";
export type PassportKey =
  | "name"
  | "basis"
  | "customer"
  | "developers"
  | "executors"
  | "curator"
  | "subprogrammes"
  | "goal"
  | "tasks"
  | "indicators"
  | "terms"
  | "funding"
  | "results"
  | "mechanism"
  | "control"
  | "custom";
export type Direction = "increase" | "decrease";
export type TrackStatus = "planned" | "done" | "done_late" | "not_done" | "moved";

export interface ApprovingAct {
  kind: ActKind;
  issuer: string[];
  date: IsoDate | null;
  number: string | null;
  place: string;
  title: string;
  preamble: string;
  formula: string;
  points: string[];
  signatory_position: string;
  signatory_name: string;
  executor: string | null;
}

export interface AppendixMark {
  style: MarkStyle;
  number: string;
  issuer_genitive: string;
}

export type TextBlock =
  | { type: "paragraph"; text: string }
  | { type: "numbered"; items: string[] }
  | { type: "bulleted"; items: string[] };

export type RichText = TextBlock[];

export interface PassportRow {
  uid: string;
  key: PassportKey;
  label: string;
  content: RichText;
}

export interface Task {
  uid: string;
  text: string;
}

export interface Risk {
  stage: string;
  risk: string;
  mitigation: string;
}

export type SectionBlock =
  | { type: "paragraph"; text: string }
  | { type: "numbered"; items: string[] }
  | { type: "bulleted"; items: string[] }
  | { type: "table"; columns: string[]; rows: string[][] }
  | { type: "risks"; by_stage: boolean; rows: Risk[] }
  | {
      type: "swot";
      strengths: string[];
      weaknesses: string[];
      opportunities: string[];
      threats: string[];
    }
  | { type: "indicators" }
  | { type: "roadmap" };

export interface Section {
  uid: string;
  title: string;
  body: SectionBlock[];
}

export interface YearValue {
  year: number;
  plan: number | null;
  fact: number | null;
}

export interface Indicator {
  uid: string;
  name: string;
  unit: string;
  direction: Direction;
  base_value: number | null;
  base_year: number | null;
  task: string | null;
  values: YearValue[];
}

export interface ManualSchedule {
  due: IsoDate[];
  active: YearMonth[];
}

export interface YearText {
  year: number;
  text: string;
}

export interface TrackingRecord {
  due: IsoDate;
  status: TrackStatus;
  done_on: IsoDate | null;
  moved_to: IsoDate | null;
  comment: string;
  evidence: string;
}

export interface Item {
  uid: string;
  activity: string;
  deadline: string;
  manual_schedule: ManualSchedule | null;
  responsible: string;
  expected_result: string;
  planned_value: string;
  per_year: YearText[];
  tracking: TrackingRecord[];
}

export interface Block {
  uid: string;
  title: string;
  items: Item[];
}

export interface Roadmap {
  year_columns: number[];
  blocks: Block[];
}

export interface Programme {
  uid: string;
  title: string;
  status: ProgrammeStatus;
  period: Period;
  act: ApprovingAct | null;
  appendix: AppendixMark;
  passport: PassportRow[];
  tasks: Task[];
  sections: Section[];
  indicators: Indicator[];
  roadmap: Roadmap;
}

/** The typed fields of an item (crates/core/src/store/edit.rs ItemInput). */
export interface ItemInput {
  activity: string;
  deadline: string;
  responsible: string;
  expected_result: string;
  planned_value: string;
  per_year: YearText[];
}

export type ListKind = "passport" | "tasks" | "sections" | "indicators" | "blocks" | "items";

/**
 * One change to a programme (crates/core/src/store/edit.rs `Edit`). `put_*`
 * inserts when `uid` is empty or unknown (at `at`, else at the end) and
 * updates in place otherwise. Each edit is one transaction; the whole
 * programme is validated and the edit refused (code "edit_invalid") if it
 * would become invalid.
 */
export type Edit =
  | { op: "set_title"; title: string }
  | { op: "set_status"; status: ProgrammeStatus }
  | { op: "set_period"; period: Period }
  | { op: "set_act"; act: ApprovingAct | null }
  | { op: "set_appendix"; appendix: AppendixMark }
  | { op: "set_year_columns"; years: number[] }
  | { op: "put_passport_row"; at?: number | null; row: PassportRow }
  | { op: "put_task"; at?: number | null; task: Task }
  | { op: "put_section"; at?: number | null; section: Section }
  | { op: "put_indicator"; at?: number | null; indicator: Indicator }
  | { op: "put_block"; at?: number | null; uid?: string; title: string }
  | { op: "put_item"; block: string; at?: number | null; uid?: string; item: ItemInput }
  | { op: "move"; list: ListKind; uid: string; to: number; block?: string | null }
  | { op: "delete"; list: ListKind; uid: string }
  | { op: "set_manual_schedule"; item: string; schedule: ManualSchedule | null }
  | { op: "set_tracking"; item: string; record: TrackingRecord }
  | { op: "clear_tracking"; item: string; due: IsoDate }
  | { op: "set_fact"; indicator: string; year: number; fact: number | null };

export interface UndoState {
  /** What undo would undo («название программы»), or null. */
  can_undo: string | null;
  can_redo: string | null;
}

export interface Applied {
  uid: string | null;
  undo: UndoState;
}

export type ScheduleKind = "once" | "recurring" | "continuous" | "on_request" | "unknown";

/** An item's schedule as src-tauri/src/editor.rs ScheduleView sends it. */
export interface ScheduleView {
  item: string;
  number: string;
  recognized: boolean;
  kind: ScheduleKind;
  due: IsoDate[];
  active: YearMonth[];
  outside_period: boolean;
  manual: boolean;
  /** «ежегодно: сентябрь 2025, 2026, 2027» */
  description: string;
}

/** A problem with its place, e.g. path "passport[7]" (crates/core/src/error.rs). */
export interface Problem {
  path: string;
  message: string;
}

export interface TemplateSummary {
  key: string;
  name: string;
  builtin: boolean;
}

export type HeaderRepeat = "header" | "column_numbers" | "none";

export type FontChoice =
  | { kind: "bundled" }
  | { kind: "installed"; family: string }
  | {
      kind: "files";
      regular: string;
      bold?: string | null;
      italic?: string | null;
      bold_italic?: string | null;
    };

/** crates/print/src/profile.rs LayoutProfile. */
export interface LayoutProfile {
  name: string;
  font: FontChoice;
  page_width_mm: number;
  page_height_mm: number;
  margin_left_mm: number;
  margin_right_mm: number;
  margin_top_mm: number;
  margin_bottom_mm: number;
  body_size: number;
  table_size: number;
  page_number_size: number;
  line_spacing: number;
  table_line_spacing: number;
  first_line_indent_mm: number;
  paragraph_space_pt: number;
  cell_padding_mm: number;
  border_width_pt: number;
  table_header_repeat: HeaderRepeat;
  table_continuation_label: boolean;
  hyphenate: boolean;
  mark_width_mm: number;
}

/** crates/print/src/profile.rs ProfileProblem: a value out of range, by field. */
export interface ProfileProblem {
  field: keyof LayoutProfile;
  message: string;
}

/** src-tauri/src/printing.rs InstalledFont: a family and the styles it has. */
export interface InstalledFont {
  name: string;
  serif: boolean | null;
  regular: boolean;
  bold: boolean;
  italic: boolean;
  bold_italic: boolean;
}

export type PrintMode = "whole_act" | "appendix_only";

export interface Printed {
  path: string;
  pages: number;
  warnings: string[];
}

export interface PreviewImage {
  index: number;
  width_px: number;
  height_px: number;
  /** A data:image/png URL. */
  src: string;
}

export interface PreviewPages {
  page_count: number;
  pages: PreviewImage[];
  warnings: string[];
}

/** One due date of one item (crates/core/src/tracking.rs DueEntry). */
/** An item under way in a month that holds none of its due dates (core `tracking::UnderWay`). */
export interface UnderWay {
  number: string;
  item: string;
  block_number: string;
  block_title: string;
  activity: string;
  deadline: string;
  responsible: string;
  next_due: IsoDate | null;
}

/** The «Месяц» screen: the month's due dates and the items under way without one. */
export interface MonthScreen {
  due: DueEntry[];
  under_way: UnderWay[];
}

/** Why tracking cannot follow an item (core `tracking::UntrackedReason`). */
export type UntrackedReason = "missing" | "unrecognized" | "outside_period" | "none_in_period";

/** A roadmap item whose deadline gives no date in the programme's period. */
export interface Untracked {
  number: string;
  item: string;
  activity: string;
  deadline: string;
  reason: UntrackedReason;
}

export interface DueEntry {
  number: string;
  item: string;
  block_number: string;
  block_title: string;
  activity: string;
  deadline: string;
  responsible: string;
  due: IsoDate;
  status: TrackStatus;
  done_on: IsoDate | null;
  moved_to: IsoDate | null;
  comment: string;
  evidence: string;
}

export interface BlockCounts {
  number: string;
  title: string;
  overdue: number;
  this_month: number;
  next_30_days: number;
  done: number;
  total: number;
}

export interface Today {
  today: IsoDate;
  overdue: DueEntry[];
  this_month: DueEntry[];
  next_30_days: DueEntry[];
  blocks: BlockCounts[];
  /** Items whose deadline gives no date in the period. */
  untracked: Untracked[];
}

export type Rating = "high" | "medium" | "satisfactory" | "unsatisfactory";

export interface IndicatorScore {
  indicator: string;
  name: string;
  unit: string;
  year: number;
  plan: number | null;
  fact: number | null;
  degree: number | null;
}

export interface Evaluation {
  from: IsoDate;
  to: IsoDate;
  indicators: IndicatorScore[];
  goals: number | null;
  items_done: number;
  items_due: number;
  activities: number | null;
  overall: number | null;
  rating: Rating | null;
}

/** Mirrors metodist_core::store::BackupKind. */
export type BackupKind = "daily" | "manual" | "before_restore" | "other";

export interface BackupInfo {
  path: string;
  file_name: string;
  created: string;
  size: number;
  kind: BackupKind;
}

/** Mirrors metodist_core::store::Restored: what a restore kept of the state it replaced. */
export type Restored =
  | { kept: "safety_copy"; path: string; file_name: string }
  | { kept: "damaged_set_aside"; path: string; file_name: string }
  | { kept: "nothing" };
