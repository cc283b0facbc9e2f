//! Checks of the printed programme read back from the PDF itself with
//! poppler-utils (pdftotext, pdffonts, pdfinfo), as a reader would see it.

use std::path::{Path, PathBuf};
use std::process::Command;

use metodist_print::{render_programme, ComposeMode, Fonts, LayoutProfile, Rendered};

const PT_PER_MM: f64 = 72.0 / 25.4;

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} must be installed (poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("poppler prints UTF-8")
}

fn write_pdf(name: &str, r: &Rendered) -> PathBuf {
    // Kept after the run (in the target directory) to look at a failure.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf_checks");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, &r.pdf).unwrap();
    path
}

#[derive(Debug)]
struct Word {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

#[derive(Debug)]
struct Page {
    width: f64,
    height: f64,
    words: Vec<Word>,
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    let start = tag
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} in {tag}"))
        + key.len();
    let end = start + tag[start..].find('"').unwrap();
    tag[start..end].parse().unwrap()
}

/// Words with their boxes, page by page, from `pdftotext -bbox`.
fn pages(pdf: &Path) -> Vec<Page> {
    let html = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let mut out: Vec<Page> = Vec::new();
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            out.push(Page {
                width: attr(line, "width"),
                height: attr(line, "height"),
                words: Vec::new(),
            });
        } else if line.starts_with("<word ") {
            let text_start = line.find('>').unwrap() + 1;
            let text_end = line.rfind("</word>").unwrap();
            out.last_mut().unwrap().words.push(Word {
                x0: attr(line, "xMin"),
                y0: attr(line, "yMin"),
                x1: attr(line, "xMax"),
                y1: attr(line, "yMax"),
                text: line[text_start..text_end]
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\""),
            });
        }
    }
    out
}

fn render(items: usize, mode: ComposeMode, profile: &LayoutProfile, years: bool) -> Rendered {
    let mut p = metodist_core::generate::programme(items, 3);
    if years {
        p.roadmap.year_columns = p.period.years().collect();
    }
    let fonts = Fonts::load(&profile.font).unwrap();
    render_programme(&p, mode, profile, &fonts).unwrap()
}

/// The page-number word of a page, if the top margin holds one.
fn number_in_top_margin(page: &Page, top: f64) -> Vec<&Word> {
    page.words.iter().filter(|w| w.y1 <= top).collect()
}

fn check_layout(pdf: &Path, rendered: &Rendered, profile: &LayoutProfile) -> Vec<Page> {
    let pages = pages(pdf);
    assert_eq!(pages.len(), rendered.pages);
    let left = profile.margin_left_mm as f64 * PT_PER_MM;
    let right = profile.margin_right_mm as f64 * PT_PER_MM;
    let top = profile.margin_top_mm as f64 * PT_PER_MM;
    let bottom = profile.margin_bottom_mm as f64 * PT_PER_MM;
    // pdftotext boxes use the font's whole ascent and descent, a little
    // taller than the line the layout reserves.
    let slack = 1.5;
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        let in_margin = number_in_top_margin(page, top);
        if n == 1 {
            assert!(
                in_margin.is_empty(),
                "page 1 has text in the top margin: {in_margin:?}"
            );
        } else {
            assert_eq!(
                in_margin.len(),
                1,
                "page {n}: top margin holds {in_margin:?}"
            );
            let w = in_margin[0];
            assert_eq!(w.text, n.to_string(), "page {n} is numbered {}", w.text);
            let centre = (w.x0 + w.x1) / 2.0;
            let text_centre = left + (page.width - left - right) / 2.0;
            assert!(
                (centre - text_centre).abs() < 1.0,
                "page {n}: number off centre"
            );
        }
        for w in page.words.iter().filter(|w| w.y1 > top) {
            assert!(
                w.x0 >= left - 0.5 && w.x1 <= page.width - right + 0.5,
                "page {n}: «{}» crosses a side margin ({:.1}..{:.1} of {:.1})",
                w.text,
                w.x0,
                w.x1,
                page.width
            );
            assert!(
                w.y0 >= top - slack && w.y1 <= page.height - bottom + slack,
                "page {n}: «{}» crosses the top or bottom margin ({:.1}..{:.1})",
                w.text,
                w.y0,
                w.y1
            );
        }
    }
    pages
}

