//! The gazetteer: curated entities with their names. Files (see `gazetteer/README.md`) → a
//! [`Gazetteer`] that knows every entity and every surface form that may name it, including the
//! forms kg derives itself (nicknames inside a full name, surnames for partial-name links).

pub mod check;
pub mod geo;
mod parse;
mod spelling;

pub use parse::{DEFAULT_FILES, Origin, Record, parse, parse_into, parse_lines};

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::normalize::fold;

/// Index of an entity in its [`Gazetteer`] (load order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityId(pub u32);

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EntityKind {
    /// A person.
    #[serde(rename = "PERSON")]
    Person,
    /// An organization.
    #[serde(rename = "ORG")]
    Org,
    /// A place.
    #[serde(rename = "PLACE")]
    Place,
}

impl EntityKind {
    /// Parses `PERSON`, `ORG` or `PLACE`.
    pub fn parse(s: &str) -> Option<EntityKind> {
        match s {
            "PERSON" => Some(EntityKind::Person),
            "ORG" => Some(EntityKind::Org),
            "PLACE" => Some(EntityKind::Place),
            _ => None,
        }
    }

    /// The name used in files and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "PERSON",
            EntityKind::Org => "ORG",
            EntityKind::Place => "PLACE",
        }
    }
}

/// One real-world entity.
#[derive(Debug, Clone)]
pub struct Entity {
    /// Its index.
    pub id: EntityId,
    /// Stable id from the gazetteer file (`el_mencho`).
    pub key: String,
    /// PERSON, ORG or PLACE.
    pub kind: EntityKind,
    /// Canonical name.
    pub name: String,
    /// Aliases as written in the gazetteer.
    pub aliases: Vec<String>,
    /// Demonyms: relation anchors, never mentions.
    pub demonyms: Vec<String>,
    /// The containing place or parent organization.
    pub parent: Option<EntityId>,
    /// Where it is, for places that have the geo keys.
    pub geo: Option<Box<geo::Geo>>,
    /// Where it is defined.
    pub origin: Origin,
}

impl Entity {
    /// The entity a parsed line defines, numbered `id`; its parent is resolved later.
    fn from_record(id: EntityId, r: Record) -> Entity {
        Entity {
            id,
            key: r.key,
            kind: r.kind,
            name: r.name,
            aliases: r.aliases,
            demonyms: r.demonyms,
            parent: None,
            geo: r.geo,
            origin: r.origin,
        }
    }
}

/// How a surface form came to name an entity; reported on each mention as `how`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// The canonical name.
    Name,
    /// An alias listed in the gazetteer.
    Alias,
    /// A full name with the nickname quoted inside (`Nemesio "El Mencho" Oseguera Cervantes`).
    Nickname,
    /// A surname or partial name of a person named in full elsewhere in the same document.
    PartialName,
    /// An acronym defined in the document ("Jalisco New Generation Cartel (CJNG)").
    Acronym,
    /// A demonym ("Mexican"): only used to anchor relations.
    Demonym,
    /// Found by `--discover`: a proper name no gazetteer lists.
    Discovered,
}

/// One surface form and the entity it may name.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// The entity.
    pub entity: EntityId,
    /// The form as written in the gazetteer (its case decides what it may match).
    pub text: String,
    /// Where it comes from.
    pub rule: Rule,
}

/// Where the gazetteer comes from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Include the files compiled into the binary.
    pub defaults: bool,
    /// User files or folders (folders: every `*.tsv` inside, sorted).
    pub paths: Vec<PathBuf>,
}

/// All entities, with an index by id.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    /// Entity ids sorted by key: a binary search finds a key, at 4 bytes an entity (a hash map
    /// of the keys was 45 MB of a 594,000-name gazetteer's memory).
    by_key: Vec<EntityId>,
    /// Names of organizations in the other spelling (`gazetteer/spellings.txt`): matched and
    /// looked up like aliases, not listed among them in outputs.
    spellings: HashMap<EntityId, Vec<String>>,
    /// Countries and subdivisions by their own ISO 3166 code (`iso=`), the first loaded.
    by_iso: HashMap<geo::Code, EntityId>,
}

