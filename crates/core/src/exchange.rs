//! The exchange file: one programme as a versioned JSON document
//! (`*.metodist.json`; the format is described in docs/exchange-format.md).

use std::cell::RefCell;
use std::path::Path;

use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{CoreError, Problem, Result};
use crate::model::Programme;
use crate::store::EditionAct;
use crate::validate::validate;

/// The value of the `format` field that marks our files.
pub const FORMAT: &str = "metodist-programme";
/// The format version this build writes. It reads this one and versions 1
/// and 2. Version 2 added the fields of a programme's own shape
/// (`V2_FIELDS`): a version 1 file holds none of them, and each then has
/// the default that is the look of version 1. Version 3 added the approved
/// editions beside the programme (`editions`, docs/design.md §4a): a file
/// of an earlier version holds none, and reads as described at
/// [`read_document`].
pub const VERSION: u32 = 3;
/// The versions this build reads.
pub const READS: [u32; 3] = [1, 2, 3];
/// The largest exchange file read, and the largest a programme may grow to
/// as exported with its approved editions (validation refuses a programme
/// whose file would be larger, on import and on every edit, and an
/// approval that would make it larger is refused), so whatever is
/// exported can be imported again. A real programme is well under a megabyte; a generated
/// one with 100,000 items exports to 77 MB. Larger files are refused
/// before they are read.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format: &'static str,
    version: u32,
    programme: &'a Programme,
    #[serde(skip_serializing_if = "Option::is_none")]
    editions: Option<&'a [ExchangeEdition]>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EnvelopeIn {
    #[allow(dead_code)]
    format: String,
    #[allow(dead_code)]
    version: serde_json::Value,
    programme: Programme,
    #[serde(default)]
    editions: Option<Vec<ExchangeEdition>>,
}

/// An approved edition as the exchange file carries it (version 3): its
/// place in the order, the act that approved it, and the programme as it
/// was approved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeEdition {
    pub seq: i64,
    pub act: EditionAct,
    /// When it was recorded (RFC 3339); absent in a file written by hand.
    #[serde(default)]
    pub recorded_at: Option<String>,
    pub programme: Programme,
}

/// A programme with its approved editions, as an exchange file holds them.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub programme: Programme,
    /// Oldest first; the last is the edition in force.
    pub editions: Vec<ExchangeEdition>,
}

/// The programme alone as the text of an exchange file: no `editions`
/// field, which reads as none. Used for an edition's own snapshot, for
/// templates and generated programmes; an export writes
/// [`document_to_json`].
pub fn to_json(p: &Programme) -> String {
    let mut s = serde_json::to_string_pretty(&envelope(p)).expect("the model always serialises");
    s.push('\n');
    s
}

/// A programme with its editions as the text of an exchange file, as
/// export writes it: `editions` always present, `[]` when there are none.
pub fn document_to_json(p: &Programme, editions: &[ExchangeEdition]) -> String {
    let envelope = EnvelopeOut {
        editions: Some(editions),
        ..envelope(p)
    };
    let mut s = serde_json::to_string_pretty(&envelope).expect("the model always serialises");
    s.push('\n');
    s
}

fn envelope(p: &Programme) -> EnvelopeOut<'_> {
    EnvelopeOut {
        format: FORMAT,
        version: VERSION,
        programme: p,
        editions: None,
    }
}

/// The length in bytes of `to_json(p)`, counted without building it.
pub fn exported_len(p: &Programme) -> u64 {
    let mut count = Count::default();
    serde_json::to_writer_pretty(&mut count, &envelope(p)).expect("the model always serialises");
    count.bytes + 1
}

/// Bytes and line breaks written, without keeping the text.
#[derive(Default)]
struct Count {
    bytes: u64,
    lines: u64,
}

impl std::io::Write for Count {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes += buf.len() as u64;
        self.lines += buf.iter().filter(|&&b| b == b'\n').count() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// An edition as `ExchangeEdition` writes it, borrowed: what an approval
/// counts before the edition is stored.
#[derive(Serialize)]
struct EditionOut<'a> {
    seq: i64,
    act: &'a EditionAct,
    recorded_at: Option<&'a str>,
    programme: &'a Programme,
}

