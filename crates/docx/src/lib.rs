//! The act and its appendix as a Word document (.docx).
//!
//! Written from the same [`Document`] and [`LayoutProfile`] the PDF is
//! typeset from (`metodist_print::compose`), so the two are one document:
//! the same blocks, headings, numbering, page groups and values. The file
//! is plain WordprocessingML that Word and LibreOffice open without repair,
//! made to be edited: the profile's margins, font, sizes, spacing,
//! first-line indent and justification as paragraph properties and
//! defaults; lists and the act's points as Word numbering; tables as
//! tables, their header rows repeated on every page (`w:tblHeader`), short
//! rows kept whole (`w:cantSplit`) as in the PDF; the page number from
//! page 2, centred at the top (a different first page, `w:titlePg`, and a
//! PAGE field); each landscape page group a landscape section; the
//! date/number line and the signature a line with a right tab stop.
//!
//! ```no_run
//! use metodist_print::{compose, ComposeMode, Fonts, LayoutProfile};
//! # let programme = metodist_core::generate::programme(10, 1);
//! let profile = LayoutProfile::default();
//! let fonts = Fonts::load(&profile.font)?;
//! let doc = compose(&programme, ComposeMode::WholeAct);
//! let bytes = metodist_docx::write(&doc, &profile, &fonts)?;
//! std::fs::write("programme.docx", bytes).unwrap();
//! # Ok::<(), metodist_docx::DocxError>(())
//! ```
//!
//! Written by hand over `zip` rather than with docx-rs 0.4.22: that crate
//! has no `w:tblHeader` (its XML would have to be patched after building),
//! loses a first-page header given with a default one, and brings zip 8,
//! image and serde_json where the .xlsx writer already brings zip 9.

mod body;
mod xml;

use std::io::Write;

use metodist_print::{Document, FontChoice, Fonts, LayoutProfile, PrintError};

use crate::body::{Body, FIRST_HEADER_RID, HEADER_RID};
use crate::xml::escape;

/// Why a .docx could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error(transparent)]
    Print(#[from] PrintError),
    #[error("не удалось собрать файл Word: {0}; сообщите разработчикам")]
    Package(String),
}

impl DocxError {
    pub fn code(&self) -> &'static str {
        match self {
            DocxError::Print(e) => e.code(),
            DocxError::Package(_) => "docx_package",
        }
    }
}

/// The codes of this crate's own errors (those of [`PrintError`] are the
/// print crate's).
pub const ERROR_CODES: &[&str] = &["docx_package"];

/// Families whose widths are those of Times New Roman: a document set in
/// one of them names Times New Roman, which every Word has and which
/// LibreOffice maps back to Liberation Serif.
const TIMES_COMPATIBLE: &[&str] = &[
    "liberation serif",
    "times new roman",
    "times",
    "tinos",
    "nimbus roman",
    "nimbus roman no9 l",
    "tex gyre termes",
];

/// The font the document names: Times New Roman for the bundled Liberation
/// Serif and other Times-compatible faces, else the profile's family (for
/// a profile given as files, the family in the regular file's name table).
pub fn font_name(profile: &LayoutProfile) -> String {
    let family = match &profile.font {
        FontChoice::Bundled => return "Times New Roman".into(),
        FontChoice::Installed { family } => family.trim().to_string(),
        FontChoice::Files { regular, .. } => std::fs::read(regular)
            .ok()
            .and_then(|bytes| family_in(&bytes))
            .unwrap_or_default(),
    };
    if family.is_empty() || TIMES_COMPATIBLE.contains(&family.to_lowercase().as_str()) {
        "Times New Roman".into()
    } else {
        family
    }
}

fn family_in(bytes: &[u8]) -> Option<String> {
    let face = ttf_parser::Face::parse(bytes, 0).ok()?;
    let names = face.names();
    let find = |id| {
        names
            .into_iter()
            .filter(|n| n.name_id == id && n.is_unicode())
            .find_map(|n| n.to_string())
    };
    // The typographic family first: "Family" alone may carry a style.
    find(ttf_parser::name_id::TYPOGRAPHIC_FAMILY).or_else(|| find(ttf_parser::name_id::FAMILY))
}

