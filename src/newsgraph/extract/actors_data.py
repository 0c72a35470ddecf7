"""Actor reference data: dictionary entries, agents (role nouns), countries and places, indexed once.

Names are matched by a normalized key (``actors_names.norm_key``: letters and digits only,
lowercased, accents stripped) over consecutive tokens, so dictionary phrases need no spaCy tokenization at
load time: "U.S.", "US" and "U. S." share the key "us", "al-Qaeda" and "al Qaeda" share
"alqaeda". That keeps loading ~25k names well under the 2 s budget, and a lookup per
candidate start token costs a few dict probes.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import resources
from pathlib import Path

import yaml
from spacy.language import Language

from newsgraph.extract.actors_names import ActorWords, fold_name, norm_key
from newsgraph.extract.actors_petrarch import CodeRange, DictActor, read_actors, read_agents
from newsgraph.extract.function_words import FunctionWords
from newsgraph.records import ActorKind

DATA_PACKAGE = "newsgraph.data"
PHOENIX_ACTORS = "actors-phoenix-2014.jsonl"
PHOENIX_AGENTS = "agents-phoenix-2014.jsonl"
CURATED_ACTORS = "actors-leaders-2026-11.yaml"
CURATED_AGENTS = "agents-2026-11.yaml"
COUNTRIES = "countries-2026-11.csv"
PLACES = "places-capitals-2026-11.csv"
CONTEXT = "actor-context-2026-11.yaml"
COMPANIES = "companies-2026-12.yaml"
COMPANY_MARKERS = "company-markers-2026-12.yaml"

# Codes whose first three letters are a CAMEO actor type, not a country.
NON_STATE_PREFIXES = frozenset({"IGO", "NGO", "IMG", "NGM", "MNC", "INT", "UIS", "UNO", "PKO", "AMN", "IRC", "GRP"})
# Three country codes in the Phoenix dictionaries that are neither ISO 3166 nor in CAMEO.country.tsv
# (which has AGO, FRA, BHS): typos of the 2014 release, read as the ISO code.
LEGACY_COUNTRY_CODES = {"ANG": "AGO", "FRN": "FRA", "BAH": "BHS"}
# CAMEO's multinational-corporation type: MNC followed by the company's home country (MNCJPN).
COMPANY_PREFIX = "MNC"
# CAMEO role codes (CAMEO.type.tsv): a code that starts with one has no country ("MED" alone).
ROLE_CODES = frozenset(
    "COP GOV INS JUD MIL OPP REB SEP SPY UAF AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB LEG MED REF MOD RAD SET".split()
)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """A dictionary actor: display name, kind, dated codes, and where the entry comes from."""

    name: str
    kind: ActorKind
    ranges: tuple[CodeRange, ...]
    default: str | None
    source: str
    titles: tuple[str, ...] = ()  # role nouns the press uses for them ("president", "foreign minister")

    def code_on(self, day: date | None) -> str | None:
        """The code valid on ``day``; without a date, the most recent range (news is mostly current)."""
        if day is None:
            if self.ranges:
                return max(self.ranges, key=lambda r: (r.end or date.max, r.start or date.min)).code
            return self.default
        for r in self.ranges:
            if r.covers(day):
                return r.code
        return self.default


@dataclass(frozen=True, slots=True)
class AgentRole:
    """What a role noun adds to an actor code: ``role`` after the country, or before it if ``prefix``."""

    role: str
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class ContextRules:
    """Word lists that decide how context codes an actor (from ``actor-context-*.yaml``)."""

    locative_preps: frozenset[str]
    motion_verbs: frozenset[str]
    former_words: frozenset[str]
    out_of_office_role: str
    default_person_role: str
    country_nouns: frozenset[str]
    institution_nouns: frozenset[str] = frozenset()
    population_role: str = ""
    affiliation_preps: frozenset[str] = frozenset({"of"})
    honorifics: frozenset[str] = frozenset()
    sponsor_words: frozenset[str] = frozenset()
    attack_verbs: frozenset[str] = frozenset()
    table_words: frozenset[str] = frozenset()
    home_country_roles: frozenset[str] = frozenset()  # unplaced state agents take the scene's/document's state
    posted_abroad: frozenset[str] = frozenset()
    company_words: frozenset[str] = frozenset()
    bloc_words: frozenset[str] = frozenset()
    company_role: str = "BUS"  # the role of a person a company describes
    company_staff_roles: frozenset[str] = frozenset()  # roles of role nouns that, at a company, are its business
    state_staff_roles: frozenset[str] = frozenset()  # roles of role nouns that, at a state body, are its role
    topic_preps: frozenset[str] = frozenset()  # "an expert on X", "ambassador to X": X is not the person's
    business_roles: frozenset[str] = frozenset()  # MNC, BUS: codes whose people speak for a firm, not a state
    nobility_titles: frozenset[str] = frozenset()  # "Prince X": no country from the sentence around him
    rank_words: frozenset[str] = frozenset()  # "deputy" in "deputy director": no role of its own
    acting_for_preps: frozenset[str] = frozenset()  # "for" in "a spokesman for X"
    acting_for_nouns: frozenset[str] = frozenset()  # "a spokesman for X": X is whose the spokesman is
    meeting_nouns: frozenset[str] = frozenset()  # "talks in Washington": the place hosts, it sets no scene
    currency_words: frozenset[str] = frozenset()  # "Swiss franc": the country names money, not an actor
    based_words: frozenset[str] = frozenset()  # "the Sydney-based group": where a company is at home
    home_preps: frozenset[str] = frozenset()  # "X Corp of Freedonia": the company's home country follows
    apposition_openers: frozenset[str] = frozenset()  # "X Ltd, one Freedonian group": opens an apposition
    security_words: frozenset[str] = frozenset()  # "German government bonds": the issuer is no actor
    issued_words: frozenset[str] = frozenset()  # "Japanese Treasury bills": securities only after an issuer word
    issuer_words: frozenset[str] = frozenset()  # "government", "treasury" in front of issued_words


@dataclass(frozen=True, slots=True)
class CompanyMarkers:
    """What marks a name as a company's and which country it gives (``company-markers-*.yaml``)."""

    exchanges: Mapping[str, str] = field(default_factory=dict)  # RIC exchange suffix ("T") -> ISO3
    bare_ticker_country: str | None = None  # "<TX>": a Reuters ticker without a suffix
    foreign_ticker_endings: frozenset[str] = frozenset()  # fifth letters of a foreign issuer's US ticker
    legal_forms: Mapping[str, str] = field(default_factory=dict)  # norm_key of a one-country legal form -> ISO3
    legal_words: frozenset[str] = frozenset()  # any country's legal-form words ("corp", "ltd")
    name_words: frozenset[str] = frozenset()  # industry nouns of company names ("airlines", "steel")

    @classmethod
    def from_yaml(cls, raw: Mapping[str, object]) -> CompanyMarkers:
        """The markers from the parsed YAML file."""
        def words(key: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in raw.get(key, ()) or ())  # type: ignore[union-attr]

        exchanges: list[dict[str, str]] = raw.get("exchanges", ()) or []  # type: ignore[assignment]
        forms: list[dict[str, str]] = raw.get("legal_forms", ()) or []  # type: ignore[assignment]
        return cls(
            exchanges={str(e["suffix"]).upper(): str(e["country"]) for e in exchanges},
            bare_ticker_country=str(raw["bare_ticker_country"]) if raw.get("bare_ticker_country") else None,
            foreign_ticker_endings=frozenset(str(e) for e in raw.get("foreign_ticker_endings") or ()),  # type: ignore[union-attr]
            legal_forms={norm_key(str(e["form"])): str(e["country"]) for e in forms},
            legal_words=words("legal_words"),
            name_words=words("name_words"),
        )