/// What one edition adds to the `editions` list of an exported file
/// (`document_to_json`): its entry as export indents it, two levels deep,
/// with the line break, the indent and the comma around it. Summed over a
/// programme's editions it gives [`editions_field_len`].
pub fn edition_len(seq: i64, act: &EditionAct, recorded_at: Option<&str>, p: &Programme) -> u64 {
    let entry = EditionOut {
        seq,
        act,
        recorded_at,
        programme: p,
    };
    let mut count = Count::default();
    serde_json::to_writer_pretty(&mut count, &entry).expect("the model always serialises");
    // Inside the envelope and the list every line after the first is
    // indented by four more spaces; then «\n    » before it and «,» after.
    count.bytes + 4 * count.lines + 6
}

/// What the `editions` field adds to the programme's own file
/// (`exported_len`) in an export, given the sum of [`edition_len`] over the
/// editions (0 for none): `document_to_json(p, e).len()` is
/// `exported_len(p) + editions_field_len(Σ edition_len)`.
pub fn editions_field_len(editions: u64) -> u64 {
    // «,\n  "editions": », then «[]», or «[» … «\n  ]» less the last comma.
    const FIELD: u64 = 16;
    if editions == 0 {
        FIELD + 2
    } else {
        FIELD + 4 + editions
    }
}

/// The length in bytes of `document_to_json(p, editions)`, counted without
/// building it.
pub fn document_len(p: &Programme, editions: &[ExchangeEdition]) -> u64 {
    let entries = editions
        .iter()
        .map(|e| edition_len(e.seq, &e.act, e.recorded_at.as_deref(), &e.programme))
        .sum();
    exported_len(p) + editions_field_len(entries)
}

/// A size in megabytes (MiB) as a Russian reader writes it: «77,3 МБ».
pub(crate) fn megabytes(bytes: u64) -> String {
    let tenths = (bytes * 10).div_ceil(1024 * 1024);
    match tenths % 10 {
        0 => format!("{} МБ", tenths / 10),
        d => format!("{},{d} МБ", tenths / 10),
    }
}

/// Reads and checks an exchange file's text: its programme, without the
/// editions. Nothing is written anywhere: the caller stores the result
/// only when this succeeds.
pub fn from_json(text: &str) -> Result<Programme> {
    read_document(text).map(|d| d.programme)
}

