//! A sentence as tokens: lower-cased words, punctuation, one `<e>`/`<d>` per argument.

use std::borrow::Cow;

use super::{Arg, Token};
use crate::normalize::{ALNUM, UPPER, ascii_class};
use crate::sentences::Span;

/// Splits a sentence into tokens, one `<e>` per argument.
pub(super) fn tokenize<'a>(text: &'a str, span: Span, args: &[Arg]) -> Vec<Token<'a>> {
    // About one token per five bytes of news text: sized once instead of grown.
    let mut out = Vec::with_capacity((span.end - span.start) / 5 + args.len());
    let mut i = span.start;
    let mut next_arg = 0;
    while i < span.end {
        if let Some(a) = args.get(next_arg)
            && a.span.start <= i
        {
            out.push(Token {
                text: Cow::Borrowed(if a.demonym { "<d>" } else { "<e>" }),
                span: a.span,
                arg: Some(next_arg),
            });
            i = a.span.end.max(i);
            if a.possessive {
                // "its", "his": the owner of the noun after it, as "X's" would be.
                out.push(Token {
                    text: Cow::Borrowed("'s"),
                    span: Span::new(a.span.end, a.span.end),
                    arg: None,
                });
                if let Some(q) = text[i..].chars().next().filter(|q| matches!(q, '\'' | '’'))
                    && text[i + q.len_utf8()..].starts_with(['s', 'S'])
                {
                    // "the group's": the written "'s" is that token.
                    i += q.len_utf8() + 1;
                }
            }
            next_arg += 1;
            continue;
        }
        let bytes = text.as_bytes();
        let b = bytes[i];
        // ASCII blanks and marks that make no token (most bytes between words) are stepped
        // over without decoding.
        if b < 0x80 && ascii_class(b) & ALNUM == 0 && b != b'\'' && mark(char::from(b)).is_empty() {
            i += 1;
            continue;
        }
        let c = match b {
            b if b < 0x80 => char::from(b),
            _ => text[i..].chars().next().expect("inside the text"),
        };
        let len = c.len_utf8();
        if c.is_alphanumeric() {
            let limit = args
                .get(next_arg)
                .map_or(span.end, |a| a.span.start.min(span.end));
            let mut end = i;
            // Whether the word needs lower-casing, and by Unicode's rules.
            let (mut upper, mut ascii) = (false, true);
            while end < limit {
                // ASCII letters and digits, most of every word, need no decoding.
                let b = bytes[end];
                if ascii_class(b) & ALNUM != 0 {
                    upper |= ascii_class(b) & UPPER != 0;
                    end += 1;
                    continue;
                }
                if b < 0x80 && b != b'\'' && b != b'.' {
                    break;
                }
                let ch = text[end..].chars().next().expect("inside the text");
                let after = end + ch.len_utf8();
                let next_alnum = text[after..limit]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
                // "O'Brien" and "U.S" stay one word; "Mexico's" does not.
                let inner = matches!(ch, '\'' | '’')
                    && next_alnum
                    && !text[after..].starts_with(['s', 'S'])
                    || ch == '.' && next_alnum;
                if ch.is_alphanumeric() || inner {
                    ascii &= ch.is_ascii();
                    end = after;
                } else {
                    break;
                }
            }
            let word = &text[i..end];
            out.push(Token {
                text: match (ascii, upper) {
                    (true, false) => Cow::Borrowed(word),
                    // ASCII, most words: lower-cased byte by byte, and it has no '’'.
                    (true, true) => Cow::Owned(word.to_ascii_lowercase()),
                    _ => Cow::Owned(word.to_lowercase().replace('’', "'")),
                },
                span: Span::new(i, end),
                arg: None,
            });
            i = end;
            continue;
        }
        let token = match c {
            '\'' | '’'
                if text[i + len..].starts_with(['s', 'S'])
                    && !text[i + len + 1..].starts_with(char::is_alphanumeric) =>
            {
                out.push(Token {
                    text: Cow::Borrowed("'s"),
                    span: Span::new(i, i + len + 1),
                    arg: None,
                });
                i += len + 1;
                continue;
            }
            c => mark(c),
        };
        if !token.is_empty() {
            out.push(Token {
                text: Cow::Borrowed(token),
                span: Span::new(i, i + len),
                arg: None,
            });
        }
        i += len;
    }
    out
}

/// The token a punctuation mark makes ("" for none): clause breaks and brackets, and every
/// dash as "-". The apostrophe of "'s" is read apart.
fn mark(c: char) -> &'static str {
    match c {
        ',' => ",",
        ';' => ";",
        ':' => ":",
        '(' => "(",
        ')' => ")",
        '-' | '–' | '—' | '‐' | '‑' | '−' => "-",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::super::Arg;
    use super::tokenize;
    use crate::gazetteer::{EntityId, EntityKind};
    use crate::sentences::Span;

    /// Words are lower-cased (ASCII byte by byte, other scripts by Unicode's rules, a curly
    /// apostrophe made straight), borrowed when already lower case; "'s" and punctuation are
    /// tokens of their own, and an argument is one `<e>`.
    #[test]
    fn words_punctuation_and_arguments() {
        let text = "The U.S. Army's O’Brien met ÉLYSÉE staff, Acme (café) – said X.";
        let acme = text.find("Acme").expect("in the text");
        let args = [Arg {
            entity: EntityId(0),
            kind: EntityKind::Org,
            span: Span::new(acme, acme + 4),
            demonym: false,
            reference: false,
            possessive: false,
        }];
        let tokens = tokenize(text, Span::new(0, text.len()), &args);
        let texts: Vec<&str> = tokens.iter().map(|t| t.text.as_ref()).collect();
        assert_eq!(
            texts,
            [
                "the", "u.s", "army", "'s", "o'brien", "met", "élysée", "staff", ",", "<e>", "(",
                "café", ")", "-", "said", "x"
            ]
        );
        let borrowed: Vec<bool> = (tokens.iter())
            .map(|t| matches!(t.text, std::borrow::Cow::Borrowed(_)))
            .collect();
        assert_eq!(
            borrowed,
            [
                false, false, false, true, false, true, false, true, true, true, true, false, true,
                true, true, false
            ]
        );
        assert_eq!(tokens[9].arg, Some(0));
        assert_eq!(tokens[9].span, Span::new(acme, acme + 4));
        assert_eq!(&text[tokens[4].span.start..tokens[4].span.end], "O’Brien");
    }
}
