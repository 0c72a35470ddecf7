"""Events: who did what to whom, CAMEO-coded, with modality, date and evidence.

1. Triggers: every verb or noun whose lemma is in the pattern index gets the most
   specific matching code (``events_patterns``); a governor that frames its complement
   ("offered to mediate", "threatened to invade") folds it into one composed code.
2. Roles: source and target actors from the parse (``events_roles``); conjuncts give one
   event per (source, target) pair. Targets the trigger's own arguments do not name come
   from ``events_targets``: a statement's addressee, the owner of a thing guarded against
   violence, the other party of an opposition describing the subject.
3. Modality from cues around the trigger (``events_modality``); inside a disputed
   claim's statement it is ``reported``.
4. Date: the time expression governed by the trigger's clause, else the article date.
"""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.data_files import parse_yaml
from newsgraph.extract.coref import coref_index
from newsgraph.extract.doctext import doc_text, sentences, token_words
from newsgraph.extract.events_candidates import Candidate, CodeInfo
from newsgraph.extract.events_emit import emit_events
from newsgraph.extract.events_evidence import (
    EventRules,
    actor_object,
    addressed_gathering,
    agentless,
    armed,
    coordinated_subject,
    mutual_object,
    pronoun_subject,
    has_reported_clause,
    in_reporters_question,
    is_headline,
    object_words,
    person_object,
    raising_passive,
    reporting_verb,
)
from newsgraph.extract.events_modality import ModalityCues, conditional, modality_of
from newsgraph.extract.events_patterns import CodeMatch, PatternIndex
from newsgraph.extract.events_petrarch import read_petrarch_verbs
from newsgraph.extract.events_roles import (
    ActorIndex,
    actors_of_phrase,
    noun_roles,
    participant_subject,
    place_of_action,
    speaks_for_itself,
    subject_actors,
    verb_roles_explained,
)
from newsgraph.extract.events_targets import addressees, located, opponents, protected_owner
from newsgraph.extract.quotes_attribution import relayed_speaker
from newsgraph.records import Actor, Claim, Event, Quote, TimeExpression

CODEBOOK_FILE = "cameo-eventcodes-2013-12.csv"
PATTERN_FILES = ("event-patterns-newsgraph-2026-11.jsonl", "event-patterns-petrarch2-2015-04.jsonl")
MODALITY_FILE = "modality-cues-2026-11.yaml"
COMPOSE_FILE = "event-compose-2026-11.yaml"
RULES_FILE = "event-rules-2026-12.yaml"
QUOTE_CUES_FILE = "quote-cues-2026-11.yaml"  # its relaying verbs: "quoted X as saying" is X's statement
STATEMENT_CODE = "010"
INTENT_ROOTS = frozenset({"04", "05", "06", "07", "08"})
THREAT_ROOTS = frozenset({"16", "17", "18", "19", "20"})
# arrests, detentions, investigations: an agentless passive one is the state's where it happened
STATE_ACTION_ROOTS = frozenset({"09", "17"})
# an adjective trigger states the subject's stance only as a predicate ("he was pessimistic")
PREDICATIVE_DEPS = frozenset({"acomp", "ROOT", "ccomp", "xcomp", "oprd", "conj"})
# meetings and cooperation: a noun of these takes part in its governor's subject ("came for talks")
PARTICIPATION_ROOTS = frozenset({"03", "04", "05", "06"})
# "the US-led war", "occupied territory", "according to": a modifier or a function word, not an event
# Universal Dependencies gender features of a person pronoun ("he", "she")
GENDERED = frozenset({"Masc", "Fem"})
# actor kinds a quote's "they"/"it" speaker is taken from (issue 13): bodies of people that speak
SPEAKING_BODIES = frozenset({"group", "organization"})
_PRONOUN_CHARS = 4  # a speaker phrase this short at a pronoun is the pronoun alone ("he", "They")
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "prep", "agent", "mark", "aux", "auxpass", "det", "case"})


@dataclass(frozen=True, slots=True)
class Frame:
    """A governing verb that composes with the event in its complement (intent, demand, threat...)."""

    name: str
    default: str
    codes: dict[str, str]
    deps: frozenset[str]  # which complements it takes (xcomp, ccomp, dobj)
    identity: bool = False  # a light verb ("held talks", "continued to send"): the complement's code stands
    weak: frozenset[str] = frozenset()  # governors whose uncoded complement is no event ("wanted to see")

    def compose(self, code: str) -> str | None:
        """Longest-prefix mapping of the complement's code, or None."""
        if self.identity:
            return code
        for n in range(len(code), 1, -1):
            if code[:n] in self.codes:
                return self.codes[code[:n]]
        return None


