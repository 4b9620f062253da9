//! Candidate names: runs of capitalized words outside the gazetteer's mentions, connectors kept
//! inside, titles and sentence-initial common words trimmed off; and, once places have grown
//! some of them, the runs that overlap none kept longer.

use std::borrow::Cow;

use super::lists::{
    COMPASS_POINTS, CONNECTORS, EVENT_OPENERS, FACILITY_HEADS, FUNCTION_WORDS, HONORIFICS,
    ORG_HEADS, OTHER_HEADS, PLACE_HEADS, is, lists,
};
use super::words::{Word, bare, is_common, nameish};

/// One occurrence of a candidate name: words `[from, to)`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Occurrence {
    pub(super) from: usize,
    pub(super) to: usize,
}

impl Occurrence {
    /// The name as written, each run of blanks one space: the key that gathers occurrences.
    /// Borrowed from the text when it is written so already (most names).
    pub(super) fn name<'a>(&self, text: &'a str, words: &[Word]) -> Cow<'a, str> {
        let written = &text[words[self.from].span.start..words[self.to - 1].span.end];
        if !written.contains("  ") && !written.contains(|c: char| c.is_whitespace() && c != ' ') {
            return Cow::Borrowed(written);
        }
        let mut out = String::with_capacity(written.len());
        for w in written.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        Cow::Owned(out)
    }

    /// [`Occurrence::name`], owned.
    pub(super) fn text(&self, text: &str, words: &[Word]) -> String {
        self.name(text, words).into_owned()
    }
}

/// Runs of capitalized words with connectors inside, titles and sentence-initial common words
/// trimmed off the front.
pub(super) fn candidates(words: &[Word], text: &str) -> Vec<Occurrence> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !nameish(&words[i]) {
            i += 1;
            continue;
        }
        let mut j = run_end(words, i);
        if let Some(k) = after_nickname(words, text, i, j) {
            j = run_end(words, k);
        }
        if let Some(o) = trimmed(words, i, j) {
            out.push(numbered(words, o));
        }
        i = j;
    }
    out
}

/// `William "Cowboy" Cowley`, `Nemesio "El Mencho" Oseguera`: a nickname in quotes between a
/// given name and a surname is inside the name. The word after the closing quote, if the run
/// `[i, j)` opens with a given name and a nickname of capitalized words follows it.
fn after_nickname(words: &[Word], text: &str, i: usize, j: usize) -> Option<usize> {
    const QUOTES: [(&str, &str); 3] = [("\"", "\""), ("\u{201c}", "\u{201d}"), ("'", "'")];
    if !lists().first.contains(bare(words[i].text)) || j + 1 >= words.len() {
        return None;
    }
    let open = &text[words[j - 1].span.end..words[j].span.start];
    let (_, close) = QUOTES
        .iter()
        .find(|(q, _)| open.starts_with(' ') && open.trim() == *q)?;
    let mut k = j;
    while k < words.len() && words[k].cap && k - j < 3 {
        let gap = &text[words[k].span.end..words.get(k + 1)?.span.start];
        // The surname may be a gazetteer name itself ("Cowley", a town): the person's name
        // holds it, as the longest match would.
        if gap.ends_with(' ') && gap.trim() == *close {
            return words[k + 1].cap.then_some(k + 1);
        }
        if gap != " " {
            return None;
        }
        k += 1;
    }
    None
}

/// The end of the run of capitalized words that starts at `i`.
fn run_end(words: &[Word], i: usize) -> usize {
    let mut j = i + 1;
    loop {
        if j < words.len() && words[j].joined && nameish(&words[j]) {
            j += 1;
            continue;
        }
        // A connector joins only between capitalized words: "Bank of America".
        let mut k = j;
        while k < words.len()
            && words[k].joined
            && !words[k].cap
            && words[k].connector()
            && k - j < 2
        {
            k += 1;
        }
        // An English connector continues a name only after a head word that takes a
        // complement ("Bank of America", "Army of the Potomac"); name particles ("da Vinci")
        // anywhere. "Warbrick for the Natives" is two names.
        let english = words[j..k].iter().any(|w| w.is(CONNECTORS));
        let complemented = is(
            bare(&words[j - 1].lower),
            ORG_HEADS | PLACE_HEADS | FACILITY_HEADS | OTHER_HEADS,
        );
        if k > j
            && k < words.len()
            && words[k].joined
            && nameish(&words[k])
            && (!english || complemented)
        {
            j = k + 1;
            continue;
        }
        break;
    }
    j
}

