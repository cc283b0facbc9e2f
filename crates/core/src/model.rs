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
}

impl MarkStyle {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Appendix => "appendix",
            Self::Approved => "approved",
            Self::Both => "both",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "appendix" => Some(Self::Appendix),
            "approved" => Some(Self::Approved),
            "both" => Some(Self::Both),
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
    /// Without its number: «Характеристика проблемы».
    pub title: String,
    #[serde(default)]
    pub body: Vec<SectionBlock>,
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

#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher is better.
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

/// Derived numbers of the roadmap: block `b` (0-based) prints as `b + 1`,
/// its item `i` as `b + 1 . i + 1`.
pub fn block_number(block_index: usize) -> String {
    (block_index + 1).to_string()
}

pub fn item_number(block_index: usize, item_index: usize) -> String {
    format!("{}.{}", block_index + 1, item_index + 1)
}

impl Programme {
    /// Every item with its derived number, in printing order.
    pub fn numbered_items(&self) -> impl Iterator<Item = (String, &Block, &Item)> {
        self.roadmap
            .blocks
            .iter()
            .enumerate()
            .flat_map(|(b, block)| {
                block
                    .items
                    .iter()
                    .enumerate()
                    .map(move |(i, item)| (item_number(b, i), block, item))
            })
    }

    pub fn item_count(&self) -> usize {
        self.roadmap.blocks.iter().map(|b| b.items.len()).sum()
    }

    pub fn passport_row(&self, key: PassportKey) -> Option<&PassportRow> {
        self.passport.iter().find(|r| r.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_is_derived_from_order() {
        assert_eq!(block_number(0), "1");
        assert_eq!(item_number(1, 4), "2.5");
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
