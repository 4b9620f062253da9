//! A sentence as tokens: lower-cased words, punctuation, one `<e>`/`<d>` per argument.

use std::borrow::Cow;

use super::{Arg, Token};
use crate::normalize::{ALNUM, ascii_class};
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
        let limit = args
            .get(next_arg)
            .map_or(span.end, |a| a.span.start.min(span.end));
        let c = text[i..].chars().next().expect("inside the text");
        let len = c.len_utf8();
        if c.is_alphanumeric() {
            let bytes = text.as_bytes();
            let mut end = i;
            while end < limit {
                // ASCII letters and digits, most of every word, need no decoding.
                let b = bytes[end];
                if ascii_class(b) & ALNUM != 0 {
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
                    end = after;
                } else {
                    break;
                }
            }
            out.push(Token {
                text: {
                    let word = &text[i..end];
                    if word.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
                        Cow::Owned(word.to_lowercase().replace('’', "'"))
                    } else {
                        Cow::Borrowed(word)
                    }
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
            ',' => ",",
            ';' => ";",
            ':' => ":",
            '(' => "(",
            ')' => ")",
            '-' | '–' | '—' | '‐' | '‑' | '−' => "-",
            _ => "",
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
