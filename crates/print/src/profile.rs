//! Layout profiles: named sets of page and type values.
//!
//! Districts follow their own instructions (a wider left margin, another
//! font size), so every value lives here rather than in the layout code, and
//! a profile is plain data the user can copy, rename and edit.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

use crate::error::PrintError;

/// Which font the document is set in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FontChoice {
    /// Liberation Serif compiled into the program.
    #[default]
    Bundled,
    /// TrueType/OpenType files installed on the computer. A missing style
    /// falls back to the regular face.
    Files {
        regular: PathBuf,
        #[serde(default)]
        bold: Option<PathBuf>,
        #[serde(default)]
        italic: Option<PathBuf>,
        #[serde(default)]
        bold_italic: Option<PathBuf>,
    },
}

/// What is repeated at the top of a table on every page after its first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeaderRepeat {
    /// The whole header.
    Header,
    /// A row with the column numbers 1, 2, 3, ...; the first page then shows
    /// that row under the header too, so the reader can match them.
    ColumnNumbers,
    /// Nothing.
    None,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LayoutProfile {
    pub name: String,
    pub font: FontChoice,
    pub page_width_mm: f32,
    pub page_height_mm: f32,
    pub margin_left_mm: f32,
    pub margin_right_mm: f32,
    pub margin_top_mm: f32,
    pub margin_bottom_mm: f32,
    /// Body text size, pt.
    pub body_size: f32,
    /// Size of text inside tables, pt.
    pub table_size: f32,
    /// Size of the page numbers, pt.
    pub page_number_size: f32,
    /// 1.0 = single spacing (the font's own line height).
    pub line_spacing: f32,
    /// Line spacing inside tables.
    pub table_line_spacing: f32,
    pub first_line_indent_mm: f32,
    /// Space between a body paragraph and the next one, pt.
    pub paragraph_space_pt: f32,
    /// Inner padding of table cells, mm.
    pub cell_padding_mm: f32,
    /// Width of table rules, pt.
    pub border_width_pt: f32,
    pub table_header_repeat: HeaderRepeat,
    /// Print "Продолжение таблицы" above a table continued on a new page.
    pub table_continuation_label: bool,
    pub hyphenate: bool,
    /// Width of the appendix mark block at the top right, mm.
    pub mark_width_mm: f32,
}

pub const PROFILE_2025: &str = "ГОСТ Р 7.0.97-2025";
pub const PROFILE_2016: &str = "ГОСТ Р 7.0.97-2016";

impl LayoutProfile {
    /// The default profile, after ГОСТ Р 7.0.97-2025.
    pub fn gost_2025() -> Self {
        LayoutProfile {
            name: PROFILE_2025.to_string(),
            font: FontChoice::Bundled,
            page_width_mm: 210.0,
            page_height_mm: 297.0,
            margin_left_mm: 20.0,
            margin_right_mm: 10.0,
            margin_top_mm: 20.0,
            margin_bottom_mm: 20.0,
            body_size: 14.0,
            table_size: 12.0,
            page_number_size: 12.0,
            line_spacing: 1.0,
            table_line_spacing: 1.0,
            first_line_indent_mm: 12.5,
            paragraph_space_pt: 0.0,
            cell_padding_mm: 1.5,
            border_width_pt: 0.5,
            table_header_repeat: HeaderRepeat::Header,
            table_continuation_label: false,
            hyphenate: true,
            mark_width_mm: 80.0,
        }
    }

    /// The profile named after the 2016 edition of the standard, for
    /// districts whose instructions still cite it. Page and type values are
    /// those of the default profile; it differs in the other common way of
    /// continuing tables: only the row of column numbers is repeated, under
    /// a "Продолжение таблицы" label.
    pub fn gost_2016() -> Self {
        LayoutProfile {
            name: PROFILE_2016.to_string(),
            table_header_repeat: HeaderRepeat::ColumnNumbers,
            table_continuation_label: true,
            ..Self::gost_2025()
        }
    }

    pub fn builtin() -> Vec<LayoutProfile> {
        vec![Self::gost_2025(), Self::gost_2016()]
    }

