//! Writing XML text: escaping, and the characters XML 1.0 cannot hold.

/// Appends `s` escaped for an attribute value or element text.
pub(crate) fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if allowed(c) => out.push(c),
            // A control character typed or pasted into a field: XML 1.0
            // cannot hold it, and Word refuses the whole file over one.
            _ => {}
        }
    }
}

pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// Characters XML 1.0 allows (Rust strings hold no surrogates).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// The runs' content for `text`: `<w:t>` pieces, with a tab, a line break,
/// a soft hyphen and a non-breaking hyphen as the elements Word has for
/// them, so they behave in Word as they do in our PDF.
pub(crate) fn run_text(out: &mut String, text: &str) {
    let mut open = false;
    let close = |out: &mut String, open: &mut bool| {
        if *open {
            out.push_str("</w:t>");
            *open = false;
        }
    };
    for c in text.chars() {
        let element = match c {
            '\t' => Some("<w:tab/>"),
            '\n' => Some("<w:br/>"),
            '\r' => Some(""),
            '\u{AD}' => Some("<w:softHyphen/>"),
            '\u{2011}' => Some("<w:noBreakHyphen/>"),
            _ => None,
        };
        if let Some(e) = element {
            close(out, &mut open);
            out.push_str(e);
            continue;
        }
        if !allowed(c) {
            continue;
        }
        if !open {
            out.push_str("<w:t xml:space=\"preserve\">");
            open = true;
        }
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    close(out, &mut open);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(
            escape("a<b & \"c\"\u{1}\u{b}"),
            "a&lt;b &amp; &quot;c&quot;"
        );
        let mut out = String::new();
        run_text(&mut out, "Сроки:\tмай\nиюнь\u{7}, пере\u{AD}нос");
        assert_eq!(
            out,
            "<w:t xml:space=\"preserve\">Сроки:</w:t><w:tab/>\
             <w:t xml:space=\"preserve\">май</w:t><w:br/>\
             <w:t xml:space=\"preserve\">июнь, пере</w:t><w:softHyphen/>\
             <w:t xml:space=\"preserve\">нос</w:t>"
        );
    }
}
