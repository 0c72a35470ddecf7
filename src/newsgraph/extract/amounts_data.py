"""The data of the amounts stage: its vocabulary (``AmountData``) and the shapes the walk passes
between its steps (``NumberRun``, ``Unit``).

Kept apart from ``amounts.py`` so the attribution and exclusion steps read them without
importing the stage that calls them (no import cycle).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language

from newsgraph.data_files import load_yaml
from newsgraph.extract.function_words import FunctionWords

DATA_FILE = "amount-units-2026-11.yaml"


@dataclass(frozen=True, slots=True)
class AmountData:
    """Amount vocabulary (number words, scales, currencies, cues), loaded once."""

    version: str
    number_words: dict[str, float]
    scales: dict[str, float]
    multipliers: dict[str, float]  # words that multiply the number before them inside a run ('two hundred thousand')
    vague: dict[str, float]
    approximators: tuple[tuple[str, ...], ...]
    approximator_length: int
    currency_symbols: dict[str, str]
    currency_words: dict[str, str]
    dollar_countries: dict[str, str]
    percent_words: frozenset[str]
    percent_phrases: dict[str, frozenset[str]]  # first word -> second words: 'per' -> {'cent'}
    point_phrases: dict[str, frozenset[str]]  # 'percentage' -> {'point'}: the second word matched by lemma
    unit_aliases: dict[str, str]
    name_like: frozenset[str]
    fractions: dict[str, float]
    time_units: frozenset[str]
    calendar_words: frozenset[str]
    age_cues: frozenset[str]
    non_count_nouns: frozenset[str]
    label_cues: frozenset[str]
    dispute_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    source_nouns: frozenset[str]
    shared_unit_joiners: frozenset[str]
    range_joiners: frozenset[str]
    elliptic_prepositions: frozenset[str]
    counted_noun_modifiers: frozenset[str]
    anaphoric_determiners: frozenset[str]  # 'the ministry', 'this ministry': a noun pointing back to a name
    indefinite_articles: frozenset[str]  # 'a million people': the scale word is the number
    partitive_words: frozenset[str]
    number_conjunctions: frozenset[str]
    not_continuing_numbers: frozenset[str]
    according_to: tuple[str, str]
    source_noun_prepositions: frozenset[str]

    @classmethod
    def load(cls, nlp: Language, function_words: FunctionWords | None = None) -> AmountData:
        """Read ``newsgraph/data/amount-units-2026-11.yaml`` (number words from the shared function words)."""
        raw = load_yaml(DATA_FILE)
        fw = FunctionWords.load() if function_words is None else function_words
        numbers = raw["number_words"]
        number_words = {k: float(v) for k, v in fw.numbers(numbers.get("cardinals", ())).items()}
        number_words.update({k: float(v) for k, v in numbers.get("values", {}).items()})

        def table(key: str, field: str) -> dict[str, object]:
            return {w.lower(): entry[field] for entry in raw[key] for w in entry["words"]}

        scales = {k: float(v) for k, v in table("scales", "value").items()}  # type: ignore[arg-type]
        # one-letter scales ('m', 'b') join only a digit ('25m'); 'hundred' is a multiplier, not a scale
        multipliers = {k: v for k, v in scales.items() if len(k) > 1}
        multipliers.update({k: v for k, v in number_words.items() if v >= 100})

        phrases = sorted((tuple(p.lower().split()) for p in raw["approximators"]["phrases"]), key=len, reverse=True)
        return cls(
            version=str(raw["version"]),
            number_words=number_words,
            scales=scales,
            multipliers=multipliers,
            vague={k: float(v) for k, v in table("vague_counts", "value").items()},  # type: ignore[arg-type]
            approximators=tuple(phrases),
            approximator_length=max(len(p) for p in phrases),
            currency_symbols={e["symbol"]: e["code"] for e in raw["currency_symbols"]},
            currency_words={k: str(v) for k, v in table("currency_words", "code").items()},
            dollar_countries={k: str(v) for k, v in table("dollar_countries", "code").items()},
            percent_words=frozenset(w.lower() for w in raw["percent_words"]["words"] if " " not in w),
            percent_phrases=_pairs(raw["percent_words"]["words"]),
            point_phrases=_pairs(raw["point_phrases"]["words"]),
            unit_aliases={k: str(v) for k, v in table("unit_aliases", "unit").items()},
            name_like=frozenset(raw["name_like_currency_words"]["words"]),
            fractions={k: float(v) for k, v in raw["fraction_words"]["denominators"].items()},
            time_units=frozenset(raw["time_units"]["words"]),
            calendar_words=frozenset(raw["calendar_words"]["words"]),
            age_cues=frozenset(raw["age_cues"]["words"]),
            non_count_nouns=frozenset(raw["non_count_nouns"]["words"]),
            label_cues=frozenset(raw["label_cues"]["words"]),
            dispute_verbs=frozenset(raw["dispute_verbs"]["lemmas"]),
            reporting_verbs=frozenset(raw["reporting_verbs"]["lemmas"]),
            source_nouns=frozenset(raw["source_nouns"]["lemmas"]),
            shared_unit_joiners=frozenset(raw["shared_unit_joiners"]["words"]),
            range_joiners=frozenset(raw["range_joiners"]["words"]),
            elliptic_prepositions=frozenset(raw["elliptic_prepositions"]["words"]),
            counted_noun_modifiers=frozenset(raw["counted_noun_modifiers"]["words"]),
            anaphoric_determiners=fw.definite_articles | fw.demonstrative_words(distance="near", number="singular"),
            indefinite_articles=fw.indefinite_articles,
            partitive_words=frozenset(raw["partitive_words"]["words"]),
            number_conjunctions=frozenset(raw["number_conjunctions"]["words"]),
            not_continuing_numbers=frozenset(raw["not_continuing_numbers"]["words"]),
            according_to=(str(raw["according_to"]["words"][0]), str(raw["according_to"]["words"][1])),
            source_noun_prepositions=frozenset(raw["source_noun_prepositions"]["words"]),
        )


def _pairs(phrases: list[str]) -> dict[str, frozenset[str]]:
    """The two-word entries of a word list: each lower-cased first word with the words that may follow it."""
    pairs = [p.lower().split() for p in phrases if len(p.split()) == 2]
    return {first: frozenset(b for a, b in pairs if a == first) for first, _ in pairs}


@dataclass(frozen=True, slots=True)
class NumberRun:
    """Tokens [start, end) that spell one number, with its value before units."""

    start: int
    end: int
    value: float
    approximate: bool
    words_only: bool  # spelled out ("two"), not digits: a bare one may be a pronoun
    suffix_unit: str | None = None  # "54p" -> pence


@dataclass(frozen=True, slots=True)
class Unit:
    """What a number counts, and the token range the unit words occupy."""

    name: str | None
    kind: str  # currency | percent | noun | fraction | none
    first: int  # first token index of the whole amount (currency sign included)
    last: int  # last token index (exclusive) of the whole amount
