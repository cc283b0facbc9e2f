//! The exchange file: one programme as a versioned JSON document
//! (`*.metodist.json`; the format is described in docs/exchange-format.md).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Problem, Result};
use crate::model::Programme;
use crate::validate::validate;

/// The value of the `format` field that marks our files.
pub const FORMAT: &str = "metodist-programme";
/// The format version this build writes and reads.
pub const VERSION: u32 = 1;
/// Larger files are refused before parsing: a real programme is well under
/// a megabyte, so this only stops a wrong or hostile file.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format: &'static str,
    version: u32,
    programme: &'a Programme,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EnvelopeIn {
    #[allow(dead_code)]
    format: String,
    #[allow(dead_code)]
    version: serde_json::Value,
    programme: Programme,
}

/// The programme as the text of an exchange file.
pub fn to_json(p: &Programme) -> String {
    let mut s = serde_json::to_string_pretty(&EnvelopeOut {
        format: FORMAT,
        version: VERSION,
        programme: p,
    })
    .expect("the model always serialises");
    s.push('\n');
    s
}

/// Reads and checks an exchange file's text. Nothing is written anywhere:
/// the caller stores the result only when this succeeds.
pub fn from_json(text: &str) -> Result<Programme> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        CoreError::NotExchangeFile(format!(
            "файл не является правильным JSON (строка {}, столбец {}: {})",
            e.line(),
            e.column(),
            translate_serde_message(&e.to_string())
        ))
    })?;
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
    match obj.get("version") {
        Some(v) if v.as_u64() == Some(u64::from(VERSION)) => {}
        Some(v) => {
            return Err(CoreError::UnsupportedVersion {
                found: v.to_string(),
                supported: VERSION,
            })
        }
        None => return Err(CoreError::NotExchangeFile("нет поля «version»".into())),
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
    let problems = validate(&envelope.programme);
    if problems.is_empty() {
        Ok(envelope.programme)
    } else {
        Err(CoreError::InvalidProgramme(problems))
    }
}

pub fn read_file(path: &Path) -> Result<Programme> {
    let meta = std::fs::metadata(path).map_err(|e| CoreError::io(path, e))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(CoreError::NotExchangeFile(format!(
            "файл слишком большой ({} МБ)",
            meta.len() / 1024 / 1024
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| CoreError::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        CoreError::NotExchangeFile(format!(
            "файл не в кодировке UTF-8 (неверный байт в позиции {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    // Editors on Windows like to start UTF-8 files with a byte-order mark.
    from_json(text.strip_prefix('\u{feff}').unwrap_or(&text))
}

/// Writes the exchange file where the user chose, through a temporary file
/// in the same folder, so a full disk or a crash never leaves half a file in
/// place of a good one.
pub fn write_file(path: &Path, p: &Programme) -> Result<()> {
    crate::fsutil::write_atomically(path, to_json(p).as_bytes())
}

/// serde's messages are English; the user reads Russian.
pub fn translate_serde_message(msg: &str) -> String {
    // serde_json appends " at line L column C"; the place is given separately.
    let msg = match msg.find(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    };
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return format!("нет обязательного поля {}", quote(rest));
    }
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let name = rest.split(',').next().unwrap_or(rest);
        return format!("неизвестное поле {}", quote(name));
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let (name, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let expected = expected
            .trim_start_matches("one of ")
            .split(", ")
            .filter(|v| !v.is_empty())
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
        return format!("поле {} указано дважды", quote(rest));
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!(
            "неверный тип значения: {}, ожидалось {}",
            kind_ru(found),
            kind_ru(expected)
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!(
            "недопустимое значение {}, ожидалось {}",
            kind_ru(found),
            kind_ru(expected)
        );
    }
    if msg.starts_with("input contains invalid characters") {
        return "недопустимая дата: ожидалась дата вида ГГГГ-ММ-ДД".into();
    }
    if msg.starts_with("premature end of input")
        || msg.starts_with("input is out of range")
        || msg.starts_with("input is not enough")
        || msg.starts_with("trailing input")
        || msg.starts_with("no possible date")
    {
        return "недопустимая дата: ожидалась дата вида ГГГГ-ММ-ДД".into();
    }
    if msg.starts_with("EOF while parsing") {
        return "файл обрывается на середине".into();
    }
    if msg.starts_with("expected value")
        || msg.starts_with("expected")
        || msg.starts_with("key must be")
        || msg.starts_with("trailing")
    {
        return "синтаксическая ошибка".into();
    }
    // Messages of our own types (calendar) are already Russian.
    msg.to_string()
}

fn quote(name: &str) -> String {
    format!("«{}»", name.trim().trim_matches('`'))
}

fn kind_ru(s: &str) -> String {
    let s = s.trim();
    let word = |w: &str| -> Option<&'static str> {
        Some(match w {
            "a string" | "string" => "строка",
            "a sequence" | "sequence" => "список",
            "a map" | "map" => "объект",
            "a boolean" | "boolean" => "логическое значение",
            "null" | "unit value" => "пустое значение (null)",
            "f64" | "a floating point number" => "число",
            "i32" | "i64" | "u32" | "u64" | "usize" | "an integer" => "целое число",
            "a formatted date string" => "дата вида ГГГГ-ММ-ДД",
            "struct Programme" => "объект программы",
            _ => return None,
        })
    };
    if let Some(w) = word(s) {
        return w.to_string();
    }
    if let Some(rest) = s.strip_prefix("string ") {
        return format!("строка {rest}");
    }
    if let Some(rest) = s.strip_prefix("integer ") {
        return format!("целое число {}", rest.trim_matches('`'));
    }
    if let Some(rest) = s.strip_prefix("floating point ") {
        return format!("число {}", rest.trim_matches('`'));
    }
    if let Some(rest) = s.strip_prefix("boolean ") {
        return format!("логическое значение {}", rest.trim_matches('`'));
    }
    if s.starts_with("struct ") || s.starts_with("internally tagged enum") {
        return "объект".into();
    }
    if s.starts_with("a sequence") || s.starts_with("tuple") {
        return "список".into();
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

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
