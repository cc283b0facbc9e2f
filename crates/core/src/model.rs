//! The programme as the user thinks of it (docs/design.md §2). These types are
//! both the in-memory model and, through serde, the body of the exchange
//! file; storage maps them onto tables.
//!
//! Numbers users see (block 2, item 2.3, section III) are never stored: they
//! are derived from the order of the vectors, so they cannot be mis-typed.

use chrono::NaiveDate;
use metodist_schedule::{Period, YearMonth};
use serde::{Deserialize, Serialize};

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// Stable identifier of the programme across export and import.
    pub uid: String,
    /// The full title as printed, e.g. «Программа поддержки школ ...».
    pub title: String,
    pub status: ProgrammeStatus,
    pub period: Period,
    /// The act that approves the programme; absent while it is a bare draft.
    #[serde(default)]
    pub act: Option<ApprovingAct>,
    #[serde(default)]
    pub appendix: AppendixMark,
    #[serde(default)]
    pub passport: Vec<PassportRow>,
    /// The programme's tasks (задачи), numbered by order; indicators may
    /// refer to them.
    #[serde(default)]
    pub tasks: Vec<Task>,
    #[serde(default)]
    pub sections: Vec<Section>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    #[serde(default)]
    pub roadmap: Roadmap,
    /// How the document is shaped when printed: headings, numbering,
    /// roadmap columns (format version 2; the defaults are the look of
    /// version 1).
    #[serde(default)]
    pub layout: DocumentLayout,
}

#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgrammeStatus {
    Draft,
    Approved,
}

impl ProgrammeStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Approved => "approved",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(Self::Draft),
            "approved" => Some(Self::Approved),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "проект",
            Self::Approved => "утверждена",
        }
    }
}

#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActKind {
    /// постановление
    Decree,
    /// приказ
    Order,
    /// распоряжение
    Directive,
}

impl ActKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Decree => "decree",
            Self::Order => "order",
            Self::Directive => "directive",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "decree" => Some(Self::Decree),
            "order" => Some(Self::Order),
            "directive" => Some(Self::Directive),
            _ => None,
        }
    }

    /// The word as printed in the heading of the act.
    pub fn heading(self) -> &'static str {
        match self {
            Self::Decree => "ПОСТАНОВЛЕНИЕ",
            Self::Order => "ПРИКАЗ",
            Self::Directive => "РАСПОРЯЖЕНИЕ",
        }
    }

    /// "к постановлению" in an appendix mark.
    pub fn dative(self) -> &'static str {
        match self {
            Self::Decree => "постановлению",
            Self::Order => "приказу",
            Self::Directive => "распоряжению",
        }
    }

    /// "УТВЕРЖДЕНА постановлением".
    pub fn instrumental(self) -> &'static str {
        match self {
            Self::Decree => "постановлением",
            Self::Order => "приказом",
            Self::Directive => "распоряжением",
        }
    }

    /// The formula before the points of an act of this kind, as the
    /// common templates write it; a directive has none.
    pub fn formula(self) -> &'static str {
        match self {
            Self::Decree => "ПОСТАНОВЛЯЕТ:",
            Self::Order => "ПРИКАЗЫВАЮ:",
            Self::Directive => "",
        }
    }
}

/// The approving act (постановление / приказ / распоряжение).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApprovingAct {
    pub kind: ActKind,
    /// Heading lines above the kind of act, top to bottom, as printed
    /// (e.g. «РОССИЙСКАЯ ФЕДЕРАЦИЯ», «АДМИНИСТРАЦИЯ УРИЦКОГО РАЙОНА»).
    #[serde(default)]
    pub issuer: Vec<String>,
    /// Empty until the act is signed: it then prints as blanks.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub place: String,
    /// «Об утверждении муниципальной программы ...».
    pub title: String,
    #[serde(default)]
    pub preamble: String,
    /// «ПОСТАНОВЛЯЕТ:» or «приказываю:».
    #[serde(default)]
    pub formula: String,
    #[serde(default)]
    pub points: Vec<String>,
    #[serde(default)]
    pub signatory_position: String,
    #[serde(default)]
    pub signatory_name: String,
    /// «Исп. Иванова И. И., 8 (486) 123-45-67» at the foot of the last page.
    #[serde(default)]
    pub executor: Option<String>,
    /// Where kind, number and date stand in the heading (version 2).
    #[serde(default)]
    pub heading: ActHeading,
    /// Whether the issuer lines print in capitals whatever was typed
    /// (version 1 always did); `false` prints them as typed.
    #[serde(default = "yes")]
    pub issuer_caps: bool,
    /// How the act's date is written, here and in the appendix mark.
    #[serde(default)]
    pub date_format: DateFormat,
}