/// Words too common or too short to link a person on their own.
const NAME_PARTICLES: &[&str] = &[
    "de", "del", "la", "las", "los", "van", "von", "der", "den", "da", "di", "du", "le", "el",
    "al", "bin", "ibn", "jr", "jr.", "sr", "sr.", "ii", "iii",
];

/// Lists the files a path stands for: itself, or the files with `ext` in a folder, sorted.
///
/// # Errors
/// [`Error::Io`] if the path cannot be read.
pub fn files_in(path: &Path, ext: &str) -> Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(|e| Error::io(path, e))? {
        let p = entry.map_err(|e| Error::io(path, e))?.path();
        if p.extension().is_some_and(|x| x == ext) && p.is_file() {
            files.push(p);
        }
    }
    files.sort();
    Ok(files)
}

impl Gazetteer {
    /// Loads the default and user files.
    ///
    /// # Errors
    /// The first malformed line, unreadable file, duplicate id or unknown parent id.
    pub fn load(sources: &Sources) -> Result<Gazetteer> {
        let mut records = Vec::new();
        if sources.defaults {
            for (name, text) in DEFAULT_FILES {
                parse_into(&format!("<default>/{name}"), text, &mut records)?;
            }
        }
        for path in &sources.paths {
            for file in files_in(path, "tsv")? {
                let text = std::fs::read_to_string(&file).map_err(|e| Error::io(&file, e))?;
                parse_into(&file.display().to_string(), &text, &mut records)?;
            }
        }
        Gazetteer::from_records(records)
    }

    /// Builds a gazetteer from parsed records, checking ids across files.
    ///
    /// # Errors
    /// [`Error::Syntax`] on a duplicate id or an `in=` naming no entity.
    pub fn from_records(records: Vec<Record>) -> Result<Gazetteer> {
        let mut g = Gazetteer::default();
        g.entities.reserve_exact(records.len());
        let mut parents = Vec::with_capacity(records.len());
        // Ids come from the gazetteer files, not from an adversary: the fast word hasher.
        let mut by_key: crate::normalize::WordMap<String, EntityId> =
            crate::normalize::WordMap::with_capacity_and_hasher(records.len(), Default::default());
        for r in records {
            let id = EntityId(g.entities.len() as u32);
            if let Some(&prev) = by_key.get(&r.key) {
                let first = &g.entities[prev.0 as usize];
                // A user's file may redefine a built-in entity by its id: the user's line wins.
                let built_in = first.origin.path.starts_with("<default>/");
                if built_in && !r.origin.path.starts_with("<default>/") {
                    let at = prev.0 as usize;
                    parents[at] = r.parent.clone();
                    g.entities[at] = Entity::from_record(prev, r);
                    continue;
                }
                return Err(r.origin.error(format!(
                    "duplicate id \"{}\" (first defined at {})",
                    r.key, first.origin
                )));
            }
            by_key.insert(r.key.clone(), id);
            parents.push(r.parent.clone());
            g.entities.push(Entity::from_record(id, r));
        }
        for (i, parent) in parents.into_iter().enumerate() {
            if let Some(key) = parent {
                let pid = by_key.get(&key).copied().ok_or_else(|| {
                    g.entities[i]
                        .origin
                        .error(format!("in=\"{key}\" names no entity"))
                })?;
                g.entities[i].parent = Some(pid);
            }
        }
        drop(by_key);
        g.by_key = (0..g.entities.len() as u32).map(EntityId).collect();
        // Ids are unique: the unstable sort on both cores gives the one order.
        rayon::slice::ParallelSliceMut::par_sort_unstable_by(&mut g.by_key[..], |a, b| {
            g.entities[a.0 as usize]
                .key
                .cmp(&g.entities[b.0 as usize].key)
        });
        for e in &g.entities {
            if let Some(code) = e.geo.as_ref().and_then(|geo| geo.iso) {
                g.by_iso.entry(code).or_insert(e.id);
            }
        }
        // An organization is named in British and American spellings alike ("International
        // Labour Organisation" = "International Labor Organization"), whichever a file lists.
        for e in &g.entities {
            if e.kind == EntityKind::Org {
                let v = spelling::variants(&e.name, &e.aliases);
                if !v.is_empty() {
                    g.spellings.insert(e.id, v);
                }
            }
        }
        Ok(g)
    }

