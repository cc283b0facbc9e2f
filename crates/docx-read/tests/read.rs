//! The reader on files written by python-docx (Word's template and XML) and
//! by LibreOffice (the same document saved again), and on hostile files
//! (tests/fixtures/docx, made by make_reader_fixtures.py). Issue #16.

use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use metodist_docx_read::{
    read_docx, read_docx_file, Align, Block, Document, Limits, NumFormat, Paragraph, ReadError,
    Table,
};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/docx")
        .join(name)
}

fn read(name: &str) -> Document {
    read_docx_file(&fixture(name), &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn para(b: &Block) -> &Paragraph {
    match b {
        Block::Paragraph(p) => p,
        Block::Table(_) => panic!("a table where a paragraph was expected"),
    }
}

fn table(b: &Block) -> &Table {
    match b {
        Block::Table(t) => t,
        Block::Paragraph(p) => panic!("a paragraph «{}» where a table was expected", p.text),
    }
}

/// Word leaves the body style unnamed; LibreOffice names it «Normal».
fn style(p: &Paragraph) -> Option<&str> {
    p.style.as_deref().filter(|s| *s != "Normal")
}

/// (col, col_span, row_span, merged_above, text) of a cell.
type CellShape = (usize, usize, usize, bool, String);

/// What both writers' files must give, block by block.
fn check_basic(doc: &Document, page_field: &str) {
    let b = &doc.blocks;
    assert_eq!(b.len(), 21, "{:#?}", b);
    // (text, style, align, bold, numbering label and format)
    type Expect<'a> = (
        &'a str,
        Option<&'a str>,
        Align,
        bool,
        Option<(&'a str, NumFormat)>,
    );
    let expected: Vec<Expect> = vec![
        (
            "Раздел 1. Общие положения",
            Some("Heading 1"),
            Align::Center,
            true,
            None,
        ),
        (
            "Первая строка\nвторая строка",
            None,
            Align::Left,
            false,
            None,
        ),
        ("ПОСТАНОВЛЕНИЕ", None, Align::Center, true, None),
        (
            "Администрация района ПОСТАНОВЛЯЕТ:",
            None,
            Align::Justify,
            false,
            None,
        ),
        ("Правый край", None, Align::Right, false, None),
        (
            "Пункт один",
            Some("List Number"),
            Align::Left,
            false,
            Some(("1.", NumFormat::Decimal)),
        ),
        (
            "Пункт два",
            Some("List Number"),
            Align::Left,
            false,
            Some(("2.", NumFormat::Decimal)),
        ),
        (
            "Пункт три",
            Some("List Number"),
            Align::Left,
            false,
            Some(("3.", NumFormat::Decimal)),
        ),
        (
            "Маркер",
            Some("List Bullet"),
            Align::Left,
            false,
            Some(("•", NumFormat::Bullet)),
        ),
        (
            "Задача",
            None,
            Align::Left,
            false,
            Some(("1.", NumFormat::Decimal)),
        ),
        (
            "Подзадача а",
            None,
            Align::Left,
            false,
            Some(("1.1.", NumFormat::Decimal)),
        ),
        (
            "Подзадача б",
            None,
            Align::Left,
            false,
            Some(("1.2.", NumFormat::Decimal)),
        ),
        (
            "Вторая задача",
            None,
            Align::Left,
            false,
            Some(("2.", NumFormat::Decimal)),
        ),
        (
            "Римский",
            None,
            Align::Left,
            false,
            Some(("I.", NumFormat::UpperRoman)),
        ),
        (
            "Буква",
            None,
            Align::Left,
            false,
            Some(("а)", NumFormat::RussianLower)),
        ),
        ("1.2. Набранный номер", None, Align::Left, false, None),
        ("Срок: 2025 год", None, Align::Left, false, None),
        (page_field, None, Align::Left, false, None),
        ("Текст с примечанием", None, Align::Left, false, None),
    ];
    for (i, (text, st, align, bold, num)) in expected.into_iter().enumerate() {
        let p = para(&b[i]);
        assert_eq!(p.text, text, "block {i}");
        // Word's template names the heading style in lower case.
        assert_eq!(
            style(p).map(str::to_lowercase),
            st.map(str::to_lowercase),
            "style of block {i}"
        );
        assert_eq!(p.align, align, "alignment of block {i}");
        assert_eq!(p.bold, bold, "bold of block {i}");
        assert_eq!(
            p.numbering
                .as_ref()
                .map(|n| (n.label.as_str(), n.format.clone())),
            num,
            "numbering of block {i}"
        );
        assert_eq!(p.objects, 0);
    }
    // Levels of the two-level list.
    let levels: Vec<u8> = b[9..13]
        .iter()
        .map(|x| para(x).numbering.as_ref().unwrap().level)
        .collect();
    assert_eq!(levels, [0, 1, 1, 0]);

    let t = table(&b[19]);
    assert_eq!(t.columns, 3);
    assert_eq!(t.rows.len(), 4);
    let header: Vec<bool> = t.rows.iter().map(|r| r.header).collect();
    assert_eq!(header, [true, false, false, false]);
    let cells: Vec<Vec<CellShape>> = t
        .rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| (c.col, c.col_span, c.row_span, c.merged_above, c.text()))
                .collect()
        })
        .collect();
    let s = |x: &str| x.to_string();
    assert_eq!(
        cells,
        vec![
            vec![
                (0, 1, 1, false, s("№")),
                (1, 1, 1, false, s("Мероприятие")),
                (2, 1, 1, false, s("Ответственный"))
            ],
            vec![(0, 3, 1, false, s("Блок 1. Кадры"))],
            vec![
                (0, 1, 1, false, s("1")),
                (1, 1, 1, false, s("Курсы\nповышения квалификации")),
                (2, 1, 2, false, s("Отдел образования")),
            ],
            vec![
                (0, 1, 1, false, s("2")),
                (1, 1, 1, false, s("Семинар")),
                (2, 1, 1, true, s(""))
            ],
        ]
    );
    // The merged cell is what shows in the second row of the merge.
    assert_eq!(t.shown_cell(3, 2).unwrap().text(), "Отдел образования");
    assert_eq!(t.shown_cell(1, 1).unwrap().text(), "Блок 1. Кадры");
    assert_eq!(para(&b[20]).text, "После таблицы");
}

