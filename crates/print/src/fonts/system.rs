//! Fonts installed on the computer: where they are on each system, which
//! families they form and which file holds each style.
//!
//! Only the `name` and `OS/2` tables are read, so a folder of a few hundred
//! fonts is catalogued in a fraction of a second. Collections (`.ttc`) are
//! skipped: a profile names files, and a file must hold exactly one face.

use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ttf_parser::name_id;

/// One family of installed fonts with the file of each style it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FontFamily {
    pub name: String,
    /// From the PANOSE class or the name: `Some(true)` for serif faces,
    /// `Some(false)` for sans serif, `None` when the font does not say.
    pub serif: Option<bool>,
    pub regular: Option<PathBuf>,
    pub bold: Option<PathBuf>,
    pub italic: Option<PathBuf>,
    pub bold_italic: Option<PathBuf>,
}

impl FontFamily {
    /// Files by style, in the order of `Style::index` (regular, bold,
    /// italic, bold italic).
    pub fn files(&self) -> [Option<&Path>; 4] {
        [
            self.regular.as_deref(),
            self.bold.as_deref(),
            self.italic.as_deref(),
            self.bold_italic.as_deref(),
        ]
    }
}

/// The folders fonts are installed in, for the system the program runs on.
/// Folders that do not exist are left out.
pub fn font_dirs() -> Vec<PathBuf> {
    let env = |name: &str| std::env::var_os(name).map(PathBuf::from);
    let mut dirs: Vec<PathBuf> = Vec::new();
    if cfg!(windows) {
        if let Some(windir) = env("WINDIR").or_else(|| env("SystemRoot")) {
            dirs.push(windir.join("Fonts"));
        }
        if let Some(local) = env("LOCALAPPDATA") {
            dirs.push(local.join("Microsoft").join("Windows").join("Fonts"));
        }
    } else if cfg!(target_os = "macos") {
        dirs.push(PathBuf::from("/Library/Fonts"));
        dirs.push(PathBuf::from("/System/Library/Fonts"));
        if let Some(home) = env("HOME") {
            dirs.push(home.join("Library").join("Fonts"));
        }
    } else {
        dirs.push(PathBuf::from("/usr/share/fonts"));
        dirs.push(PathBuf::from("/usr/local/share/fonts"));
        if let Some(data) = env("XDG_DATA_HOME") {
            dirs.push(data.join("fonts"));
        }
        if let Some(home) = env("HOME") {
            dirs.push(home.join(".local").join("share").join("fonts"));
            dirs.push(home.join(".fonts"));
        }
    }
    let mut seen = HashSet::new();
    dirs.retain(|d| d.is_dir() && seen.insert(d.clone()));
    dirs
}

/// One face found in a file.
struct FoundFace {
    family: String,
    serif: Option<bool>,
    bold: bool,
    italic: bool,
    weight: u16,
    path: PathBuf,
}

/// Catalogues the fonts under `dirs` (recursively) that can set Russian
/// text: families sorted by name, each with its best file per style.
pub fn scan(dirs: &[PathBuf]) -> Vec<FontFamily> {
    let mut files = Vec::new();
    let mut visited = HashSet::new();
    for dir in dirs {
        collect_files(dir, 0, &mut visited, &mut files);
    }
    files.sort();
    files.dedup();
    let mut by_family: BTreeMap<String, Vec<FoundFace>> = BTreeMap::new();
    for path in files {
        if let Some(face) = read_face(&path) {
            by_family.entry(face.family.clone()).or_default().push(face);
        }
    }
    by_family
        .into_iter()
        .map(|(name, faces)| {
            let pick = |bold: bool, italic: bool| {
                let target: i32 = if bold { 700 } else { 400 };
                faces
                    .iter()
                    .filter(|f| f.bold == bold && f.italic == italic)
                    .min_by_key(|f| ((f.weight as i32 - target).abs(), f.path.clone()))
                    .map(|f| f.path.clone())
            };
            FontFamily {
                serif: faces.iter().find_map(|f| f.serif),
                regular: pick(false, false),
                bold: pick(true, false),
                italic: pick(false, true),
                bold_italic: pick(true, true),
                name,
            }
        })
        .collect()
}

const MAX_DEPTH: usize = 8;

fn collect_files(dir: &Path, depth: usize, visited: &mut HashSet<PathBuf>, out: &mut Vec<PathBuf>) {
    // Symbolic links may loop; every folder is entered once.
    let Ok(real) = std::fs::canonicalize(dir) else {
        return;
    };
    if depth > MAX_DEPTH || !visited.insert(real) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, depth + 1, visited, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("ttf") || e.eq_ignore_ascii_case("otf"))
        {
            out.push(path);
        }
    }
}

/// The face in one file, if it parses and has Cyrillic letters; a broken
/// or foreign file is skipped (one bad font must not hide the others).
fn read_face(path: &Path) -> Option<FoundFace> {
    let data = std::fs::read(path).ok()?;
    let face = ttf_parser::Face::parse(&data, 0).ok()?;
    if ['А', 'я', 'Ё']
        .iter()
        .any(|&c| face.glyph_index(c).is_none())
    {
        return None;
    }
    let name = |id: u16| -> Option<String> {
        let mut fallback = None;
        for n in face.names() {
            if n.name_id != id {
                continue;
            }
            let Some(text) = n.to_string().filter(|t| !t.trim().is_empty()) else {
                continue;
            };
            // English (United States) first: the name the user sees in
            // other programs' font menus.
            if n.language_id == 0x0409 {
                return Some(text.trim().to_string());
            }
            fallback.get_or_insert(text.trim().to_string());
        }
        fallback
    };
    // A condensed or expanded face is its own family for the user
    // ("DejaVu Serif Condensed"), never the regular style of another.
    let normal_width = face.width() == ttf_parser::Width::Normal;
    let family = if normal_width {
        name(name_id::TYPOGRAPHIC_FAMILY).or_else(|| name(name_id::FAMILY))
    } else {
        name(name_id::FAMILY)
    }?;
    let weight = face.weight().to_number();
    Some(FoundFace {
        serif: serif_class(&face).or_else(|| serif_from_name(&family)),
        bold: face.is_bold() || weight >= 600,
        italic: face.is_italic() || face.is_oblique(),
        weight,
        path: path.to_path_buf(),
        family,
    })
}

