//! Turns a free-text deadline into a short list of classified tokens.
//!
//! Case, `ё`, punctuation that carries no meaning (commas, dots after
//! abbreviations, brackets, quotes) and function words that never change
//! the schedule are dropped here, so the parser only sees what matters.

use crate::months::MONTH_NAMES;

/// One meaningful piece of a deadline phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok {
    /// A run of ASCII digits; `digits` is capped so huge numbers stay huge.
    Num {
        value: u32,
        digits: u8,
    },
    /// `dd.mm` or `dd.mm.yyyy` written without spaces.
    Date {
        day: u32,
        month: u32,
        year: Option<i32>,
    },
    Month(u32),
    /// г, гг, год, года, годы ...
    YearWord,
    Dash,
    Slash,
    /// с, со
    From,
    /// до, по
    Upto,
    /// ежегодно
    Annual,
    /// ежемесячно
    Monthly,
    /// ежеквартально
    Quarterly,
    /// постоянно
    Constantly,
    /// течение (в течение)
    During,
    /// весь, всего, всей
    All,
    /// период, срок
    PeriodWord,
    /// реализации, программы ... (only meaningful after `PeriodWord`)
    PeriodTail,
    /// учебный, уч.
    School,
    QuarterWord,
    HalfWord,
    /// конец, конце
    End,
    /// каждый, каждого ...
    Each,
    /// месяц, месяца ...
    MonthUnit,
    /// раз, раза
    Times,
    /// текущего (года)
    Current,
    /// Roman numerals, ordinal words, `1-й`.
    Ordinal(u32),
    /// The `й` of `1-й`; folded into `Ordinal` after lexing.
    OrdSuffix,
    /// Words that introduce a reference to a plan: согласно, соответствии, мере.
    Lead,
    /// плану, графику, заявке, договору ... (rule 12)
    Marker,
    /// №
    Numero,
    /// Any other word.
    Word,
    /// Any other symbol.
    Other,
}

impl Tok {
    /// Plain words that may appear inside a licensed clause.
    fn is_plain_word(self) -> bool {
        matches!(
            self,
            Tok::Word | Tok::Lead | Tok::Marker | Tok::PeriodTail | Tok::OrdSuffix | Tok::Other
        )
    }

    fn is_lead(self) -> bool {
        matches!(self, Tok::Lead | Tok::From | Tok::Upto)
    }
}

/// Longest number we keep exact; longer runs are certainly not dates.
const MAX_DIGITS: u8 = 9;

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2212}'
            | '\u{FE63}'
            | '\u{FF0D}'
    )
}

/// Unicode Roman numerals and the Cyrillic `і` stand in for Latin letters.
fn roman_replacement(c: char) -> Option<&'static str> {
    Some(match c {
        'Ⅰ' | 'ⅰ' | 'І' | 'і' => "i",
        'Ⅱ' | 'ⅱ' => "ii",
        'Ⅲ' | 'ⅲ' => "iii",
        'Ⅳ' | 'ⅳ' => "iv",
        'Ⅴ' | 'ⅴ' => "v",
        _ => return None,
    })
}

/// Characters that copy-paste from documents leaves inside words.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{0300}'..='\u{036F}'
    )
}

fn push_lower(word: &mut String, c: char) {
    if let Some(r) = roman_replacement(c) {
        word.push_str(r);
        return;
    }
    // Fast paths: the general Unicode tables dominated the profile.
    match c {
        'a'..='z' | 'а'..='я' => word.push(c),
        'A'..='Z' => word.push(c.to_ascii_lowercase()),
        'А'..='Я' => word.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
        'ё' | 'Ё' => word.push('е'),
        _ => {
            for l in c.to_lowercase() {
                word.push(if l == 'ё' { 'е' } else { l });
            }
        }
    }
}

fn is_letter(c: char) -> bool {
    matches!(c, 'a'..='z' | 'A'..='Z' | 'А'..='я' | 'ё' | 'Ё')
        || (!c.is_ascii() && c.is_alphabetic())
}

/// Reads the digits starting at `i`; returns (value, digit count, next index).
fn read_number(chars: &[char], mut i: usize) -> (u32, u8, usize) {
    let mut value: u32 = 0;
    let mut digits: u8 = 0;
    while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
        if digits < MAX_DIGITS {
            value = value * 10 + d;
        }
        digits = digits.saturating_add(1);
        i += 1;
    }
    (value, digits, i)
}

/// Recognises `dd.mm` and `dd.mm.yyyy` at `i` (already known to start with
/// digits); returns the token and the index after it.
fn read_numeric_date(chars: &[char], i: usize) -> Option<(Tok, usize)> {
    let (day, d_digits, j) = read_number(chars, i);
    if d_digits > 2 || chars.get(j) != Some(&'.') {
        return None;
    }
    let (month, m_digits, k) = read_number(chars, j + 1);
    if m_digits == 0 || m_digits > 2 || !(1..=31).contains(&day) || !(1..=12).contains(&month) {
        return None;
    }
    if chars.get(k) == Some(&'.') {
        let (year, y_digits, l) = read_number(chars, k + 1);
        if y_digits == 4 {
            let year = i32::try_from(year).ok()?;
            return Some((
                Tok::Date {
                    day,
                    month,
                    year: Some(year),
                },
                l,
            ));
        }
        if y_digits != 0 {
            // Two-digit years (01.09.22) would need a guess about the century.
            return Some((Tok::Other, l));
        }
    }
    Some((
        Tok::Date {
            day,
            month,
            year: None,
        },
        k,
    ))
}