@dataclass(frozen=True, slots=True)
class ActorData:
    """Everything ``extract_actors`` reads, built once per process."""

    entries: tuple[ActorEntry, ...]
    names: Mapping[str, int]  # norm_key -> entry index (later files override earlier ones)
    name_max_chars: int
    agents: Mapping[str, AgentRole]  # lowercased words joined by one space
    agent_max_words: int
    agent_suffixes: frozenset[str]  # every word-tail of an agent phrase, to stop growing early
    countries: Mapping[str, str]  # norm_key of a country name or demonym -> ISO3
    capitals: Mapping[str, str]  # norm_key of a capital used as metonym -> ISO3
    country_codes: frozenset[str]
    context: ContextRules
    words: ActorWords  # name connectors and particles, determiners, plural endings
    surnames: Mapping[str, tuple[int, ...]] = None  # type: ignore[assignment]  # folded surname -> person entries
    #: every name key, sorted: a key that no name starts with stops a name from growing (a
    #: superset of ``names`` is harmless, so names blocked after ``build`` may stay in it)
    sorted_names: tuple[str, ...] = ()
    companies: CompanyMarkers = CompanyMarkers()

    @classmethod
    def load(cls, nlp: Language, function_words: FunctionWords | None = None) -> ActorData:
        """The packaged data: Phoenix dictionaries (converted) overlaid with the curated files."""
        root = resources.files(DATA_PACKAGE)
        words = ActorWords.load(function_words)
        context = _yaml(root.joinpath(CONTEXT).read_text(encoding="utf-8"))
        # Phoenix describes offices as of 2014: an open-ended range there ("in office since
        # 2012") is trusted only until the date below; later, text titles must say so.
        until = _as_date(context.get("phoenix_open_ranges_until"))
        entries: list[tuple[ActorEntry, Sequence[str]]] = []
        rewrites = {str(k): str(v) for k, v in (context.get("role_rewrites") or {}).items()}
        for name in (PHOENIX_ACTORS,):
            with root.joinpath(name).open(encoding="utf-8") as fh:
                for line in fh:
                    entry, phrases = _entry_from_json(json.loads(line))
                    if rewrites:
                        entry = _rewritten(entry, rewrites)
                    if until is not None and any(r.end is None and r.start is not None for r in entry.ranges):
                        entry = replace(entry, ranges=tuple(
                            replace(r, end=until) if r.end is None and r.start is not None and r.start <= until else r
                            for r in entry.ranges
                        ))
                    entries.append((entry, phrases))
        countries, capitals, country_entries = _read_countries(root.joinpath(COUNTRIES), root.joinpath(PLACES), words)
        entries.extend(country_entries)
        curated = _yaml(root.joinpath(CURATED_ACTORS).read_text(encoding="utf-8"))
        entries.extend(_entry_from_json(item) for item in curated["actors"])
        companies = _yaml(root.joinpath(COMPANIES).read_text(encoding="utf-8"))
        entries.extend(_entry_from_json({**item, "kind": "organization"}) for item in companies["companies"])
        agents: list[tuple[str, AgentRole]] = []
        with root.joinpath(PHOENIX_AGENTS).open(encoding="utf-8") as fh:
            for line in fh:
                item = json.loads(line)
                role = rewrites.get(item["role"], item["role"])
                agents.append((item["phrase"], AgentRole(role, item.get("prefix", False))))
        extra = _yaml(root.joinpath(CURATED_AGENTS).read_text(encoding="utf-8"))
        for item in extra["agents"]:
            # Curated phrases override Phoenix in both numbers ("demonstrators" too).
            role = AgentRole(item["role"], _truthy(item.get("prefix")))
            agents.append((item["phrase"], role))
            if not item["phrase"].endswith("s"):
                agents.append((words.plural_agent(item["phrase"]), role))
        data = cls.build(entries, agents, countries, capitals, _context(context), actor_words=words)
        markers = CompanyMarkers.from_yaml(_yaml(root.joinpath(COMPANY_MARKERS).read_text(encoding="utf-8")))
        data = replace(data, companies=markers)
        # Dictionary phrases that are mostly not actors in news ("English", the language).
        blocked = {norm_key(p) for p in context.get("not_actors", ())}
        return replace(data, names={k: v for k, v in data.names.items() if k not in blocked}) if blocked else data

    @classmethod
    def from_petrarch(cls, actor_files: Sequence[Path], agents_file: Path | None, nlp: Language) -> ActorData:
        """The same structure from PETRARCH/Phoenix dictionaries (e.g. PETRARCH's validation suite)."""
        entries: list[tuple[ActorEntry, Sequence[str]]] = []
        countries: dict[str, str] = {}
        for path in actor_files:
            for record in read_actors(Path(path)):
                entry = petrarch_entry(record, f"petrarch:{Path(path).name}")
                entries.append((entry, (record.name, *record.aliases)))
                if entry.kind == "country" and entry.default:
                    for phrase in (record.name, *record.aliases):
                        countries.setdefault(norm_key(phrase), entry.default[:3])
        agents = [] if agents_file is None else [(a.phrase, AgentRole(a.role, a.prefix)) for a in read_agents(agents_file)]
        codes = frozenset(countries.values())
        # English context rules are language data, not dictionary knowledge: reuse them, but
        # code only what the dictionaries say (no civilian or elite defaults).
        raw = _yaml(resources.files(DATA_PACKAGE).joinpath(CONTEXT).read_text(encoding="utf-8"))
        context = replace(
            _context(raw), out_of_office_role="", default_person_role="", population_role="", home_country_roles=frozenset()
        )
        return cls.build(entries, agents, countries, {}, context, codes)

    @classmethod
    def build(
        cls,
        entries: Iterable[tuple[ActorEntry, Sequence[str]]],
        agents: Iterable[tuple[str, AgentRole]],
        countries: Mapping[str, str],
        capitals: Mapping[str, str],
        context: ContextRules,
        country_codes: frozenset[str] | None = None,
        actor_words: ActorWords | None = None,
    ) -> ActorData:
        """Index entries by name key and agents by lowercased phrase."""
        table: list[ActorEntry] = []
        names: dict[str, int] = {}
        replaced: dict[int, int] = {}  # earlier person entry -> the later entry that took one of its names
        for entry, phrases in entries:
            index = len(table)
            table.append(entry)
            for phrase in phrases:
                key = norm_key(_strip_article(phrase))
                if len(key) >= 2:
                    old = names.get(key)
                    if old is not None and entry.kind == "person" and table[old].kind == "person":
                        replaced[old] = index
                    names[key] = index
        if replaced:
            # A curated person overriding one Phoenix alias takes all of that entry's aliases,
            # so "Barack Hussein Obama" follows the curated dates of "Barack Obama".
            names = {k: replaced.get(v, v) for k, v in names.items()}
        agent_map: dict[str, AgentRole] = {}
        for phrase, role in agents:
            words = " ".join(phrase.lower().split())
            if words:
                agent_map[words] = role
        codes = country_codes if country_codes is not None else frozenset(countries.values()) | frozenset(capitals.values())
        by_surname: dict[str, list[int]] = {}
        for index, entry in enumerate(table):
            words = entry.name.split()
            if entry.kind == "person" and len(words) > 1:
                by_surname.setdefault(fold_name(words[-1]), []).append(index)
        return cls(
            entries=tuple(table),
            names=names,
            name_max_chars=max((len(k) for k in names), default=0),
            sorted_names=tuple(sorted(names)),
            agents=agent_map,
            agent_max_words=max((k.count(" ") + 1 for k in agent_map), default=1),
            agent_suffixes=frozenset(
                " ".join(words[i:]) for k in agent_map for words in (k.split(),) for i in range(len(words))
            ),
            countries=dict(countries),
            capitals=dict(capitals),
            country_codes=codes,
            context=context,
            words=ActorWords.load() if actor_words is None else actor_words,
            surnames={k: tuple(v) for k, v in by_surname.items()},
        )

    def is_company(self, code: str | None) -> bool:
        """Whether a code is a company's (MNC, MNCJPN): its country is where it is based, not a place of the text."""
        return bool(code) and code[:3].upper() == COMPANY_PREFIX  # type: ignore[index]

    def split_code(self, code: str | None) -> tuple[str | None, str | None]:
        """Country (ISO3) and role of a CAMEO actor code: RUSGOV -> (RUS, GOV), IGOWSTNAT -> (None, IGO).

        A non-state code keeps its type as role unless a role follows: IGOUNOMIL (UN
        peacekeepers) -> (None, MIL).
        """
        if not code:
            return None, None
        head = code[:3].upper()
        if head in NON_STATE_PREFIXES:
            chunks = [code[i : i + 3].upper() for i in range(3, len(code) - 2, 3)]
            role = next((c for c in chunks if c in ROLE_CODES), head)
            if head == COMPANY_PREFIX and chunks and chunks[0] in self.country_codes:
                return chunks[0], role  # MNCJPN: a company based in Japan (CAMEO's MNC + home country)
            return None, role
        if head in ROLE_CODES:
            return None, head
        role = code[3:6].upper() or None
        return head, role


