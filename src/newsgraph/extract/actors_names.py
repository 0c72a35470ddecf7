"""Person-name folding, so transliteration variants of one surname compare equal.

Zelensky, Zelenski and Zelenskyy fold to one key, as do Volodymyr/Volodimir; the rules
are the common English transliteration alternations of Slavic and Arabic names.
"""

from __future__ import annotations

import re

import jellyfish

from newsgraph.extract.actors_data import norm_key

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
    return jellyfish.jaro_winkler_similarity(a, b) >= SIMILAR