/// Splits `phrase` into tokens. `chars` and `word` are scratch buffers so the
/// editor's per-keystroke calls do not allocate for them every time.
pub(crate) fn lex(phrase: &str, chars: &mut Vec<char>, word: &mut String, out: &mut Vec<Tok>) {
    chars.clear();
    chars.extend(phrase.chars());
    out.clear();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c.is_ascii_digit() {
            if let Some((tok, next)) = read_numeric_date(chars, i) {
                out.push(tok);
                i = next;
                continue;
            }
            let (value, digits, next) = read_number(chars, i);
            out.push(Tok::Num { value, digits });
            i = next;
        } else if is_letter(c) {
            word.clear();
            while let Some(&w) = chars.get(i) {
                if w == '\u{0306}' && word.ends_with('и') {
                    // Decomposed "й" (и + combining breve), as some editors store it.
                    word.pop();
                    word.push('й');
                } else if is_invisible(w) {
                    // Soft hyphens from Word, stress marks: not part of the word.
                } else if is_letter(w) {
                    push_lower(word, w);
                } else {
                    break;
                }
                i += 1;
            }
            if let Some(tok) = classify_word(word) {
                out.push(tok);
            }
        } else {
            i += 1;
            let tok = match c {
                _ if is_dash(c) => Tok::Dash,
                '/' | '\\' => Tok::Slash,
                '№' => Tok::Numero,
                // A question mark is the author's doubt, not punctuation.
                '?' => Tok::Other,
                _ if c.is_whitespace() || is_invisible(c) => continue,
                ',' | '.' | ';' | ':' | '(' | ')' | '[' | ']' | '«' | '»' | '"' | '\'' | '„'
                | '“' | '”' | '‘' | '’' | '…' | '!' => continue,
                _ if c.is_control() => continue,
                _ => Tok::Other,
            };
            out.push(tok);
        }
    }
    fold_ordinals(out);
}

/// `1-й квартал`, `2-е полугодие`: a number, a dash and an ending.
fn fold_ordinals(toks: &mut Vec<Tok>) {
    if !toks.contains(&Tok::OrdSuffix) {
        return;
    }
    let mut folded = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        match (toks.get(i), toks.get(i + 1), toks.get(i + 2)) {
            (Some(&Tok::Num { value, digits }), Some(Tok::Dash), Some(Tok::OrdSuffix))
                if digits <= 2 =>
            {
                folded.push(Tok::Ordinal(value));
                i += 3;
            }
            // "2022-го года": the ending adds nothing to a year.
            (Some(&t @ Tok::Num { digits: 4, .. }), Some(Tok::Dash), Some(Tok::OrdSuffix)) => {
                folded.push(t);
                i += 3;
            }
            (Some(&t), _, _) => {
                folded.push(t);
                i += 1;
            }
            _ => break,
        }
    }
    *toks = folded;
}

fn month_of(word: &str) -> Option<u32> {
    // Abbreviations first: they are whole words after lexing.
    let abbrev = match word {
        "янв" => Some(1),
        "фев" | "февр" => Some(2),
        "мар" => Some(3),
        "апр" => Some(4),
        "июн" => Some(6),
        "июл" => Some(7),
        "авг" => Some(8),
        "сен" | "сент" => Some(9),
        "окт" => Some(10),
        "ноя" | "нояб" => Some(11),
        "дек" => Some(12),
        _ => None,
    };
    if abbrev.is_some() {
        return abbrev;
    }
    // In month order «март» is tried before «ма», the only stem that begins
    // another; a word that has a month's stem and none of its endings
    // («мартовский») is no month.
    for (m, n) in (1..).zip(MONTH_NAMES.iter()) {
        if let Some(rest) = word.strip_prefix(n.stem) {
            return n.endings.contains(&rest).then_some(m);
        }
    }
    None
}