def petrarch_entry(record: DictActor, source: str) -> ActorEntry:
    """An entry from a PETRARCH record; the kind is guessed from the shape of its codes."""
    codes = [r.code for r in record.ranges] + ([record.default] if record.default else [])
    if record.ranges:
        kind: ActorKind = "person"
    elif all(len(c) == 3 for c in codes) and codes[0][:3] not in NON_STATE_PREFIXES | ROLE_CODES:
        kind = "country"
    else:
        kind = "organization"
    return ActorEntry(record.name.title(), kind, record.ranges, record.default, source)


def _strip_article(phrase: str) -> str:
    # "the Kremlin" and "Kremlin" are one name; matching starts at the capitalized word.
    lowered = phrase.lower()
    return phrase[4:] if lowered.startswith("the ") else phrase


def _entry_from_json(item: Mapping[str, object]) -> tuple[ActorEntry, Sequence[str]]:
    ranges = tuple(_code_range(r) for r in item.get("codes", ()) or ())  # type: ignore[union-attr]
    name = str(item["name"])
    aliases = [str(a) for a in item.get("aliases", ()) or ()]  # type: ignore[union-attr]
    # aliases the converter derived by a general rule ("Statoil" from "Statoil ASA"), each with its rule
    aliases += [str(g["alias"]) for g in item.get("generated", ()) or ()]  # type: ignore[union-attr, index]
    titles = tuple(str(t).split()[-1].lower() for t in item.get("titles", ()) or ())  # type: ignore[union-attr]
    default = item.get("default")
    default = None if default in (None, "", "null") else _iso_code(str(default))
    entry = ActorEntry(name, item.get("kind", "person"), ranges, default, str(item.get("source", "")), titles)  # type: ignore[arg-type]
    return entry, (name, *aliases)