/// Reads and checks an exchange file's text with its editions.
///
/// **Decided** (issue #17): a file of version 1 or 2 carries no editions.
/// When its programme is approved (`status` `approved`) and its act has a
/// date and a number, it reads as approved in one edition — the programme
/// as it stands, approved by that act; otherwise (a draft, or an act not
/// yet signed) with no approved edition. A version 3 file says which
/// editions there are: `editions` absent or `[]` is none.
pub fn read_document(text: &str) -> Result<Document> {
    let value = parse_strict(text)?;
    let obj = value
        .as_object()
        .ok_or_else(|| CoreError::NotExchangeFile("в начале файла нет объекта JSON".into()))?;
    match obj.get("format").and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        Some(other) => {
            return Err(CoreError::NotExchangeFile(format!(
                "поле «format» равно «{other}», ожидалось «{FORMAT}»"
            )))
        }
        None => {
            return Err(CoreError::NotExchangeFile(
                "нет поля «format» со значением «metodist-programme»".into(),
            ))
        }
    }
    let version = match obj.get("version") {
        Some(v)
            if v.as_u64()
                .is_some_and(|n| READS.iter().any(|r| u64::from(*r) == n)) =>
        {
            v.as_u64().unwrap_or_default()
        }
        Some(v) => {
            return Err(CoreError::UnsupportedVersion {
                found: v.to_string(),
                supported: VERSION,
            })
        }
        None => return Err(CoreError::NotExchangeFile("нет поля «version»".into())),
    };
    if version == 1 {
        if let Some(path) = obj.get("programme").and_then(v2_field_in) {
            return Err(CoreError::InvalidProgramme(vec![Problem::new(
                path,
                "это поле есть только в версии 2 формата, а в файле указана версия 1; укажите «\"version\": 2» или уберите поле",
            )]));
        }
        if let Some(path) = obj.get("programme").and_then(direction_missing) {
            return Err(CoreError::InvalidProgramme(vec![Problem::new(
                path,
                "в версии 1 формата у показателя обязательно поле «direction»; укажите его или «\"version\": 2»",
            )]));
        }
    }
    if version < 3 && obj.contains_key("editions") {
        return Err(CoreError::InvalidProgramme(vec![Problem::new(
            "editions",
            format!("это поле есть только в версии 3 формата, а в файле указана версия {version}; укажите «\"version\": 3» или уберите поле"),
        )]));
    }
    let envelope: EnvelopeIn = serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let path = path.strip_prefix("programme.").unwrap_or(&path).to_string();
        let path = if path == "." { String::new() } else { path };
        CoreError::InvalidProgramme(vec![Problem::new(
            path,
            translate_serde_message(&e.into_inner().to_string()),
        )])
    })?;
    let mut problems = validate(&envelope.programme);
    let editions = match envelope.editions {
        Some(editions) => {
            problems.extend(edition_problems(&envelope.programme, &editions));
            editions
        }
        None if version < 3 => implied_edition(&envelope.programme).into_iter().collect(),
        None => Vec::new(),
    };
    if problems.is_empty() {
        Ok(Document {
            programme: envelope.programme,
            editions,
        })
    } else {
        Err(CoreError::InvalidProgramme(problems))
    }
}

/// The one edition a version 1 or 2 file implies: its programme, when it
/// is approved by a signed act (see [`read_document`]).
fn implied_edition(p: &Programme) -> Option<ExchangeEdition> {
    let act = p.act.as_ref()?;
    let number = act
        .number
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())?;
    if p.status != crate::model::ProgrammeStatus::Approved {
        return None;
    }
    Some(ExchangeEdition {
        seq: 1,
        act: EditionAct {
            kind: act.kind,
            date: act.date?,
            number: number.to_string(),
        },
        recorded_at: None,
        programme: p.clone(),
    })
}

/// Every problem of a file's editions, each with its place: numbered 1, 2,
/// … in order, each act signed (a number) and none dated before the one
/// before it, each programme the same programme (its uid) and valid.
fn edition_problems(p: &Programme, editions: &[ExchangeEdition]) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut last_date = None;
    for (i, e) in editions.iter().enumerate() {
        let at = |field: &str| format!("editions[{i}].{field}");
        if e.seq != i as i64 + 1 {
            out.push(Problem::new(
                at("seq"),
                format!(
                    "редакции нумеруются по порядку с 1: здесь ожидался номер {}, указан {}",
                    i + 1,
                    e.seq
                ),
            ));
        }
        if e.act.number.trim().is_empty() {
            out.push(Problem::new(at("act.number"), "не указан номер акта"));
        }
        if last_date.is_some_and(|d| e.act.date < d) {
            out.push(Problem::new(
                at("act.date"),
                "акт редакции датирован раньше акта предыдущей редакции",
            ));
        }
        last_date = Some(e.act.date);
        if e.programme.uid != p.uid {
            out.push(Problem::new(
                at("programme.uid"),
                format!(
                    "редакция другой программы: uid «{}», а у программы «{}»",
                    e.programme.uid, p.uid
                ),
            ));
        }
        for problem in validate(&e.programme) {
            let path = match problem.path.as_str() {
                "" => at("programme"),
                inner => at(&format!("programme.{inner}")),
            };
            out.push(Problem::new(path, problem.message));
        }
    }
    out
}