    /// All entities in load order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity with index `id`.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.0 as usize]
    }

    /// Whether the entity comes from a user's file rather than the built-in gazetteer.
    pub fn is_user(&self, id: EntityId) -> bool {
        !self.entity(id).origin.path.starts_with("<default>/")
    }

    /// How many entities it holds; discovered entities are numbered after them.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// Whether it holds no entity.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// The names of an organization in the other spelling ("International Labor Organization"
    /// for "International Labour Organisation") that it does not list itself.
    pub fn spellings(&self, id: EntityId) -> &[String] {
        self.spellings.get(&id).map_or(&[], Vec::as_slice)
    }

    /// The country or subdivision whose ISO 3166 code is `code` (`MX`, `MX-JAL`).
    pub fn by_iso(&self, code: &str) -> Option<EntityId> {
        self.by_iso.get(&geo::Code::parse(code)?).copied()
    }

    /// The first-level subdivision and the country a place lies in, by its geo keys (never
    /// itself): what `located_in` links from the gazetteer and `kg show` name.
    pub fn containers(&self, id: EntityId) -> [Option<EntityId>; 2] {
        let Some(geo) = self.entity(id).geo.as_deref() else {
            return [None, None];
        };
        let get = |code: Option<geo::Code>| {
            code.filter(|&c| geo.iso != Some(c))
                .and_then(|c| self.by_iso.get(&c).copied())
                .filter(|&e| e != id)
        };
        [get(geo.admin1), get(geo.country)]
    }

    /// The country a place is in: its own `country=`, else that of the nearest place up its
    /// `in=` chain that has one (an airport `in=` its city). `None` for people and organizations.
    pub fn country_of(&self, id: EntityId) -> Option<&str> {
        let mut at = Some(id);
        for _ in 0..5 {
            let e = self.entity(at?);
            if e.kind != EntityKind::Place {
                return None;
            }
            if let Some(c) = e.geo.as_ref().and_then(|g| g.country.as_deref()) {
                return Some(c);
            }
            at = e.parent;
        }
        None
    }

    /// Whether the gazetteer puts `x` inside `y`: by `in=` (up to four levels) or by the geo keys.
    pub fn is_inside(&self, x: EntityId, y: EntityId) -> bool {
        let mut at = self.entity(x).parent;
        for _ in 0..4 {
            match at {
                Some(p) if p == y => return true,
                Some(p) => at = self.entity(p).parent,
                None => break,
            }
        }
        self.containers(x).contains(&Some(y))
    }

    /// The entity with stable id `key`.
    pub fn by_key(&self, key: &str) -> Option<&Entity> {
        let i = self
            .by_key
            .binary_search_by(|id| self.entity(*id).key.as_str().cmp(key))
            .ok()?;
        Some(self.entity(self.by_key[i]))
    }

    /// Every surface form to look for in text, with the entity it names.
    ///
    /// Besides names and aliases this derives two kinds of forms for people: the full name with the
    /// nickname quoted inside it, and partial names (surnames), which the tagger accepts only when
    /// the person is named in full in the same document.
    pub fn forms(&self) -> Vec<Form> {
        let mut forms = Vec::new();
        for e in &self.entities {
            // A leading article is not part of a name: "The New York Times" is found as
            // "New York Times", the way annotators mark it.
            let push = |forms: &mut Vec<Form>, text: &str, rule| {
                let text = text
                    .strip_prefix("The ")
                    .or_else(|| text.strip_prefix("the "))
                    .unwrap_or(text);
                forms.push(Form {
                    entity: e.id,
                    text: text.to_string(),
                    rule,
                })
            };
            push(&mut forms, &e.name, Rule::Name);
            for a in e.aliases.iter().chain(self.spellings(e.id)) {
                push(&mut forms, a, Rule::Alias);
            }
            for d in &e.demonyms {
                push(&mut forms, d, Rule::Demonym);
            }
            if e.kind == EntityKind::Person {
                let (full, nicks) = person_names(e);
                // A partial form that is also a full name of the same person is just an alias.
                let names: std::collections::BTreeSet<String> = std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .map(|n| fold(n))
                    .collect();
                for name in &full {
                    let words: Vec<&str> = name.split_whitespace().collect();
                    for nick in &nicks {
                        for split in 1..words.len() {
                            let text = format!(
                                "{} \"{}\" {}",
                                words[..split].join(" "),
                                nick,
                                words[split..].join(" ")
                            );
                            push(&mut forms, &text, Rule::Nickname);
                        }
                    }
                    for part in partial_names(&words) {
                        if !names.contains(&fold(&part)) {
                            push(&mut forms, &part, Rule::PartialName);
                        }
                    }
                }
            }
        }
        forms.dedup();
        forms
    }

    /// Entities that `name` (any alias, any case, or a stable id) names, in load order.
    pub fn lookup(&self, name: &str) -> Vec<EntityId> {
        let folded = fold(name);
        let mut found: Vec<EntityId> = self
            .entities
            .iter()
            .filter(|e| {
                e.key == name
                    || fold(&e.name) == folded
                    || e.aliases.iter().any(|a| fold(a) == folded)
                    || self.spellings(e.id).iter().any(|a| fold(a) == folded)
            })
            .map(|e| e.id)
            .collect();
        found.dedup();
        found
    }
}

