//! The .docx as Word and LibreOffice read it: the parts and their XML
//! (well-formed, tblHeader, titlePg, numbering, landscape sections), and
//! the sample programme converted to PDF by LibreOffice headless, checked
//! as a reader would against our own PDF of the same document
//! (docs/design.md §3; issue #15).

mod common;

use std::path::Path;
use std::process::Command;

use common::libreoffice::{convert, soffice};
use common::parts;

use metodist_core::model::Programme;
use metodist_print::{compose, ComposeMode, Document, Fonts, LayoutProfile, Orientation};

fn sample() -> Programme {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/sample-programme.metodist.json");
    metodist_core::exchange::read_file(&path).expect("the sample programme reads")
}

fn docx(doc: &Document, profile: &LayoutProfile) -> Vec<u8> {
    let fonts = Fonts::load(&profile.font).unwrap();
    metodist_docx::write(doc, profile, &fonts).unwrap()
}

/// The elements of an XML part, in document order, by qualified name
/// (panics on XML that is not well-formed).
fn elements(xml: &str) -> Vec<(String, Vec<(String, String)>)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name().as_ref().to_string();
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        (a.key.as_ref().to_string(), a.value.to_string())
                    })
                    .collect();
                out.push((name, attrs));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn count(els: &[(String, Vec<(String, String)>)], name: &str) -> usize {
    els.iter().filter(|(n, _)| n == name).count()
}