/// Returns `None` for words that never change the meaning (dropped).
fn classify_word(word: &str) -> Option<Tok> {
    if let Some(m) = month_of(word) {
        return Some(Tok::Month(m));
    }
    let tok = match word {
        "не" | "позднее" | "позже" | "в" | "во" | "к" | "на" | "и" | "включительно" => {
            return None
        }
        "г" | "гг" | "год" | "года" | "году" | "годом" | "годе" | "годы" | "годов" | "годам"
        | "годах" => Tok::YearWord,
        "с" | "со" => Tok::From,
        "до" | "по" => Tok::Upto,
        "ежегодно" => Tok::Annual,
        "ежемесячно" => Tok::Monthly,
        "ежеквартально" => Tok::Quarterly,
        "постоянно" => Tok::Constantly,
        // "в течении" is a common misspelling of "в течение".
        "течение" | "течении" | "протяжении" => Tok::During,
        "весь" | "всего" | "всей" | "всем" => Tok::All,
        "период" | "периода" | "периоде" | "срок" | "срока" | "сроке" => {
            Tok::PeriodWord
        }
        "реализации" | "программы" | "подпрограммы" | "проекта" | "действия" => {
            Tok::PeriodTail
        }
        "учебный" | "учебного" | "учебном" | "учебному" | "учебным" | "учебные" | "учебных"
        | "уч" => Tok::School,
        "квартал" | "квартала" | "квартале" | "кварталу" | "кварталом" | "кварталы"
        | "кварталов" | "кварталах" | "кв" => Tok::QuarterWord,
        "полугодие"
        | "полугодия"
        | "полугодии"
        | "полугодию"
        | "полугодием"
        | "полугодий"
        | "полугодиях"
        | "пол" => Tok::HalfWord,
        "конец" | "конце" | "конца" | "концу" => Tok::End,
        "каждый" | "каждого" | "каждом" | "каждое" | "каждую" | "каждой" | "каждая" => {
            Tok::Each
        }
        "месяц" | "месяца" | "месяце" | "месяцем" | "месяцы" | "месяцев" => {
            Tok::MonthUnit
        }
        "раз" | "раза" => Tok::Times,
        "текущего" | "текущий" | "текущем" | "текущему" | "этого" | "сего" => {
            Tok::Current
        }
        "i" | "первый" | "первого" | "первом" | "первое" | "первая" | "первой" => {
            Tok::Ordinal(1)
        }
        "ii" | "второй" | "второго" | "втором" | "второе" | "вторая" => {
            Tok::Ordinal(2)
        }
        "iii" | "третий" | "третьего" | "третьем" | "третье" | "третья" => {
            Tok::Ordinal(3)
        }
        "iv" | "четвертый" | "четвертого" | "четвертом" | "четвертое" => {
            Tok::Ordinal(4)
        }
        "й" | "е" | "го" | "м" | "ое" | "ый" | "ий" | "ого" | "ом" | "ая" | "я" => {
            Tok::OrdSuffix
        }
        "согласно" | "соответствии" | "мере" => Tok::Lead,
        _ if is_marker(word) => Tok::Marker,
        _ => Tok::Word,
    };
    Some(tok)
}

/// Nouns that name a plan, schedule, request or contract (rule 12).
fn is_marker(word: &str) -> bool {
    const STEMS: [&str; 14] = [
        "план",
        "график",
        "заявк",
        "заявок",
        "договор",
        "запрос",
        "необходимост",
        "согласовани",
        "положени",
        "расписани",
        "приглашени",
        "требовани",
        "поручени",
        "регламент",
    ];
    // Short endings only: "плановый", "планирование" are not references.
    STEMS.iter().any(|s| {
        word.strip_prefix(s)
            .is_some_and(|rest| rest.chars().count() <= 3)
    })
}

/// Removes "по плану работы ...", "по заявке ...", "в соответствии с
/// графиком ..." clauses (rule 12). Returns true when one was found.
///
/// A marker noun must be introduced by a lead word at most three words
/// earlier; everything after it up to the next date or periodicity belongs
/// to the clause (the name of the plan, the body, ...).
pub(crate) fn strip_on_request(toks: &mut Vec<Tok>) -> bool {
    if !toks.contains(&Tok::Marker) {
        return false;
    }
    let n = toks.len();
    let mut keep = vec![true; n];
    let mut found_any = false;
    for i in 0..n {
        if toks[i] != Tok::Marker || !keep[i] {
            continue;
        }
        let mut lead = None;
        let mut j = i;
        while j > 0 && i - j < 3 {
            j -= 1;
            let t = toks[j];
            if !keep[j] {
                break;
            }
            if t.is_lead() {
                lead = Some(j);
                break;
            }
            if !t.is_plain_word() {
                break;
            }
        }
        let Some(mut start) = lead else { continue };
        while start > 0 && keep[start - 1] && toks[start - 1].is_lead() {
            start -= 1;
        }
        let mut end = i + 1;
        while end < n {
            let t = toks[end];
            let licensed = if t.is_plain_word() {
                true
            } else {
                match t {
                    Tok::Numero => true,
                    Tok::Num { .. } => end > 0 && toks[end - 1] == Tok::Numero,
                    Tok::Dash | Tok::Slash | Tok::From | Tok::Upto => {
                        toks.get(end + 1).is_some_and(|n| n.is_plain_word())
                    }
                    _ => false,
                }
            };
            if !licensed {
                break;
            }
            end += 1;
        }
        for k in keep.iter_mut().take(end).skip(start) {
            *k = false;
        }
        found_any = true;
    }
    if found_any {
        let mut idx = 0;
        toks.retain(|_| {
            let k = keep[idx];
            idx += 1;
            k
        });
    }
    found_any
}