/// The layout of an act's heading (docs/design.md §3.1).
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActHeading {
    /// Issuer lines, the kind of act, «от DATE» and «№ N» on one line, place.
    #[default]
    Usual,
    /// An institution's order: «ПРИКАЗ № N», then the issuer lines
    /// («по МБОУ …»), then «от DATE», then the place.
    Institution,
}

impl ActHeading {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Usual => "usual",
            Self::Institution => "institution",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "usual" => Some(Self::Usual),
            "institution" => Some(Self::Institution),
            _ => None,
        }
    }
}

/// How a date is written: «01.09.2024», «01.09.2024г.», «01.09.2024 г.»,
/// «1 сентября 2024 г.».
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateFormat {
    #[default]
    Numeric,
    /// «01.09.2024г.», the «г.» written close.
    NumericG,
    /// «01.09.2024 г.»
    NumericSpaceG,
    /// «1 сентября 2024 г.»
    Words,
}

impl DateFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Numeric => "numeric",
            Self::NumericG => "numeric_g",
            Self::NumericSpaceG => "numeric_space_g",
            Self::Words => "words",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "numeric" => Some(Self::Numeric),
            "numeric_g" => Some(Self::NumericG),
            "numeric_space_g" => Some(Self::NumericSpaceG),
            "words" => Some(Self::Words),
            _ => None,
        }
    }

    /// The date written this way (keeping it on one line is the
    /// typesetter's no-break rule, not a special space).
    pub fn format(self, d: NaiveDate) -> String {
        match self {
            Self::Numeric => crate::text::date_ru(d),
            Self::NumericG => format!("{}г.", crate::text::date_ru(d)),
            Self::NumericSpaceG => format!("{} г.", crate::text::date_ru(d)),
            Self::Words => {
                use chrono::Datelike;
                format!(
                    "{} {} {} г.",
                    d.day(),
                    metodist_schedule::MONTH_NAMES[d.month0() as usize].genitive,
                    d.year()
                )
            }
        }
    }
}

#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkStyle {
    /// «Приложение № N к постановлению ... от ... № ...»
    #[default]
    Appendix,
    /// «УТВЕРЖДЕНА постановлением ... от ... № ...»
    Approved,
    /// Both, the appendix line first.
    Both,
    /// No mark at all (version 2).
    None,
}

impl MarkStyle {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Appendix => "appendix",
            Self::Approved => "approved",
            Self::Both => "both",
            Self::None => "none",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "appendix" => Some(Self::Appendix),
            "approved" => Some(Self::Approved),
            "both" => Some(Self::Both),
            "none" => Some(Self::None),
            _ => None,
        }
    }
}

/// The mark at the top right of the appendix. Date and number come from the
/// act, so they can never disagree with it.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppendixMark {
    #[serde(default)]
    pub style: MarkStyle,
    /// "1" prints «Приложение № 1»; empty prints «Приложение».
    #[serde(default)]
    pub number: String,
    /// The body whose act it is, in the genitive: «администрации Урицкого района».
    #[serde(default)]
    pub issuer_genitive: String,
    /// What the act approves, for the participle of «УТВЕРЖДЕНА» (version 2).
    #[serde(default)]
    pub approves: Approves,
    /// The participle as typed; empty means the one `approves` asks for.
    #[serde(default)]
    pub participle: String,
}

impl AppendixMark {
    /// «УТВЕРЖДЕНА», «УТВЕРЖДЁН», … as printed.
    pub fn participle(&self) -> String {
        match self.participle.trim() {
            "" => self.approves.participle().to_string(),
            typed => typed.to_string(),
        }
    }
}

/// What the approving act approves, by the gender and number of its noun:
/// «программа» is approved as «УТВЕРЖДЕНА», «план» «УТВЕРЖДЁН»,
/// «положение» «УТВЕРЖДЕНО», «паспорт и план» «УТВЕРЖДЕНЫ».
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Approves {
    #[default]
    Feminine,
    Masculine,
    Neuter,
    Plural,
}

impl Approves {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Feminine => "feminine",
            Self::Masculine => "masculine",
            Self::Neuter => "neuter",
            Self::Plural => "plural",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "feminine" => Some(Self::Feminine),
            "masculine" => Some(Self::Masculine),
            "neuter" => Some(Self::Neuter),
            "plural" => Some(Self::Plural),
            _ => None,
        }
    }

    pub fn participle(self) -> &'static str {
        match self {
            Self::Feminine => "УТВЕРЖДЕНА",
            Self::Masculine => "УТВЕРЖДЁН",
            Self::Neuter => "УТВЕРЖДЕНО",
            Self::Plural => "УТВЕРЖДЕНЫ",
        }
    }
}