#[test]
fn the_package_holds_word_native_structure() {
    let p = sample();
    let profile = LayoutProfile::default();
    let doc = compose(&p, ComposeMode::WholeAct);
    let bytes = docx(&doc, &profile);
    let parts = parts(&bytes);
    for name in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/settings.xml",
        "word/numbering.xml",
        "word/header1.xml",
        "word/header2.xml",
        "word/_rels/document.xml.rels",
        "docProps/core.xml",
    ] {
        assert!(parts.contains_key(name), "no {name}");
    }
    for (name, xml) in &parts {
        assert!(!elements(xml).is_empty(), "{name} is empty");
    }
    let body = elements(&parts["word/document.xml"]);

    // One section per page group; the landscape groups landscape; only
    // the first has a different first page.
    let sections: Vec<_> = body.iter().filter(|(n, _)| n == "w:pgSz").collect();
    assert_eq!(sections.len(), doc.groups.len());
    for ((_, attrs), group) in sections.iter().zip(&doc.groups) {
        let landscape = attrs
            .iter()
            .any(|(k, v)| k == "w:orient" && v == "landscape");
        assert_eq!(landscape, group.orientation == Orientation::Landscape);
    }
    assert!(doc
        .groups
        .iter()
        .any(|g| g.orientation == Orientation::Landscape));
    assert_eq!(count(&body, "w:titlePg"), 1);
    assert_eq!(count(&body, "w:sectPr"), doc.groups.len());
    let refs: Vec<_> = body
        .iter()
        .filter(|(n, _)| n == "w:headerReference")
        .collect();
    assert_eq!(refs.len(), doc.groups.len() + 1);
    // The page number is a PAGE field in the default header; the first
    // page's header is empty.
    assert!(parts["word/header1.xml"].contains(" PAGE "));
    assert!(!parts["word/header2.xml"].contains("PAGE"));

    // Header rows repeat: the roadmap's two, the indicators' two and the
    // one of each risk or simple table; the passport has none.
    let headers = count(&body, "w:tblHeader");
    let expected: usize = doc
        .groups
        .iter()
        .flat_map(|g| &g.blocks)
        .filter_map(|b| match b {
            metodist_print::Block::Table(t)
                if t.header_repeat != Some(metodist_print::HeaderRepeat::None) =>
            {
                Some(t.header.len())
            }
            _ => None,
        })
        .sum();
    assert!(expected >= 3, "{expected}");
    assert_eq!(headers, expected);
    assert!(count(&body, "w:cantSplit") > headers);

    // The act's points are Word numbering, not typed numbers.
    let act = p.act.as_ref().unwrap();
    let xml = &parts["word/document.xml"];
    let first_point = act.points[0].trim();
    let opening: String = first_point.chars().take(20).collect();
    assert!(xml.contains(&format!(">{opening}")));
    assert!(!xml.contains(&format!(">1. {opening}")));
    let numbering = elements(&parts["word/numbering.xml"]);
    assert!(count(&numbering, "w:abstractNum") >= 2);
    assert!(numbering
        .iter()
        .any(|(n, a)| n == "w:lvlText" && a.iter().any(|(_, v)| v == "%1.")));
    assert!(count(&body, "w:numPr") >= act.points.len());

    // The signature: position, a tab, the name, with a right tab stop.
    assert!(xml.contains(&format!(
        "{}</w:t></w:r><w:r><w:rPr><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:tab/></w:r>",
        act.signatory_position.trim()
    )));
    assert!(count(&body, "w:tabs") >= 2);
    // The last point keeps with it: Word never leaves the signature alone
    // on a page.
    let signature = xml
        .find(&format!(">{}</w:t>", act.signatory_position.trim()))
        .unwrap();
    let last = xml[..signature].rfind("<w:p>").unwrap();
    let before = xml[..last].rfind("<w:p>").unwrap();
    let last_point: String = act.points.last().unwrap().trim().chars().take(20).collect();
    assert!(
        xml[before..last].contains(&last_point),
        "the paragraph before is the last point"
    );
    assert!(xml[before..last].starts_with("<w:p><w:pPr><w:keepNext/>"));

    // The font is named: Times New Roman for the bundled Liberation Serif.
    let styles = &parts["word/styles.xml"];
    assert!(styles.contains(r#"w:ascii="Times New Roman""#));
    assert!(styles.contains(r#"<w:sz w:val="28"/>"#));
    assert!(styles.contains(r#"w:firstLine="709""#));
}

#[test]
fn appendix_only_starts_with_the_mark_and_has_no_act() {
    let p = sample();
    let doc = compose(&p, ComposeMode::AppendixOnly);
    let xml = &parts(&docx(&doc, &LayoutProfile::default()))["word/document.xml"];
    let act = p.act.as_ref().unwrap();
    assert!(!xml.contains(act.points[0].trim()));
    let first_text = xml.find("<w:t ").unwrap();
    assert!(xml[first_text..].starts_with("<w:t xml:space=\"preserve\">Приложение"));
}

#[test]
fn font_names_follow_the_profile() {
    use metodist_print::FontChoice;
    let mut p = LayoutProfile::default();
    assert_eq!(metodist_docx::font_name(&p), "Times New Roman");
    p.font = FontChoice::Installed {
        family: "Liberation Serif".into(),
    };
    assert_eq!(metodist_docx::font_name(&p), "Times New Roman");
    p.font = FontChoice::Installed {
        family: "PT Astra Serif".into(),
    };
    assert_eq!(metodist_docx::font_name(&p), "PT Astra Serif");
    let dejavu = Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf");
    if dejavu.exists() {
        p.font = FontChoice::Files {
            regular: dejavu.into(),
            bold: None,
            italic: None,
            bold_italic: None,
        };
        assert_eq!(metodist_docx::font_name(&p), "DejaVu Serif");
    }
}

#[test]
fn text_that_xml_cannot_hold_is_left_out_not_written() {
    let mut p = sample();
    p.title = "Программа \u{1}«<развития>» & \u{b}школ".into();
    let doc = compose(&p, ComposeMode::AppendixOnly);
    let parts = parts(&docx(&doc, &LayoutProfile::default()));
    // Parses: no control character, markup escaped.
    let _ = elements(&parts["word/document.xml"]);
    assert!(parts["word/document.xml"].contains("Программа «&lt;развития&gt;» &amp; школ"));
    assert!(
        parts["docProps/core.xml"].contains("<dc:title>Программа «&lt;развития&gt;» &amp; школ")
    );
}

// ---- LibreOffice --------------------------------------------------------

fn tool(name: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(name)
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{name} (poppler-utils) does not run: {e}"));
    assert!(out.status.success(), "{name} failed");
    String::from_utf8(out.stdout).unwrap()
}

/// Each page's text in content order (LibreOffice writes a table cell by
/// cell).
fn pages(pdf: &Path) -> Vec<String> {
    tool("pdftotext", &["-raw"], pdf)
        .split('\u{c}')
        .map(str::to_string)
        .filter(|p| !p.trim().is_empty())
        .collect()
}

fn landscape(pdf: &Path) -> Vec<bool> {
    let out = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "9999"])
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils) runs");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size: "))
        .map(|l| {
            let dims: Vec<f32> = l
                .split("size:")
                .nth(1)
                .unwrap()
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .take(2)
                .collect();
            dims[0] > dims[1]
        })
        .collect()
}

