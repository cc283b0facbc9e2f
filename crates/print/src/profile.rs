//! Layout profiles: named sets of page and type values.
//!
//! Districts follow their own instructions (a wider left margin, another
//! font size), so every value lives here rather than in the layout code, and
//! a profile is plain data the user can copy, rename and edit.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

use crate::error::PrintError;

/// Which font the document is set in.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FontChoice {
    /// Liberation Serif compiled into the program.
    #[default]
    Bundled,
    /// A family installed on the computer, by name (see
    /// `fonts::system`); the files are found at print time, so a profile
    /// survives a font update. A style the family lacks is set in the
    /// bundled face of that style, with a warning.
    Installed { family: String },
    /// TrueType/OpenType files named directly. A missing style falls back
    /// to the regular face.
    Files {
        regular: PathBuf,
        #[serde(default)]
        #[ts(optional = nullable)]
        bold: Option<PathBuf>,
        #[serde(default)]
        #[ts(optional = nullable)]
        italic: Option<PathBuf>,
        #[serde(default)]
        #[ts(optional = nullable)]
        bold_italic: Option<PathBuf>,
    },
}

/// What is repeated at the top of a table on every page after its first.
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// those of the default profile: the values both editions share as far
    /// as we could check (fields of at least 20/10/20/20 mm, text at 12–14 pt,
    /// a 1.25 cm first-line indent, page numbers centred at the top from
    /// page 2). Neither edition rules how a table continues on the next
    /// page, so the difference here is a house style, not a norm: the other
    /// common way (ГОСТ 2.105, ГОСТ 7.32) of repeating only the row of column
    /// numbers under a "Продолжение таблицы" label.
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
    /// zero or runs text off the page. The first problem is the error.
    pub fn validate(&self) -> Result<(), PrintError> {
        match self.problems().into_iter().next() {
            Some(p) => Err(PrintError::InvalidProfile(p.message)),
            None => Ok(()),
        }
    }

    /// Every value out of range, each with the field it belongs to, so the
    /// profile editor can show the message next to that field.
    pub fn problems(&self) -> Vec<ProfileProblem> {
        let mut out = Vec::new();
        let mut bad = |field: &'static str, message: &str| {
            if !out.iter().any(|p: &ProfileProblem| p.field == field) {
                out.push(ProfileProblem {
                    field,
                    message: message.to_string(),
                });
            }
        };
        if self.name.trim().is_empty() {
            bad("name", "укажите название профиля");
        }
        let sizes: [(&'static str, f32); 16] = [
            ("page_width_mm", self.page_width_mm),
            ("page_height_mm", self.page_height_mm),
            ("margin_left_mm", self.margin_left_mm),
            ("margin_right_mm", self.margin_right_mm),
            ("margin_top_mm", self.margin_top_mm),
            ("margin_bottom_mm", self.margin_bottom_mm),
            ("body_size", self.body_size),
            ("table_size", self.table_size),
            ("page_number_size", self.page_number_size),
            ("line_spacing", self.line_spacing),
            ("table_line_spacing", self.table_line_spacing),
            ("first_line_indent_mm", self.first_line_indent_mm),
            ("paragraph_space_pt", self.paragraph_space_pt),
            ("cell_padding_mm", self.cell_padding_mm),
            ("border_width_pt", self.border_width_pt),
            ("mark_width_mm", self.mark_width_mm),
        ];
        for (field, v) in sizes {
            if !v.is_finite() || v < 0.0 {
                bad(field, "все размеры должны быть неотрицательными числами");
            }
        }
        for (field, v) in [
            ("page_width_mm", self.page_width_mm),
            ("page_height_mm", self.page_height_mm),
        ] {
            if !(50.0..=1000.0).contains(&v) {
                bad(field, "размер страницы должен быть от 50 до 1000 мм");
            }
        }
        for (field, v) in [
            ("body_size", self.body_size),
            ("table_size", self.table_size),
            ("page_number_size", self.page_number_size),
        ] {
            if !(4.0..=72.0).contains(&v) {
                bad(field, "размер шрифта должен быть от 4 до 72 пт");
            }
        }
        for (field, v) in [
            ("line_spacing", self.line_spacing),
            ("table_line_spacing", self.table_line_spacing),
        ] {
            if !(0.5..=3.0).contains(&v) {
                bad(field, "междустрочный интервал должен быть от 0,5 до 3");
            }
        }
        let min_side = self.page_width_mm.min(self.page_height_mm);
        // Landscape pages swap the sides, so both orientations must leave
        // room: at least 40 mm of text across the shorter side.
        if self.margin_left_mm + self.margin_right_mm > min_side - 40.0 {
            bad("margin_left_mm", "поля слишком велики для размера страницы");
            bad(
                "margin_right_mm",
                "поля слишком велики для размера страницы",
            );
        }
        if self.margin_top_mm + self.margin_bottom_mm > min_side - 40.0 {
            bad("margin_top_mm", "поля слишком велики для размера страницы");
            bad(
                "margin_bottom_mm",
                "поля слишком велики для размера страницы",
            );
        }
        if self.first_line_indent_mm > 50.0 {
            bad(
                "first_line_indent_mm",
                "абзацный отступ не может быть больше 50 мм",
            );
        }
        if self.cell_padding_mm > 10.0 {
            bad(
                "cell_padding_mm",
                "внутренний отступ ячейки не может быть больше 10 мм",
            );
        }
        if self.border_width_pt > 5.0 {
            bad("border_width_pt", "толщина линий таблицы не больше 5 пт");
        }
        if self.paragraph_space_pt > 72.0 {
            bad(
                "paragraph_space_pt",
                "интервал между абзацами не больше 72 пт",
            );
        }
        if self.mark_width_mm > min_side - self.margin_left_mm - self.margin_right_mm {
            bad(
                "mark_width_mm",
                "ширина грифа приложения больше ширины текста на странице",
            );
        }
        if let FontChoice::Installed { family } = &self.font {
            if family.trim().is_empty() {
                bad("font", "выберите шрифт");
            }
        }
        out
    }
}

/// One value of a profile that cannot be used, by field name (the JSON
/// key, e.g. `margin_left_mm`).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProfileProblem {
    pub field: &'static str,
    pub message: String,
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
            "print_unknown_profile"
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
        assert_eq!(p.validate().unwrap_err().code(), "print_invalid_profile");
        let mut p = LayoutProfile::gost_2025();
        p.body_size = f32::NAN;
        assert!(p.validate().is_err());
        let mut p = LayoutProfile::gost_2025();
        p.line_spacing = 0.0;
        assert!(p.validate().is_err());
    }

    #[test]
    fn problems_name_the_field_they_belong_to() {
        assert!(LayoutProfile::gost_2016().problems().is_empty());
        let mut p = LayoutProfile::gost_2025();
        p.margin_left_mm = 100.0;
        p.margin_right_mm = 100.0;
        p.body_size = 100.0;
        p.first_line_indent_mm = -1.0;
        p.name = " ".into();
        let fields: Vec<&str> = p.problems().iter().map(|x| x.field).collect();
        assert_eq!(
            fields,
            [
                "name",
                "first_line_indent_mm",
                "body_size",
                "margin_left_mm",
                "margin_right_mm",
                // The appendix mark no longer fits between such margins.
                "mark_width_mm"
            ]
        );
        assert_eq!(
            p.problems()[2].message,
            "размер шрифта должен быть от 4 до 72 пт"
        );
        assert_eq!(
            p.validate().unwrap_err().to_string(),
            "недопустимое значение в профиле оформления: укажите название профиля"
        );
    }
}