def _rewritten(entry: ActorEntry, rewrites: Mapping[str, str]) -> ActorEntry:
    """An entry whose codes end in a rewritten role sequence (Phoenix's GOVBUS) carry the replacement."""

    def fix(code: str | None) -> str | None:
        if code is None:
            return None
        for old, new in rewrites.items():
            if code.endswith(old):
                return code[: -len(old)] + new
        return code

    if not any(fix(r.code) != r.code for r in entry.ranges) and fix(entry.default) == entry.default:
        return entry
    return replace(entry, ranges=tuple(replace(r, code=fix(r.code) or r.code) for r in entry.ranges), default=fix(entry.default))


def _yaml(text: str) -> dict:  # type: ignore[type-arg]
    # The base loader skips implicit typing (dates, booleans), the slow half of YAML parsing;
    # values stay strings and are converted where they are read.
    return yaml.load(text, Loader=yaml.CBaseLoader)  # type: ignore[no-any-return]


def _truthy(value: object) -> bool:
    return value is True or str(value).lower() in ("true", "yes", "1")


def _code_range(raw: object) -> CodeRange:
    # JSONL rows use {"code", "from", "to"}; the curated YAML uses [code, from, to].
    code, start, end = (raw["code"], raw.get("from"), raw.get("to")) if isinstance(raw, dict) else raw  # type: ignore[misc]
    return CodeRange(_iso_code(str(code)), _as_date(start), _as_date(end))