/// Text for comparing: no whitespace, no hyphens (line breaks and
/// hyphenation differ between LibreOffice and our PDF).
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{AD}' | '\u{2010}'))
        .collect()
}

/// The roadmap's header row as LibreOffice's PDF has it, squeezed.
fn roadmap_header(doc: &Document) -> String {
    let table = doc
        .groups
        .iter()
        .filter(|g| g.orientation == Orientation::Landscape)
        .flat_map(|g| &g.blocks)
        .find_map(|b| match b {
            metodist_print::Block::Table(t) => Some(t),
            _ => None,
        })
        .expect("the roadmap on a landscape page");
    let mut out = String::new();
    for row in &table.header {
        for cell in &row.cells {
            for b in &cell.blocks {
                if let metodist_print::CellBlock::Paragraph(p) = b {
                    for r in &p.runs {
                        out.push_str(&r.text);
                    }
                }
            }
        }
    }
    squeeze(&out)
}

/// Runs of equal orientation: [(landscape, pages), ...].
fn runs(pages: &[bool]) -> Vec<(bool, usize)> {
    let mut out: Vec<(bool, usize)> = Vec::new();
    for &l in pages {
        match out.last_mut() {
            Some((o, n)) if *o == l => *n += 1,
            _ => out.push((l, 1)),
        }
    }
    out
}

