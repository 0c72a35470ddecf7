"""From coded candidates to Events: the actor pairs, the gates a pair must pass, and its confidence.

1. Actors: a place (a city, a region, a dateline) is never a source or target; a capital coded as its
   government ("Moscow denied", kind organization with a role) is an actor. Actors named only where
   the act happens ("signed in Paris") are not targets. An unnamed speaker with a role but no country
   ("traders said", ``extract/speakers``) has no CAMEO code and is no party either.
2. Pairs: one per (source, target); a compound subject acts on each other only with a mutual verb
   ("X and Y agreed", "met"); never an actor and its own country's bare name ("Indonesia's ministry"
   and "Indonesia"); a reverse code (the host of a visit, the giver of a loan received) only when ``reverse_kept`` lists its prefix.
3. No source: only violence and coercion (roots 17-20) may have an unknown source, when the text
   names no doer ("were killed in an attack", "a car bomb killed"), and then they need a target.
4. Sense constraints (``EventRules.requires``): a target, a foreign target, an official target, a
   person object, armed forces; those a frame's or an announcement's complement keeps
   (``EventRules.carried_needs``); a pair that fails them is not an event.
5. Modality: an asserted act dated after the publication day is planned ("goes to Canada next week").
6. Confidence: ``Confidence.score`` over the evidence kind and the factors that apply; a pair
   under the minimum is not emitted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from newsgraph.extract.events_candidates import Candidate, CodeInfo
from newsgraph.extract.events_evidence import EventRules
from newsgraph.records import Actor, Event, Evidence

# roots whose source may be unknown: agentless violence and arrests ("were killed", "were detained")
SOURCELESS_ROOTS = frozenset({"17", "18", "19", "20"})
# what makes a target official: a country, a government, armed forces, an intergovernmental body
OFFICIAL_ROLES = frozenset({"GOV", "MIL", "IGO", "LEG", "JUD", "SPY", "POL"})


def _after(value: str | None, published: date | None) -> bool:
    """A day, month or ISO week wholly after the publication day: 'goes to Canada next week' is a plan."""
    if not value or published is None:
        return False
    try:
        if len(value) == 10:
            return date.fromisoformat(value) > published
        if len(value) == 7 and value[4] == "-":
            return (int(value[:4]), int(value[5:7])) > (published.year, published.month)
        if len(value) == 8 and value[4:6] == "-W":
            year, week, _ = published.isocalendar()
            return (int(value[:4]), int(value[6:8])) > (year, week)
    except ValueError:
        return False
    return False


def _usable(actor: Actor | None) -> bool:
    """A place named as a place is no actor; a capital coded with its government's role is. A role
    with no country ("traders", "Western diplomats": an unnamed speaker, ``extract/speakers``) has
    no CAMEO code: it tells who said something, it is no party to an event."""
    return actor is not None and not (actor.kind == "place" and not actor.role) and not (actor.role and not actor.code)


def _country(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return actor.country or (actor.code[:3] if actor.code and len(actor.code) >= 3 else None)


def _own_country_pair(s: Actor | None, t: Actor | None) -> bool:
    """An actor and the bare name of its own country ('Indonesia's directorate' and 'Indonesia')."""
    if s is None or t is None or _country(s) is None or _country(s) != _country(t):
        return False
    return s.kind == "country" or t.kind == "country" or not (s.role and t.role)


def _meets(needs: frozenset[str], c: Candidate, s: Actor | None, t: Actor | None) -> bool:
    if "target" in needs and t is None:
        return False
    if "foreign_target" in needs and (t is None or _country(t) is None or _country(s) in {None, _country(t)}):
        return False
    if "official_target" in needs and (t is None or not (t.kind == "country" or t.role in OFFICIAL_ROLES)):
        return False
    if "actor_object" in needs and not c.actor_ok:
        return False
    if "armed" in needs and not c.armed_ok:
        return False
    return not ("person_object" in needs and not c.object_ok)


def _pairs(c: Candidate, sources: list[str], targets: list[str], rules: EventRules) -> tuple[list[tuple[str | None, str | None]], bool]:
    """The (source, target) pairs of a candidate, and whether they are mutual."""
    mutual_word = c.mutual_act or c.lemma in rules.mutual_lemmas or c.lemma in rules.mutual_nouns
    if not targets and len(sources) > 1 and c.coordinated and mutual_word:
        return [(s, t) for s in sources for t in sources if s != t], True
    if not targets:
        return [(s, None) for s in sources], False
    return [(s, t) for s in (sources or [None]) for t in targets if s != t], False


def emit_events(
    cands: Sequence[Candidate],
    actors: Sequence[Actor],
    published: date | None,
    info: Callable[[str], CodeInfo],
    rules: EventRules,
    voices: frozenset[str] = frozenset(),
) -> list[Event]:
    """The Events of every candidate whose actor pairs pass the gates, each with its confidence."""
    by_id = {a.id: a for a in actors if a.id not in voices}  # a voice is no party: as an unknown id, unusable
    default_date = published.isoformat() if published else None
    conf = rules.confidence
    events: list[Event] = []
    seen: set[tuple[str, int, str, str]] = set()
    for c in cands:
        root = c.code[:2]
        sources = [s for s in c.sources if _usable(by_id.get(s))]
        located = set(c.located)
        targets = [t for t in c.targets if _usable(by_id.get(t)) and t not in located and t not in sources]
        if not sources and (root not in SOURCELESS_ROOTS or not c.code or not c.agentless) and not c.reverse_code:
            continue
        modality = "planned" if c.modality == "asserted" and _after(c.date, published) else c.modality
        pairs, mutual = _pairs(c, sources, targets, rules)
        kept = [(s, t) for s, t in pairs if not _own_country_pair(by_id.get(s or ""), by_id.get(t or ""))]
        if not kept and sources:
            kept = [(s, None) for s in sources]  # the target was its own side: the act stands without one
        for s, t in kept:
            directions = [(c.code, s, t)]
            reverse_ok = rules.keep_every_reverse or any((c.reverse_code or "").startswith(k) for k in rules.reverse_kept)
            if c.reverse_code and reverse_ok and t is not None and s is not None:
                directions.append((c.reverse_code, t, s))
            for code, src, tgt in directions:
                if not code:
                    continue
                sa, ta = by_id.get(src or ""), by_id.get(tgt or "")
                if src is None and (tgt is None or root not in SOURCELESS_ROOTS or not c.agentless):
                    continue  # an unknown source only for agentless violence, and then with known victims
                needs = (
                    rules.requires(code, c.lemma, c.basis, c.noun)
                    | rules.by_lemma_needs(c.act_lemma)
                    | rules.carried_needs(c.act_code, c.act_lemma or c.lemma, c.act_basis, code)
                )
                if not _meets(needs, c, sa, ta):
                    continue
                applies = [
                    name
                    for name, on in (
                        ("noun_trigger", c.noun),
                        ("no_target", ta is None and root not in conf.targetless_roots),
                        ("source_uncoded", sa is not None and not sa.code),
                        ("unknown_source", sa is None),
                        ("target_uncoded", ta is not None and not ta.code),
                        ("reported", modality == "reported"),
                        ("hypothetical", modality == "hypothetical"),
                        ("deep", not c.noun and c.depth >= conf.deep_from),
                        ("many_pairs", len(kept) >= conf.many_pairs_from),
                        ("mutual", mutual),
                        ("indirect_target", c.indirect_target and ta is not None),
                        ("pronoun_source", c.pronoun_source and sa is not None),
                    )
                    if on
                ]
                confidence = conf.score(c.basis, applies)
                if confidence < conf.minimum:
                    continue
                # two mentions of one actor ("The U.S. Insists" and "the United States") are one act
                key = (code, c.start, (sa.code or sa.id) if sa else "", (ta.code or ta.id) if ta else "")
                if key in seen:
                    continue
                seen.add(key)
                code_info = info(code)
                events.append(
                    Event(
                        source=src,
                        target=tgt,
                        code=code,
                        label=code_info.label,
                        quad_class=code_info.quad_class,
                        goldstein=code_info.goldstein,
                        modality=modality,  # type: ignore[arg-type]
                        date=c.date or default_date,
                        evidence=Evidence(c.start, c.end),
                        confidence=confidence,
                    )
                )
    return events