def _iso_code(code: str) -> str:
    legacy = LEGACY_COUNTRY_CODES.get(code[:3])
    return legacy + code[3:] if legacy else code


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    if str(value).lower() in ("", "null", "none", "~"):
        return None
    return date.fromisoformat(str(value))


def _read_countries(
    countries_path: object, places_path: object, words: ActorWords
) -> tuple[dict[str, str], dict[str, str], list[tuple[ActorEntry, Sequence[str]]]]:
    countries: dict[str, str] = {}
    capitals: dict[str, str] = {}
    entries: list[tuple[ActorEntry, Sequence[str]]] = []
    with countries_path.open(encoding="utf-8") as fh:  # type: ignore[attr-defined]
        for row in csv.DictReader(fh):
            iso3 = row["iso3"]
            names = [row["name"], *[n for n in row["aliases"].split("|") if n]]
            demonyms = [n for n in row["demonyms"].split("|") if n]
            demonyms += [words.plural_demonym(d) for d in demonyms if words.plural_demonym(d)]
            for phrase in names + demonyms:
                countries[norm_key(_strip_article(phrase))] = iso3
            entries.append((ActorEntry(row["name"], "country", (), iso3, row["source"]), names + demonyms))
    with places_path.open(encoding="utf-8") as fh:  # type: ignore[attr-defined]
        for row in csv.DictReader(fh):
            iso3 = row["iso3"]
            names = [row["name"], *[n for n in row["aliases"].split("|") if n]]
            for phrase in names:
                if row["metonym"] == "yes":
                    capitals[norm_key(phrase)] = iso3
            entries.append((ActorEntry(row["name"], "place", (), iso3, row["source"]), names))
    return countries, capitals, entries