/// The amendment act «О внесении изменений …» with the parts it restates
/// as its appendices: the same document as its PDF
/// (`metodist_print::render_amendment`).
pub fn write_amendment(
    input: &metodist_print::AmendmentInput,
    profile: &LayoutProfile,
    fonts: &Fonts,
) -> Result<Vec<u8>, DocxError> {
    write(&metodist_print::compose_amendment(input), profile, fonts)
}

/// The comparison table of two editions (`metodist_print::compose_comparison`).
pub fn write_comparison(
    old: &metodist_print::Programme,
    new: &metodist_print::Programme,
    diff: &metodist_print::ProgrammeDiff,
    profile: &LayoutProfile,
    fonts: &Fonts,
) -> Result<Vec<u8>, DocxError> {
    write(
        &metodist_print::compose_comparison(old, new, diff),
        profile,
        fonts,
    )
}

/// The .docx of `doc` in `profile`. `fonts` are the profile's fonts as
/// loaded for the PDF: their widths place list text after its labels and
/// tell short table rows from long ones, as the PDF does.
pub fn write(doc: &Document, profile: &LayoutProfile, fonts: &Fonts) -> Result<Vec<u8>, DocxError> {
    profile.validate()?;
    let (document, numbering) = Body::new(profile, fonts).document(doc);
    let font = escape(&font_name(profile));
    let mut parts: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", content_types(numbering.is_some())),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/core.xml", core(doc)),
        ("docProps/app.xml", APP.to_string()),
        (
            "word/_rels/document.xml.rels",
            document_rels(numbering.is_some()),
        ),
        ("word/document.xml", document),
        ("word/styles.xml", styles(profile, &font)),
        ("word/settings.xml", settings(profile)),
        ("word/header1.xml", header(profile, true)),
        ("word/header2.xml", header(profile, false)),
    ];
    if let Some(n) = numbering {
        parts.push(("word/numbering.xml", n));
    }
    package(&parts).map_err(|e| DocxError::Package(e.to_string()))
}