@dataclass(frozen=True, slots=True)
class EventData:
    """Everything the event coder reads: codebook, trigger patterns, frames, modality cues."""

    patterns: PatternIndex
    codebook: dict[str, CodeInfo]
    frames: dict[str, tuple[Frame, ...]]  # governor lemma -> frames it can open
    cues: ModalityCues
    rules: EventRules
    version: str

    @classmethod
    def load(cls, nlp: Language) -> EventData:
        """The packaged data: our own patterns first, then PETRARCH2's CAMEO verb dictionary."""
        base = resources.files("newsgraph") / "data"
        record_sets = [_read_jsonl(Path(str(base / name))) for name in PATTERN_FILES]
        return cls._build(record_sets, Path(str(base)), "+".join(PATTERN_FILES))

    @classmethod
    def from_petrarch(cls, verbs_file: Path, nlp: Language | None = None) -> EventData:
        """Code with another PETRARCH verb dictionary only (e.g. the PETRARCH unit-test one)."""
        base = resources.files("newsgraph") / "data"
        # our frames map CAMEO codes; another dictionary's code system (WEIS-like in PETRARCH's tests) has its own
        records = [read_petrarch_verbs(Path(verbs_file))]
        built = cls._build(records, Path(str(base)), f"petrarch:{Path(verbs_file).name}", frames=False)
        # another dictionary's codes: its reverse codes are its own system's, and our confidence floor was
        # measured on our dictionaries, not on it
        floorless = dataclasses.replace(built.rules.confidence, minimum=0.0)
        return dataclasses.replace(built, rules=dataclasses.replace(built.rules, keep_every_reverse=True, confidence=floorless))

    @classmethod
    def _build(
        cls, record_sets: list[list[dict[str, Any]]], base: Path, version: str, frames: bool = True
    ) -> EventData:
        codebook: dict[str, CodeInfo] = {}
        with (base / CODEBOOK_FILE).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                codebook[row["code"]] = CodeInfo(row["label"], float(row["goldstein"]), int(row["quad_class"]))
        compose = parse_yaml((base / COMPOSE_FILE).read_text(encoding="utf-8"))
        by_governor: dict[str, list[Frame]] = {}
        for name, spec in compose["frames"].items() if frames else ():
            frame = Frame(
                name,
                str(spec.get("default", "")),
                {str(k): str(v) for k, v in (spec.get("codes") or {}).items()},
                frozenset(spec.get("deps", ["xcomp", "ccomp", "dobj"])),
                bool(spec.get("identity", False)),
                frozenset(str(w).lower() for w in spec.get("no_default", [])),
            )
            for gov in spec["governors"]:
                by_governor.setdefault(str(gov).lower(), []).append(frame)
        return cls(
            patterns=PatternIndex.from_records(record_sets),
            codebook=codebook,
            frames={k: tuple(v) for k, v in by_governor.items()},
            cues=ModalityCues.from_file(base / MODALITY_FILE),
            rules=EventRules.from_file(base / RULES_FILE, base / QUOTE_CUES_FILE),
            version=version,
        )

    def announce(self, code: str) -> str:
        """'will provide aid' (07x) -> 033; 'will attack' (19x) -> 1384; other codes unchanged."""
        root = code[:2]
        name = "intent" if root in INTENT_ROOTS else "threat" if root in THREAT_ROOTS else None
        for frames in self.frames.values():
            for frame in frames:
                if frame.name == name:
                    return frame.compose(code) or code
        return code

    def info(self, code: str) -> CodeInfo:
        """Codebook entry; unknown codes (other dictionaries) fall back to their root, else neutral."""
        for n in range(len(code), 1, -1):
            if code[:n] in self.codebook:
                found = self.codebook[code[:n]]
                return found if n == len(code) else CodeInfo("", found.goldstein, found.quad_class)
        return CodeInfo("", 0.0, 0)


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d