/// The fields version 2 added, as (where, field): `programme` itself,
/// or one of its parts.
pub const V2_FIELDS: [(&str, &str); 9] = [
    ("", "layout"),
    ("act", "heading"),
    ("act", "issuer_caps"),
    ("act", "date_format"),
    ("appendix", "approves"),
    ("appendix", "participle"),
    ("passport[]", "subrows"),
    ("sections[]", "unnumbered"),
    ("sections[]", "renumber"),
];

/// The place of the first version 2 field in a programme's JSON, if any
/// (a mark style of `none` is new in version 2 as well).
fn v2_field_in(programme: &Value) -> Option<String> {
    for (part, field) in V2_FIELDS {
        let (name, list) = match part.strip_suffix("[]") {
            Some(name) => (name, true),
            None => (part, false),
        };
        let found = match (name, list) {
            ("", _) => programme.get(field).map(|_| field.to_string()),
            (name, false) => programme
                .get(name)
                .and_then(|o| o.get(field))
                .map(|_| format!("{name}.{field}")),
            (name, true) => programme
                .get(name)
                .and_then(Value::as_array)
                .and_then(|a| a.iter().position(|e| e.get(field).is_some()))
                .map(|i| format!("{name}[{i}].{field}")),
        };
        if found.is_some() {
            return found;
        }
    }
    let none_mark = programme
        .get("appendix")
        .and_then(|a| a.get("style"))
        .and_then(Value::as_str)
        == Some("none");
    none_mark.then(|| "appendix.style".to_string())
}

/// The first indicator without a `direction`, which version 1 requires.
fn direction_missing(programme: &Value) -> Option<String> {
    programme
        .get("indicators")?
        .as_array()?
        .iter()
        .position(|i| i.is_object() && i.get("direction").is_none())
        .map(|i| format!("indicators[{i}].direction"))
}

/// Parses JSON text into a value, refusing an object that names a key
/// twice. serde_json (and most readers) would keep the last one and drop
/// the first without a word: `"items": [...9 items...], "items": []` would
/// import a block with no items.
fn parse_strict(text: &str) -> Result<Value> {
    let repeated = RefCell::new(None);
    let root = At::Root;
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = StrictValue {
        at: &root,
        repeated: &repeated,
    }
    .deserialize(&mut de)
    .and_then(|v| de.end().map(|()| v));
    parsed.map_err(|e| match repeated.into_inner() {
        Some(Repeated { path, key }) => repeated_key_error(&path, &key, e.line()),
        None => CoreError::NotExchangeFile(format!(
            "файл не является правильным JSON (строка {}, столбец {}: {})",
            e.line(),
            e.column(),
            translate_serde_message(&e.to_string())
        )),
    })
}

fn repeated_key_error(path: &str, key: &str, line: usize) -> CoreError {
    let what =
        format!("поле «{key}» указано дважды (второй раз в строке {line}); оставьте одно из двух");
    match path.strip_prefix("programme.") {
        Some(inside) => CoreError::InvalidProgramme(vec![Problem::new(inside, what)]),
        None if path == "programme" => CoreError::InvalidProgramme(vec![Problem::new("", what)]),
        None => CoreError::NotExchangeFile(what),
    }
}

/// Where a value stands in the document: a chain of borrowed steps back to
/// the root, so no path is built unless a key repeats.
enum At<'a> {
    Root,
    Key(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl At<'_> {
    /// `programme.roadmap.blocks[0].items`, as the problems of an import
    /// name places.
    fn path(&self) -> String {
        match self {
            At::Root => String::new(),
            At::Key(parent, key) => match parent.path() {
                p if p.is_empty() => (*key).to_string(),
                p => format!("{p}.{key}"),
            },
            At::Index(parent, i) => format!("{}[{i}]", parent.path()),
        }
    }
}

struct Repeated {
    path: String,
    key: String,
}

/// Builds a `serde_json::Value` like its own `Deserialize`, but refuses a
/// repeated key and records where it was.
#[derive(Clone, Copy)]
struct StrictValue<'a> {
    at: &'a At<'a>,
    repeated: &'a RefCell<Option<Repeated>>,
}