def _context(raw: Mapping[str, object]) -> ContextRules:
    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw.get(key, ()) or ())  # type: ignore[union-attr]

    return ContextRules(
        locative_preps=words("locative_prepositions"),
        motion_verbs=words("motion_verbs"),
        former_words=words("former_words"),
        out_of_office_role=str(raw.get("out_of_office_role", "ELI")),
        default_person_role=str(raw.get("default_person_role", "CVL")),
        country_nouns=words("country_nouns"),
        institution_nouns=words("institution_nouns"),
        population_role=str(raw.get("population_role", "")),
        affiliation_preps=words("affiliation_prepositions"),
        honorifics=words("honorifics"),
        sponsor_words=words("sponsor_words"),
        attack_verbs=words("attack_verbs"),
        table_words=words("table_words"),
        home_country_roles=frozenset(str(r) for r in raw.get("home_country_roles", ()) or ()),  # type: ignore[union-attr]
        posted_abroad=words("posted_abroad"),
        company_words=words("company_words"),
        bloc_words=words("bloc_words"),
        company_role=str(raw.get("company_role", "BUS")),
        company_staff_roles=frozenset(str(r) for r in raw.get("company_staff_roles") or ()),  # type: ignore[union-attr]
        state_staff_roles=frozenset(str(r) for r in raw.get("state_staff_roles") or ()),  # type: ignore[union-attr]
        topic_preps=words("topic_prepositions"),
        nobility_titles=words("nobility_titles"),
        rank_words=words("rank_words"),
        acting_for_preps=words("acting_for_prepositions"),
        acting_for_nouns=words("acting_for_nouns"),
        meeting_nouns=words("meeting_nouns"),
        currency_words=words("currency_words"),
        based_words=words("based_words"),
        home_preps=words("home_prepositions"),
        apposition_openers=words("apposition_openers"),
        security_words=words("security_words"),
        issued_words=words("issued_words"),
        issuer_words=words("issuer_words"),
        business_roles=frozenset(str(r) for r in raw.get("business_roles", ()) or ()),  # type: ignore[union-attr]
    )
