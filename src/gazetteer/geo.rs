//! Where a place is: the optional geo keys of a gazetteer line (`lat=20.67738; lon=-103.34749;
//! country=MX; admin1=MX-JAL; population=1385629; geonames=4005539`, and `iso=MX-JAL` for a
//! country's or a subdivision's own code). They live beside the names, never in the tagger's
//! trie: only outputs, the hierarchy and `--within` read them.

/// The geo keys of one entity; every key is optional but `lat` and `lon` come together.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Geo {
    /// Latitude and longitude in degrees (WGS 84, as GeoNames gives them).
    pub point: Option<(f64, f64)>,
    /// Its own ISO 3166 code, for a country (`MX`) or a first-level subdivision (`MX-JAL`).
    pub iso: Option<Code>,
    /// The country it is in (or is), ISO 3166-1 alpha-2.
    pub country: Option<Code>,
    /// The first-level subdivision it is in (or is), ISO 3166-2.
    pub admin1: Option<Code>,
    /// Inhabitants.
    pub population: Option<u64>,
    /// GeoNames id.
    pub geonames: Option<u64>,
}

/// An ISO 3166 code (`MX`, `MX-JAL`: at most six characters) kept inline: tens of thousands of
/// places carry two or three, and a heap string each would be most of their memory.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Code {
    bytes: [u8; 6],
    len: u8,
}

impl Code {
    /// The code, if `s` is one: two capitals, then optionally `-` and one to three capitals or
    /// digits.
    pub fn parse(s: &str) -> Option<Code> {
        if !is_iso(s) {
            return None;
        }
        let mut bytes = [0; 6];
        bytes[..s.len()].copy_from_slice(s.as_bytes());
        Some(Code {
            bytes,
            len: s.len() as u8,
        })
    }
}

impl std::ops::Deref for Code {
    type Target = str;
    fn deref(&self) -> &str {
        // Only ASCII is ever stored (`parse` checks it).
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl std::fmt::Debug for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", &**self)
    }
}

/// The attribute keys [`Geo::set`] takes.
pub const KEYS: &[&str] = &[
    "lat",
    "lon",
    "iso",
    "country",
    "admin1",
    "population",
    "geonames",
];

impl Geo {
    /// Takes one `key=value`; `Err` says what is wrong with the value.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let degrees = |limit: f64, what: &str| -> Result<f64, String> {
            value
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite() && x.abs() <= limit)
                .ok_or_else(|| {
                    format!("{key}=\"{value}\" is not a {what} (degrees from -{limit} to {limit})")
                })
        };
        let count = || {
            value
                .parse::<u64>()
                .map_err(|_| format!("{key}=\"{value}\" is not a whole number"))
        };
        match key {
            "lat" => {
                let lat = degrees(90.0, "latitude")?;
                self.point = Some((lat, self.point.map_or(f64::NAN, |p| p.1)));
            }
            "lon" => {
                let lon = degrees(180.0, "longitude")?;
                self.point = Some((self.point.map_or(f64::NAN, |p| p.0), lon));
            }
            "country" if is_alpha2(value) => self.country = Code::parse(value),
            "country" => {
                return Err(format!(
                    "country=\"{value}\" is not an ISO 3166-1 alpha-2 code (two capitals, MX)"
                ));
            }
            "admin1" | "iso" if is_iso(value) => {
                let v = Code::parse(value);
                if key == "iso" {
                    self.iso = v
                } else {
                    self.admin1 = v
                }
            }
            "admin1" | "iso" => {
                return Err(format!(
                    "{key}=\"{value}\" is not an ISO 3166 code (MX, or MX-JAL for a subdivision)"
                ));
            }
            "population" => self.population = Some(count()?),
            "geonames" => self.geonames = Some(count()?),
            _ => return Err(format!("{key} is not a geo key")),
        }
        Ok(())
    }

    /// Checks the keys of one line together once all are read.
    pub fn finish(self) -> Result<Option<Geo>, String> {
        if self == Geo::default() {
            return Ok(None);
        }
        if let Some((lat, lon)) = self.point
            && (lat.is_nan() || lon.is_nan())
        {
            return Err("lat= and lon= go together: give both or neither".to_string());
        }
        if let (Some(c), Some(a)) = (&self.country, &self.admin1)
            && !(a.len() > 3 && a.starts_with(&**c) && a.as_bytes()[2] == b'-')
        {
            return Err(format!("admin1={a} is not a subdivision of country={c}"));
        }
        Ok(Some(self))
    }

    /// "(20.68, -103.35)": the point to two decimals, as `kg show` prints it.
    pub fn short_point(&self) -> Option<String> {
        self.point.map(|(lat, lon)| format!("({lat:.2}, {lon:.2})"))
    }
}

fn is_alpha2(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase())
}

fn is_iso(s: &str) -> bool {
    match s.split_once('-') {
        None => is_alpha2(s),
        Some((c, sub)) => {
            is_alpha2(c)
                && (1..=3).contains(&sub.len())
                && sub
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn geo(pairs: &[(&str, &str)]) -> Result<Option<Geo>, String> {
        let mut g = Geo::default();
        for (k, v) in pairs {
            g.set(k, v)?;
        }
        g.finish()
    }

    #[test]
    fn reads_every_key() {
        let g = geo(&[
            ("lat", "20.67738"),
            ("lon", "-103.34749"),
            ("country", "MX"),
            ("admin1", "MX-JAL"),
            ("population", "1385629"),
            ("geonames", "4005539"),
        ])
        .unwrap()
        .unwrap();
        assert_eq!(g.point, Some((20.67738, -103.34749)));
        assert_eq!(g.country.as_deref(), Some("MX"));
        assert_eq!(g.admin1.as_deref(), Some("MX-JAL"));
        assert_eq!(g.population, Some(1385629));
        assert_eq!(g.geonames, Some(4005539));
        assert_eq!(g.short_point().unwrap(), "(20.68, -103.35)");
        assert_eq!(geo(&[]).unwrap(), None);
    }

    #[test]
    fn says_what_is_wrong() {
        let cases: &[(&[(&str, &str)], &str)] = &[
            (&[("lat", "north")], "lat=\"north\" is not a latitude"),
            (&[("lat", "91")], "lat=\"91\" is not a latitude"),
            (&[("lon", "-180.5")], "lon=\"-180.5\" is not a longitude"),
            (&[("lon", "NaN")], "lon=\"NaN\" is not a longitude"),
            (&[("lat", "20")], "lat= and lon= go together"),
            (&[("country", "Mexico")], "country=\"Mexico\" is not an ISO"),
            (&[("admin1", "MX_JAL")], "admin1=\"MX_JAL\" is not an ISO"),
            (
                &[("country", "US"), ("admin1", "MX-JAL")],
                "admin1=MX-JAL is not a subdivision of country=US",
            ),
            (
                &[("population", "-3")],
                "population=\"-3\" is not a whole number",
            ),
        ];
        for (pairs, expected) in cases {
            let got = geo(pairs).unwrap_err();
            assert!(got.starts_with(expected), "{pairs:?}: {got}");
        }
    }
}
