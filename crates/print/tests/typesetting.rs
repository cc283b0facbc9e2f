//! The typesetting rules of design.md §3 («Type», «Tables») checked on the
//! PDF itself: a programme whose roadmap has narrow columns full of dates,
//! numbers, initials and surnames, names in quotes and long cells is
//! rendered, and the word positions from `pdftotext -bbox` show that no
//! glued phrase is broken across lines, no name is hyphenated, and no page
//! holds a sliver of a row split across pages.

use std::path::{Path, PathBuf};
use std::process::Command;

use metodist_print::{render_programme, ComposeMode, Fonts, LayoutProfile, Style};

const PT_PER_MM: f64 = 72.0 / 25.4;
const SOFT_HYPHEN: char = '\u{AD}';

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

fn out_dir() -> PathBuf {
    // Kept after the run (in the target directory) to look at a failure.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("typesetting");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[derive(Debug, Clone)]
struct Word {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

struct Page {
    height: f64,
    words: Vec<Word>,
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    let start = tag.find(&key).unwrap() + key.len();
    let end = start + tag[start..].find('"').unwrap();
    tag[start..end].parse().unwrap()
}

fn pages(pdf: &Path) -> Vec<Page> {
    let html = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let mut out: Vec<Page> = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            out.push(Page {
                height: attr(line, "height"),
                words: Vec::new(),
            });
        } else if line.starts_with("<word ") {
            let s = line.find('>').unwrap() + 1;
            let e = line.rfind("</word>").unwrap();
            out.last_mut().unwrap().words.push(Word {
                x0: attr(line, "xMin"),
                y0: attr(line, "yMin"),
                x1: attr(line, "xMax"),
                y1: attr(line, "yMax"),
                text: line[s..e]
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\""),
            });
        }
    }
    out
}

/// Runs of words set one after another on one line of one cell: same
/// baseline, separated by no more than a stretched space. Words of
/// neighbouring cells are at least two cell paddings (8.5 pt) apart.
fn runs(page: &Page) -> Vec<String> {
    let mut words = page.words.clone();
    words.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<String> = Vec::new();
    let mut last: Option<&Word> = None;
    for w in &words {
        match last {
            Some(l) if (l.y0 - w.y0).abs() < 0.5 && w.x0 - l.x1 < 7.0 => {
                let run = out.last_mut().unwrap();
                run.push(' ');
                run.push_str(&w.text);
            }
            _ => out.push(w.text.clone()),
        }
        last = Some(w);
    }
    out
}

/// Width of `text` in the bundled regular face at the table size, pt.
fn width12(fonts: &Fonts, text: &str) -> f64 {
    let face = fonts.face(Style::Regular);
    text.chars()
        .map(|c| face.width(c).unwrap_or(500) as f64 * 12.0 / 1000.0)
        .sum()
}

/// Phrases that must never be broken (when narrower than their column),
/// in every shape the issue names.
const GLUED: [&str; 12] = [
    "20 ноября 2024 г.",
    "20 ноября 2024 года",
    "01.09.2024г.",
    "№ 45-01",
    "И. И. Кузнецова",
    "Кузнецова И.И.",
    "И.И. Кузнецова",
    "2022–2024 гг.",
    "2024 г.",
    "5 %",
    "10 чел.",
    "15 марта 2025 г.",
];

/// Lowercase words that stand only inside «…» in the fixture.
const QUOTED: [&str; 3] = ["марафон", "муниципальный", "наставничества"];

