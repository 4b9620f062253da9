//! A byte trie over the folded names, walked from word starts. The tagger only ever asks "which
//! names start exactly here", so it needs neither the failure links of an Aho-Corasick
//! automaton (computing them was a sixth of a 10 MB run with the 594,000-name gazetteer) nor a
//! scan of a state's match list to find the name ending there: each state knows the one name
//! that ends at it. States are laid out breadth-first, so the first few levels every walk
//! touches share a few cache lines, and a state's children are consecutive states, sorted, each
//! holding the byte that leads to it: finding the next state reads one run of memory, and the
//! state found is already in cache.

/// No pattern ends at this state.
const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
struct State {
    /// Index of the state's first child.
    first: u32,
    /// The pattern spelled by the path to this state, or `NONE`.
    pattern: u32,
    /// Number of children.
    count: u16,
    /// The byte leading here from the parent.
    label: u8,
}

/// Distinct byte strings, each known by the number it was given.
#[derive(Debug, Clone)]
pub struct Trie {
    /// State reached from the root by each first byte (0: none; the root is never a target).
    root: Box<[u32; 256]>,
    states: Vec<State>,
}

impl Trie {
    /// Builds the trie of `keys[i]` for every `i` of `ids`, where `keys` is sorted and has no
    /// duplicates, `ids` ascends and no key is empty. The walk reports `i`.
    ///
    /// # Complexity
    /// Linear in the total length of the keys.
    pub fn new(keys: &[String], ids: &[u32]) -> Trie {
        let blank = |label| State {
            first: 0,
            pattern: NONE,
            count: 0,
            label,
        };
        let mut states = vec![blank(0)];
        // The keys side by side in one buffer: each level of the walk below reads them in order
        // instead of chasing a pointer per key.
        let mut bytes = Vec::with_capacity(ids.iter().map(|&i| keys[i as usize].len()).sum());
        let mut ends = Vec::with_capacity(ids.len() + 1);
        ends.push(0);
        for &i in ids {
            bytes.extend_from_slice(keys[i as usize].as_bytes());
            ends.push(bytes.len());
        }
        // Breadth-first: each state's keys are a run of `ids` sharing the path to it.
        let mut queue = std::collections::VecDeque::from([(0u32, 0usize, ids.len(), 0usize)]);
        while let Some((state, mut lo, hi, depth)) = queue.pop_front() {
            let key = |i: usize| &bytes[ends[i]..ends[i + 1]];
            if lo < hi && key(lo).len() == depth {
                // Sorted, so the key ending here comes first.
                states[state as usize].pattern = ids[lo];
                lo += 1;
            }
            // Children are created in order as their parent is visited: they are consecutive.
            states[state as usize].first = states.len() as u32;
            while lo < hi {
                let byte = key(lo)[depth];
                let mut end = lo + 1;
                while end < hi && key(end)[depth] == byte {
                    end += 1;
                }
                let child = states.len() as u32;
                states.push(blank(byte));
                states[state as usize].count += 1;
                queue.push_back((child, lo, end, depth + 1));
                lo = end;
            }
        }
        let mut root = Box::new([0u32; 256]);
        let r = states[0];
        for child in r.first..r.first + u32::from(r.count) {
            root[states[child as usize].label as usize] = child;
        }
        states.shrink_to_fit();
        Trie { root, states }
    }

    /// Whether some key starts with `byte`.
    pub fn starts_with(&self, byte: u8) -> bool {
        self.root[byte as usize] != 0
    }

    fn next(&self, state: u32, byte: u8) -> Option<u32> {
        let s = self.states[state as usize];
        let kids = &self.states[s.first as usize..s.first as usize + s.count as usize];
        let at = if kids.len() <= 8 {
            kids.iter().position(|k| k.label == byte)
        } else {
            kids.binary_search_by_key(&byte, |k| k.label).ok()
        };
        at.map(|i| s.first + i as u32)
    }

    /// Every key that is a prefix of `bytes`, shortest first, as (its length, its number).
    pub fn prefixes(&self, bytes: &[u8], out: &mut Vec<(usize, u32)>) {
        let Some(&first) = bytes.first() else { return };
        let mut state = self.root[first as usize];
        if state == 0 {
            return;
        }
        let mut len = 1;
        loop {
            let pattern = self.states[state as usize].pattern;
            if pattern != NONE {
                out.push((len, pattern));
            }
            match bytes.get(len).and_then(|&b| self.next(state, b)) {
                Some(next) => state = next,
                None => return,
            }
            len += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Trie;

    fn found(t: &Trie, text: &str) -> Vec<(usize, u32)> {
        let mut out = Vec::new();
        t.prefixes(text.as_bytes(), &mut out);
        out
    }

    #[test]
    fn lists_every_key_that_starts_the_text() {
        let keys: Vec<String> = ["new", "new york", "new york city", "newark", "york"]
            .map(String::from)
            .to_vec();
        let t = Trie::new(&keys, &[0, 1, 2, 3, 4]);
        assert_eq!(found(&t, "new york city hall"), [(3, 0), (8, 1), (13, 2)]);
        assert_eq!(found(&t, "newark"), [(3, 0), (6, 3)]);
        assert_eq!(found(&t, "york"), [(4, 4)]);
        assert_eq!(found(&t, "ne"), []);
        assert_eq!(found(&t, ""), []);
        assert!(t.starts_with(b'y') && !t.starts_with(b'z'));
        // Only the keys it was given.
        let some = Trie::new(&keys, &[1, 4]);
        assert_eq!(found(&some, "new york city"), [(8, 1)]);
    }

    #[test]
    fn wide_states_are_searched_too() {
        let keys: Vec<String> = (b'a'..=b'z').map(|c| format!("x{}", c as char)).collect();
        let ids: Vec<u32> = (0..keys.len() as u32).collect();
        let t = Trie::new(&keys, &ids);
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(found(&t, k), [(2, i as u32)]);
        }
        assert_eq!(found(&t, "x!"), []);
    }
}