/// Which standard passport row a row is, so that checks and documents can
/// find «Цель программы» whatever the user renamed it to.
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PassportKey {
    Name,
    Basis,
    Customer,
    Developers,
    Executors,
    Curator,
    Subprogrammes,
    Goal,
    Tasks,
    Indicators,
    Terms,
    Funding,
    Results,
    Mechanism,
    Control,
    Custom,
}

impl PassportKey {
    pub const ALL: [PassportKey; 16] = [
        Self::Name,
        Self::Basis,
        Self::Customer,
        Self::Developers,
        Self::Executors,
        Self::Curator,
        Self::Subprogrammes,
        Self::Goal,
        Self::Tasks,
        Self::Indicators,
        Self::Terms,
        Self::Funding,
        Self::Results,
        Self::Mechanism,
        Self::Control,
        Self::Custom,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Basis => "basis",
            Self::Customer => "customer",
            Self::Developers => "developers",
            Self::Executors => "executors",
            Self::Curator => "curator",
            Self::Subprogrammes => "subprogrammes",
            Self::Goal => "goal",
            Self::Tasks => "tasks",
            Self::Indicators => "indicators",
            Self::Terms => "terms",
            Self::Funding => "funding",
            Self::Results => "results",
            Self::Mechanism => "mechanism",
            Self::Control => "control",
            Self::Custom => "custom",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The label a new row of this kind starts with.
    pub fn default_label(self) -> &'static str {
        match self {
            Self::Name => "Наименование программы",
            Self::Basis => "Основания для разработки программы",
            Self::Customer => "Заказчик (ответственный исполнитель) программы",
            Self::Developers => "Основные разработчики программы",
            Self::Executors => "Исполнители и участники программы",
            Self::Curator => "Куратор программы",
            Self::Subprogrammes => "Подпрограммы",
            Self::Goal => "Цель программы",
            Self::Tasks => "Задачи программы",
            Self::Indicators => "Целевые индикаторы и показатели",
            Self::Terms => "Сроки и этапы реализации",
            Self::Funding => "Объёмы и источники финансирования",
            Self::Results => "Ожидаемые результаты реализации",
            Self::Mechanism => "Механизм реализации",
            Self::Control => "Контроль за исполнением",
            Self::Custom => "Новая строка",
        }
    }
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PassportRow {
    pub uid: String,
    pub key: PassportKey,
    /// The left column, as the user named it.
    pub label: String,
    /// The right column as she typed it. Ignored while the row is filled
    /// from the data (`passport::shown`); for the `tasks` row, an empty
    /// content also means "print the programme's tasks as a numbered list".
    #[serde(default)]
    pub content: RichText,
    /// Filled from the data (the title, the tasks, the indicators, the
    /// period) and kept in step with it, rather than typed; only for the
    /// rows `passport::derivable` names. Absent in older files: typed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub from_data: bool,
    /// Further content rows under the same label, each printed in a cell
    /// of its own with a rule above it (version 2): `content` is the
    /// first sub-row, these the rest.
    #[serde(default)]
    pub subrows: Vec<RichText>,
}

/// Block-level rich text: what a passport cell or a section paragraph holds.
pub type RichText = Vec<TextBlock>;

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum TextBlock {
    Paragraph { text: String },
    Numbered { items: Vec<String> },
    Bulleted { items: Vec<String> },
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub uid: String,
    pub text: String,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub uid: String,
    /// Without its number: «Характеристика проблемы». Its line breaks
    /// are kept in print; an empty first line puts the number on a line
    /// of its own.
    pub title: String,
    #[serde(default)]
    pub body: Vec<SectionBlock>,
    /// Printed without a number, and not counted (version 2).
    #[serde(default)]
    pub unnumbered: bool,
    /// From this section on, number in another style or from another
    /// number (version 2).
    #[serde(default)]
    pub renumber: Option<SectionNumbering>,
}

/// What a section is made of. The indicator table and the roadmap are
/// placeholders: where they stand, the document prints them; when no
/// section holds them, they follow the last section.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum SectionBlock {
    Paragraph {
        text: String,
    },
    Numbered {
        items: Vec<String>,
    },
    Bulleted {
        items: Vec<String>,
    },
    Table {
        columns: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    Risks {
        /// Whether the table has a «Этап» column.
        #[serde(default)]
        by_stage: bool,
        rows: Vec<Risk>,
    },
    Swot {
        strengths: Vec<String>,
        weaknesses: Vec<String>,
        opportunities: Vec<String>,
        threats: Vec<String>,
    },
    Indicators,
    Roadmap,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    #[serde(default)]
    pub stage: String,
    pub risk: String,
    pub mitigation: String,
}

#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher is better.
    #[default]
    Increase,
    /// Lower is better.
    Decrease,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Increase => "increase",
            Self::Decrease => "decrease",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "increase" => Some(Self::Increase),
            "decrease" => Some(Self::Decrease),
            _ => None,
        }
    }
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub uid: String,
    pub name: String,
    /// «%», «чел.», «ед.»
    #[serde(default)]
    pub unit: String,
    /// Required in version 1; in version 2 an indicator listed by name
    /// alone may leave it out (it then means «increase»).
    #[serde(default)]
    pub direction: Direction,
    #[serde(default)]
    pub base_value: Option<f64>,
    #[serde(default)]
    pub base_year: Option<i32>,
    /// The task this indicator measures, by the task's uid.
    #[serde(default)]
    pub task: Option<String>,
    /// One entry per year that has a plan or a fact, years ascending.
    #[serde(default)]
    pub values: Vec<YearValue>,
}