/// The roadmap's activity column is about 170 pt wide, the deadline one
/// about 68 pt (design §3, the portrait roadmap).
fn fixture() -> metodist_core::Programme {
    let mut p = metodist_core::generate::programme(24, 7);
    p.roadmap.year_columns.clear();
    let activities = [
        "Проведение конкурса «Педагогический марафон» для молодых учителей до 20 ноября 2024 года по приказу № 45-01 от 01.09.2024г.",
        "Организация работы площадок «Северогорский муниципальный район» и «Точка роста»; отчёт представляет И. И. Кузнецова не позднее 15 марта 2025 г., проверяет И.И. Кузнецова.",
        "Мониторинг программы «Школа наставничества» в 2022–2024 гг.: охват не менее 10 чел. в каждой школе, доля педагогов не ниже 5 %, согласовать с Кузнецова И.И. до 20 ноября 2024 г.",
    ];
    let filler = " Управление образования администрации района совместно с руководителями общеобразовательных организаций обеспечивает подготовку методических материалов, проведение семинаров и консультаций, сбор и анализ сведений о ходе реализации, размещение информации на официальных сайтах.";
    let deadlines = [
        "В течение всего периода",
        "01.09.2024г.",
        "2024 г.",
        "Ежегодно, до 5 числа",
        "20 ноября 2024 г.",
    ];
    let responsible = [
        "И. И. Кузнецова, методист",
        "Кузнецова И.И., Управление образования",
        "И.И. Кузнецова",
        "Северогорский методический центр",
    ];
    let mut k = 0usize;
    for block in &mut p.roadmap.blocks {
        block.title = "Развитие кадрового потенциала".into();
        for item in &mut block.items {
            let mut a = activities[k % activities.len()].to_string();
            // Cells of 3 to about 35 lines, so rows split across pages, each
            // still shorter than a page.
            for _ in 0..(k * 3) % 5 {
                a.push_str(filler);
            }
            item.activity = a;
            item.deadline = deadlines[k % deadlines.len()].into();
            item.responsible = responsible[k % responsible.len()].into();
            item.expected_result = "Охват не менее 10 чел., доля не ниже 5 % к 2024 г.".into();
            k += 1;
        }
    }
    p
}

/// The roadmap's cell texts, each with whether it is a deadline (the
/// narrowest column).
fn source_texts(p: &metodist_core::Programme) -> Vec<(bool, String)> {
    p.roadmap
        .blocks
        .iter()
        .flat_map(|b| &b.items)
        .flat_map(|i| {
            [
                (false, i.activity.clone()),
                (true, i.deadline.clone()),
                (false, i.responsible.clone()),
                (false, i.expected_result.clone()),
            ]
        })
        .collect()
}

fn render_fixture(name: &str) -> (PathBuf, Vec<Page>, metodist_core::Programme) {
    let p = fixture();
    let profile = LayoutProfile::default();
    let fonts = Fonts::bundled().unwrap();
    let r = render_programme(&p, ComposeMode::AppendixOnly, &profile, &fonts).unwrap();
    let dir = out_dir();
    // The programme too, to print it with another build and compare.
    std::fs::write(
        dir.join("typesetting.metodist.json"),
        metodist_core::exchange::to_json(&p),
    )
    .unwrap();
    let pdf = dir.join(name);
    std::fs::write(&pdf, &r.pdf).unwrap();
    let pages = pages(&pdf);
    assert_eq!(pages.len(), r.pages);
    (pdf, pages, p)
}