impl<'de> DeserializeSeed<'de> for StrictValue<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictValue<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // The parser yields only finite numbers; `from` maps others to null.
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        loop {
            let at = At::Index(self.at, items.len());
            let seed = StrictValue {
                at: &at,
                repeated: self.repeated,
            };
            match seq.next_element_seed(seed)? {
                Some(v) => items.push(v),
                None => break,
            }
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                *self.repeated.borrow_mut() = Some(Repeated {
                    path: At::Key(self.at, &key).path(),
                    key,
                });
                return Err(serde::de::Error::custom("repeated key"));
            }
            let at = At::Key(self.at, &key);
            let value = map.next_value_seed(StrictValue {
                at: &at,
                repeated: self.repeated,
            })?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

pub fn read_file(path: &Path) -> Result<Programme> {
    read_document_file(path).map(|d| d.programme)
}

/// Reads and checks an exchange file with its editions.
pub fn read_document_file(path: &Path) -> Result<Document> {
    let meta = std::fs::metadata(path).map_err(|e| CoreError::io(path, e))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(CoreError::FileTooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| CoreError::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        CoreError::NotExchangeFile(format!(
            "файл не в кодировке UTF-8 (неверный байт в позиции {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    // Editors on Windows like to start UTF-8 files with a byte-order mark.
    read_document(text.strip_prefix('\u{feff}').unwrap_or(&text))
}

/// Writes the exchange file where the user chose, through a temporary file
/// in the same folder, so a full disk or a crash never leaves half a file in
/// place of a good one.
pub fn write_file(path: &Path, p: &Programme) -> Result<()> {
    crate::fsutil::write_atomically(path, to_json(p).as_bytes())
}

/// `write_file` of a programme with its editions, as export writes it.
pub fn write_document_file(path: &Path, p: &Programme, editions: &[ExchangeEdition]) -> Result<()> {
    crate::fsutil::write_atomically(path, document_to_json(p, editions).as_bytes())
}

/// serde's messages are English; the user reads Russian. Every message
/// serde_json's reader and serde's derives produce is translated here; one
/// this function does not know becomes a general Russian sentence rather
/// than reach the user in English.
pub fn translate_serde_message(msg: &str) -> String {
    // serde_json appends " at line L column C"; the place is given separately.
    let msg = match msg.find(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    };
    if let Some(m) = syntax_message(msg) {
        return m.to_string();
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return format!("нет обязательного поля {}", quote(rest));
    }
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let name = rest.split(", ").next().unwrap_or(rest);
        return format!("неизвестное поле {}", quote(name));
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let (name, expected) = rest.split_once(", ").unwrap_or((rest, ""));
        let expected = expected
            .trim_start_matches("expected ")
            .trim_start_matches("one of ")
            .split(", ")
            .flat_map(|v| v.split(" or "))
            .filter(|v| v.starts_with('`'))
            .map(quote)
            .collect::<Vec<_>>()
            .join(", ");
        return if expected.is_empty() {
            format!("недопустимое значение {}", quote(name))
        } else {
            format!(
                "недопустимое значение {}; допустимы: {expected}",
                quote(name)
            )
        };
    }
    if let Some(rest) = msg.strip_prefix("duplicate field ") {
        return format!("поле {} указано дважды; оставьте одно из двух", quote(rest));
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "неверный тип значения: {}, ожидалось {}",
            kind_ru(found),
            kind_ru(expected)
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        if found.starts_with("integer ") && is_integer_type(expected) {
            return format!(
                "{} вне допустимого диапазона",
                kind_ru(found).replacen("целое число", "число", 1)
            );
        }
        return format!(
            "недопустимое значение: {}, ожидалось {}",
            kind_ru(found),
            kind_ru(expected)
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid length ") {
        let (n, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "неверное число элементов ({n}), ожидалось {}",
            kind_ru(expected)
        );
    }
    // chrono's messages for a date it cannot read.
    if [
        "input contains invalid characters",
        "premature end of input",
        "input is out of range",
        "input is not enough",
        "trailing input",
        "no possible date",
        "bad or unsupported format",
        "impossible",
    ]
    .iter()
    .any(|p| msg.starts_with(p))
    {
        return "недопустимая дата: ожидалась существующая дата вида ГГГГ-ММ-ДД".into();
    }
    // Messages of our own types (the calendar's) are already Russian.
    if msg
        .chars()
        .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)))
    {
        return msg.to_string();
    }
    "значение не подходит для этого поля".into()
}