/// "65th Air Division", "101st Airborne Division": an ordinal in figures before an
/// organization's name numbers the unit and is part of its name.
fn numbered(words: &[Word], o: Occurrence) -> Occurrence {
    let ordinal = |w: &Word| {
        let digits = w.lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && matches!(&w.lower[digits.len()..], "st" | "nd" | "rd" | "th" | "d")
    };
    // "Redesignated 65 Fighter Wing on 24 July": a cardinal numbers a unit too, when the
    // name is not a modifier of a noun after it ("some 20 Air Force pilots" counts pilots).
    let cardinal =
        |w: &Word| (1..=3).contains(&w.lower.len()) && w.lower.bytes().all(|b| b.is_ascii_digit());
    let modifier = words
        .get(o.to)
        .is_some_and(|w| w.joined && !w.cap && !w.is(FUNCTION_WORDS) && !w.connector());
    let numbers = |w: &Word| ordinal(w) || cardinal(w) && o.to - o.from >= 2 && !modifier;
    if o.from > 0 && words[o.from].joined && numbers(&words[o.from - 1]) && org_headed(words, o) {
        return Occurrence {
            from: o.from - 1,
            ..o
        };
    }
    o
}

/// Whether an organization head word heads the name: its last word ("Acme Corporation"), or a
/// word its complement follows ("Department of Law Enforcement", "League of Rights").
pub(super) fn org_headed(words: &[Word], o: Occurrence) -> bool {
    is(hyphen_tail(&words[o.to - 1].lower), ORG_HEADS)
        || (o.from..o.to - 1).any(|k| words[k].bare_is(ORG_HEADS) && words[k + 1].connector())
}

/// "American-Statesman" → "statesman": a hyphenated last word is headed by its last part.
pub(super) fn hyphen_tail(lower: &str) -> &str {
    let w = bare(lower);
    w.rsplit('-').next().unwrap_or(w)
}

/// The name inside the run `[i, j)`, if any is left once titles, sentence-initial common words
/// and connectors at either end are trimmed; none for events, works and awards.
fn trimmed(words: &[Word], i: usize, j: usize) -> Option<Occurrence> {
    let lists = lists();
    // Not before a head word: "General Hospital" is a name, not a general's.
    // Nor before an organization's head deeper in the name: "Major League Baseball".
    let head = bare(&words[j - 1].lower);
    let headed = is(head, PLACE_HEADS)
        || is(head, FACILITY_HEADS)
        || words[i + 1..j].iter().any(|w| w.bare_is(ORG_HEADS))
        || is(head, ORG_HEADS);
    let mut from = i;
    while from < j
        && (!headed && words[from].bare_is(HONORIFICS)
            || !headed && lists.roles.contains(bare(&words[from].lower)) && from + 1 < j
            || from == i
                && words[from].initial
                && is_common(&words[from])
                && !before_place(words, from, j))
    {
        from += 1;
    }
    // Titles deeper in the run go too, with whatever qualifies them: "Conservative MP Sir John
    // Gorst" is John Gorst, "Roman Emperor Nero" is Nero.
    if !headed
        && let Some(last_title) = (from..j.saturating_sub(1)).rev().find(|&k| {
            let w = bare(&words[k].lower);
            is(w, HONORIFICS) || lists.roles.contains(w)
        })
    {
        from = last_title + 1;
    }
    // A function word opens a sentence or a heading, never a name ("In Tasmania", "With
    // Angle"), wherever the sentence splitter put its boundary.
    while from < j && (words[from].connector() || words[from].bare_is(FUNCTION_WORDS)) {
        from += 1;
    }
    // "Senior Kory Lichtensteiger": an ordinary capitalized word before a given name.
    if from + 2 <= j && is_common(&words[from]) && lists.first.contains(bare(words[from + 1].text))
    {
        from += 1;
    }
    let mut to = j;
    while to > from && (words[to - 1].connector() || words[to - 1].text == "&") {
        to -= 1;
    }
    // A title is no name: "WWE Champion", "Division Commander" end on a role and hold no given
    // name ("John Major" and "Joey Bishop" do).
    if !headed
        && to > from
        && lists.roles.contains(bare(&words[to - 1].lower))
        && !words[from..to]
            .iter()
            .any(|w| lists.first.contains(bare(w.text)))
    {
        return None;
    }
    // Events, works and awards are names but not of people, organizations or places.
    let other = from < to
        && (words[to - 1].bare_is(OTHER_HEADS)
            || words[from..to - 1].iter().any(|w| w.bare_is(EVENT_OPENERS)));
    (from < to && !other).then_some(Occurrence { from, to })
}

/// "West Africa is ...": a compass point opening a sentence right before a gazetteer name (which
/// ends the run `[from, j)`) is kept for `places::compass_before_place` to join.
fn before_place(words: &[Word], from: usize, j: usize) -> bool {
    j == from + 1
        && words[from].bare_is(COMPASS_POINTS)
        && words.get(j).is_some_and(|w| w.taken && w.joined)
}

/// An occurrence that grew over another ("George" in "George Washington University Hospital")
/// leaves nothing of it: in text order, the longest of those starting together wins and
/// whatever starts inside a kept one goes.
pub(super) fn without_overlaps(mut grown: Vec<Occurrence>) -> Vec<Occurrence> {
    grown.sort_by_key(|o| (o.from, std::cmp::Reverse(o.to)));
    let mut occurrences: Vec<Occurrence> = Vec::with_capacity(grown.len());
    for o in grown {
        if occurrences.last().is_none_or(|last| o.from >= last.to) {
            occurrences.push(o);
        }
    }
    occurrences
}