fn package(parts: &[(&str, String)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        // A fixed time: the same document gives the same bytes.
        .last_modified_time(zip::DateTime::default());
    for (name, body) in parts {
        zip.start_file(*name, options)?;
        zip.write_all(body.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

const XML_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn content_types(numbering: bool) -> String {
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut s = format!(
        concat!(
            "{}",
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
            r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
            r#"<Default Extension="xml" ContentType="application/xml"/>"#,
            r#"<Override PartName="/word/document.xml" ContentType="{wml}.document.main+xml"/>"#,
            r#"<Override PartName="/word/styles.xml" ContentType="{wml}.styles+xml"/>"#,
            r#"<Override PartName="/word/settings.xml" ContentType="{wml}.settings+xml"/>"#,
            r#"<Override PartName="/word/header1.xml" ContentType="{wml}.header+xml"/>"#,
            r#"<Override PartName="/word/header2.xml" ContentType="{wml}.header+xml"/>"#,
            r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
            r#"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#,
        ),
        XML_HEAD,
        wml = wml
    );
    if numbering {
        s.push_str(&format!(
            r#"<Override PartName="/word/numbering.xml" ContentType="{wml}.numbering+xml"/>"#
        ));
    }
    s.push_str("</Types>");
    s
}

const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
    r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#,
    "</Relationships>"
);

const APP: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">"#,
    "<Application>Методист</Application></Properties>"
);

fn core(doc: &Document) -> String {
    format!(
        concat!(
            "{}",
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:language>ru-RU</dc:language>",
            "</cp:coreProperties>"
        ),
        XML_HEAD,
        escape(&doc.title),
        escape(&doc.author)
    )
}

fn document_rels(numbering: bool) -> String {
    let rel = |id: &str, kind: &str, target: &str| {
        format!(r#"<Relationship Id="{id}" Type="{R_NS}/{kind}" Target="{target}"/>"#)
    };
    let mut s = format!(
        r#"{XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    );
    s.push_str(&rel("rIdStyles", "styles", "styles.xml"));
    s.push_str(&rel("rIdSettings", "settings", "settings.xml"));
    s.push_str(&rel(HEADER_RID, "header", "header1.xml"));
    s.push_str(&rel(FIRST_HEADER_RID, "header", "header2.xml"));
    if numbering {
        s.push_str(&rel("rIdNumbering", "numbering", "numbering.xml"));
    }
    s.push_str("</Relationships>");
    s
}

/// The defaults are the profile's body text, so a paragraph the legal
/// department adds looks like the others: the font, the body size, single
/// spacing of the profile, justified, with the first-line indent.
fn styles(p: &LayoutProfile, font: &str) -> String {
    let hp = (p.body_size * 2.0).round() as i64;
    let line = (p.line_spacing * 240.0).round() as i64;
    let indent = body::tw_mm(p.first_line_indent_mm);
    let pad = body::tw_mm(p.cell_padding_mm);
    format!(
        concat!(
            "{head}",
            r#"<w:styles xmlns:w="{w}">"#,
            "<w:docDefaults><w:rPrDefault><w:rPr>",
            r#"<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>"#,
            r#"<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>"#,
            r#"<w:lang w:val="ru-RU" w:eastAsia="ru-RU" w:bidi="ar-SA"/>"#,
            "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>",
            r#"<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="auto"/>"#,
            "</w:pPr></w:pPrDefault></w:docDefaults>",
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>"#,
            r#"<w:pPr><w:ind w:firstLine="{indent}"/><w:jc w:val="both"/></w:pPr></w:style>"#,
            r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">"#,
            r#"<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>"#,
            r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>"#,
            r#"<w:uiPriority w:val="99"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>"#,
            r#"<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{pad}" w:type="dxa"/>"#,
            r#"<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
            r#"<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>"#,
            r#"<w:uiPriority w:val="99"/><w:semiHidden/></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/>"#,
            r#"<w:pPr><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr></w:style>"#,
            "</w:styles>"
        ),
        head = XML_HEAD,
        w = W_NS,
        font = font,
        hp = hp,
        line = line,
        indent = indent,
        pad = pad,
    )
}

fn settings(p: &LayoutProfile) -> String {
    format!(
        concat!(
            "{}",
            r#"<w:settings xmlns:w="{}">"#,
            r#"<w:zoom w:percent="100"/><w:defaultTabStop w:val="708"/>"#,
            "{}",
            r#"<w:characterSpacingControl w:val="doNotCompress"/>"#,
            r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#,
            r#"<w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/>"#,
            "</w:settings>"
        ),
        XML_HEAD,
        W_NS,
        if p.hyphenate {
            r#"<w:autoHyphenation/><w:doNotHyphenateCaps/>"#
        } else {
            ""
        }
    )
}

/// The page-number header (`numbered`) or the first page's empty one.
fn header(p: &LayoutProfile, numbered: bool) -> String {
    let hp = (p.page_number_size * 2.0).round() as i64;
    let rpr = format!(r#"<w:rPr><w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/></w:rPr>"#);
    let field = if numbered {
        format!(
            concat!(
                r#"<w:r>{0}<w:fldChar w:fldCharType="begin"/></w:r>"#,
                r#"<w:r>{0}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>"#,
                r#"<w:r>{0}<w:fldChar w:fldCharType="separate"/></w:r>"#,
                "<w:r>{0}<w:t>2</w:t></w:r>",
                r#"<w:r>{0}<w:fldChar w:fldCharType="end"/></w:r>"#
            ),
            rpr
        )
    } else {
        String::new()
    };
    format!(
        concat!(
            "{}",
            r#"<w:hdr xmlns:w="{}" xmlns:r="{}"><w:p><w:pPr><w:pStyle w:val="Header"/>"#,
            r#"<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>"#,
            r#"<w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="center"/>{}</w:pPr>{}</w:p></w:hdr>"#
        ),
        XML_HEAD, W_NS, R_NS, rpr, field
    )
}