#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearValue {
    pub year: i32,
    #[serde(default)]
    pub plan: Option<f64>,
    #[serde(default)]
    pub fact: Option<f64>,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roadmap {
    /// Years that get a column of their own in the printed roadmap
    /// (empty: no per-year columns).
    #[serde(default)]
    pub year_columns: Vec<i32>,
    #[serde(default)]
    pub blocks: Vec<Block>,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    pub uid: String,
    pub title: String,
    #[serde(default)]
    pub items: Vec<Item>,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub uid: String,
    /// Мероприятие.
    pub activity: String,
    /// Сроки, exactly as they will be printed.
    #[serde(default)]
    pub deadline: String,
    /// The schedule set by hand; `None` means it is derived from `deadline`.
    #[serde(default)]
    pub manual_schedule: Option<ManualSchedule>,
    /// Ответственные, as printed.
    #[serde(default)]
    pub responsible: String,
    /// Ожидаемый (планируемый) результат.
    #[serde(default)]
    pub expected_result: String,
    #[serde(default)]
    pub planned_value: String,
    /// Text of the per-year columns (see `Roadmap::year_columns`).
    #[serde(default)]
    pub per_year: Vec<YearText>,
    /// One record per due date that has been tracked.
    #[serde(default)]
    pub tracking: Vec<TrackingRecord>,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManualSchedule {
    #[serde(default)]
    pub due: Vec<NaiveDate>,
    #[serde(default)]
    pub active: Vec<YearMonth>,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearText {
    pub year: i32,
    pub text: String,
}

#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrackStatus {
    /// запланировано
    Planned,
    /// выполнено
    Done,
    /// выполнено с нарушением срока
    DoneLate,
    /// не выполнено
    NotDone,
    /// перенесено (to `moved_to`)
    Moved,
}

impl TrackStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::Done => "done",
            Self::DoneLate => "done_late",
            Self::NotDone => "not_done",
            Self::Moved => "moved",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "planned" => Some(Self::Planned),
            "done" => Some(Self::Done),
            "done_late" => Some(Self::DoneLate),
            "not_done" => Some(Self::NotDone),
            "moved" => Some(Self::Moved),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Planned => "запланировано",
            Self::Done => "выполнено",
            Self::DoneLate => "выполнено с нарушением срока",
            Self::NotDone => "не выполнено",
            Self::Moved => "перенесено",
        }
    }
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackingRecord {
    /// The due date this record is about.
    pub due: NaiveDate,
    pub status: TrackStatus,
    #[serde(default)]
    pub done_on: Option<NaiveDate>,
    /// The new due date when the status is `moved`.
    #[serde(default)]
    pub moved_to: Option<NaiveDate>,
    #[serde(default)]
    pub comment: String,
    /// «приказ от 12.09.2023 № 145».
    #[serde(default)]
    pub evidence: String,
}

fn yes() -> bool {
    true
}

fn one() -> u32 {
    1
}

/// The shape of the printed document that belongs to the programme rather
/// than to its text (docs/design.md §2.7, format version 2). Every default
/// is the look of version 1.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DocumentLayout {
    /// Whether the programme's title prints above the passport.
    pub title_shown: bool,
    /// The heading above the passport; empty prints none.
    pub passport_heading: String,
    /// Whether the passport heading takes the first section number
    /// («Раздел 1. Паспорт программы»).
    pub passport_numbered: bool,
    /// The heading of the indicator table when no section holds it.
    pub indicators_heading: String,
    pub sections: SectionNumbering,
    pub roadmap: RoadmapLayout,
}

