"""Convert the Phoenix (PETRARCH2) actor and agent dictionaries into newsgraph's JSONL data files.

Usage: python tools/convert_phoenix.py [PHOENIX_DIR] [OUT_DIR]
(defaults: ../shared/data/cameo/phoenix and src/newsgraph/data). Each output line carries a
``source`` naming the Phoenix file it came from (MIT, openeventdata/petrarch2 @ 676801c).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newsgraph.extract.actors_data import petrarch_entry
from newsgraph.extract.actors_petrarch import read_actors, read_agents

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


def convert(phoenix: Path, out: Path) -> tuple[int, int]:
    """Write actors-phoenix-2014.jsonl and agents-phoenix-2014.jsonl; return their line counts."""
    n_actors = 0
    with (out / "actors-phoenix-2014.jsonl").open("w", encoding="utf-8") as fh:
        for filename, kind in ACTOR_FILES.items():
            for record in read_actors(phoenix / filename):
                entry = petrarch_entry(record, "")
                item = {
                    "name": _name(record.name),
                    "aliases": list(record.aliases),
                    "kind": kind or entry.kind,
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
                }
                fh.write(json.dumps(item, ensure_ascii=False) + "\n")
                n_actors += 1
    n_agents = 0
    with (out / "agents-phoenix-2014.jsonl").open("w", encoding="utf-8") as fh:
        for agent in read_agents(phoenix / "Phoenix.agents.txt"):
            item = {"phrase": agent.phrase.lower(), "role": agent.role, "prefix": agent.prefix,
                    "source": f"{ORIGIN}:Phoenix.agents.txt"}
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
            n_agents += 1
    return n_actors, n_agents


if __name__ == "__main__":
    phoenix_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "cameo" / "phoenix"
    out_dir = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "src" / "newsgraph" / "data"
    out_dir.mkdir(parents=True, exist_ok=True)
    actors, agents = convert(phoenix_dir, out_dir)
    print(f"wrote {actors} actors and {agents} agents to {out_dir}")