/// Splits a person's names into full names (sharing a word with the canonical name) and
/// nicknames (sharing none: "El Mencho").
fn person_names(e: &Entity) -> (Vec<String>, Vec<String>) {
    let name_words: Vec<String> = e.name.split_whitespace().map(fold).collect();
    let mut full = vec![e.name.clone()];
    let mut nicks = Vec::new();
    for a in &e.aliases {
        let shares = a.split_whitespace().any(|w| name_words.contains(&fold(w)));
        if shares {
            if a.split_whitespace().count() >= 2 {
                full.push(a.clone());
            }
        } else {
            nicks.push(a.clone());
        }
    }
    (full, nicks)
}

/// Surname forms of a full name: every proper suffix, and for three-word names the middle word
/// (the first surname in Spanish naming: "Ricardo Trevilla Trejo" → "Trevilla").
fn partial_names(words: &[&str]) -> Vec<String> {
    let usable = |w: &str| w.chars().count() >= 3 && !NAME_PARTICLES.contains(&fold(w).as_str());
    let mut out = Vec::new();
    if words.len() < 2 {
        return out;
    }
    for start in 1..words.len() {
        let suffix = &words[start..];
        if usable(suffix[0]) && suffix.iter().all(|w| !w.ends_with('.')) {
            out.push(suffix.join(" "));
        }
    }
    if words.len() == 3 && usable(words[1]) {
        out.push(words[1].to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz(text: &str) -> Gazetteer {
        Gazetteer::from_records(parse("t.tsv", text).unwrap()).unwrap()
    }

    #[test]
    fn derives_nickname_and_partial_forms() {
        let g = gaz("el_mencho\tPERSON\tNemesio Oseguera Cervantes\tEl Mencho\n");
        let forms: Vec<(String, Rule)> = g.forms().into_iter().map(|f| (f.text, f.rule)).collect();
        let has = |t: &str, r: Rule| forms.contains(&(t.to_string(), r));
        assert!(has(
            "Nemesio \"El Mencho\" Oseguera Cervantes",
            Rule::Nickname
        ));
        assert!(has(
            "Nemesio Oseguera \"El Mencho\" Cervantes",
            Rule::Nickname
        ));
        assert!(has("Oseguera Cervantes", Rule::PartialName));
        assert!(has("Cervantes", Rule::PartialName));
        assert!(has("Oseguera", Rule::PartialName));
        assert!(has("El Mencho", Rule::Alias));
    }

    #[test]
    fn duplicate_id_names_both_places() {
        let err = Gazetteer::from_records(parse("t.tsv", "a\tORG\tA\n\na\tORG\tB\n").unwrap())
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "t.tsv:3: duplicate id \"a\" (first defined at t.tsv:1)"
        );
    }

    #[test]
    fn unknown_parent_is_an_error() {
        let err = Gazetteer::from_records(parse("t.tsv", "a\tPLACE\tA\t-\tin=b\n").unwrap())
            .unwrap_err()
            .to_string();
        assert_eq!(err, "t.tsv:1: in=\"b\" names no entity");
    }

    #[test]
    fn organizations_get_the_other_spelling_and_places_do_not() {
        let g = gaz("ilo\tORG\tInternational Labour Organisation\tILO\n\
                     wto\tORG\tWorld Trade Organization\tWTO\n\
                     centre\tPLACE\tCentre\n");
        assert_eq!(
            g.spellings(EntityId(0)),
            ["International Labor Organization"]
        );
        assert_eq!(g.spellings(EntityId(1)), ["World Trade Organisation"]);
        assert_eq!(g.lookup("World Trade Organisation"), vec![EntityId(1)]);
        assert!(g.spellings(EntityId(2)).is_empty());
        // Matched like an alias; the entity's own aliases stay as its file lists them.
        assert_eq!(g.entity(EntityId(1)).aliases, ["WTO"]);
        let forms: Vec<(String, Rule)> = g.forms().into_iter().map(|f| (f.text, f.rule)).collect();
        assert!(forms.contains(&("World Trade Organisation".to_string(), Rule::Alias)));
    }

    #[test]
    fn lookup_is_case_and_accent_insensitive() {
        let g = gaz("michoacan\tPLACE\tMichoacán\tMichoacan de Ocampo\n");
        assert_eq!(g.lookup("MICHOACAN"), vec![EntityId(0)]);
        assert_eq!(g.lookup("michoacan"), vec![EntityId(0)]);
        assert!(g.lookup("Jalisco").is_empty());
    }
}

/// The entities one document's mentions may name: the gazetteer's, then the ones discovered in
/// the document (numbered from [`Gazetteer::len`]).
#[derive(Debug, Clone, Copy)]
pub struct Known<'a> {
    /// The gazetteer.
    pub gazetteer: &'a Gazetteer,
    /// Discovered entities, in id order.
    pub discovered: &'a [Entity],
}

impl<'a> Known<'a> {
    /// The gazetteer alone.
    pub fn gazetteer(gazetteer: &'a Gazetteer) -> Known<'a> {
        Known {
            gazetteer,
            discovered: &[],
        }
    }

    /// The entity with index `id`.
    pub fn entity(&self, id: EntityId) -> &'a Entity {
        let n = self.gazetteer.len();
        match (id.0 as usize).checked_sub(n) {
            Some(i) => &self.discovered[i],
            None => self.gazetteer.entity(id),
        }
    }

    /// Whether `x` lies inside `y`: [`Gazetteer::is_inside`] for listed entities, the `in=`
    /// parent alone for discovered ones.
    pub fn is_inside(&self, x: EntityId, y: EntityId) -> bool {
        let n = self.gazetteer.len() as u32;
        if x.0 < n && y.0 < n {
            self.gazetteer.is_inside(x, y)
        } else {
            self.entity(x).parent == Some(y)
        }
    }
}