pub const DEFAULT_PASSPORT_HEADING: &str = "Паспорт программы";
pub const DEFAULT_INDICATORS_HEADING: &str = "Целевые показатели программы";
pub const DEFAULT_ROADMAP_HEADING: &str = "План мероприятий по реализации программы";
pub const DEFAULT_YEARS_HEADING: &str = "По годам реализации";

impl Default for DocumentLayout {
    fn default() -> Self {
        DocumentLayout {
            title_shown: true,
            passport_heading: DEFAULT_PASSPORT_HEADING.into(),
            passport_numbered: false,
            indicators_heading: DEFAULT_INDICATORS_HEADING.into(),
            sections: SectionNumbering::default(),
            roadmap: RoadmapLayout::default(),
        }
    }
}

impl DocumentLayout {
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

/// How section headings are numbered: «I.», «1.», «Раздел 1.» or not at all.
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionStyle {
    #[default]
    Roman,
    Arabic,
    /// «Раздел 1.»
    Razdel,
    /// «Раздел I.»
    RazdelRoman,
    None,
}

impl SectionStyle {
    /// The number as printed before the title, empty for `None`.
    pub fn format(self, n: u32) -> String {
        match self {
            Self::Roman => format!("{}.", roman(n)),
            Self::Arabic => format!("{n}."),
            Self::Razdel => format!("Раздел {n}."),
            Self::RazdelRoman => format!("Раздел {}.", roman(n)),
            Self::None => String::new(),
        }
    }
}

/// A numbering style and the number its first section gets.
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionNumbering {
    #[serde(default)]
    pub style: SectionStyle,
    #[serde(default = "one")]
    pub start: u32,
}

impl Default for SectionNumbering {
    fn default() -> Self {
        SectionNumbering {
            style: SectionStyle::Roman,
            start: 1,
        }
    }
}

/// Roman numerals for section numbers (0 prints as «0»: no Roman zero).
pub fn roman(n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if n == 0 {
        return "0".into();
    }
    let mut n = n;
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Whether the roadmap is grouped into blocks with a heading row each, or
/// a flat list numbered 1, 2, 3 … .
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoadmapShape {
    #[default]
    Blocks,
    /// No block rows; the items of all blocks count on as one list (the
    /// store keeps them in blocks all the same, so the shape can be
    /// switched back without loss).
    Flat,
}

/// How a block's heading row is numbered: «1», «1.» or not at all.
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockNumbering {
    Plain,
    #[default]
    Dot,
    None,
}

/// How an item is numbered: within its block («1.1», «1.1.»), through the
/// whole roadmap («1», «1.») or not at all.
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemNumbering {
    #[default]
    Nested,
    NestedDot,
    Flat,
    FlatDot,
    None,
}

/// A column of the printed roadmap (the per-year columns are not: they
/// follow `Roadmap::year_columns`).
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    Number,
    Activity,
    Deadline,
    Responsible,
    ExpectedResult,
    PlannedValue,
}

impl ColumnKind {
    pub const ALL: [ColumnKind; 6] = [
        Self::Number,
        Self::Activity,
        Self::Deadline,
        Self::Responsible,
        Self::ExpectedResult,
        Self::PlannedValue,
    ];

    /// The header version 1 printed.
    pub fn default_header(self) -> &'static str {
        match self {
            Self::Number => "№ п/п",
            Self::Activity => "Мероприятие",
            Self::Deadline => "Сроки",
            Self::Responsible => "Ответственные",
            Self::ExpectedResult => "Ожидаемый результат",
            Self::PlannedValue => "Плановое значение",
        }
    }

    /// The share of the width version 1 gave the column: narrow for
    /// numbers and values, wide for prose.
    pub fn default_width(self) -> f32 {
        match self {
            Self::Number => 9.0,
            Self::Activity => 35.0,
            Self::Deadline => 15.0,
            Self::Responsible => 19.0,
            Self::ExpectedResult => 22.0,
            Self::PlannedValue => 11.0,
        }
    }
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoadmapColumn {
    pub kind: ColumnKind,
    /// The header as printed; empty prints the kind's default header.
    #[serde(default)]
    pub header: String,
    /// The column's share of the table's width, against the other
    /// columns' shares; absent: the kind's default.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub width: Option<f32>,
}

impl RoadmapColumn {
    pub fn header(&self) -> &str {
        match self.header.trim() {
            "" => self.kind.default_header(),
            h => h,
        }
    }