#[test]
fn no_glued_phrase_is_broken_and_no_name_is_hyphenated() {
    let (_, pages, p) = render_fixture("roadmap.pdf");
    let fonts = Fonts::bundled().unwrap();
    let texts = source_texts(&p);
    let all_runs: Vec<String> = pages.iter().flat_map(runs).collect();
    for phrase in GLUED {
        // Every phrase fits the narrowest column it is put in.
        assert!(width12(&fonts, phrase) < 160.0);
        let placed: usize = texts
            .iter()
            // The deadline column (about 68 pt) is too narrow for some.
            .filter(|(deadline, _)| !deadline || width12(&fonts, phrase) < 66.0)
            .map(|(_, t)| t.matches(phrase).count())
            .sum();
        assert!(placed > 0, "the fixture holds «{phrase}»");
        let printed: usize = all_runs.iter().map(|r| r.matches(phrase).count()).sum();
        assert!(
            printed >= placed,
            "«{phrase}» printed whole {printed} times of {placed}"
        );
    }
    // «20 ноября 2024 г.» is wider than the deadline column: it opens
    // between the month and the year, and nowhere else.
    assert!(width12(&fonts, "20 ноября 2024 г.") > 70.0);
    let alone = texts
        .iter()
        .filter(|(d, t)| *d && t == "20 ноября 2024 г.")
        .count();
    assert!(alone > 0);
    for part in ["20 ноября", "2024 г."] {
        let n = all_runs.iter().filter(|r| r.as_str() == part).count();
        assert!(n >= alone, "«{part}» alone on {n} lines, expected {alone}");
    }

    let mut hyphenated = 0;
    for (i, page) in pages.iter().enumerate() {
        for w in &page.words {
            let Some(head) = w.text.strip_suffix(SOFT_HYPHEN) else {
                continue;
            };
            hyphenated += 1;
            let head = head.trim_start_matches(['«', '(', '"']);
            assert!(
                !head.starts_with(char::is_uppercase),
                "page {}: a capitalised word hyphenated: {head}",
                i + 1
            );
            assert!(
                !QUOTED.iter().any(|q| q.starts_with(head)),
                "page {}: a word in quotes hyphenated: {head}",
                i + 1
            );
        }
    }
    // Hyphenation is still on: the long lowercase words of the filler
    // take it in the narrow columns.
    assert!(hyphenated > 0);
    // The deadline common to many rows stays unhyphenated.
    let common = texts
        .iter()
        .filter(|(d, t)| *d && t == "В течение всего периода")
        .count();
    assert!(common > 0);
    for word in ["течение", "всего", "периода"] {
        let whole = pages
            .iter()
            .flat_map(|p| &p.words)
            .filter(|w| w.text == word)
            .count();
        assert!(whole >= common, "«{word}» whole {whole} times of {common}");
    }
}

#[test]
fn no_page_holds_a_sliver_of_a_split_row() {
    let (_, pages, _) = render_fixture("roadmap-rows.pdf");
    let profile = LayoutProfile::default();
    let left = profile.margin_left_mm as f64 * PT_PER_MM;
    let top = profile.margin_top_mm as f64 * PT_PER_MM;
    let header_words = [
        "№",
        "п/п",
        "Мероприятие",
        "Сроки",
        "Ответственные",
        "Ожидаемый",
        "результат",
    ];
    let is_number = |t: &str| {
        let mut parts = t.splitn(2, '.');
        let a = parts.next().unwrap_or("");
        let b = parts.next();
        !a.is_empty()
            && a.chars().all(|c| c.is_ascii_digit())
            && b.is_some_and(|b| b.chars().all(|c| c.is_ascii_digit()))
    };
    let baselines = |ws: &[&Word]| {
        let mut ys: Vec<f64> = ws.iter().map(|w| w.y0).collect();
        ys.sort_by(f64::total_cmp);
        ys.dedup_by(|a, b| (*a - *b).abs() < 1.0);
        ys.len()
    };
    // For each roadmap page: lines of the row continued from the page
    // before (above the first row number), and lines of the last row
    // begun on it.
    let mut parts: Vec<(usize, usize, usize)> = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let mut words: Vec<&Word> = page.words.iter().filter(|w| w.y0 > top).collect();
        words.sort_by(|a, b| a.y0.total_cmp(&b.y0));
        // The header: «Мероприятие» with «Ответственные» beside it; it
        // ends with the lowest header word around them.
        let Some(anchor) = words.iter().find(|w| {
            w.text == "Мероприятие"
                && words
                    .iter()
                    .any(|o| o.text == "Ответственные" && (o.y0 - w.y0).abs() < 15.0)
        }) else {
            continue;
        };
        let header_end = words
            .iter()
            .filter(|w| header_words.contains(&w.text.as_str()) && (w.y0 - anchor.y0).abs() < 20.0)
            .map(|w| w.y1)
            .fold(anchor.y1, f64::max);
        let body: Vec<&Word> = words
            .iter()
            .copied()
            .filter(|w| w.y0 > header_end)
            .collect();
        // Row starts: item numbers in the first column, block numbers
        // «1.» anywhere (the block's title row spans the table).
        let starts: Vec<f64> = body
            .iter()
            .filter(|w| is_number(&w.text) && (w.x0 < left + 20.0 || w.text.ends_with('.')))
            .map(|w| w.y0)
            .collect();
        let first = starts.first().copied().unwrap_or(f64::INFINITY);
        // A page with no row starting on it holds the middle of a row
        // taller than a page (none in this fixture).
        let last = starts.last().copied().unwrap_or(f64::NEG_INFINITY);
        let tail: Vec<&Word> = body
            .iter()
            .copied()
            .filter(|w| w.y0 < first - 1.0)
            .collect();
        let head: Vec<&Word> = body
            .iter()
            .copied()
            .filter(|w| w.y0 >= last - 1.0)
            .collect();
        assert!(page.height > 0.0);
        parts.push((i, baselines(&tail), baselines(&head)));
    }
    assert!(parts.len() >= 3, "the roadmap runs over several pages");
    let mut split = 0;
    for pair in parts.windows(2) {
        let ((p0, _, head), (p1, tail, _)) = (pair[0], pair[1]);
        if p1 != p0 + 1 || tail == 0 {
            continue;
        }
        split += 1;
        // Rows of the fixture fit on a page: a split leaves more than a
        // sliver (three lines) on both pages.
        assert!(tail > 3, "page {} holds only {tail} lines of a row", p1 + 1);
        assert!(
            head > 3,
            "page {} ends with only {head} lines of a row",
            p0 + 1
        );
    }
    assert!(split > 0, "some row of the fixture splits across pages");
}

