"""Name keys and name words: the normalized key every name is matched by, person-name
folding (so transliteration variants of one surname compare equal), and the words of
``actor-names-2026-12.yaml`` that the actor stage reads around names (``ActorWords``).

Zelensky, Zelenski and Zelenskyy fold to one key, as do Volodymyr/Volodimir; the rules
are the common English transliteration alternations of Slavic and Arabic names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from newsgraph.data_files import load_yaml
from newsgraph.extract.function_words import FunctionWords

DATA_FILE = "actor-names-2026-12.yaml"

# Ordered rewrites applied to a normalized surname (letters only, lower case).
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"yy"), "y"),
    (re.compile(r"ij|iy"), "y"),
    (re.compile(r"ii"), "i"),
    (re.compile(r"i$"), "y"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"ee"), "i"),
    (re.compile(r"(.)\1"), r"\1"),
)
SIMILAR = 0.93  # Jaro-Winkler floor for two folded surnames to be one person
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def norm_key(text: str) -> str:
    """The matching key of a name: accents stripped, lowercased, letters and digits only."""
    if text.isascii():  # the common case, ~10x faster than the Unicode path
        return _NON_ALNUM.sub("", text.lower())
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed.lower() if c.isalnum() and not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class ActorWords:
    """Words the actor stage reads around names, and the plural endings it indexes role nouns and demonyms by."""

    connectors: frozenset[str]  # lower-case words that stay inside a name ("Ministry of Defence")
    particles: frozenset[str]  # open an Arabic name before a hyphen and a capital ("al-Qaeda")
    standalone_particles: frozenset[str]  # ... or by themselves ("bin Laden")
    definite_determiners: frozenset[str]  # "the"/"this"/"that" president: points at someone known
    y_kept_after: tuple[str, ...]  # "envoy" -> "envoys", not "envoies"
    es_after: tuple[str, ...]  # "coach" -> "coaches"
    demonym_no_plural: tuple[str, ...]  # "Chinese", "British": no -s plural

    @classmethod
    def load(cls, function_words: FunctionWords | None = None) -> ActorWords:
        """Read ``actor-names-2026-12.yaml``; the determiners are the function words' definite article and
        singular demonstratives."""
        raw = load_yaml(DATA_FILE)
        fw = FunctionWords.load() if function_words is None else function_words
        particles = raw["particles"]
        return cls(
            connectors=frozenset(str(w) for w in raw["connectors"]["words"]),
            particles=frozenset(str(w) for w in [*particles["hyphenated"], *particles["standalone"]]),
            standalone_particles=frozenset(str(w) for w in particles["standalone"]),
            definite_determiners=fw.definite_articles | fw.demonstrative_words(number="singular"),
            y_kept_after=tuple(str(w) for w in raw["plurals"]["y_kept_after"]),
            es_after=tuple(str(w) for w in raw["plurals"]["es_after"]),
            demonym_no_plural=tuple(str(w) for w in raw["demonyms"]["no_plural_endings"]),
        )

    def plural_agent(self, phrase: str) -> str:
        """The regular plural of a role noun phrase ("spokesman" -> "spokesmen", "deputy" -> "deputies")."""
        if phrase.endswith("man"):
            return phrase[:-3] + "men"
        if phrase.endswith("y") and not phrase.endswith(self.y_kept_after):
            return phrase[:-1] + "ies"
        return phrase + ("es" if phrase.endswith(self.es_after) else "s")

    def plural_demonym(self, word: str) -> str:
        """The plural of a demonym ("Ukrainian" -> "Ukrainians"), or "" for one that is its own plural ("Chinese")."""
        if word.endswith(self.demonym_no_plural):
            return ""
        if word.endswith("man"):
            return word[:-3] + "men"
        return word + "s"


def fold_name(text: str) -> str:
    """A spelling-insensitive key for a surname or single name."""
    key = norm_key(text)
    for pattern, repl in _FOLDS:
        key = pattern.sub(repl, key)
    return key


def same_surname(a: str, b: str) -> bool:
    """Whether two folded surnames are close enough to be one person (long names only)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 6:
        return False
    return jaro_winkler(a, b) >= SIMILAR


def jaro_winkler(a: str, b: str, prefix_weight: float = 0.1) -> float:
    """Jaro-Winkler similarity in [0, 1] (stdlib-only: no string-metric dependency at run time)."""
    if a == b:
        return 1.0
    window = max(max(len(a), len(b)) // 2 - 1, 0)
    a_hit = [False] * len(a)
    b_hit = [False] * len(b)
    matches = 0
    for i, ch in enumerate(a):
        for j in range(max(0, i - window), min(len(b), i + window + 1)):
            if not b_hit[j] and b[j] == ch:
                a_hit[i] = b_hit[j] = True
                matches += 1
                break
    if not matches:
        return 0.0
    a_seq = [c for c, hit in zip(a, a_hit) if hit]
    b_seq = [c for c, hit in zip(b, b_hit) if hit]
    transpositions = sum(x != y for x, y in zip(a_seq, b_seq)) // 2
    jaro = (matches / len(a) + matches / len(b) + (matches - transpositions) / matches) / 3
    if jaro <= 0.7:
        return jaro  # Winkler's prefix boost applies only to already similar strings
    prefix = 0
    for x, y in zip(a[:4], b[:4]):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * prefix_weight * (1 - jaro)


def surname_first(words: list[str]) -> bool:
    """Whether a name (its tokens) is written surname first, as East Asian names are romanized with a
    hyphenated given name whose second syllable is lower case ("Lee Ta-hai", "Kim Young-sam": tokens Lee, Ta, -,
    hai). Wade-Giles and McCune-Reischauer practice; a Western double name capitalizes both parts ("Jean-Claude")."""
    return (
        len(words) >= 4 and words[-2] == "-" and words[-1].isalpha() and words[-1].islower()
        and words[-3][:1].isupper() and words[0][:1].isupper()
    )
