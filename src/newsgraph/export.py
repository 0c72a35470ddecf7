"""Exports: the store's events as GDELT 2.0 event rows, with our evidence in a side file.

GDELT rows say "this happened", so by default only asserted and reported events are
written, plus planned events coded as a statement of intent or a threat (03x, 13x: the
statement happened); other planned, hypothetical, demanded and negated events stay in
newsgraph's own records.

Event locations fill the ActionGeo columns the way GDELT does: type 1 country, 2 US state,
3 US city, 4 other city; the FIPS 10-4 country code; ADM1 as FIPS country + admin1 code where
GeoNames' admin1 code is the FIPS one ("US" + postal code in the US); the feature id of a city
(a GeoNames id, where GDELT has a GNS or GNIS id), else the textual country or ADM1 code. GDELT's
full name is "City, State, Country"; the gazetteer knows state names for the US only, so other
cities read "City, Country". Our confidence and the location's evidence span go to the side file.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.records import Actor, Analysis, Event, Location

if TYPE_CHECKING:
    from newsgraph.extract.gazetteer import Gazetteer

GDELT_EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip  -- the published GDELT 2.0 event table, in order
EXPORT_MODALITIES = frozenset({"asserted", "reported"})
# a stated intention (03x) or threat (13x) is itself an event that happened, even when what it announces is planned
ANNOUNCEMENT_ROOTS = frozenset({"03", "13"})
ACTOR_CODES_FILE = "cameo-actorcodes-2016-08.csv"


@dataclass(frozen=True, slots=True)
class ActorColumns:
    """One actor's GDELT columns: the raw code split into country, known group and up to three types."""

    code: str
    name: str
    country: str
    known_group: str
    types: tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class ActorCodeTables:
    """CAMEO role/type and known-group codes (GDELT lookups), for splitting actor codes."""

    types: frozenset[str]
    known_groups: frozenset[str]

    @classmethod
    def load(cls) -> ActorCodeTables:
        """The packaged lookup (``cameo-actorcodes-*.csv``)."""
        types: set[str] = set()
        groups: set[str] = set()
        with (resources.files("newsgraph") / "data" / ACTOR_CODES_FILE).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                (types if row["kind"] == "type" else groups).add(row["code"])
        return cls(frozenset(types), frozenset(groups))

    def split(self, actor: Actor | None) -> ActorColumns:
        """'RUSGOV' -> country RUS, type GOV; 'IGOWSTNAT' -> type IGO, known group NAT."""
        if actor is None:
            return ActorColumns("", "", "", "", ("", "", ""))
        code = (actor.code or "").upper()
        chunks = [code[i : i + 3] for i in range(0, len(code), 3) if len(code[i : i + 3]) == 3]
        country = (actor.country or "").upper()
        if not country and chunks and chunks[0] not in self.types and chunks[0] not in self.known_groups:
            country = chunks[0]
        types = [c for c in chunks if c in self.types]
        group = next((c for c in chunks if c in self.known_groups and c not in self.types and c != country), "")
        padded = (types + ["", "", ""])[:3]
        return ActorColumns(code, actor.name.upper(), country, group, (padded[0], padded[1], padded[2]))


def global_event_id(document_id: str, event: Event) -> int:
    """Stable across runs: a 60-bit hash of the document, the actors, the code and the evidence."""
    key = f"{document_id}|{event.source}|{event.target}|{event.code}|{event.evidence.start}|{event.evidence.end}"
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:15], 16)


def _date_fields(iso: str | None) -> tuple[str, str, str, str]:
    """SQLDATE, MonthYear, Year, FractionDate from an ISO date (a week takes its Monday, a month
    or a year its first day)."""
    if not iso:
        return "", "", "", ""
    try:
        named = date.fromisoformat(iso[:8] if iso[4:6] == "-W" else iso[:10])  # a day, or a week's Monday
        year, month, day = named.year, named.month, named.day
    except ValueError:
        parts = iso[:10].split("-")
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = 1
    fraction = round(year + ((month - 1) * 30 + day) / 365, 4)  # GDELT's approximation: 20140218 -> 2014.1315
    return f"{year:04d}{month:02d}{day:02d}", f"{year:04d}{month:02d}", f"{year:04d}", f"{fraction:.4f}"


def action_geo(location: Location | None, places: Gazetteer | None) -> dict[str, str]:
    """GDELT's ActionGeo_* columns for one event location (empty when there is none)."""
    if location is None:
        return {"ActionGeo_Type": "0"}
    lat = "" if location.lat is None else str(round(location.lat, 4))
    lon = "" if location.lon is None else str(round(location.lon, 4))
    place = None
    if places is not None and location.feature and location.feature.startswith("geonames:"):
        place = places.by_id.get(int(location.feature.split(":", 1)[1]))
    if place is None:  # a feature this gazetteer does not hold: what the record itself says
        return {"ActionGeo_Type": "0", "ActionGeo_FullName": location.name, "ActionGeo_Lat": lat, "ActionGeo_Long": lon}
    fips = places.fips.get(place.country or "", "") if places else ""
    country = places.country_name(place.country) if places else ""
    if place.kind == "country":
        kind, full, adm1, feature = "1", place.name, "", fips
    elif place.kind == "state":
        kind, full, adm1 = "2", f"{place.name}, {country}", f"US{place.admin1}"
        feature = adm1
    else:
        us = place.iso2 == "US"
        state = places.state_name(place) if places else ""
        kind = "3" if us else "4"
        full = ", ".join(part for part in (place.name, state, country) if part)
        fips_admin1 = len(place.admin1) == 2 and place.iso2 not in places.cues.non_fips_admin1 if places else False
        adm1 = f"US{place.admin1}" if us else (f"{fips}{place.admin1}" if fips and fips_admin1 else "")
        feature = str(place.geonameid)
    return {
        "ActionGeo_Type": kind, "ActionGeo_FullName": full, "ActionGeo_CountryCode": fips,
        "ActionGeo_ADM1Code": adm1, "ActionGeo_Lat": lat, "ActionGeo_Long": lon, "ActionGeo_FeatureID": feature,
    }  # fmt: skip


