//! Errors that stop rendering and warnings that do not.

use std::path::PathBuf;

/// A failure that prevents producing a PDF.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("не удалось прочитать файл шрифта «{}»: {}; проверьте путь к нему в профиле оформления", .path.display(), metodist_core::error::io_reason(.source))]
    FontRead {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("файл «{name}» не является шрифтом TrueType/OpenType или повреждён")]
    FontParse { name: String },
    #[error("в шрифте «{name}» нет букв кириллицы; выберите другой шрифт")]
    FontNoCyrillic { name: String },
    #[error("словарь переносов повреждён: {0}")]
    Hyphenation(String),
    #[error("недопустимое значение в профиле оформления: {0}")]
    InvalidProfile(String),
    #[error("профиль оформления «{0}» не найден")]
    UnknownProfile(String),
    #[error("таблица не может быть размещена: {0}")]
    InvalidTable(String),
    #[error("разрешение просмотра должно быть от 10 до 600 точек на дюйм, а не {0}")]
    InvalidDpi(f32),
    #[error("не удалось сохранить страницу просмотра в PNG: {0}")]
    PreviewEncode(String),
}

/// Every code `PrintError::code` can return, for the interface's generated
/// constants (`ui/src/gen/errors.ts`).
pub const ERROR_CODES: &[&str] = &[
    "print_font_read",
    "print_font_parse",
    "print_font_no_cyrillic",
    "print_hyphenation",
    "print_invalid_profile",
    "print_unknown_profile",
    "print_invalid_table",
    "print_invalid_dpi",
    "print_preview_encode",
];

impl PrintError {
    /// A stable identifier the interface can match on.
    pub fn code(&self) -> &'static str {
        match self {
            PrintError::FontRead { .. } => "print_font_read",
            PrintError::FontParse { .. } => "print_font_parse",
            PrintError::FontNoCyrillic { .. } => "print_font_no_cyrillic",
            PrintError::Hyphenation(_) => "print_hyphenation",
            PrintError::InvalidProfile(_) => "print_invalid_profile",
            PrintError::UnknownProfile(_) => "print_unknown_profile",
            PrintError::InvalidTable(_) => "print_invalid_table",
            PrintError::InvalidDpi(_) => "print_invalid_dpi",
            PrintError::PreviewEncode(_) => "print_preview_encode",
        }
    }
}

/// Something the user should know about the printed document, which was
/// nevertheless produced.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum PrintWarning {
    /// The font has no glyph for a character; it was printed as a
    /// replacement mark.
    MissingGlyph {
        ch: char,
        count: usize,
        replacement: char,
    },
    /// A word is wider than the space available (a very narrow table
    /// column); it was broken between letters.
    WordTooWide { word: String },
    /// The profile's font (or one of its styles) could not be used; the
    /// bundled Liberation Serif was used in its place.
    FontFallback {
        font: String,
        /// Russian name of the style, `None` for the whole font.
        style: Option<String>,
        reason: String,
    },
}

impl PrintWarning {
    pub fn code(&self) -> &'static str {
        match self {
            PrintWarning::MissingGlyph { .. } => "print_missing_glyph",
            PrintWarning::WordTooWide { .. } => "print_word_too_wide",
            PrintWarning::FontFallback { .. } => "print_font_fallback",
        }
    }
}

impl std::fmt::Display for PrintWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PrintWarning::MissingGlyph {
                ch,
                count,
                replacement,
            } => write!(
                f,
                "в шрифте нет знака «{ch}» (U+{:04X}); напечатан знак «{replacement}» вместо него ({})",
                *ch as u32,
                metodist_core::text::count(*count, ["раз", "раза", "раз"])
            ),
            PrintWarning::WordTooWide { word } => write!(
                f,
                "слово «{word}» не помещается по ширине и разорвано без переноса"
            ),
            PrintWarning::FontFallback {
                font,
                style: Some(style),
                reason,
            } => write!(
                f,
                "шрифт «{font}», начертание «{style}»: {reason}; вместо него использован встроенный Liberation Serif"
            ),
            PrintWarning::FontFallback {
                font,
                style: None,
                reason,
            } => write!(
                f,
                "шрифт «{font}»: {reason}; вместо него использован встроенный Liberation Serif"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PrintWarning;

    #[test]
    fn the_count_of_missing_glyphs_agrees_with_its_number() {
        let warning = |count| {
            PrintWarning::MissingGlyph {
                ch: '\u{2E3A}',
                count,
                replacement: '?',
            }
            .to_string()
        };
        assert!(warning(1).ends_with("(1 раз)"), "{}", warning(1));
        assert!(warning(2).ends_with("(2 раза)"), "{}", warning(2));
        assert!(warning(5).ends_with("(5 раз)"), "{}", warning(5));
        assert!(warning(22).ends_with("(22 раза)"), "{}", warning(22));
    }
}