def _resolver(
    doc: Doc, actors: Sequence[Actor], quotes: Sequence[Quote] = ()
) -> Callable[[Doc, int, Sequence[Actor]], Actor | None]:
    """The pronoun resolver over this document, its mention index built once (not per pronoun).

    A pronoun that speaks a quote is that quote's speaker, as the quotes stage chained it (the
    previous speaker of its class): "he" / "she" the person who spoke last ("X said … ¶ …, he
    told Reuters": X, not a minister the sentence names in passing), an ungendered one ("…
    traders said. They said …", "the paper said … it said") a group or organization, not a
    country or company coreference finds nearby (issue 13); a speaker that is a country stays
    with coreference. A speaker pronoun the quotes stage could not resolve is nobody: no guess
    from coreference (precision first).
    """
    coref = coref_index(doc, actors)
    by_id = {a.id: a for a in actors}
    spoken = {q.speaker_span[0]: by_id.get(q.speaker or "") for q in quotes if q.speaker_span and q.speaker_span[1] - q.speaker_span[0] <= _PRONOUN_CHARS}

    def resolve(_doc: Doc, i: int, _actors: Sequence[Actor]) -> Actor | None:
        tok = doc[i]
        if tok.idx not in spoken or tok.pos_ != "PRON" or len(tok) > _PRONOUN_CHARS:
            return coref.resolve(i)
        speaker = spoken[tok.idx]
        if speaker is None:
            return None
        gendered = any(g in GENDERED for g in tok.morph.get("Gender"))
        if speaker.kind in (("person",) if gendered else SPEAKING_BODIES):
            return speaker
        return coref.resolve(i)

    return resolve


def _date_value(value: str | None) -> str | None:
    """Calendar dates (YYYY, YYYY-MM, YYYY-MM-DD) and ISO weeks (YYYY-Www: 'last week offered');
    durations, seasons, quarters and refs do not date an event."""
    if not value:
        return None
    if value[4:6] == "-W" and value[6:8].isdigit():
        return value[:8]  # a week (the store and the export date it by its Monday)
    head = value[:10]
    parts = head.split("-")
    if parts[0].isdigit() and len(parts[0]) == 4 and all(p.isdigit() for p in parts[1:]):
        return head
    return None


def _date_anchors(doc: Doc, dates: Sequence[TimeExpression], occasion_preps: frozenset[str] = frozenset()) -> dict[int, str]:
    """Token index of the verb or noun that governs each dated time expression; a clause dating an
    occasion dates what is done at it ("will meet them at a summit, which takes place on June 8")."""
    anchors: dict[int, str] = {}
    for t in dates:
        value = _date_value(t.value) if t.type in {"DATE", "TIME"} else None
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if value is None or span is None:
            continue
        head = span.root.head
        for _ in range(4):
            if head.pos_ in {"VERB", "NOUN", "AUX"} and not (span.start <= head.i < span.end):
                anchors.setdefault(head.i, value)
                if _before_own_clause(span, head):
                    anchors.setdefault(head.head.i, value)  # "said on Tuesday it had expelled": the saying too
                occasion = head.head.head if head.dep_ in {"relcl", "acl"} and head.head.dep_ == "pobj" else None
                if occasion is not None and occasion.lower_ in occasion_preps:
                    anchors.setdefault(occasion.head.i, value)
                break
            if head.head.i == head.i:
                break
            head = head.head
    return anchors


def _before_own_clause(span: Span, verb: Token) -> bool:
    """A date the parser hung on a complement clause although it stands between the governing verb and
    that clause's subject ("Kenya said on Tuesday it had expelled ...")."""
    if verb.dep_ != "ccomp" or not (verb.head.i < span.start):
        return False
    return any(c.dep_ in {"nsubj", "nsubjpass"} and c.i >= span.end for c in verb.children)