/// Words within `depth` points below the first text under the top margin.
fn top_band(page: &Page, top: f64, depth: f64) -> Vec<&str> {
    let body: Vec<&Word> = page.words.iter().filter(|w| w.y1 > top).collect();
    let y = body
        .iter()
        .map(|w| w.y0)
        .min_by(f64::total_cmp)
        .unwrap_or(top);
    body.iter()
        .filter(|w| w.y0 < y + depth)
        .map(|w| w.text.as_str())
        .collect()
}

/// Text of the first line below the top margin.
fn first_line(page: &Page, top: f64) -> String {
    let body: Vec<&Word> = page.words.iter().filter(|w| w.y1 > top).collect();
    let Some(y) = body.iter().map(|w| w.y0).min_by(f64::total_cmp) else {
        return String::new();
    };
    let mut line: Vec<&&Word> = body.iter().filter(|w| (w.y0 - y).abs() < 3.0).collect();
    line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    line.iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn whole_act_reads_back_from_the_pdf() {
    let profile = LayoutProfile::default();
    let r = render(150, ComposeMode::WholeAct, &profile, false);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let pdf = write_pdf("whole.pdf", &r);

    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let count = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse::<usize>().unwrap());
    assert_eq!(count, Some(r.pages), "{info}");
    assert!(info.contains("x 841.89 pts (A4)"), "{info}");

    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 2, "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type... encoding emb sub uni object-id gen
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "not embedded, subset and mapped: {row}"
        );
        assert!(row.contains("LiberationSerif"), "{row}");
    }

    let text = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    for phrase in [
        // Printed letter-spaced; the gaps are narrow enough for pdftotext
        // to read one searchable word.
        "ПОСТАНОВЛЕНИЕ",
        "АДМИНИСТРАЦИЯ ЗАРЕЧНОГО МУНИЦИПАЛЬНОГО РАЙОНА",
        "от ____________",
        "Паспорт программы",
        "Наименование показателя",
        "Мероприятие",
        "Ответственные",
    ] {
        assert!(text.contains(phrase), "«{phrase}» not extractable");
    }
    // Numbers with a decimal comma in the indicator table.
    assert!(
        text.contains("60,5") && text.contains("63,5"),
        "values not printed with a comma"
    );

    let pages = check_layout(&pdf, &r, &profile);
    let top = profile.margin_top_mm as f64 * PT_PER_MM;
    assert!(first_line(&pages[0], top).contains("РОССИЙСКАЯ ФЕДЕРАЦИЯ"));
    // The appendix starts on a new page with its mark.
    assert!(first_line(&pages[1], top).starts_with("Приложение"));
    // Every page after the roadmap's first starts with its header row.
    let start = pages
        .iter()
        .position(|p| p.words.iter().any(|w| w.text == "Мероприятие"))
        .expect("roadmap printed");
    assert!(
        pages.len() - start >= 4,
        "the roadmap should run over several pages"
    );
    for (i, page) in pages.iter().enumerate().skip(start + 1) {
        let band = top_band(page, top, 36.0);
        for word in ["№", "п/п", "Мероприятие", "Сроки", "Ожидаемый"] {
            assert!(
                band.contains(&word),
                "page {}: the header is not at the top ({band:?})",
                i + 1
            );
        }
    }
}

fn words_on<'a>(page: &'a Page, text: &str) -> Vec<&'a Word> {
    page.words.iter().filter(|w| w.text == text).collect()
}

/// However many points the act has, the signature shares its page with
/// the text before it: never a page of the signature alone (§3).
#[test]
fn the_signature_never_stands_alone_on_a_page() {
    let profile = LayoutProfile::default();
    let fonts = Fonts::bundled().unwrap();
    let mut alone = Vec::new();
    let mut over_a_page = 0;
    for points in 8..=22 {
        let mut p = metodist_core::generate::programme(3, 1);
        let act = p.act.as_mut().unwrap();
        act.points = (1..=points)
            .map(|n| format!("Поручение {n}: руководителям общеобразовательных организаций обеспечить исполнение плана мероприятий в установленные сроки."))
            .collect();
        act.signatory_position = "Глава района".into();
        act.signatory_name = "П. Р. Подписной".into();
        let r = render_programme(&p, ComposeMode::WholeAct, &profile, &fonts).unwrap();
        let pdf = write_pdf(&format!("signature-{points}.pdf"), &r);
        let pages = pages(&pdf);
        let at = pages
            .iter()
            .position(|pg| pg.words.iter().any(|w| w.text == "Подписной"))
            .expect("the signature is printed");
        if at > 0 {
            over_a_page += 1;
        }
        if !pages[at].words.iter().any(|w| w.text == "Поручение") {
            alone.push(points);
        }
    }
    assert!(over_a_page > 0, "some acts run over their first page");
    assert!(
        alone.is_empty(),
        "the signature alone with {alone:?} points"
    );
}

