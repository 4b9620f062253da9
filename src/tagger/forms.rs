//! The gazetteer's forms as the tagger keeps them for every run: compact, because with a
//! 594,000-name gazetteer each byte of bookkeeping per form is 0.6 MB. A form's text lives in one
//! shared string (a `String` of its own cost 24 bytes plus an allocation for a 10-byte name), and
//! the forms behind each pattern are one run of one list (a `Vec` each cost 24 bytes plus an
//! allocation for, most often, a single number).

use crate::gazetteer::{EntityId, Form, Rule};

/// What the tagger asks of a form besides its text.
#[derive(Debug, Clone, Copy)]
pub(super) struct FormRef {
    pub(super) entity: EntityId,
    pub(super) rule: Rule,
    start: usize,
    len: u32,
}

/// Forms by number, as [`crate::gazetteer::Gazetteer::forms`] listed them.
#[derive(Debug, Clone, Default)]
pub(super) struct Forms {
    texts: String,
    list: Vec<FormRef>,
}

impl Forms {
    pub(super) fn new(forms: &[Form]) -> Forms {
        let mut out = Forms {
            texts: String::with_capacity(forms.iter().map(|f| f.text.len()).sum()),
            list: Vec::with_capacity(forms.len()),
        };
        for f in forms {
            // A form longer than 4 GB is no name; it is kept empty rather than cut mid-character.
            let len = u32::try_from(f.text.len()).unwrap_or(0);
            out.list.push(FormRef {
                entity: f.entity,
                rule: f.rule,
                start: out.texts.len(),
                len,
            });
            out.texts.push_str(&f.text[..len as usize]);
        }
        out
    }

    pub(super) fn get(&self, i: u32) -> FormRef {
        self.list[i as usize]
    }

    pub(super) fn text(&self, i: u32) -> &str {
        let f = &self.list[i as usize];
        &self.texts[f.start..f.start + f.len as usize]
    }
}

/// Lists of numbers, one after the other: `get(i)` is the i-th list.
#[derive(Debug, Clone, Default)]
pub(super) struct Groups {
    /// Where each list ends in `items`.
    ends: Vec<usize>,
    items: Vec<u32>,
}

impl Groups {
    pub(super) fn new(lists: Vec<Vec<u32>>) -> Groups {
        let mut g = Groups {
            ends: Vec::with_capacity(lists.len()),
            items: Vec::with_capacity(lists.iter().map(Vec::len).sum()),
        };
        for l in lists {
            g.items.extend(l);
            g.ends.push(g.items.len());
        }
        g
    }

    pub(super) fn get(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.items[start..self.ends[i]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_and_groups_give_back_what_they_were_made_of() {
        let form = |e, text: &str, rule| Form {
            entity: EntityId(e),
            text: text.into(),
            rule,
        };
        let forms = Forms::new(&[
            form(0, "Jalisco", Rule::Name),
            form(0, "", Rule::Alias),
            form(7, "Ciudad de México", Rule::Alias),
        ]);
        let got: Vec<(&str, u32, Rule)> = (0..3)
            .map(|i| (forms.text(i), forms.get(i).entity.0, forms.get(i).rule))
            .collect();
        assert_eq!(
            got,
            [
                ("Jalisco", 0, Rule::Name),
                ("", 0, Rule::Alias),
                ("Ciudad de México", 7, Rule::Alias)
            ]
        );
        let groups = Groups::new(vec![vec![3], vec![], vec![1, 2]]);
        let lists: Vec<&[u32]> = (0..3).map(|i| groups.get(i)).collect();
        assert_eq!(lists, [&[3][..], &[][..], &[1, 2][..]]);
    }
}