#[test]
fn python_docx_file_reads_block_by_block() {
    let doc = read("reader-basic.docx");
    check_basic(&doc, "Страница 7 из 9");
}

#[test]
fn libreoffice_file_reads_the_same() {
    // LibreOffice recomputes the page fields of the document it saves.
    let doc = read("reader-basic-libreoffice.docx");
    check_basic(&doc, "Страница 1 из 1");
}

fn code_of(name: &str) -> &'static str {
    let started = Instant::now();
    let r = read_docx_file(&fixture(&format!("hostile/{name}")), &Limits::default());
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "{name} took {:?}",
        started.elapsed()
    );
    match r {
        Ok(doc) => panic!("{name} was read: {} blocks", doc.blocks.len()),
        Err(e) => {
            // Every message is Russian and says what to do.
            let msg = e.to_string();
            assert!(
                msg.chars().any(|c| ('а'..='я').contains(&c)),
                "{name}: {msg}"
            );
            assert!(
                !msg.contains("invalid") && !msg.contains("error"),
                "{name}: {msg}"
            );
            e.code()
        }
    }
}

#[test]
fn hostile_files_are_refused_with_their_own_code() {
    let cases = [
        ("empty.docx", "docx_empty"),
        ("not-a-zip.docx", "docx_not_docx"),
        ("plain-zip.docx", "docx_not_docx"),
        ("old-word.docx", "docx_old_doc"),
        ("xlsx-renamed.docx", "docx_is_spreadsheet"),
        ("odt-renamed.docx", "docx_is_odt"),
        ("rtf-renamed.docx", "docx_is_rtf"),
        ("pdf-renamed.docx", "docx_is_pdf"),
        ("encrypted.docx", "docx_encrypted"),
        ("truncated.docx", "docx_damaged"),
        ("bad-xml.docx", "docx_damaged"),
        ("zip-bomb.docx", "docx_zip_bomb"),
        ("deep-nesting.docx", "docx_too_complex"),
    ];
    for (name, code) in cases {
        assert_eq!(code_of(name), code, "{name}");
    }
}

