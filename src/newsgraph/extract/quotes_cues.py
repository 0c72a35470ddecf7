"""Quote cue data: reporting verbs, "according to" phrases, framing prepositions, pronouns.

Loaded once from ``data/quote-cues-*.yaml`` (every entry names its source) and passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import yaml
from spacy.language import Language

CUE_FILE = "quote-cues-2026-11.yaml"


@dataclass(frozen=True, slots=True)
class VerbCue:
    """A reporting verb and the relations whose subtree holds what was reported."""

    lemma: str
    content: frozenset[str]
    preps: frozenset[str]
    direct: bool = True  # also attributes quoted passages (stance verbs like "support" do not)
    reports: str = "speech"  # or evidence ("figures show"): only a named source's


@dataclass(frozen=True, slots=True)
class QuoteCues:
    """Attribution cue data (``data/quote-cues-*.yaml``), loaded once."""

    verbs: dict[str, VerbCue]
    according: tuple[tuple[str, ...], ...]
    framing: frozenset[str]
    nouns: frozenset[str]
    pronoun_kinds: dict[str, frozenset[str]]
    version: str = ""
    byline_dashes: tuple[str, ...] = ()  # "“…” ― Name": the dash that signs a quote
    not_sources: frozenset[str] = frozenset()  # subjects an evidence verb reports nothing of ("figures")

    @property
    def according_openers(self) -> frozenset[str]:
        """First words of the "according to" phrases."""
        return frozenset(words[0] for words in self.according)

    @classmethod
    def load(cls, nlp: Language) -> QuoteCues:
        """Read the packaged cue file; ``nlp`` is unused (the cues are lemma sets)."""
        raw = yaml.safe_load(resources.files("newsgraph.data").joinpath(CUE_FILE).read_text(encoding="utf-8"))
        verbs = {
            v["lemma"]: VerbCue(
                v["lemma"],
                frozenset(v.get("content", [])),
                frozenset(v.get("preps", [])),
                bool(v.get("direct", True)),
                str(v.get("reports", "speech")),
            )
            for v in raw["speech_verbs"]
        }
        return cls(
            verbs=verbs,
            according=tuple(tuple(a["words"]) for a in raw["according_to"]),
            framing=frozenset(f["lemma"] for f in raw["framing_preps"]),
            nouns=frozenset(n["lemma"] for n in raw["speech_nouns"]),
            pronoun_kinds={p["text"]: frozenset(p["kinds"]) for p in raw["pronouns"]},
            version=str(raw.get("version", "")),
            byline_dashes=tuple(d["text"] for d in raw.get("byline_dashes", [])),
            not_sources=frozenset(n["lemma"] for n in raw.get("not_sources", [])),
        )
