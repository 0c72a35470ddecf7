"""Words are data: a ceiling on the literal collections of English words left in ``extract/`` code.

An AST walk counts set, list, tuple and dict literals (dict keys) that hold two or more
lower-case alphabetic string constants which are neither parser labels nor schema keys (the
names the code uses for rule families, record kinds, table names). Such a collection is a word
list that belongs in a data file under ``newsgraph/data/``; the ceiling only goes down.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import newsgraph.extract
from newsgraph.data_files import load_yaml

EXTRACT = Path(newsgraph.extract.__file__).parent
RECORDS = EXTRACT.parent / "records.py"
#: what remains after the dates, amounts, claims, tone, doctext, coreference, actors (but
#: actors_context), events_modality and quotes modules were converted (2026-12); events_roles
#: and actors_context still hold theirs
CEILING = 12

#: spaCy's English parser (ClearNLP dependency labels), and the UD names the event patterns use
DEPENDENCY_LABELS = frozenset(
    "ROOT acl acomp advcl advmod agent amod appos attr aux auxpass case cc ccomp compound conj csubj csubjpass "
    "dative dep det dobj expl intj mark meta neg nmod npadvmod nsubj nsubjpass nummod oprd parataxis pcomp pobj "
    "poss preconj predet prep prt punct quantmod relcl xcomp obj iobj".split()
)
#: names the code uses as keys or values of its own data, not words of the text it reads
SCHEMA_NAMES = frozenset(
    # tenses the dates stage assigns, and the symbolic values of timex-2026-11.yaml's `relative` table
    "past future present scheduled infinitive coming latest recent same "
    # amount unit kinds and the minor currency units amount-units-2026-11.yaml maps to
    "currency percent noun fraction none pence cent point "
    # dispute-cues objects; event pattern kinds; PETRARCH dictionary record keys
    "any claims verb adj kind block code before after source lemma forms "
    # function-words-2026-12.yaml groups and features
    "zero ones teens tens counts person thing singular plural near far neuter subject object "
    # YAML scalar spellings read back from a permissive loader
    "true yes null".split()
)
_WORD = re.compile(r"^[a-z]+$")


def schema_names() -> frozenset[str]:
    """Schema names: the fixed list, the record Literals, and the timex rule file's families, kinds and tables."""
    names = set(SCHEMA_NAMES)
    typed = " ".join(path.read_text() for path in [RECORDS, *sorted(EXTRACT.glob("*.py"))])
    names.update(re.findall(r'"([a-z]+)"', " ".join(re.findall(r"Literal\[([^\]]*)\]", typed))))  # type values
    timex = load_yaml("timex-2026-11.yaml")
    names.update(str(p["rule"]) for p in timex["patterns"])
    names.update({"holiday", "word", "dated", "ref"})  # reading families of the fixed words and holidays
    names.update(str(e["kind"]) for e in [*timex["prefixes"]["entries"], *timex["suffixes"]["entries"]])
    names.update(str(name) for name in timex["vocab"])
    return frozenset(names)


def word_collections(source: str, schema: frozenset[str]) -> list[tuple[int, list[str]]]:
    """(line, words) of each literal collection holding two or more English words."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
            elements = node.elts
        elif isinstance(node, ast.Dict):
            elements = [k for k in node.keys if k is not None]
        else:
            continue
        words = [
            e.value
            for e in elements
            if isinstance(e, ast.Constant)
            and isinstance(e.value, str)
            and _WORD.match(e.value)
            and e.value not in DEPENDENCY_LABELS
            and e.value not in schema
        ]
        if len(words) >= 2:
            found.append((node.lineno, words))
    return found


def count_by_module() -> dict[str, int]:
    schema = schema_names()
    return {p.name: len(word_collections(p.read_text(), schema)) for p in sorted(EXTRACT.glob("*.py"))}


def test_extract_words_counts_word_lists_not_labels_or_schema_keys():
    schema = schema_names()
    source = '''
CUES = ("said", "told", "added")
LABELS = {"nsubj", "dobj"}
KINDS = ("currency", "percent")
ONE = ("only",)
MIXED = {"the": 1, "of": 2, "nsubj": 3}
'''
    found = word_collections(source, schema)
    assert [words for _, words in found] == [["said", "told", "added"], ["the", "of"]]


def test_extract_words_stay_under_the_ceiling():
    counts = count_by_module()
    total = sum(counts.values())
    listing = ", ".join(f"{name} {n}" for name, n in counts.items() if n)
    assert total <= CEILING, f"{total} literal English word collections in extract/ (ceiling {CEILING}): {listing}"


def test_extract_words_none_left_in_converted_modules():
    counts = count_by_module()
    converted = ["actors.py", "actors_data.py", "actors_names.py", "coref.py", "events_modality.py"]
    converted += ["amounts.py", "amounts_attribution.py", "amounts_data.py", "amounts_exclusions.py", "claims.py"]
    converted += ["dates.py", "dates_calendar.py", "dates_normalize.py", "dates_scan.py", "doctext.py", "tone.py"]
    converted += ["quotes.py", "quotes_attribution.py", "quotes_cues.py", "quotes_marks.py", "quotes_speaker.py"]
    assert {name: counts[name] for name in converted if counts[name]} == {}