def _event_date(tok: Token, anchors: dict[int, str]) -> str | None:
    cur = tok
    for _ in range(4):
        if cur.i in anchors:
            return anchors[cur.i]
        if cur.dep_ not in {"xcomp", "conj", "dobj", "pobj", "prep", "aux"} or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def find_candidates(
    doc: Doc,
    actors: Sequence[Actor],
    dates: Sequence[TimeExpression],
    claims: Sequence[Claim],
    data: EventData,
    quotes: Sequence[Quote] = (),
) -> list[Candidate]:
    """Every coded trigger in the document with its roles (roles may be empty); ``quotes`` tell
    whom a speaker pronoun stands for."""
    anchors = _date_anchors(doc, dates, data.rules.occasion_preps)
    disputed = [(c.statement.start, c.statement.end, frozenset(c.disputed_by)) for c in claims if c.disputed_by]
    rules = data.rules
    matches: dict[int, CodeMatch] = {}
    words = token_words(doc)
    known = data.patterns.words
    sentence = sentences(doc)
    text = doc_text(doc)
    # sentences holding a verb of reporting: only their triggers can be reported content
    reporting = {sentence.number[j] for j, (_, lem) in enumerate(words) if lem in rules.reporting_verbs or lem in rules.reporting_preps}
    headlines: dict[int, bool] = {}  # sentence number -> in capitals, decided for sentences with a trigger word
    index = ActorIndex.build(doc, actors, _resolver(doc, actors, quotes), rules.traded)
    for i, (lower, lemma) in enumerate(words):
        if lemma not in known and lower not in known:
            continue
        tok = doc[i]
        if not tok.is_alpha or tok.pos_ not in {"VERB", "NOUN", "PROPN", "AUX", "ADJ"}:
            continue
        if tok.pos_ == "ADJ" and tok.dep_ not in PREDICATIVE_DEPS:
            continue
        n = sentence.number[i]
        if n not in headlines:
            sent = sentence.span(doc, i)
            headlines[n] = is_headline(text[sent.start_char : sent.end_char])
        if headlines[n]:
            continue  # a headline in capitals: its names and verbs parse as fragments
        if tok.pos_ in {"NOUN", "PROPN"} and (lemma in rules.speech_nouns or i in index.by_token or addressed_gathering(tok, rules)):
            continue  # "in a statement": the verb governing it carries it; "the General Agreement on Tariffs": a name
        if tok.pos_ == "PROPN" and (tok.dep_ == "compound" or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children)):
            continue  # "a Long March rocket", "the Desert Shield operation": a word of a name is no act
        if raising_passive(tok, rules):
            continue  # "is expected to visit": the visit is the act, its subject raised through the xcomp
        if in_reporters_question(tok, rules):
            continue  # "Asked if Peru would meet Chile, the minister ...": a question, no act
        if not (tok.pos_ == "VERB" and tok.dep_ in MODIFIER_DEPS):
            m = data.patterns.match(tok, words)
            if m is not None and not _lexical_sense(tok, lemma, m, rules):
                continue
            if m is not None:
                matches[tok.i] = m
    consumed: set[int] = set()
    for i, m in matches.items():
        tok = doc[i]
        # a pattern consumes the trigger words it matched below it, never the verb that governs it
        consumed.update(j for j in m.consumed if j != i and tok.left_edge.i <= j <= tok.right_edge.i)
    folded, complements, acts = _fold_frames(doc, matches, data)
    consumed.update(complements)
    out: list[Candidate] = []
    for i in sorted(set(matches) | set(folded)):
        if i in consumed and i not in folded:
            continue
        tok = doc[i]
        m = matches.get(i)
        joined: list[str] = []
        indirect = False
        code, reverse = (folded[i], None) if i in folded else (m.code, m.reverse_code) if m else ("", None)
        basis = "frame" if i in folded else _basis(m)
        lemma = tok.lemma_.lower()
        if basis == "petrarch_default" and lemma in rules.confidence.trusted_defaults:
            basis = "own_default"
        own_default = i not in folded and m is not None and m.specificity == 0
        if own_default and lemma in rules.opinion_verbs and tok.pos_ not in {"NOUN", "PROPN"}:
            continue  # a belief or a forecast is no act
        speech = own_default and lemma in rules.speech_verbs
        if speech:
            # a verb of speaking states (010), whatever its PETRARCH block says; with no clause it reports, nothing
            if not has_reported_clause(tok) or tok.pos_ in {"NOUN", "PROPN"}:
                continue
            code, reverse, basis = STATEMENT_CODE, None, "statement"
        if not code and not reverse:
            continue
        if tok.pos_ in {"NOUN", "PROPN"}:
            topics = rules.topic_preps if lemma in rules.mutual_nouns else frozenset()
            sources, targets = noun_roles(tok, index, code[:2] in rules.content_target_roots, topics)
            placed = all(index.by_id[t].kind == "place" and not index.by_id[t].role for t in targets)
            if placed and code[:2] in rules.aimed_roots:  # "Iraqi attacks in the Gulf" names no one hit
                targets = [a for a in protected_owner(tok, index, rules) if a not in sources] or targets
            joined = [] if sources or code[:2] not in PARTICIPATION_ROOTS else participant_subject(tok, index)
            sources = sources or [a for a in joined if a not in targets]
        else:
            # "X and Y agreed on Z": the parties act on each other, Z is what they agree about
            # "X and Y held talks": a light verb's object of mutual acts makes the verb one
            mutual_act = lemma in rules.mutual_lemmas or mutual_object(tok, rules)
            mutual = mutual_act and coordinated_subject(tok, rules.pair_words)
            topics = rules.topic_preps if mutual else frozenset()
            owners = code[:2] in rules.aimed_roots  # violence: "shelled its platforms" hits the owner
            sources, targets, indirect = verb_roles_explained(
                tok, index, code[:2] in rules.content_target_roots, topics, owners, rules.victim_preps
            )
            if not targets and code[:2] in rules.opposition_roots:
                # "Japan, at odds with the US over rice, refused": the act is aimed at the other party
                targets = [a for a in opponents(tok, index, rules) if a not in sources]
                indirect = bool(targets)  # a fallback, weighed as one
            quoted = relayed_speaker(tok, rules.relay_verbs, rules.relay_preps, rules.speech_verbs) if code.startswith(STATEMENT_CODE[:2]) else None
            if quoted is not None:
                # "the radio quoted the minister as saying …": the minister's statement, relayed to no one in particular
                sources, targets, indirect = actors_of_phrase(quoted, index), [], False
            if not sources and code[:2] in STATE_ACTION_ROOTS:
                sources = place_of_action(tok, index)[:1]  # the place, not a target of the act
                targets = [t for t in targets if t not in sources]
        if code in rules.addressed_codes:
            targets = addressees(tok, index, rules)  # whom it was said to, not what it was said about
            indirect = False
        # a meeting noun someone came for shares the coming's modality ("will meet ... in a video call")
        modality = modality_of(tok.head.head if joined else tok, data.cues)
        if modality == "habitual":
            continue  # "normally meet twice a year": a habit is no dated act (modality-cues file, habitual)
        condition = conditional(tok, data.cues)  # "if Tokyo did not allow imports": no claim that it happened
        # the condition itself negated ("if Tokyo did not allow imports") is no refusal; a refusal that sets a
        # condition ("will not end the strike unless ...") still is one
        in_condition = conditional(tok, data.cues, main_clause=False)
        if modality in {"negated", "hypothetical"} and code[:2] == "08" and _negated(tok, data) and not in_condition:
            # "will not accept", "could not accept": a refusal to concede is a rejection (12x), and it is stated now
            code, modality, basis = _refusal(code, data), "asserted", "frame"
        # the act a frame carries keeps its own sense constraints ("plans to issue notes", "will withdraw funds")
        act_code, act_basis = _carried_act(doc, i, acts, matches, rules)
        if modality == "planned" and code and i not in folded and tok.pos_ != "NOUN":
            # CAMEO codes an announced future action ("will send aid") as the statement of intent (or threat)
            # it is; a noun ("an imminent invasion") announces nothing by itself
            act_code, act_basis, code = code, basis, data.announce(code)
        act_tok = doc[acts.get(i, i)]
        start, end = _evidence(tok, sources + targets, index, doc)
        # the trigger inside a disputed statement; the disputer's own denial there is not itself in doubt
        if any(s <= tok.idx < e and not disputers & set(sources) for s, e, disputers in disputed):
            modality = "reported"
        reporter = reporting_verb(tok, rules) if sentence.number[i] in reporting else None
        reported_condition = False
        if reporter is not None and modality != "reported":
            reported = _reported_modality(tok, reporter, modality, sources, index, rules)
            # "X said that if Y imposed sanctions, Z would retaliate": someone's condition, not a claim that it happened
            reported_condition = condition and modality == "hypothetical" and reported == "reported"
            modality = modality if reported_condition else reported
        out.append(
            Candidate(
                trigger=i,
                code=code,
                reverse_code=reverse,
                sources=tuple(sources),
                targets=tuple(targets),
                modality=modality,
                date=_event_date(tok, anchors),
                depth=_depth(tok) - _depth(doc[sentence.root(i)]),
                first_person=tok.pos_ != "NOUN" and speaks_for_itself(tok),
                start=start,
                end=end,
                basis=basis,
                lemma=lemma,
                noun=tok.pos_ in {"NOUN", "PROPN"},
                reporter=reporter.i if reporter is not None else -1,
                located=tuple(located(tok, index, rules, code)),
                object_ok=person_object(tok, index.by_token, rules.person_nouns),
                # "began to appreciate French wine": the complement's act must have the object its sense needs
                actor_ok=actor_object(doc[acts.get(i, i)], index.by_token, rules),
                reported_condition=reported_condition,
                act_lemma=doc[acts[i]].lemma_.lower() if i in acts else "",
                act_code=act_code,
                act_basis=act_basis,
                armed_ok=armed(act_tok, sources, index.by_token, index.by_id, rules)
                if "armed" in rules.requires(code, lemma, basis) | rules.requires(act_code, act_tok.lemma_.lower(), act_basis)
                else True,
                indirect_target=indirect,
                pronoun_source=pronoun_subject(tok),
                agentless=agentless(tok, rules),
                coordinated=tok.pos_ in {"NOUN", "PROPN"} or coordinated_subject(tok, rules.pair_words),
                mutual_act=tok.pos_ not in {"NOUN", "PROPN"} and mutual_object(tok, rules),
            )
        )
    out = _obligations(doc, out, data, index, anchors)
    return _drop_covered_statements(doc, out)