#[test]
fn act_heading_and_signature_sit_where_the_standard_puts_them() {
    let mut p = metodist_core::generate::programme(20, 5);
    // Many indicators, so their table runs over pages.
    let more: Vec<_> = (0..8).flat_map(|_| p.indicators.clone()).collect();
    p.indicators = more;
    let act = p.act.as_mut().unwrap();
    // The field's own type parses the date: no need to name chrono here.
    act.date = serde_json::from_str("\"2021-08-03\"").unwrap();
    act.number = Some("299".into());
    act.signatory_position = "Заместитель главы администрации района по социальной сфере".into();
    act.signatory_name = "Н. В. Тураев".into();
    act.executor = Some("Исп. Иванова И. И., 8 (486) 123-45-67".into());
    let profile = LayoutProfile::default();
    let fonts = Fonts::bundled().unwrap();
    let r = render_programme(&p, ComposeMode::WholeAct, &profile, &fonts).unwrap();
    let pdf = write_pdf("act.pdf", &r);
    let pages = check_layout(&pdf, &r, &profile);
    let left = profile.margin_left_mm as f64 * PT_PER_MM;
    let right_edge = pages[0].width - profile.margin_right_mm as f64 * PT_PER_MM;
    let first = &pages[0];

    // Date at the left margin, number ending at the right one, same line.
    let from = words_on(first, "от")[0];
    let date = words_on(first, "03.08.2021")[0];
    let number = words_on(first, "299")[0];
    assert!((from.x0 - left).abs() < 0.5, "date not at the left margin");
    assert!(
        (number.x1 - right_edge).abs() < 0.5,
        "number not at the right margin"
    );
    assert!(
        (date.y0 - number.y0).abs() < 0.5,
        "date and number on different lines"
    );
    assert!(words_on(first, "№")
        .iter()
        .any(|w| (w.y0 - number.y0).abs() < 0.5));

    // The name ends at the right margin level with the position's last line.
    let surname = words_on(first, "Тураев")[0];
    let last_of_position = words_on(first, "сфере")[0];
    assert!(
        (surname.x1 - right_edge).abs() < 0.5,
        "name not at the right margin"
    );
    assert!(
        (surname.y0 - last_of_position.y0).abs() < 0.5,
        "name not level with the position"
    );
    let position_start = words_on(first, "Заместитель")[0];
    assert!((position_start.x0 - left).abs() < 0.5);
    assert!(
        position_start.y0 < last_of_position.y0,
        "the position wraps to two lines"
    );

    // The executor's line at the foot of the act's page.
    let executor = words_on(first, "Исп.")[0];
    let bottom = first.height - profile.margin_bottom_mm as f64 * PT_PER_MM;
    assert!(
        bottom - executor.y1 < 6.0,
        "executor line not at the foot: {executor:?}"
    );

    // Every page of the indicator table starts with its two-row header.
    let top = profile.margin_top_mm as f64 * PT_PER_MM;
    // The table starts on the first page with its header word «Базовое»;
    // the passport before it lists the same names when its indicator row
    // is filled from the data.
    let first = (0..pages.len())
        .find(|&i| pages[i].words.iter().any(|w| w.text == "Базовое"))
        .expect("the indicator table is printed");
    let ind: Vec<usize> = (first..pages.len())
        .filter(|&i| {
            pages[i]
                .words
                .iter()
                // The generated names end «(показатель N)»: the word
                // «показатели» also opens a passport row and a heading.
                .any(|w| w.text.starts_with("(показател"))
        })
        .filter(|&i| !pages[i].words.iter().any(|w| w.text == "Мероприятие"))
        .collect();
    assert!(ind.len() >= 2, "the indicator table should run over pages");
    for &i in &ind[1..] {
        let band = top_band(&pages[i], top, 40.0);
        for w in ["Наименование", "Плановое", "2025", "Базовое"] {
            assert!(
                band.contains(&w),
                "page {}: header missing {w}: {band:?}",
                i + 1
            );
        }
    }
}