/// serde_json's syntax errors (its `ErrorCode`s), in Russian.
fn syntax_message(msg: &str) -> Option<&'static str> {
    Some(match msg {
        m if m.starts_with("EOF while parsing") => "данные обрываются на середине",
        "expected `:`" => "после имени поля ожидалось двоеточие",
        "expected `,` or `]`" => "после элемента списка ожидалась запятая или «]»",
        "expected `,` or `}`" => "после поля объекта ожидалась запятая или «}»",
        "expected `\"`" => "ожидалась кавычка",
        "expected ident" | "expected value" => {
            "синтаксическая ошибка: ожидалось значение (строка в кавычках, число, список, объект, «true», «false» или «null»)"
        }
        "invalid escape" => {
            "недопустимая последовательность после обратной косой черты «\\» в строке"
        }
        "invalid number" => "неверная запись числа",
        "number out of range" => "число слишком велико",
        "invalid unicode code point" => "недопустимый код символа в записи «\\u…»",
        m if m.starts_with("control character") => {
            "управляющий символ внутри строки: перевод строки и табуляцию записывайте как «\\n» и «\\t»"
        }
        "key must be a string" => "имя поля должно быть в кавычках",
        m if m.starts_with("invalid value: expected key to be a number") => {
            "имя поля должно быть числом в кавычках"
        }
        m if m.starts_with("float key must be finite") => "имя поля должно быть конечным числом",
        "lone leading surrogate in hex escape" | "unexpected end of hex escape" => {
            "непарный суррогат или неполная запись символа «\\u…»: такого символа нет; исправьте или удалите его"
        }
        "trailing comma" => "лишняя запятая перед «]» или «}»",
        "trailing characters" => "после конца данных JSON есть лишний текст",
        "recursion limit exceeded" => {
            "слишком глубокая вложенность списков и объектов (больше 128 уровней)"
        }
        m if m.starts_with("expected") || m.starts_with("trailing") => "синтаксическая ошибка",
        _ => return None,
    })
}

fn quote(name: &str) -> String {
    format!("«{}»", name.trim().trim_matches('`'))
}

fn is_integer_type(s: &str) -> bool {
    matches!(
        s.trim(),
        "i8" | "i16"
            | "i32"
            | "i64"
            | "i128"
            | "isize"
            | "u8"
            | "u16"
            | "u32"
            | "u64"
            | "u128"
            | "usize"
    )
}