/// PANOSE (OS/2 bytes 32..42): family kind 2 is "Latin text", whose second
/// digit is the serif style; 11–13 are the sans serif styles.
fn serif_class(face: &ttf_parser::Face<'_>) -> Option<bool> {
    let os2 = face
        .raw_face()
        .table(ttf_parser::Tag::from_bytes(b"OS/2"))?;
    let panose = os2.get(32..34)?;
    if panose[0] != 2 {
        return None;
    }
    match panose[1] {
        2..=10 => Some(true),
        11..=13 => Some(false),
        _ => None,
    }
}

fn serif_from_name(family: &str) -> Option<bool> {
    let lower = family.to_lowercase();
    if lower.contains("sans") || lower.contains("mono") {
        Some(false)
    } else if lower.contains("serif") || lower.contains("roman") || lower.contains("times") {
        Some(true)
    } else {
        None
    }
}

/// The catalogue of this computer's fonts, kept after the first scan so
/// that every preview does not walk the font folders again.
static CATALOGUE: Mutex<Option<Arc<Vec<FontFamily>>>> = Mutex::new(None);

/// The installed families; `refresh` scans the folders again (the user
/// may have installed a font while the program was running).
pub fn installed_families(refresh: bool) -> Arc<Vec<FontFamily>> {
    let mut cached = CATALOGUE.lock().unwrap_or_else(|e| e.into_inner());
    if refresh || cached.is_none() {
        *cached = Some(Arc::new(scan(&font_dirs())));
    }
    cached.clone().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("metodist-fonts-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn bundled(name: &str) -> Vec<u8> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/fonts");
        std::fs::read(dir.join(name)).unwrap()
    }

    #[test]
    fn a_fake_folder_is_grouped_into_one_family_by_style() {
        let dir = temp_dir("fake");
        let sub = dir.join("nested").join("deeper");
        std::fs::create_dir_all(&sub).unwrap();
        // File names say nothing: styles must come from the fonts themselves.
        std::fs::write(dir.join("a.ttf"), bundled("LiberationSerif-Regular.ttf")).unwrap();
        std::fs::write(sub.join("b.TTF"), bundled("LiberationSerif-Bold.ttf")).unwrap();
        std::fs::write(dir.join("c.otf"), bundled("LiberationSerif-Italic.ttf")).unwrap();
        std::fs::write(dir.join("broken.ttf"), b"not a font at all").unwrap();
        std::fs::write(dir.join("notes.txt"), b"ignored").unwrap();
        let families = scan(std::slice::from_ref(&dir));
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(families.len(), 1, "{families:?}");
        let f = &families[0];
        assert_eq!(f.name, "Liberation Serif");
        assert_eq!(f.serif, Some(true));
        assert_eq!(f.regular.as_deref(), Some(dir.join("a.ttf").as_path()));
        assert_eq!(f.bold.as_deref(), Some(sub.join("b.TTF").as_path()));
        assert_eq!(f.italic.as_deref(), Some(dir.join("c.otf").as_path()));
        assert_eq!(f.bold_italic, None);
    }

    #[test]
    fn an_empty_or_missing_folder_gives_no_families() {
        let dir = temp_dir("empty");
        assert!(scan(std::slice::from_ref(&dir)).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(scan(&[dir]).is_empty());
    }

    /// This machine's fonts (Debian: fonts-liberation2, fonts-dejavu). A
    /// system without them has nothing to check here.
    #[test]
    fn installed_serif_families_are_found_with_all_styles() {
        let families = scan(&font_dirs());
        let liberation = Path::new("/usr/share/fonts/truetype/liberation2");
        if !cfg!(target_os = "linux") || !liberation.is_dir() {
            return;
        }
        let serif = families
            .iter()
            .find(|f| f.name == "Liberation Serif")
            .expect("Liberation Serif is installed");
        assert_eq!(serif.serif, Some(true));
        for (i, file) in serif.files().iter().enumerate() {
            assert!(file.is_some(), "style {i} of {serif:?}");
        }
        assert!(serif
            .bold
            .as_ref()
            .unwrap()
            .ends_with("LiberationSerif-Bold.ttf"));
        let sans = families
            .iter()
            .find(|f| f.name == "Liberation Sans")
            .unwrap();
        assert_eq!(sans.serif, Some(false));
        if let Some(dejavu) = families.iter().find(|f| f.name == "DejaVu Serif") {
            assert_eq!(dejavu.serif, Some(true));
            assert!(dejavu
                .regular
                .as_ref()
                .unwrap()
                .ends_with("DejaVuSerif.ttf"));
            assert!(dejavu
                .bold
                .as_ref()
                .unwrap()
                .ends_with("DejaVuSerif-Bold.ttf"));
        }
        // Symbol and CJK-only fonts cannot set Russian and are left out.
        assert!(!families.iter().any(|f| f.name.contains("Symbol")));
    }
}