#[test]
fn column_numbers_and_landscape_roadmap() {
    let profile = LayoutProfile::gost_2016();
    let r = render(60, ComposeMode::AppendixOnly, &profile, true);
    let pdf = write_pdf("appendix-2016.pdf", &r);
    let pages = check_layout(&pdf, &r, &profile);
    let top = profile.margin_top_mm as f64 * PT_PER_MM;
    assert!(first_line(&pages[0], top).starts_with("Приложение"));
    let text = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    assert!(!text.contains("ПОСТАНОВЛЕНИЕ"));
    let landscape: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].width > pages[i].height)
        .collect();
    assert!(
        landscape.len() >= 2,
        "the roadmap with year columns goes landscape"
    );
    for &i in &landscape[1..] {
        // Continuation pages: the label, then the row of column numbers.
        let page = &pages[i];
        let label = first_line(page, top);
        assert_eq!(label, "Продолжение таблицы", "page {}", i + 1);
        let mut words: Vec<&Word> = page
            .words
            .iter()
            .filter(|w| w.y1 > top && w.text != "Продолжение" && w.text != "таблицы")
            .collect();
        let y = words.iter().map(|w| w.y0).min_by(f64::total_cmp).unwrap();
        words.retain(|w| (w.y0 - y).abs() < 3.0);
        words.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let row: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(
            row,
            ["1", "2", "3", "4", "5", "6", "7", "8", "9"],
            "page {}",
            i + 1
        );
    }
}

#[test]
fn missing_characters_print_visibly_and_are_reported() {
    let mut p = metodist_core::generate::programme(3, 1);
    p.title = "Программа \u{1F600} поддержки".into();
    let profile = LayoutProfile::default();
    let fonts = Fonts::bundled().unwrap();
    let r = render_programme(&p, ComposeMode::AppendixOnly, &profile, &fonts).unwrap();
    assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    assert_eq!(r.warnings[0].code(), "print_missing_glyph");
    assert!(r.warnings[0].to_string().contains("U+1F600"));
    let pdf = write_pdf("missing.pdf", &r);
    let text = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    assert!(text.contains("Программа ? поддержки"), "{text}");
}

#[test]
fn a_font_chosen_by_path_is_embedded() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/fonts");
    let profile = LayoutProfile {
        font: metodist_print::FontChoice::Files {
            regular: dir.join("LiberationSerif-Italic.ttf"),
            bold: None,
            italic: None,
            bold_italic: None,
        },
        ..LayoutProfile::default()
    };
    let r = render(5, ComposeMode::AppendixOnly, &profile, false);
    let pdf = write_pdf("by-path.pdf", &r);
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    // Every style falls back to the one file given.
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in rows {
        assert!(row.contains("LiberationSerif-Italic"), "{row}");
        assert!(row.contains(" yes yes yes "), "{row}");
    }
    check_layout(&pdf, &r, &profile);
}

/// The sample programme set in a serif family installed on this machine
/// (Debian: fonts-dejavu-core and fonts-dejavu-extra, which scripts/test
/// installs), found by name as the profile stores it.
#[test]
fn an_installed_family_is_found_by_name_and_embedded() {
    let families = metodist_print::installed_families(true);
    let Some(family) = families
        .iter()
        .find(|f| f.name == "DejaVu Serif" && f.files().iter().all(|x| x.is_some()))
    else {
        panic!(
            "DejaVu Serif is not installed with all four styles: install fonts-dejavu-core \
             and fonts-dejavu-extra (scripts/test does)"
        );
    };
    let profile = LayoutProfile {
        font: metodist_print::FontChoice::Installed {
            family: family.name.clone(),
        },
        ..LayoutProfile::default()
    };
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/sample-programme.metodist.json");
    let p = metodist_core::exchange::read_file(&sample).unwrap();
    let fonts = Fonts::load(&profile.font).unwrap();
    assert!(fonts.notes().is_empty(), "{:?}", fonts.notes());
    let r = render_programme(&p, ComposeMode::WholeAct, &profile, &fonts).unwrap();
    assert!(
        r.warnings.iter().all(|w| w.code() != "print_font_fallback"),
        "{:?}",
        r.warnings
    );
    let pdf = write_pdf("installed-dejavu-serif.pdf", &r);
    let listed = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = listed.lines().skip(2).collect();
    assert!(
        rows.iter().any(|r| r.contains("DejaVuSerif-Bold")),
        "{listed}"
    );
    for row in &rows {
        assert!(row.contains("DejaVuSerif"), "{row}");
        assert!(row.contains(" yes yes yes "), "{row}");
    }
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(text.contains("ПОСТАНОВЛЕНИЕ"), "{text}");
    check_layout(&pdf, &r, &profile);
}