/// serde's names of what was found (`de::Unexpected`) and of what was
/// expected (`Expected` of the derives and of the standard types).
fn kind_ru(s: &str) -> String {
    let s = s.trim();
    let word = |w: &str| -> Option<&'static str> {
        Some(match w {
            "a string" | "string" | "a borrowed string" | "char" | "a character" => "строка",
            "a sequence" | "sequence" => "список",
            "a map" | "map" => "объект",
            "a boolean" | "boolean" => "логическое значение",
            "null" | "unit value" | "unit" | "Option value" => "пустое значение («null»)",
            "f32" | "f64" | "a floating point number" => "число",
            "a formatted date string" => "дата вида ГГГГ-ММ-ДД",
            "struct Programme" => "объект программы",
            "variant identifier" | "field identifier" => "строка с одним из допустимых значений",
            "newtype struct" | "enum" | "unit variant" | "newtype variant" | "tuple variant"
            | "struct variant" => "значение",
            "byte array" | "bytes" => "двоичные данные",
            _ => return None,
        })
    };
    if let Some(w) = word(s) {
        return w.to_string();
    }
    if is_integer_type(s) || s == "an integer" {
        return if s.starts_with('u') {
            "целое неотрицательное число".into()
        } else {
            "целое число".into()
        };
    }
    let value = |rest: &str| rest.trim().trim_matches('`').trim_matches('"').to_string();
    if let Some(rest) = s.strip_prefix("string ") {
        return format!("строка «{}»", value(rest));
    }
    if let Some(rest) = s.strip_prefix("integer ") {
        return format!("целое число {}", value(rest));
    }
    if let Some(rest) = s.strip_prefix("floating point ") {
        return format!("число {}", value(rest));
    }
    if let Some(rest) = s.strip_prefix("boolean ") {
        return format!("логическое значение {}", value(rest));
    }
    if let Some(rest) = s.strip_prefix("character ") {
        return format!("строка «{}»", value(rest));
    }
    if s.starts_with("struct ") || s.starts_with("internally tagged enum") || s.starts_with("map") {
        return "объект".into();
    }
    if s.starts_with("enum ") {
        return "строка с одним из допустимых значений".into();
    }
    if s.starts_with("a sequence") || s.starts_with("tuple") || s.starts_with("an array") {
        return "список".into();
    }
    if s.starts_with("a string") {
        return "строка".into();
    }
    // Our own `expecting` texts are Russian; anything else is not shown.
    if s.chars().any(|c| ('а'..='я').contains(&c)) {
        return s.to_string();
    }
    "значение другого вида".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exported_len_is_the_length_of_the_exported_text() {
        let p = crate::generate::programme(40, 3);
        assert_eq!(exported_len(&p), to_json(&p).len() as u64);
    }

    /// The editions are counted as export writes them: none (`[]`), one,
    /// several, with and without the time they were recorded, and texts
    /// with line breaks (escaped, so they add no indented line).
    #[test]
    fn document_len_is_the_length_of_the_exported_file_with_its_editions() {
        let p = crate::generate::programme(40, 3);
        let mut older = crate::generate::programme(25, 3);
        older.uid = p.uid.clone();
        older.title = "Первая строка\nвторая строка".into();
        let act = |n: &str| EditionAct {
            kind: crate::model::ActKind::Order,
            date: "2025-02-03".parse().unwrap(),
            number: n.into(),
        };
        let edition = |seq: i64, recorded_at: Option<&str>, p: &Programme| ExchangeEdition {
            seq,
            act: act(&format!("{seq}-од")),
            recorded_at: recorded_at.map(str::to_string),
            programme: p.clone(),
        };
        let lists = [
            vec![],
            vec![edition(1, Some("2025-02-03T10:00:00Z"), &older)],
            vec![
                edition(1, None, &older),
                edition(2, Some("2025-03-04T11:00:00+00:00"), &p),
                edition(3, Some("2025-04-05T12:00:00Z"), &older),
            ],
        ];
        for editions in lists {
            let text = document_to_json(&p, &editions);
            assert_eq!(
                document_len(&p, &editions),
                text.len() as u64,
                "{} editions",
                editions.len()
            );
            assert_eq!(read_document(&text).unwrap().editions, editions);
        }
    }

    #[test]
    fn sizes_are_written_in_megabytes_with_a_comma() {
        assert_eq!(megabytes(64 * 1024 * 1024), "64 МБ");
        assert_eq!(megabytes(77_000_000), "73,5 МБ");
        assert_eq!(megabytes(1), "0,1 МБ");
    }

    #[test]
    fn translates_common_serde_messages() {
        assert_eq!(
            translate_serde_message("missing field `title` at line 3 column 5"),
            "нет обязательного поля «title»"
        );
        assert_eq!(
            translate_serde_message("invalid type: integer `5`, expected a string"),
            "неверный тип значения: целое число 5, ожидалось строка"
        );
        assert_eq!(
            translate_serde_message(
                "unknown variant `weekly`, expected one of `draft`, `approved`"
            ),
            "недопустимое значение «weekly»; допустимы: «draft», «approved»"
        );
        assert_eq!(
            translate_serde_message("unknown field `colour`, expected `uid` or `title`"),
            "неизвестное поле «colour»"
        );
    }
}