    pub fn width(&self) -> f32 {
        self.width.unwrap_or_else(|| self.kind.default_width())
    }
}

/// The roadmap's printed shape.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RoadmapLayout {
    pub shape: RoadmapShape,
    pub blocks: BlockNumbering,
    pub items: ItemNumbering,
    /// The first block's number (or the first item's, in a flat list).
    pub start: u32,
    /// The heading above the roadmap when no section holds it; empty
    /// prints none.
    pub heading: String,
    /// The columns that print, in order. Empty: the columns of version 1
    /// (with «Плановое значение» when some item has one).
    pub columns: Vec<RoadmapColumn>,
    /// The title over the per-year columns.
    pub years_heading: String,
}

impl Default for RoadmapLayout {
    fn default() -> Self {
        RoadmapLayout {
            shape: RoadmapShape::Blocks,
            blocks: BlockNumbering::Dot,
            items: ItemNumbering::Nested,
            start: 1,
            heading: DEFAULT_ROADMAP_HEADING.into(),
            columns: Vec::new(),
            years_heading: DEFAULT_YEARS_HEADING.into(),
        }
    }
}

impl RoadmapLayout {
    /// The columns that print; `planned` says whether some item has a
    /// planned value (only the default set asks).
    pub fn effective_columns(&self, planned: bool) -> Vec<RoadmapColumn> {
        if !self.columns.is_empty() {
            return self.columns.clone();
        }
        ColumnKind::ALL
            .into_iter()
            .filter(|k| planned || *k != ColumnKind::PlannedValue)
            .map(|kind| RoadmapColumn {
                kind,
                header: String::new(),
                width: None,
            })
            .collect()
    }
}

impl Roadmap {
    /// Block `b` (0-based) as the programme counts it, without the
    /// punctuation that follows it in print: «1», «2» … from `start`;
    /// empty when block rows are not numbered or not printed.
    pub fn block_number(&self, layout: &RoadmapLayout, b: usize) -> String {
        if layout.shape == RoadmapShape::Flat || layout.blocks == BlockNumbering::None {
            return String::new();
        }
        (layout.start as usize + b).to_string()
    }

    /// The number as it prints at the head of the block's row: «1.», «1»
    /// or nothing.
    pub fn block_label(&self, layout: &RoadmapLayout, b: usize) -> String {
        let n = self.block_number(layout, b);
        match layout.blocks {
            BlockNumbering::Dot if !n.is_empty() => format!("{n}."),
            _ => n,
        }
    }

    /// Item `i` of block `b` as printed: «1.1», «1.1.», «3», «3.» or
    /// nothing. In a flat roadmap a nested style counts on through the
    /// whole list as its flat twin does.
    pub fn item_number(&self, layout: &RoadmapLayout, b: usize, i: usize) -> String {
        let before: usize = self.blocks.iter().take(b).map(|x| x.items.len()).sum();
        item_number_with(layout, b, i, before)
    }

    /// How a message names item `i` of block `b`: «пункт 1.2», or, when
    /// items print unnumbered, «мероприятие «…»».
    pub fn item_ref(&self, layout: &RoadmapLayout, b: usize, i: usize) -> String {
        let n = self.item_number(layout, b, i);
        if !n.is_empty() {
            return n.trim_end_matches('.').to_string();
        }
        let activity = self
            .blocks
            .get(b)
            .and_then(|x| x.items.get(i))
            .map(|it| it.activity.trim())
            .unwrap_or("");
        let short: String = activity.chars().take(40).collect();
        if short.chars().count() < activity.chars().count() {
            format!("«{short}…»")
        } else {
            format!("«{short}»")
        }
    }
}

/// Item `i` of block `b`'s number when `before` items stand in the
/// blocks before it (for callers that walk the roadmap without a
/// `Programme`, such as the store's list of schedules).
pub fn item_number_with(layout: &RoadmapLayout, b: usize, i: usize, before: usize) -> String {
    let start = layout.start as usize;
    let through = start + before + i;
    let flat = layout.shape == RoadmapShape::Flat;
    match layout.items {
        ItemNumbering::None => String::new(),
        ItemNumbering::Flat => through.to_string(),
        ItemNumbering::FlatDot => format!("{through}."),
        ItemNumbering::Nested if flat => through.to_string(),
        ItemNumbering::NestedDot if flat => format!("{through}."),
        ItemNumbering::Nested => format!("{}.{}", start + b, i + 1),
        ItemNumbering::NestedDot => format!("{}.{}.", start + b, i + 1),
    }
}

