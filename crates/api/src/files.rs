//! Names for the files the user saves.

/// A file name from a title: no characters Windows forbids, not too long.
pub fn file_stem(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let mut stem = String::new();
    for w in cleaned.split_whitespace() {
        if stem.chars().count() + w.chars().count() > 80 {
            break;
        }
        if !stem.is_empty() {
            stem.push(' ');
        }
        stem.push_str(w);
    }
    // A title cut after «…и школ,» must not leave «школ, (01.09.2026…)».
    let stem = stem.trim_end_matches([',', ';', ':', '—', '–', '-', '.', ' ']);
    if stem.is_empty() {
        "Программа".into()
    } else {
        stem.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn file_names_are_safe_on_windows() {
        assert_eq!(
            file_stem("Программа «А/Б»: 2024–2027?"),
            "Программа «А Б» 2024–2027"
        );
        assert_eq!(file_stem("  "), "Программа");
        assert!(file_stem(&"слово ".repeat(50)).chars().count() <= 80);
        // 72 characters up to the comma; the next word would pass 80.
        let long = "Программа поддержки школ с низкими образовательными результатами и школ, функционирующих в неблагоприятных условиях";
        assert_eq!(
            file_stem(long),
            "Программа поддержки школ с низкими образовательными результатами и школ"
        );
        assert_eq!(
            file_stem("Программа поддержки школ, "),
            "Программа поддержки школ"
        );
    }
}
