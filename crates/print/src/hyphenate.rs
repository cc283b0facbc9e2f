//! Russian hyphenation with the TeX patterns (hyph-ru) shipped by the
//! `hyphenation` crate.
//!
//! Only the Russian dictionary is compiled in (`data/hyph-ru.standard.bincode`,
//! copied from hyphenation 0.8.4, whose version Cargo.lock pins): the
//! crate's `embed_all` feature would add every language to the binary.

use hyphenation::{Hyphenator as _, Language, Load, Standard};
use std::sync::OnceLock;

use crate::error::PrintError;

const RU_DICTIONARY: &[u8] = include_bytes!("../data/hyph-ru.standard.bincode");

fn dictionary() -> Result<&'static Standard, PrintError> {
    static DICT: OnceLock<Result<Standard, String>> = OnceLock::new();
    DICT.get_or_init(|| {
        Standard::from_reader(Language::Russian, &mut &RU_DICTIONARY[..]).map_err(|e| e.to_string())
    })
    .as_ref()
    .map_err(|e| PrintError::Hyphenation(e.clone()))
}

/// Checks that the dictionary loads, so a broken build fails at the start of
/// rendering instead of silently printing without hyphens.
pub(crate) fn ensure_loaded() -> Result<(), PrintError> {
    dictionary().map(|_| ())
}

/// Byte offsets inside `word` where it may be hyphenated.
///
/// Words that are not plain Cyrillic words are left whole: abbreviations
/// (ОГЭ, МБОУ), words with digits or Latin letters, and words too short to
/// leave two letters on each side.
/// Words in capitals shorter than this are taken for abbreviations.
const MIN_CAPS_WORD: usize = 7;

pub(crate) fn breaks(word: &str) -> Vec<usize> {
    let letters = word.chars().count();
    if letters < 5 {
        return Vec::new();
    }
    if !word.chars().all(is_cyrillic_letter) {
        return Vec::new();
    }
    let uppercase = word.chars().filter(|c| c.is_uppercase()).count();
    // Capitals are an abbreviation (МБОУ, ГИБДД) unless the whole word is
    // long and in capitals, as a deadline typed with Caps Lock on
    // («ЕЖЕГОДНО, СЕНТЯБРЬ»): that is a word, and without hyphenation it
    // is cut anywhere in a narrow column. The patterns are lowercase; the
    // offsets carry over because every Cyrillic letter takes two bytes in
    // either case.
    let all_caps_word = uppercase == letters && letters >= MIN_CAPS_WORD;
    if uppercase > 1 && !all_caps_word {
        return Vec::new();
    }
    let Ok(dict) = dictionary() else {
        return Vec::new();
    };
    let mut out = if all_caps_word {
        dict.hyphenate(&word.to_lowercase()).breaks
    } else {
        dict.hyphenate(word).breaks
    };
    // Russian rules forbid leaving "ъ", "ь" or "й" at the start of a line;
    // the patterns mostly obey, this guards the rest.
    out.retain(|&i| {
        let next = word[i..].chars().next();
        !matches!(next, Some('ъ' | 'ь' | 'й' | 'Ъ' | 'Ь' | 'Й'))
    });
    out
}

pub(crate) fn is_cyrillic_letter(c: char) -> bool {
    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(word: &str) -> String {
        let b = breaks(word);
        let mut out = String::new();
        let mut last = 0;
        for i in b {
            out.push_str(&word[last..i]);
            out.push('-');
            last = i;
        }
        out.push_str(&word[last..]);
        out
    }

    #[test]
    fn russian_words_are_hyphenated() {
        ensure_loaded().unwrap();
        assert_eq!(split("образования"), "об-ра-зо-ва-ния");
        let s = split("Муниципальная");
        assert!(s.starts_with("Му-ни-ци"), "{s}");
        assert!(split("постановление").contains('-'));
    }

    #[test]
    fn abbreviations_short_and_mixed_words_stay_whole() {
        assert!(breaks("МБОУ").is_empty());
        assert!(breaks("ГИА-2024").is_empty());
        assert!(breaks("дом").is_empty());
        assert!(breaks("Zubilina").is_empty());
        assert!(breaks("ГИБДД").is_empty());
        assert!(breaks("РосНОУ").is_empty());
    }

    #[test]
    fn long_words_in_capitals_are_hyphenated_like_lowercase_ones() {
        ensure_loaded().unwrap();
        assert_eq!(split("ОБРАЗОВАНИЯ"), "ОБ-РА-ЗО-ВА-НИЯ");
        assert_eq!(split("ЕЖЕГОДНО"), split("ежегодно").to_uppercase());
        assert!(split("ЕЖЕГОДНО").contains('-'));
        assert!(split("СЕНТЯБРЯ").contains('-'));
    }
}