/// A row of twelve lines after more and more one-line rows: wherever the
/// page ends, the row is either whole on one page or split with more than
/// a sliver (three lines) on each, under the repeated header.
#[test]
fn a_row_is_split_with_more_than_a_sliver_on_each_page_or_moved_whole() {
    use metodist_print::{render, Block, Cell, Document, PageGroup, Row, Table};
    let profile = LayoutProfile::default();
    let fonts = Fonts::bundled().unwrap();
    let top = profile.margin_top_mm as f64 * PT_PER_MM;
    let lines: Vec<String> = (1..=12).map(|k| format!("длинная{k}")).collect();
    let (mut split, mut whole) = (0, 0);
    for fillers in 24..40 {
        let mut body: Vec<Row> = (0..fillers)
            .map(|i| Row::new(vec![Cell::text(format!("ряд{i}")), Cell::text("")]))
            .collect();
        body.push(Row::new(vec![
            Cell::text("последний"),
            Cell::text(lines.join("\n")),
        ]));
        let doc = Document {
            groups: vec![PageGroup {
                blocks: vec![Block::Table(Table {
                    columns: vec![1.0, 3.0],
                    header: vec![Row::new(vec![
                        Cell::bold_centered("Шапка"),
                        Cell::bold_centered("Текст"),
                    ])],
                    body,
                    ..Default::default()
                })],
                ..Default::default()
            }],
            ..Default::default()
        };
        let r = render(&doc, &profile, &fonts).unwrap();
        let pdf = out_dir().join(format!("sliver-{fillers}.pdf"));
        std::fs::write(&pdf, &r.pdf).unwrap();
        let mut seen = Vec::new();
        let mut per_page = Vec::new();
        for (i, page) in pages(&pdf).iter().enumerate() {
            let mut head: Vec<&Word> = page.words.iter().filter(|w| w.y0 > top).collect();
            head.sort_by(|a, b| a.y0.total_cmp(&b.y0));
            assert_eq!(
                head.first().map(|w| w.text.as_str()),
                Some("Шапка"),
                "{fillers}: page {} opens with the header",
                i + 1
            );
            let mut mine: Vec<&Word> = page
                .words
                .iter()
                .filter(|w| w.text.starts_with("длинная"))
                .collect();
            mine.sort_by(|a, b| a.y0.total_cmp(&b.y0));
            if !mine.is_empty() {
                per_page.push(mine.len());
            }
            seen.extend(mine.iter().map(|w| w.text.clone()));
        }
        assert_eq!(seen, lines, "{fillers}: every line once, in order");
        assert!(
            per_page.iter().all(|&n| n > 3),
            "{fillers} rows before: the row printed as {per_page:?} lines"
        );
        match per_page.len() {
            1 => whole += 1,
            _ => split += 1,
        }
    }
    assert!(split > 0 && whole > 0, "split {split}, whole {whole}");
}