def _carried_act(doc: Doc, i: int, acts: dict[int, int], matches: dict[int, CodeMatch], rules: EventRules) -> tuple[str, str]:
    """The code and evidence kind of the complement a frame at ``i`` folded ("plans to *issue*": 060, a PETRARCH
    default), or empty strings when ``i`` carries no other act."""
    m = matches.get(acts.get(i, i))
    if i not in acts or m is None:
        return "", ""
    basis, lemma = _basis(m), doc[acts[i]].lemma_.lower()
    if basis == "petrarch_default" and lemma in rules.speech_verbs:
        basis = "statement"  # "declined to comment": a verb of speaking's own act is a statement, not its block's guess
    elif basis == "petrarch_default" and lemma in rules.confidence.trusted_defaults:
        basis = "own_default"
    return m.code, basis


def _basis(m: CodeMatch | None) -> str:
    """The evidence kind of a pattern match: whose dictionary, and whether pattern words matched."""
    if m is None:
        return "frame"
    return ("own" if m.tier == 0 else "petrarch") + ("_pattern" if m.specificity > 0 else "_default")


def _lexical_sense(tok: Token, lemma: str, m: CodeMatch, rules: EventRules) -> bool:
    """A lemma's sense constraint that the words alone decide: 'domestic demand' is no demand."""
    needs = rules.by_lemma.get(lemma, ())
    if "no_object_words" in needs and object_words(tok) & rules.object_words.get(lemma, frozenset()):
        return False
    if "no_complement" in needs and m.specificity == 0:
        return not any(c.dep_ in {"ccomp", "xcomp", "oprd", "acomp"} for c in tok.children)
    return True