#[test]
fn old_doc_message_says_to_save_as_docx() {
    let e = read_docx_file(&fixture("hostile/old-word.docx"), &Limits::default()).unwrap_err();
    assert!(e.to_string().contains("сохраните файл как .docx"), "{e}");
}

#[test]
fn a_200_mb_file_is_refused_before_it_is_read() {
    let dir = std::env::temp_dir().join(format!("docx-read-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("big.docx");
    let f = std::fs::File::create(&path).unwrap();
    // Sparse: no 200 MB written to the disk.
    f.set_len(200 << 20).unwrap();
    drop(f);
    let started = Instant::now();
    let e = read_docx_file(&path, &Limits::default()).unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        e,
        ReadError::TooLarge {
            size_mb: 200,
            limit_mb: 64
        }
    );
    assert!(e.to_string().contains("200 МБ"), "{e}");
    assert!(started.elapsed() < Duration::from_secs(2));
    // Bytes handed over directly are held to the same limit.
    let e = read_docx(vec![b'P'; (64 << 20) + 1], &Limits::default()).unwrap_err();
    assert_eq!(e.code(), "docx_too_large");
}

#[test]
fn a_part_bigger_than_allowed_is_a_bomb_whatever_the_ratio() {
    let limits = Limits {
        max_part_bytes: 1000,
        ..Limits::default()
    };
    let e = read_docx_file(&fixture("reader-basic.docx"), &limits).unwrap_err();
    assert_eq!(e.code(), "docx_zip_bomb");
}

#[test]
fn the_time_limit_stops_a_long_decompression() {
    // The bomb allowed through the size limits: 300 MB to inflate, stopped
    // by the deadline instead.
    let limits = Limits {
        max_part_bytes: 1 << 40,
        max_total_bytes: 1 << 40,
        time_limit: Duration::from_millis(30),
        ..Limits::default()
    };
    let started = Instant::now();
    let e = read_docx_file(&fixture("hostile/zip-bomb.docx"), &limits).unwrap_err();
    assert_eq!(e.code(), "docx_timeout");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

/// A package with the given document.xml (and numbering.xml), for the cases
/// the writers do not produce on their own.
fn package(document: &str, numbering: Option<&str>) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let opt = zip::write::SimpleFileOptions::default();
        z.start_file("[Content_Types].xml", opt).unwrap();
        z.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#).unwrap();
        z.start_file("word/document.xml", opt).unwrap();
        let doc = format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{document}</w:body></w:document>"#
        );
        z.write_all(doc.as_bytes()).unwrap();
        if let Some(n) = numbering {
            z.start_file("word/numbering.xml", opt).unwrap();
            let n = format!(
                r#"<?xml version="1.0"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{n}</w:numbering>"#
            );
            z.write_all(n.as_bytes()).unwrap();
        }
        z.finish().unwrap();
    }
    out.into_inner()
}

fn read_xml(document: &str) -> Document {
    read_docx(package(document, None), &Limits::default()).expect("reads")
}

#[test]
fn a_deleted_paragraph_mark_joins_the_paragraph_to_the_next() {
    let doc = read_xml(
        r#"<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="a"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">Начало </w:t></w:r></w:p>
           <w:p><w:r><w:t>и конец</w:t></w:r></w:p>
           <w:del w:id="2"><w:r><w:delText>x</w:delText></w:r></w:del>
           <w:p><w:moveFrom w:id="3"><w:r><w:t>ушло</w:t></w:r></w:moveFrom><w:moveTo w:id="4"><w:r><w:t>пришло</w:t></w:r></w:moveTo></w:p>"#,
    );
    let texts: Vec<&str> = doc.blocks.iter().map(|b| para(b).text.as_str()).collect();
    assert_eq!(texts, ["Начало и конец", "пришло"]);
}