/// What a section heading prints before its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingNumbers {
    /// The passport heading's number (empty when it has none).
    pub passport: String,
    /// One per section, in order (empty for an unnumbered one).
    pub sections: Vec<String>,
}

impl Programme {
    /// Every item with its derived number (as the programme prints it),
    /// in printing order.
    pub fn numbered_items(&self) -> impl Iterator<Item = (String, &Block, &Item)> {
        let layout = &self.layout.roadmap;
        let mut before = 0usize;
        self.roadmap
            .blocks
            .iter()
            .enumerate()
            .flat_map(move |(b, block)| {
                let first = before;
                before += block.items.len();
                block
                    .items
                    .iter()
                    .enumerate()
                    .map(move |(i, item)| (item_number_with(layout, b, i, first), block, item))
            })
    }

    /// The numbers of the passport heading and of every section heading:
    /// one count in the programme's style from its start, which the
    /// passport takes first when it is numbered, an unnumbered section
    /// skips, and a section with `renumber` sets anew.
    pub fn heading_numbers(&self) -> HeadingNumbers {
        let mut style = self.layout.sections.style;
        let mut n = self.layout.sections.start;
        let passport = if self.layout.passport_numbered {
            n += 1;
            style.format(n - 1)
        } else {
            String::new()
        };
        let sections = self
            .sections
            .iter()
            .map(|s| {
                if let Some(r) = s.renumber {
                    style = r.style;
                    n = r.start;
                }
                if s.unnumbered {
                    return String::new();
                }
                n += 1;
                style.format(n - 1)
            })
            .collect();
        HeadingNumbers { passport, sections }
    }

    /// Block `b`'s number as the programme counts it (see
    /// `Roadmap::block_number`).
    pub fn block_number(&self, b: usize) -> String {
        self.roadmap.block_number(&self.layout.roadmap, b)
    }

    /// Block `b`'s number as it prints at the head of its row.
    pub fn block_label(&self, b: usize) -> String {
        self.roadmap.block_label(&self.layout.roadmap, b)
    }

    /// Item `i` of block `b`'s number as printed.
    pub fn item_number(&self, b: usize, i: usize) -> String {
        self.roadmap.item_number(&self.layout.roadmap, b, i)
    }

    /// How messages name an item (see `Roadmap::item_ref`).
    pub fn item_ref(&self, b: usize, i: usize) -> String {
        self.roadmap.item_ref(&self.layout.roadmap, b, i)
    }

    pub fn item_count(&self) -> usize {
        self.roadmap.blocks.iter().map(|b| b.items.len()).sum()
    }

    /// The roadmap's columns as they print: her own, or the default set,
    /// which has «Плановое значение» only when some item has a planned
    /// value. The print and find both take them from here.
    pub fn printed_columns(&self) -> Vec<RoadmapColumn> {
        let planned = self
            .roadmap
            .blocks
            .iter()
            .flat_map(|b| &b.items)
            .any(|i| !i.planned_value.trim().is_empty());
        self.layout.roadmap.effective_columns(planned)
    }