def _negated(tok: Token, data: EventData) -> bool:
    """The trigger's own clause carries a negation ('will not accept', 'could not agree')."""
    clause = tok.head if tok.dep_ in {"xcomp", "acomp"} else tok
    return any(c.dep_ in data.cues.neg_deps or c.lower_ in data.cues.neg_words for c in (*tok.children, *clause.children))


def _refusal(code: str, data: EventData) -> str:
    """The refusal frame's code for a concession ('not accept' 080 -> 120s)."""
    for frames in data.frames.values():
        for frame in frames:
            if frame.name == "refuse":
                return frame.compose(code) or frame.default
    return "120"


def _reported_modality(
    tok: Token, reporter: Token, modality: str, sources: list[str], index: ActorIndex, rules: EventRules
) -> str:
    """Content under 'X said' is X's claim (reported); X's announcement of its own side's plan stays a plan."""
    if modality in rules.always_kept:
        return modality
    if modality in rules.own_side_kept:
        speakers = subject_actors(reporter, index)
        if speaks_for_itself(tok) or _countries(speakers, index) & _countries(sources, index):
            return modality
    return "reported"


def _obligations(
    doc: Doc,
    cands: list[Candidate],
    data: EventData,
    index: ActorIndex,
    anchors: dict[int, str],
) -> list[Candidate]:
    """'Russia said Sudan must return the helicopter': the speaker demands (10x) what the reported clause obliges.
    An obligation on the speaker's own side ("a US official said Biden must warn Putin") is a plan, not a demand."""
    obliging = {w for w, m in data.cues.aux.items() if m == "demanded"}
    demand = next((f for frames in data.frames.values() for f in frames if f.name == "demand"), None)
    out: list[Candidate] = []
    extra: list[Candidate] = []
    for c in cands:
        out.append(c)
        tok = doc[c.trigger]
        if demand is None or tok.pos_ == "NOUN":
            continue
        # "the US must be ready to mediate": the obligation sits on the copula of an adjective trigger
        clause = tok.head if tok.dep_ == "acomp" else tok
        if not any(ch.dep_ == "aux" and ch.lower_ in obliging for ch in clause.children):
            continue
        while clause.dep_ in {"xcomp", "conj"} and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "ccomp":
            continue
        speaker = clause.head
        sources = subject_actors(speaker, index)
        if not sources:
            continue
        if c.modality == "demanded" and _countries(sources, index) & _countries(list(c.sources), index):
            out[-1] = dataclasses.replace(c, modality="planned")
            continue
        targets = [a for a in (c.sources or c.targets) if a not in sources]
        extra.append(_demand(speaker, demand.compose(c.code) or demand.default, sources, targets, data, index, anchors))
    if demand is not None:
        # "declared that China must drop barriers": an obliged clause with no coded verb is still a demand
        # (a bare statement verb over it becomes the demand; any other coded verb keeps its own code)
        spoken = {c.trigger for c in extra} | {c.trigger for c in cands if c.code != STATEMENT_CODE}
        said = {c.trigger: n for n, c in enumerate(out) if c.code == STATEMENT_CODE}
        # only a head of an obliging auxiliary can pass the test below: a Token for those, not for every word
        obliged = {t.head.i for t in (doc[i] for i, (w, _) in enumerate(token_words(doc)) if w in obliging) if t.head.i != t.i}
        for tok in (doc[i] for i in sorted(obliged)):
            if tok.dep_ != "ccomp" or tok.head.i in spoken or tok.i in spoken or tok.pos_ not in {"VERB", "AUX"}:
                continue
            if not any(ch.dep_ == "aux" and ch.lower_ in obliging for ch in tok.children):
                continue
            sources = subject_actors(tok.head, index)
            targets = [a for a in subject_actors(tok, index) if a not in sources]
            if sources and targets and not _countries(sources, index) & _countries(targets, index):
                made = _demand(tok.head, demand.default, sources, targets, data, index, anchors)
                if tok.head.i in said:
                    out[said[tok.head.i]] = made
                else:
                    extra.append(made)
                spoken.add(tok.head.i)
    return out + extra