/// A profile made on a computer with other fonts still prints: the bundled
/// font, and a warning that says which font was missing.
#[test]
fn a_family_not_installed_prints_in_the_bundled_font_with_a_warning() {
    let profile = LayoutProfile {
        font: metodist_print::FontChoice::Installed {
            family: "Шрифт, которого нет".into(),
        },
        ..LayoutProfile::default()
    };
    let r = render(5, ComposeMode::AppendixOnly, &profile, false);
    let fallback: Vec<String> = r
        .warnings
        .iter()
        .filter(|w| w.code() == "print_font_fallback")
        .map(|w| w.to_string())
        .collect();
    assert_eq!(
        fallback,
        ["шрифт «Шрифт, которого нет»: шрифт не установлен на этом компьютере; вместо него использован встроенный Liberation Serif"]
    );
    let pdf = write_pdf("missing-family.pdf", &r);
    let listed = tool("pdffonts", &[pdf.to_str().unwrap()]);
    assert!(
        listed
            .lines()
            .skip(2)
            .all(|r| r.contains("LiberationSerif")),
        "{listed}"
    );
}

/// A family without some styles: those come from the bundled font, one
/// warning per style, and the document prints.
#[test]
fn a_family_missing_styles_borrows_them_from_the_bundled_font() {
    let dir = std::env::temp_dir().join(format!("metodist-family-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/fonts");
    std::fs::copy(
        assets.join("LiberationSerif-Italic.ttf"),
        dir.join("only.ttf"),
    )
    .unwrap();
    let families = vec![metodist_print::FontFamily {
        name: "Только курсив".into(),
        serif: Some(true),
        regular: None,
        bold: None,
        italic: Some(dir.join("only.ttf")),
        bold_italic: Some(dir.join("deleted-meanwhile.ttf")),
    }];
    let fonts = Fonts::from_family("Только курсив", &families).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let notes: Vec<String> = fonts.notes().iter().map(|n| n.to_string()).collect();
    assert_eq!(notes.len(), 3, "{notes:?}");
    assert!(notes[0].contains("начертание «обычный»: в семействе нет этого начертания"));
    assert!(notes[1].contains("«полужирный»"));
    assert!(notes[2].contains("«полужирный курсив»: файл"), "{notes:?}");
    let p = metodist_core::generate::programme(3, 1);
    let r = render_programme(
        &p,
        ComposeMode::AppendixOnly,
        &LayoutProfile::default(),
        &fonts,
    )
    .unwrap();
    assert_eq!(
        r.warnings
            .iter()
            .filter(|w| w.code() == "print_font_fallback")
            .count(),
        3
    );
}

#[test]
fn a_row_taller_than_a_page_splits_and_keeps_every_line() {
    use metodist_print::{
        render, Block, Cell, CellBlock, Document, PageGroup, Paragraph, Row, Table,
    };
    let lines: Vec<String> = (1..=150).map(|i| format!("строка{i}")).collect();
    let tall = Cell {
        blocks: vec![CellBlock::Paragraph(Paragraph::left(lines.join("\n")))],
        colspan: 1,
        rowspan: 1,
    };
    let doc = Document {
        groups: vec![PageGroup {
            blocks: vec![Block::Table(Table {
                columns: vec![1.0, 3.0],
                header: vec![Row::new(vec![
                    Cell::bold_centered("Шапка"),
                    Cell::bold_centered("Текст"),
                ])],
                body: vec![
                    Row::new(vec![Cell::text("1"), tall]),
                    Row::new(vec![Cell::text("2"), Cell::text("последняя")]),
                ],
                ..Default::default()
            })],
            ..Default::default()
        }],
        ..Default::default()
    };
    let profile = LayoutProfile::default();
    let r = render(&doc, &profile, &Fonts::bundled().unwrap()).unwrap();
    assert!(r.pages >= 3, "150 lines need several pages");
    let pdf = write_pdf("tall-row.pdf", &r);
    let pages = check_layout(&pdf, &r, &profile);
    let top = profile.margin_top_mm as f64 * PT_PER_MM;
    let mut seen = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        assert_eq!(first_line(page, top), "Шапка Текст", "page {}", i + 1);
        let mut words: Vec<&Word> = page
            .words
            .iter()
            .filter(|w| w.text.starts_with("строка"))
            .collect();
        words.sort_by(|a, b| a.y0.total_cmp(&b.y0));
        // No page holds a single line of the split row.
        assert!(words.is_empty() || words.len() >= 2, "page {}", i + 1);
        seen.extend(words.iter().map(|w| w.text.clone()));
    }
    assert_eq!(seen, lines, "every line once, in order");
    let text = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    assert!(text.contains("последняя"));
}