def _lead_end(text: str) -> int:
    """End of the lead paragraph (GDELT's IsRootEvent proxy): the first blank line after some text."""
    pos = text.find("\n\n", 200)
    return pos if pos >= 0 else len(text)


def gdelt_rows(
    analysis: Analysis,
    tables: ActorCodeTables,
    modalities: frozenset[str] = EXPORT_MODALITIES,
    places: Gazetteer | None = None,
) -> Iterable[tuple[int, list[str], dict[str, object]]]:
    """(GlobalEventID, 61 column values, evidence record) for each exportable event of one analysis."""
    doc = analysis.document
    actors = {a.id: a for a in analysis.actors}
    lead = _lead_end(doc.text)
    added = (doc.published or "").replace("-", "")[:8]
    for event in analysis.events:
        announced = event.modality == "planned" and event.code[:2] in ANNOUNCEMENT_ROOTS
        if event.modality not in modalities and not announced:
            continue
        gid = global_event_id(doc.id, event)
        a1 = tables.split(actors.get(event.source or ""))
        a2 = tables.split(actors.get(event.target or ""))
        sqldate, month_year, year, fraction = _date_fields(event.date or doc.published)
        row = {
            "GLOBALEVENTID": str(gid), "SQLDATE": sqldate, "MonthYear": month_year, "Year": year,
            "FractionDate": fraction,
            "Actor1Code": a1.code, "Actor1Name": a1.name, "Actor1CountryCode": a1.country,
            "Actor1KnownGroupCode": a1.known_group,
            "Actor1Type1Code": a1.types[0], "Actor1Type2Code": a1.types[1], "Actor1Type3Code": a1.types[2],
            "Actor2Code": a2.code, "Actor2Name": a2.name, "Actor2CountryCode": a2.country,
            "Actor2KnownGroupCode": a2.known_group,
            "Actor2Type1Code": a2.types[0], "Actor2Type2Code": a2.types[1], "Actor2Type3Code": a2.types[2],
            "IsRootEvent": "1" if event.evidence.start < lead else "0",
            "EventCode": event.code, "EventBaseCode": event.code[:3], "EventRootCode": event.code[:2],
            "QuadClass": str(event.quad_class), "GoldsteinScale": f"{event.goldstein:g}",
            "NumMentions": "1", "NumSources": "1", "NumArticles": "1", "AvgTone": f"{analysis.tone.polarity:g}",
            "Actor1Geo_Type": "0", "Actor2Geo_Type": "0", **action_geo(event.location, places),
            "DATEADDED": f"{added}000000" if len(added) == 8 else (sqldate + "000000" if sqldate else ""),
            "SOURCEURL": doc.url or "",  # the article's address; never the file it was read from
        }  # fmt: skip
        evidence = {
            "GLOBALEVENTID": gid,
            "document_id": doc.id,
            "start": event.evidence.start,
            "end": event.evidence.end,
            "text": doc.text[event.evidence.start : event.evidence.end],
            "modality": event.modality,
            "date": event.date,
            "source": event.source,
            "target": event.target,
            "confidence": event.confidence,
            "location": _plain_location(event.location),
        }
        yield gid, [row.get(col, "").replace("\t", " ").replace("\n", " ") for col in GDELT_EVENT_COLUMNS], evidence


def _plain_location(location: Location | None) -> dict[str, object] | None:
    if location is None:
        return None
    return {name: getattr(location, name) for name in location.__dataclass_fields__}


def write_gdelt_events(
    analyses: Iterable[Analysis], out: Path, evidence_out: Path, modalities: frozenset[str] = EXPORT_MODALITIES
) -> int:
    """Write GDELT 2.0 rows (tab-separated, no header, as GDELT's) and the evidence JSONL; return the row count."""
    tables = ActorCodeTables.load()
    places: Gazetteer | None = None
    seen: set[int] = set()
    n = 0
    with out.open("w", encoding="utf-8", newline="") as fh, evidence_out.open("w", encoding="utf-8") as ev:
        for analysis in analyses:
            if places is None and any(e.location for e in analysis.events):
                from newsgraph.extract.gazetteer import load_gazetteer  # read only when some event has a place

                places = load_gazetteer()
            for gid, values, evidence in gdelt_rows(analysis, tables, modalities, places):
                if gid in seen:
                    continue
                seen.add(gid)
                fh.write("\t".join(values) + "\n")
                ev.write(json.dumps(evidence, ensure_ascii=False) + "\n")
                n += 1
    return n