def _demand(
    speaker: Token,
    code: str,
    sources: list[str],
    targets: list[str],
    data: EventData,
    index: ActorIndex,
    anchors: dict[int, str],
) -> Candidate:
    """The speaker's demand on the actor its reported clause obliges."""
    start, end = _evidence(speaker, sources + targets, index, speaker.doc)
    return Candidate(
        trigger=speaker.i,
        code=code,
        reverse_code=None,
        sources=tuple(sources),
        targets=tuple(targets),
        modality=modality_of(speaker, data.cues),
        date=_event_date(speaker, anchors),
        depth=_depth(speaker) - _depth(speaker.doc[sentences(speaker.doc).root(speaker.i)]),
        first_person=False,
        start=start,
        end=end,
        basis="demand",
        lemma=speaker.lemma_.lower(),
    )


def _countries(ids: list[str], index: ActorIndex) -> set[str]:
    out = set()
    for aid in ids:
        actor = index.by_id.get(aid)
        country = actor and (actor.country or (actor.code or "")[:3])
        if country:
            out.add(country)
    return out


def _fold_frames(doc: Doc, matches: dict[int, CodeMatch], data: EventData) -> tuple[dict[int, str], set[int], dict[int, int]]:
    """Governor index -> composed code, the complements folded into it, and per governor the complement whose act
    it carries (its sense constraints hold for the frame); deepest first, so frames chain
    ("agreed to hold talks": talks 046 -> hold 046 -> agreed 036)."""
    codes = {i: m.code for i, m in matches.items() if m.code}
    folded: dict[int, str] = {}
    complements: set[int] = set()
    acts: dict[int, int] = {}
    for i in sorted(codes, key=lambda i: -_depth(doc[i])):
        tok, code = doc[i], codes[i]
        gov, dep = tok.head, tok.dep_
        if dep == "pobj" and gov.lower_ == "in" and gov.dep_ == "prep":
            gov, dep = gov.head, "in"  # "engaged in talks": only frames that take "in" (light verbs) fold it
        frames = data.frames.get(gov.lemma_.lower(), ())
        if gov.i == i or not frames or dep not in {"xcomp", "ccomp", "dobj", "in"}:
            continue
        own = matches.get(gov.i)
        # a light verb yields to its complement unless a specific pattern already coded the verb itself
        specific = own is not None and own.specificity > 0
        usable = [f for f in frames if dep in f.deps and not (f.identity and specific)]
        composed = next((c for f in usable if (c := f.compose(code))), None)
        if composed is None and code[:2] in THREAT_ROOTS and any(f.name == "intent" for f in usable):
            # "prepared to impose martial law", "ready to attack": intent to coerce is a threat (CAMEO 13)
            composed = data.announce(code)
        if composed is None and dep == "xcomp" and usable and not usable[0].identity and gov.lemma_.lower() not in usable[0].weak:
            composed = usable[0].default
        if composed is not None:
            folded[gov.i] = codes[gov.i] = composed
            complements.add(i)
            acts[gov.i] = acts.get(i, i)
    return folded, complements, acts