#[test]
fn libreoffice_reads_the_docx_as_the_same_document_as_our_pdf() {
    let Some(soffice) = soffice() else {
        return;
    };
    let p = sample();
    let profile = LayoutProfile::default();
    let fonts = Fonts::load(&profile.font).unwrap();
    let doc = compose(&p, ComposeMode::WholeAct);
    let dir = tempfile::tempdir().unwrap();
    let docx_path = dir.path().join("programme.docx");
    std::fs::write(
        &docx_path,
        metodist_docx::write(&doc, &profile, &fonts).unwrap(),
    )
    .unwrap();
    let ours = dir.path().join("ours.pdf");
    std::fs::write(
        &ours,
        metodist_print::render(&doc, &profile, &fonts).unwrap().pdf,
    )
    .unwrap();
    let lo = convert(
        &soffice,
        &docx_path,
        "pdf",
        dir.path(),
        &dir.path().join("lo-profile"),
    );
    if let Ok(keep) = std::env::var("METODIST_KEEP_DOCX") {
        // For looking at the pages side by side (docs/testing.md).
        std::fs::create_dir_all(&keep).unwrap();
        for f in [&docx_path, &ours, &lo] {
            std::fs::copy(f, Path::new(&keep).join(f.file_name().unwrap())).unwrap();
        }
    }

    let lo_pages = pages(&lo);
    let our_pages = pages(&ours);
    // About as many pages: line breaks differ a little, nothing is lost
    // or doubled.
    assert!(
        lo_pages.len().abs_diff(our_pages.len()) <= 2,
        "LibreOffice {} pages, ours {}",
        lo_pages.len(),
        our_pages.len()
    );

    // No number on page 1; from page 2 the page's number first, at the top.
    let first_line = |page: &str| page.lines().next().unwrap_or("").trim().to_string();
    assert_ne!(first_line(&lo_pages[0]), "1");
    assert!(lo_pages[0].starts_with(
        p.act.as_ref().unwrap().issuer[0]
            .trim()
            .to_uppercase()
            .as_str()
    ));
    for (i, page) in lo_pages.iter().enumerate().skip(1) {
        assert_eq!(first_line(page), (i + 1).to_string(), "page {}", i + 1);
    }

    // Landscape pages where our PDF has them: the same runs of
    // orientation, the landscape ones within a page of ours.
    let lo_land = landscape(&lo);
    let our_land = landscape(&ours);
    assert_eq!(lo_land.len(), lo_pages.len());
    let (lo_runs, our_runs) = (runs(&lo_land), runs(&our_land));
    assert_eq!(
        lo_runs.iter().map(|r| r.0).collect::<Vec<_>>(),
        our_runs.iter().map(|r| r.0).collect::<Vec<_>>(),
        "orientations: LibreOffice {lo_runs:?}, ours {our_runs:?}"
    );
    for (a, b) in lo_runs.iter().zip(&our_runs) {
        if a.0 {
            assert!(a.1.abs_diff(b.1) <= 1, "{lo_runs:?} vs {our_runs:?}");
        }
    }

    // The roadmap's header row at the top of each of its pages.
    let roadmap_pages: Vec<usize> = (0..lo_pages.len()).filter(|&i| lo_land[i]).collect();
    assert!(roadmap_pages.len() >= 2, "the sample's roadmap takes pages");
    for &i in &roadmap_pages {
        let top: String = lo_pages[i]
            .lines()
            .skip(1)
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        let heading_page = squeeze(&lo_pages[i]).contains(&squeeze("План мероприятий"));
        assert!(
            top.starts_with("№ п/п Мероприятие Сроки") || heading_page,
            "page {}: {top}",
            i + 1
        );
        assert!(squeeze(&lo_pages[i]).contains(&squeeze("По годам реализации")));
    }

    // Every item's text, every indicator, every section heading, read
    // across page breaks: without the page numbers and the repeated
    // roadmap header, a row split over two pages reads whole.
    let header = roadmap_header(&doc);
    let all: String = lo_pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let text = if i == 0 {
                squeeze(page)
            } else {
                squeeze(page.split_once('\n').map(|x| x.1).unwrap_or(""))
            };
            match text.strip_prefix(&header) {
                Some(rest) if lo_land[i] => rest.to_string(),
                _ => text,
            }
        })
        .collect();
    let mut expected: Vec<String> = Vec::new();
    for (number, _, item) in p.numbered_items() {
        expected.push(format!("{number}{}", item.activity.trim()));
        expected.push(item.responsible.trim().to_string());
        expected.push(item.expected_result.trim().to_string());
    }
    expected.extend(p.indicators.iter().map(|i| i.name.trim().to_string()));
    expected.extend(p.sections.iter().map(|s| s.title.trim().to_string()));
    expected.extend(
        p.act
            .as_ref()
            .unwrap()
            .points
            .iter()
            .map(|t| t.trim().to_string()),
    );
    expected.extend(p.passport.iter().map(|r| r.label.trim().to_string()));
    for text in expected.iter().filter(|t| !t.is_empty()) {
        assert!(
            all.contains(&squeeze(text)),
            "LibreOffice's PDF lacks «{text}»"
        );
    }
    // And it is text our own PDF has too: the same document.
    let ours_all = squeeze(&our_pages.concat());
    for text in expected
        .iter()
        .skip(p.item_count() * 3)
        .filter(|t| !t.is_empty())
    {
        assert!(ours_all.contains(&squeeze(text)), "our PDF lacks «{text}»");
    }
}
