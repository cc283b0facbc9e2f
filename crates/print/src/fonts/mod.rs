//! Font faces: loading, glyph widths and the replacement of characters the
//! font cannot show.

use printpdf::ParsedFont;
use std::collections::HashMap;
use std::path::Path;

use crate::doc::Style;
use crate::error::{PrintError, PrintWarning};
use crate::profile::FontChoice;

pub mod system;
pub use system::{font_dirs, installed_families, FontFamily};

/// Russian names of the styles, in the order of `Style::index`.
const STYLE_NAMES: [&str; 4] = ["обычный", "полужирный", "курсив", "полужирный курсив"];

const SERIF_REGULAR: &[u8] = include_bytes!("../../../../assets/fonts/LiberationSerif-Regular.ttf");
const SERIF_BOLD: &[u8] = include_bytes!("../../../../assets/fonts/LiberationSerif-Bold.ttf");
const SERIF_ITALIC: &[u8] = include_bytes!("../../../../assets/fonts/LiberationSerif-Italic.ttf");
const SERIF_BOLD_ITALIC: &[u8] =
    include_bytes!("../../../../assets/fonts/LiberationSerif-BoldItalic.ttf");

/// Characters below this are measured from a table built at load time; the
/// rest (rare in these documents) go through the font's cmap each time.
const TABLE_LEN: usize = 0x2200;

/// One face with its widths in thousandths of an em, truncated exactly as
/// printpdf writes the `/W` array, so that our measurements and the
/// viewer's agree to the last unit and right-aligned text lands exactly.
pub struct Face {
    pub(crate) parsed: ParsedFont,
    /// The same font file, for drawing glyph outlines in the preview.
    pub(crate) outlines: ab_glyph::FontArc,
    name: String,
    widths: Vec<i32>,
    others: HashMap<char, i32>,
    /// Ascender and descender (positive) and line gap, in em.
    pub(crate) ascent: f32,
    pub(crate) descent: f32,
    pub(crate) line_gap: f32,
}

impl Face {
    fn parse(bytes: FontBytes, name: &str) -> Result<Face, PrintError> {
        let bad = || PrintError::FontParse {
            name: name.to_string(),
        };
        let mut warnings = Vec::new();
        let raw: &[u8] = match &bytes {
            FontBytes::Static(b) => b,
            FontBytes::Owned(v) => v,
        };
        let parsed = ParsedFont::from_bytes(raw, 0, &mut warnings).ok_or_else(bad)?;
        let outlines = match bytes {
            FontBytes::Static(b) => ab_glyph::FontArc::try_from_slice(b).map_err(|_| bad())?,
            FontBytes::Owned(v) => ab_glyph::FontArc::try_from_vec(v).map_err(|_| bad())?,
        };
        let m = &parsed.pdf_font_metrics;
        let upem = m.units_per_em.max(1) as f32;
        let ascent = m.ascender as f32 / upem;
        let descent = -(m.descender as f32) / upem;
        let line_gap = m.line_gap as f32 / upem;
        let mut face = Face {
            parsed,
            outlines,
            name: name.to_string(),
            widths: Vec::new(),
            others: HashMap::new(),
            ascent: if ascent > 0.0 { ascent } else { 0.9 },
            descent: if descent > 0.0 { descent } else { 0.22 },
            line_gap: line_gap.max(0.0),
        };
        face.widths = (0..TABLE_LEN as u32)
            .map(|cp| {
                char::from_u32(cp)
                    .and_then(|c| face.lookup(c))
                    .unwrap_or(-1)
            })
            .collect();
        for c in ['\u{FFFD}', '\u{2116}', '\u{2022}'] {
            if let Some(w) = face.lookup(c) {
                face.others.insert(c, w);
            }
        }
        if !face.has('А') || !face.has('я') {
            return Err(PrintError::FontNoCyrillic {
                name: name.to_string(),
            });
        }
        Ok(face)
    }