    /// A built-in profile by its name.
    pub fn by_name(name: &str) -> Result<LayoutProfile, PrintError> {
        Self::builtin()
            .into_iter()
            .find(|p| p.name == name)
            .ok_or_else(|| PrintError::UnknownProfile(name.to_string()))
    }

    /// Checks the values a user may have typed, so layout never divides by
    /// zero or runs text off the page.
    pub fn validate(&self) -> Result<(), PrintError> {
        let bad = |what: &str| Err(PrintError::InvalidProfile(what.to_string()));
        let finite = [
            self.page_width_mm,
            self.page_height_mm,
            self.margin_left_mm,
            self.margin_right_mm,
            self.margin_top_mm,
            self.margin_bottom_mm,
            self.body_size,
            self.table_size,
            self.page_number_size,
            self.line_spacing,
            self.table_line_spacing,
            self.first_line_indent_mm,
            self.paragraph_space_pt,
            self.cell_padding_mm,
            self.border_width_pt,
            self.mark_width_mm,
        ];
        if finite.iter().any(|v| !v.is_finite() || *v < 0.0) {
            return bad("все размеры должны быть неотрицательными числами");
        }
        if !(50.0..=1000.0).contains(&self.page_width_mm)
            || !(50.0..=1000.0).contains(&self.page_height_mm)
        {
            return bad("размер страницы должен быть от 50 до 1000 мм");
        }
        if !(4.0..=72.0).contains(&self.body_size)
            || !(4.0..=72.0).contains(&self.table_size)
            || !(4.0..=72.0).contains(&self.page_number_size)
        {
            return bad("размер шрифта должен быть от 4 до 72 пт");
        }
        if !(0.5..=3.0).contains(&self.line_spacing)
            || !(0.5..=3.0).contains(&self.table_line_spacing)
        {
            return bad("междустрочный интервал должен быть от 0,5 до 3");
        }
        let min_side = self.page_width_mm.min(self.page_height_mm);
        let max_side = self.page_width_mm.max(self.page_height_mm);
        // Landscape pages swap the sides, so both orientations must leave room.
        if self.margin_left_mm + self.margin_right_mm > min_side - 40.0
            || self.margin_top_mm + self.margin_bottom_mm > min_side - 40.0
            || max_side < min_side
        {
            return bad("поля слишком велики для размера страницы");
        }
        if self.first_line_indent_mm > 50.0 {
            return bad("абзацный отступ не может быть больше 50 мм");
        }
        if self.cell_padding_mm > 10.0 {
            return bad("внутренний отступ ячейки не может быть больше 10 мм");
        }
        Ok(())
    }
}

impl Default for LayoutProfile {
    fn default() -> Self {
        Self::gost_2025()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_are_valid_and_named() {
        let all = LayoutProfile::builtin();
        assert_eq!(all[0].name, PROFILE_2025);
        assert_eq!(all[1].name, PROFILE_2016);
        for p in &all {
            p.validate().unwrap();
        }
        assert_eq!(LayoutProfile::default(), LayoutProfile::gost_2025());
        assert_eq!(
            LayoutProfile::by_name("нет такого").unwrap_err().code(),
            "print.unknown_profile"
        );
    }

    #[test]
    fn profile_round_trips_through_json_and_can_be_edited() {
        let mut p = LayoutProfile::gost_2016();
        p.name = "Мой район".into();
        p.margin_left_mm = 30.0;
        p.font = FontChoice::Files {
            regular: "/usr/share/fonts/x.ttf".into(),
            bold: None,
            italic: None,
            bold_italic: None,
        };
        let json = serde_json::to_string(&p).unwrap();
        let back: LayoutProfile = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p);
        back.validate().unwrap();
    }

    #[test]
    fn nonsense_values_are_rejected() {
        let mut p = LayoutProfile::gost_2025();
        p.margin_left_mm = 180.0;
        assert_eq!(p.validate().unwrap_err().code(), "print.invalid_profile");
        let mut p = LayoutProfile::gost_2025();
        p.body_size = f32::NAN;
        assert!(p.validate().is_err());
        let mut p = LayoutProfile::gost_2025();
        p.line_spacing = 0.0;
        assert!(p.validate().is_err());
    }
}
