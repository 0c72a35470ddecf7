"""Quote cue data: reporting verbs, "according to" phrases, framing prepositions, pronouns.

Loaded once from ``data/quote-cues-*.yaml`` (every entry names its source) and passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from spacy.language import Language

from newsgraph.data_files import parse_yaml
from newsgraph.extract.function_words import FunctionWords

CUE_FILE = "quote-cues-2026-11.yaml"
COREF_FILE = "coref-2026-12.yaml"
MARKERS_FILE = "company-markers-2026-12.yaml"


@dataclass(frozen=True, slots=True)
class VerbCue:
    """A reporting verb and the relations whose subtree holds what was reported."""

    lemma: str
    content: frozenset[str]
    preps: frozenset[str]
    direct: bool = True  # also attributes quoted passages (stance verbs like "support" do not)
    reports: str = "speech"  # evidence ("figures show"): only a named source's; thought ("believe"): see quotes_attribution


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
    nothing_said: frozenset[str] = frozenset()  # "declined to comment": verbs saying nothing was said
    figure_objects: frozenset[str] = frozenset()  # "reported a net loss": objects that are figures, not statements
    addressees: frozenset[str] = frozenset()  # "told reporters …": whom a speaker tells, never content
    # from function-words-*.yaml: determiners of a phrase that refers back ("the spokesman"),
    # personal subject pronouns ("he", "we"), relative pronouns with an antecedent ("who")
    definite: frozenset[str] = frozenset()
    indefinite: frozenset[str] = frozenset()  # "a spokesman": a new referent, never someone named before
    personal: frozenset[str] = frozenset()
    relative: frozenset[str] = frozenset()
    addressed_verbs: frozenset[str] = frozenset()  # "told Reuters …": a name right after is the hearer
    open_questions: frozenset[str] = frozenset()  # "whether": a question clause, unsaid after "did not say"
    company_nouns: frozenset[str] = frozenset()  # "the company said": a company named before (coref-*.yaml)
    legal_words: frozenset[str] = frozenset()  # "Corp", "Ltd": a name ending in one is a company's (company-markers-*.yaml)
    relay_verbs: frozenset[str] = frozenset()  # "quoted X as saying": X said it, the subject relays it
    relay_preps: frozenset[str] = frozenset()  # the preposition that holds the saying ("as")

    @property
    def according_openers(self) -> frozenset[str]:
        """First words of the "according to" phrases."""
        return frozenset(words[0] for words in self.according)

    @classmethod
    def load(cls, nlp: Language, function_words: FunctionWords | None = None) -> QuoteCues:
        """Read the packaged cue file; ``nlp`` is unused (the cues are lemma sets)."""
        fw = FunctionWords.load() if function_words is None else function_words
        raw = parse_yaml(resources.files("newsgraph.data").joinpath(CUE_FILE).read_text(encoding="utf-8"))
        coref = parse_yaml(resources.files("newsgraph.data").joinpath(COREF_FILE).read_text(encoding="utf-8"))
        markers = parse_yaml(resources.files("newsgraph.data").joinpath(MARKERS_FILE).read_text(encoding="utf-8"))
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
            nothing_said=frozenset(n["lemma"] for n in raw.get("nothing_said", [])),
            figure_objects=frozenset(n["lemma"] for n in raw.get("figure_objects", [])),
            addressees=frozenset(n["lemma"] for n in raw.get("addressees", [])),
            addressed_verbs=frozenset(str(n["lemma"]) for n in raw.get("addressed_verbs", [])),
            open_questions=frozenset(str(n["word"]) for n in raw.get("open_questions", [])),
            definite=fw.definite_articles | fw.demonstrative_words(number="singular"),
            indefinite=fw.indefinite_articles,
            personal=frozenset(
                p.word for p in fw.pronouns if "subject" in p.cases and p.person != 2 and p.gender != "neuter"
            ),
            relative=fw.relatives("person", "thing", "any"),
            company_nouns=frozenset(coref.get("company_nouns", {}).get("words", [])),
            legal_words=frozenset(str(w) for w in markers.get("legal_words", [])),
            relay_verbs=frozenset(str(v["lemma"]) for v in raw.get("relaying", {}).get("verbs", [])),
            relay_preps=frozenset(str(v["lemma"]) for v in raw.get("relaying", {}).get("preps", [])),
        )