    fn lookup(&self, c: char) -> Option<i32> {
        let gid = self.parsed.lookup_glyph_index(c as u32)?;
        if gid == 0 {
            return None;
        }
        let upem = self.parsed.pdf_font_metrics.units_per_em.max(1) as f32;
        let adv = self.parsed.get_horizontal_advance(gid) as f32;
        Some((adv * 1000.0 / upem) as i32)
    }

    /// Width of a character in thousandths of an em, if the font has it.
    pub fn width(&self, c: char) -> Option<i32> {
        let cp = c as usize;
        if cp < TABLE_LEN {
            let w = self.widths[cp];
            return (w >= 0).then_some(w);
        }
        self.others.get(&c).copied().or_else(|| self.lookup(c))
    }

    pub fn has(&self, c: char) -> bool {
        self.width(c).is_some()
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

enum FontBytes {
    Static(&'static [u8]),
    Owned(Vec<u8>),
}

/// The four faces a document is set in.
pub struct Fonts {
    faces: [Face; 4],
    /// What went differently from the profile's choice (a family not
    /// installed, a style it lacks): the bundled face was used instead.
    notes: Vec<PrintWarning>,
}

fn bundled_face(index: usize) -> Result<Face, PrintError> {
    match index {
        0 => Face::parse(FontBytes::Static(SERIF_REGULAR), "Liberation Serif"),
        1 => Face::parse(FontBytes::Static(SERIF_BOLD), "Liberation Serif Bold"),
        2 => Face::parse(FontBytes::Static(SERIF_ITALIC), "Liberation Serif Italic"),
        _ => Face::parse(
            FontBytes::Static(SERIF_BOLD_ITALIC),
            "Liberation Serif Bold Italic",
        ),
    }
}

impl Fonts {
    /// Liberation Serif, compiled into the program.
    pub fn bundled() -> Result<Fonts, PrintError> {
        Ok(Fonts {
            faces: [
                bundled_face(0)?,
                bundled_face(1)?,
                bundled_face(2)?,
                bundled_face(3)?,
            ],
            notes: Vec::new(),
        })
    }

    /// Fonts installed on the computer. Styles without a file use the
    /// regular face.
    pub fn from_files(
        regular: &Path,
        bold: Option<&Path>,
        italic: Option<&Path>,
        bold_italic: Option<&Path>,
    ) -> Result<Fonts, PrintError> {
        let read = |p: &Path| {
            std::fs::read(p).map_err(|source| PrintError::FontRead {
                path: p.to_path_buf(),
                source,
            })
        };
        let name = |p: &Path| p.display().to_string();
        let regular_bytes = read(regular)?;
        let load = |p: Option<&Path>| -> Result<Face, PrintError> {
            match p {
                Some(p) => Face::parse(FontBytes::Owned(read(p)?), &name(p)),
                None => Face::parse(FontBytes::Owned(regular_bytes.clone()), &name(regular)),
            }
        };
        Ok(Fonts {
            faces: [
                Face::parse(FontBytes::Owned(regular_bytes.clone()), &name(regular))?,
                load(bold)?,
                load(italic)?,
                load(bold_italic)?,
            ],
            notes: Vec::new(),
        })
    }

    /// An installed family by name, looked up in `families`. A style the
    /// family lacks, or a file that cannot be read, is set in the bundled
    /// face of that style, and a note says so; a family that is not there
    /// at all gives the bundled font. Never an error for the user's choice:
    /// a profile made on another computer must still print.
    pub fn from_family(family: &str, families: &[FontFamily]) -> Result<Fonts, PrintError> {
        let Some(found) = families.iter().find(|f| f.name == family) else {
            let mut fonts = Fonts::bundled()?;
            fonts.notes.push(PrintWarning::FontFallback {
                font: family.to_string(),
                style: None,
                reason: "шрифт не установлен на этом компьютере".into(),
            });
            return Ok(fonts);
        };
        let mut notes = Vec::new();
        let mut faces = Vec::with_capacity(4);
        for (index, file) in found.files().into_iter().enumerate() {
            let style_name = format!("{} {}", found.name, STYLE_NAMES[index]);
            let loaded = match file {
                None => Err("в семействе нет этого начертания".to_string()),
                Some(path) => std::fs::read(path)
                    .map_err(|e| {
                        format!(
                            "файл «{}» не прочитан: {}",
                            path.display(),
                            metodist_core::error::io_reason(&e)
                        )
                    })
                    .and_then(|bytes| {
                        Face::parse(FontBytes::Owned(bytes), &style_name).map_err(|e| e.to_string())
                    }),
            };
            match loaded {
                Ok(face) => faces.push(face),
                Err(reason) => {
                    notes.push(PrintWarning::FontFallback {
                        font: found.name.clone(),
                        style: Some(STYLE_NAMES[index].to_string()),
                        reason,
                    });
                    faces.push(bundled_face(index)?);
                }
            }
        }
        let faces: [Face; 4] = faces
            .try_into()
            .unwrap_or_else(|_| unreachable!("four styles were loaded"));
        Ok(Fonts { faces, notes })
    }

    /// The fonts a profile asks for. Files that are gone or broken give
    /// the bundled font with a note (see `notes`), never an error: the
    /// document must print on any computer.
    pub fn load(choice: &FontChoice) -> Result<Fonts, PrintError> {
        match choice {
            FontChoice::Bundled => Fonts::bundled(),
            FontChoice::Installed { family } => {
                Fonts::from_family(family, &installed_families(false))
            }
            FontChoice::Files {
                regular,
                bold,
                italic,
                bold_italic,
            } => match Fonts::from_files(
                regular,
                bold.as_deref(),
                italic.as_deref(),
                bold_italic.as_deref(),
            ) {
                Ok(fonts) => Ok(fonts),
                Err(error) => {
                    let mut fonts = Fonts::bundled()?;
                    fonts.notes.push(PrintWarning::FontFallback {
                        font: regular.display().to_string(),
                        style: None,
                        reason: error.to_string(),
                    });
                    Ok(fonts)
                }
            },
        }
    }

    /// What differs from the profile's choice of font; `lay_out` reports
    /// these with the document's other warnings.
    pub fn notes(&self) -> &[PrintWarning] {
        &self.notes
    }

    pub fn face(&self, style: Style) -> &Face {
        &self.faces[style.index()]
    }

    pub(crate) fn faces(&self) -> &[Face; 4] {
        &self.faces
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_faces_measure_like_times() {
        let f = Fonts::bundled().unwrap();
        let r = f.face(Style::Regular);
        // Times New Roman advances (1/1000 em): space 250, "a" 443, "М" 889.
        assert_eq!(r.width(' '), Some(250));
        assert_eq!(r.width('a'), Some(443));
        assert_eq!(r.width('М'), Some(889));
        assert!(f.face(Style::Bold).width('М').unwrap() >= 889);
        assert!(r.has('№') && r.has('–') && r.has('\u{AD}'));
        assert!(!r.has('\u{1F600}'));
        assert!(r.ascent > 0.8 && r.descent > 0.1);
    }

    #[test]
    fn a_missing_font_file_is_a_typed_error() {
        let err = Fonts::from_files(Path::new("/nonexistent/font.ttf"), None, None, None)
            .err()
            .unwrap();
        assert_eq!(err.code(), "print_font_read");
        assert!(err.to_string().contains("шрифта"));
    }

    #[test]
    fn a_file_that_is_not_a_font_is_rejected() {
        let dir = std::env::temp_dir().join(format!("metodist-print-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("not-a-font.ttf");
        std::fs::write(&p, b"definitely not a font").unwrap();
        let err = Fonts::from_files(&p, None, None, None).err().unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(err.code(), "print_font_parse");
    }
}

#[cfg(test)]
mod thread_tests {
    /// The app keeps one `Fonts` in its shared state and renders from
    /// command handlers on any thread.
    #[test]
    fn fonts_can_be_shared_between_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<super::Fonts>();
        shared::<crate::Rendered>();
        shared::<crate::LaidOut>();
        shared::<crate::Preview>();
        shared::<crate::LayoutProfile>();
    }
}