#[test]
fn nested_fields_show_their_results_only() {
    let doc = read_xml(
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>
           <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
           <w:r><w:instrText> = 1 "a" "b"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>итог</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
           <w:hyperlink><w:r><w:t xml:space="preserve"> ссылка</w:t></w:r></w:hyperlink></w:p>"#,
    );
    assert_eq!(para(&doc.blocks[0]).text, "итог ссылка");
}

#[test]
fn content_controls_pictures_symbols_and_entities() {
    let doc = read_xml(
        r#"<w:sdt><w:sdtContent><w:p><w:r><w:t>В элементе &amp; &#1078;</w:t></w:r></w:p></w:sdtContent></w:sdt>
           <w:p><w:r><w:drawing/></w:r><w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:t>x</w:t><w:tab/><w:t>y</w:t></w:r></w:p>"#,
    );
    assert_eq!(para(&doc.blocks[0]).text, "В элементе & ж");
    let p = para(&doc.blocks[1]);
    assert_eq!(p.objects, 1);
    assert_eq!(p.text, "\u{B7}x\ty");
}

#[test]
fn pages_follow_rendered_and_explicit_breaks() {
    let doc = read_xml(
        r#"<w:p><w:r><w:t>один</w:t></w:r></w:p>
           <w:p><w:r><w:lastRenderedPageBreak/><w:t>два</w:t></w:r></w:p>
           <w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>три</w:t></w:r></w:p>
           <w:tbl><w:tr><w:tc><w:p><w:r><w:t>т</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
    );
    assert!(doc.pages_known);
    let pages: Vec<u32> = doc.blocks[..3].iter().map(|b| para(b).page).collect();
    assert_eq!(pages, [1, 2, 3]);
    assert_eq!(table(&doc.blocks[3]).page, 3);
}

#[test]
fn grid_before_spans_and_a_stray_continuation() {
    let doc = read_xml(
        r#"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
           <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>без начала</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>широкая</w:t></w:r></w:p></w:tc></w:tr>
           <w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>
           <w:tr><w:tc><w:p><w:r><w:t>а</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>
           </w:tbl>"#,
    );
    let t = table(&doc.blocks[0]);
    // A continuation with nothing above it stays a cell of its own.
    let r0 = &t.rows[0].cells;
    assert_eq!(
        (r0[0].merged_above, r0[0].text().as_str()),
        (false, "без начала")
    );
    assert_eq!((r0[1].col, r0[1].col_span, r0[1].row_span), (1, 2, 2));
    let r1 = &t.rows[1].cells;
    assert_eq!((r1[0].col, r1[0].merged_above), (1, true));
    assert_eq!(t.shown_cell(1, 2).unwrap().text(), "широкая");
    // A continuation of another width does not join the merge above.
    let r2 = &t.rows[2].cells;
    assert_eq!((r2[1].col, r2[1].merged_above), (1, false));
}

#[test]
fn numbering_restarts_with_a_start_override_and_continues_without() {
    let numbering = r#"<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>"#;
    let p = |id: u32| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{id}"/></w:numPr></w:pPr><w:r><w:t>п</w:t></w:r></w:p>"#
        )
    };
    let body = [p(1), p(1), p(2), p(3), p(3), p(0)].concat();
    let doc = read_docx(package(&body, Some(numbering)), &Limits::default()).unwrap();
    let labels: Vec<Option<String>> = doc
        .blocks
        .iter()
        .map(|b| para(b).numbering.as_ref().map(|n| n.label.clone()))
        .collect();
    let s = |x: &str| Some(x.to_string());
    assert_eq!(labels, [s("1)"), s("2)"), s("3)"), s("5)"), s("6)"), None]);
}