def _evidence(tok: Token, actor_ids: list[str], index: ActorIndex, doc: Doc) -> tuple[int, int]:
    """The trigger plus the nearest mentions of its actors, inside the trigger's sentence."""
    sentence = sentences(doc)
    lo, hi = tok.i, tok.i + 1
    wanted = set(actor_ids)
    for j in range(sentence.start(tok.i), sentence.end(tok.i)):
        if index.by_token.get(j) in wanted:
            first, last = index.mention_span.get(j, (j, j + 1))
            lo, hi = min(lo, first), max(hi, last)
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)


def _drop_covered_statements(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """'X said it would send troops': a statement whose complement holds its own side's plan (kept planned, not
    reported) is that plan's announcement, one event; 'X said Y attacked Z' keeps both."""
    inner_of = {c.trigger: c for c in cands if c.code != STATEMENT_CODE}
    out = []
    for c in cands:
        if c.code == STATEMENT_CODE:
            tok = doc[c.trigger]
            inner = {t.i for child in tok.children if child.dep_ in {"ccomp", "xcomp", "dobj"} for t in child.subtree}
            own = [inner_of[i] for i in inner if i in inner_of]
            # a denial is no announcement, nor is another side's condition the speaker reports
            if any(x.modality not in {"reported", "negated"} and not x.reported_condition for x in own):
                continue
        out.append(c)
    return out


def extract_events(
    doc: Doc,
    actors: Sequence[Actor],
    quotes: Sequence[Quote],
    dates: Sequence[TimeExpression],
    claims: Sequence[Claim],
    published: date | None,
    data: EventData,
    voices: frozenset[str] = frozenset(),
) -> list[Event]:
    """One Event per (source, target) pair of every coded trigger whose evidence passes ``events_emit``'s gates.
    ``voices``: ids of actors that only say who spoke (``extract/speakers``), never a party."""
    speakers = _quote_speakers(quotes)
    cands = [
        dataclasses.replace(c, sources=_speaker_for(c, speakers)) if not c.sources and c.first_person else c
        for c in find_candidates(doc, actors, dates, claims, data, quotes)
    ]
    return emit_events(cands, actors, published, data.info, data.rules, voices)


def _quote_speakers(quotes: Sequence[Quote]) -> list[tuple[int, int, str]]:
    return [(q.start, q.end, q.speaker) for q in quotes if q.speaker]


def _speaker_for(c: Candidate, speakers: list[tuple[int, int, str]]) -> tuple[str, ...]:
    """An event inside a quote with no subject actor ("we will respond") belongs to the speaker."""
    for start, end, speaker in speakers:
        if start <= c.start and c.end <= end:
            return (speaker,)
    return ()