    pub fn passport_row(&self, key: PassportKey) -> Option<&PassportRow> {
        self.passport.iter().find(|r| r.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roadmap(items: &[usize]) -> Roadmap {
        let item = |n: usize| Item {
            uid: format!("i{n}"),
            activity: format!("Мероприятие {n}"),
            deadline: String::new(),
            manual_schedule: None,
            responsible: String::new(),
            expected_result: String::new(),
            planned_value: String::new(),
            per_year: Vec::new(),
            tracking: Vec::new(),
        };
        Roadmap {
            year_columns: Vec::new(),
            blocks: items
                .iter()
                .enumerate()
                .map(|(b, &n)| Block {
                    uid: format!("b{b}"),
                    title: format!("Блок {b}"),
                    items: (0..n).map(item).collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn numbering_is_derived_from_order() {
        let r = roadmap(&[2, 5]);
        let l = RoadmapLayout::default();
        assert_eq!(r.block_number(&l, 0), "1");
        assert_eq!(r.block_label(&l, 0), "1.");
        assert_eq!(r.item_number(&l, 1, 4), "2.5");
    }

    #[test]
    fn every_numbering_style_counts_as_it_says() {
        let r = roadmap(&[2, 3]);
        let with = |f: &dyn Fn(&mut RoadmapLayout)| {
            let mut l = RoadmapLayout::default();
            f(&mut l);
            l
        };
        let l = with(&|l| l.items = ItemNumbering::NestedDot);
        assert_eq!(r.item_number(&l, 1, 2), "2.3.");
        let l = with(&|l| l.items = ItemNumbering::FlatDot);
        assert_eq!(r.item_number(&l, 1, 0), "3.");
        let l = with(&|l| {
            l.shape = RoadmapShape::Flat;
            l.start = 5;
        });
        // A nested style in a flat list counts on through the list.
        assert_eq!(r.item_number(&l, 1, 2), "9");
        assert_eq!(r.block_number(&l, 1), "");
        let l = with(&|l| {
            l.blocks = BlockNumbering::Plain;
            l.start = 3;
        });
        assert_eq!(r.block_label(&l, 1), "4");
        assert_eq!(r.item_number(&l, 1, 0), "4.1");
        let l = with(&|l| l.items = ItemNumbering::None);
        assert_eq!(r.item_number(&l, 0, 0), "");
        assert_eq!(r.item_ref(&l, 0, 1), "«Мероприятие 1»");
        // numbered_items agrees with item_number for every style.
        for items in [
            ItemNumbering::Nested,
            ItemNumbering::NestedDot,
            ItemNumbering::Flat,
            ItemNumbering::FlatDot,
            ItemNumbering::None,
        ] {
            for shape in [RoadmapShape::Blocks, RoadmapShape::Flat] {
                let mut p = crate::generate::programme(7, 3);
                p.layout.roadmap.items = items;
                p.layout.roadmap.shape = shape;
                p.layout.roadmap.start = 2;
                let expected: Vec<String> = p
                    .roadmap
                    .blocks
                    .iter()
                    .enumerate()
                    .flat_map(|(b, bl)| (0..bl.items.len()).map(move |i| (b, i)))
                    .map(|(b, i)| p.item_number(b, i))
                    .collect();
                let got: Vec<String> = p.numbered_items().map(|(n, _, _)| n).collect();
                assert_eq!(got, expected, "{items:?} {shape:?}");
            }
        }
    }

    #[test]
    fn section_numbers_follow_style_start_restart_and_skip() {
        let mut p = crate::generate::programme(3, 1);
        let section = |title: &str| Section {
            uid: title.into(),
            title: title.into(),
            body: Vec::new(),
            unnumbered: false,
            renumber: None,
        };
        p.sections = vec![section("a"), section("b"), section("c"), section("d")];
        assert_eq!(p.heading_numbers().sections, ["I.", "II.", "III.", "IV."]);
        p.layout.sections.style = SectionStyle::Razdel;
        p.layout.passport_numbered = true;
        p.sections[1].unnumbered = true;
        p.sections[2].renumber = Some(SectionNumbering {
            style: SectionStyle::Arabic,
            start: 1,
        });
        let h = p.heading_numbers();
        assert_eq!(h.passport, "Раздел 1.");
        assert_eq!(h.sections, ["Раздел 2.", "", "1.", "2."]);
        assert_eq!(roman(14), "XIV");
    }

    #[test]
    fn dates_are_written_as_she_writes_them() {
        let d = NaiveDate::from_ymd_opt(2024, 9, 1).unwrap();
        assert_eq!(DateFormat::Numeric.format(d), "01.09.2024");
        assert_eq!(DateFormat::NumericG.format(d), "01.09.2024г.");
        assert_eq!(DateFormat::NumericSpaceG.format(d), "01.09.2024 г.");
        assert_eq!(DateFormat::Words.format(d), "1 сентября 2024 г.");
    }

    #[test]
    fn the_participle_agrees_with_what_is_approved_or_is_typed() {
        let mut m = AppendixMark::default();
        assert_eq!(m.participle(), "УТВЕРЖДЕНА");
        m.approves = Approves::Plural;
        assert_eq!(m.participle(), "УТВЕРЖДЕНЫ");
        m.participle = "СОГЛАСОВАНО".into();
        assert_eq!(m.participle(), "СОГЛАСОВАНО");
    }

    #[test]
    fn enum_strings_round_trip() {
        for k in PassportKey::ALL {
            assert_eq!(PassportKey::parse(k.as_str()), Some(k));
        }
        for s in [
            TrackStatus::Planned,
            TrackStatus::Done,
            TrackStatus::DoneLate,
            TrackStatus::NotDone,
            TrackStatus::Moved,
        ] {
            assert_eq!(TrackStatus::parse(s.as_str()), Some(s));
            // The serde name and the storage name must agree.
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
        for k in [ActKind::Decree, ActKind::Order, ActKind::Directive] {
            assert_eq!(ActKind::parse(k.as_str()), Some(k));
            assert_eq!(
                serde_json::to_string(&k).unwrap(),
                format!("\"{}\"", k.as_str())
            );
        }
    }
}
