"""Actors: resolve people, organizations, governments, armed forces, groups and places to CAMEO codes.

The cascade, in order (data in ``newsgraph/data/``; see ``actors_data.py``):

1. Dictionary names (Phoenix 2014 converted, overlaid with the curated countries, places
   and leaders files) are matched over tokens; a person's code is the one valid on the
   published date. Dictionary places inside a PERSON entity ("Vladimir" in "Vladimir
   Ivanov") are dropped: a name is not a place.
2. Capitals listed as metonyms (Moscow, Kyiv, Washington) are the government when they
   act (subject, object, possessor, "between Moscow and Kyiv"), a place after a locative
   preposition ("in Kyiv") or as a modifier; seats of power (the Kremlin) are in the
   dictionary as governments.
3. Names spaCy finds but no dictionary knows take their code from context: the country
   and role nouns in front of them ("Russian government spokesman X"), their apposition
   ("X, head of Russia's council"), else the place the sentence is set in; a person with
   no role noun is a civilian (``default_person_role``), one marked "former" an elite.
4. Role nouns without a name ("US officials", "Ukraine's armed forces") become group or
   organization actors when a country modifies them; "the Russian president" joins the
   person already coded that way.
5. Mentions merge into actors: people by dictionary entry or by surname (spelling
   variants normalized), countries by code, the rest by name and code.

Conventions (countries-2026-11.csv): a demonym codes as its country ("Russian" -> RUS,
"American" -> USA) and joins the country's actor; "Soviet" codes RUS, the Russian
Federation being the USSR's continuator state; a plural nationality used as a noun
("Ukrainians") is the population, coded with ``population_role`` (CVL). Places keep the
bare country code (kind place); governments acting through a capital get GOV.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span, Token

from newsgraph.extract.actors_context import (
    RoleNoun,
    acting,
    business,
    code_from_context,
    compose,
    context_tokens,
    describing,
    employed,
    home_country,
    placed_otherwise,
    residence,
    role_nouns,
    security_issuers,
    state_body_role,
    sets_scene,
    setting,
    sponsored,
    uncoded_firm,
)
from newsgraph.extract.actors_companies import place_companies
from newsgraph.extract.actors_data import COMPANY_PREFIX, ActorData
from newsgraph.extract.actors_names import fold_name, norm_key, same_surname, surname_first
from newsgraph.extract.doctext import doc_ents, doc_text, sentences, token_words
from newsgraph.records import Actor, ActorKind

__all__ = ["ActorData", "extract_actors"]

_STOP = frozenset({",", ";", ":", "(", ")", '"', "“", "”", "‘", "’", "—", "–"})
_NER_KIND: dict[str, ActorKind] = {"PERSON": "person", "ORG": "organization", "GPE": "place", "NORP": "group",
                                   "LOC": "place"}


@dataclass(frozen=True, slots=True)
class _Mention:
    """One coded mention before merging: token span, what it names and how it is coded."""

    start: int
    end: int
    name: str
    code: str | None
    kind: ActorKind
    key: str  # merge key
    title: str = ""  # lemmas of the role nouns stated with or known for a person, space-separated
    anaphor: bool = False  # "the Russian president": refers back, never names the actor
    guessed: bool = False  # its country is the scene's or the document's, not its own


@dataclass(frozen=True, slots=True)
class _NameMatch:
    start: int
    end: int
    entry: int
    key: str


def extract_actors(doc: Doc, published: date | None, data: ActorData) -> list[Actor]:
    """All actors of a document, coded and with their mentions, in order of first mention."""
    matches = _drop_inside_persons(doc, _name_matches(doc, data), data)
    covered = [False] * len(doc)
    for m in matches:
        for i in range(m.start, m.end):
            covered[i] = True
    country_at: dict[int, str] = {}  # token index -> ISO3 for country names/demonyms
    code_at: dict[int, str] = {}  # token index -> code of a coded name (the Kremlin -> RUSGOV)
    mentions: list[_Mention] = []
    places: list[tuple[int, str, bool]] = []  # (token index, ISO3, sets the scene) for context
    issuers = security_issuers(doc, data)
    for i in issuers:
        covered[i] = True  # "German government bonds": no role noun, no entity, no country there
    agents = role_nouns(doc, data, covered)
    # Companies first: their names hold countries that are not actors ("Air Freedonia"), and the people
    # who speak for them read them as context ("<Company> economist X").
    plan = place_companies(doc, matches, published, data, agents)
    matches, based = plan.matches, plan.based
    mentions = [
        _Mention(c.start, c.end, doc[c.start : c.end].text, c.code, "organization", c.key) for c in plan.companies
    ]
    for m in mentions:
        for i in range(m.start, m.end):
            code_at[i] = m.code or ""
    for m in [*matches, *mentions]:
        for i in range(m.start, m.end):
            covered[i] = True
    for i in plan.tickers:
        covered[i] = True
    # Places and organizations first: people read them as context ("Russian President X").
    people = [m for m in matches if data.entries[m.entry].kind == "person"]
    for m in [m for m in matches if data.entries[m.entry].kind != "person"] + people:
        if data.entries[m.entry].kind in ("country", "place") and _names_money(doc, m.end, data):
            continue  # "a Swiss franc bond": the country names a currency, no actor and no scene
        if m.end - 1 in issuers:
            continue  # "U.S. Treasury bonds": the issuer of a security, no actor and no scene
        if data.entries[m.entry].kind == "person":
            mention = _code_person_match(doc, m, published, data, country_at, code_at, agents)
        else:
            mention = _titled_name(doc, m, published, data, agents) or _code_match(doc, m, published, data)
        if mention is None:
            continue
        if m.entry in based and mention.kind == "organization" and data.split_code(mention.code)[0] is None:
            mention = replace(mention, code=COMPANY_PREFIX + based[m.entry])  # "Texaco Inc <TX>": its listing
        iso3, _ = data.split_code(mention.code)
        if data.is_company(mention.code):
            iso3 = None  # where a company is based is no place of the text
        if mention.kind in ("country", "place", "group") and iso3:
            for i in range(m.start, m.end):
                country_at[i] = iso3
            places.append((m.start, iso3, mention.kind != "group" and sets_scene(doc[m.start : m.end], data)))
        elif mention.kind in ("organization", "person") and mention.code:
            # "the Kremlin spokesman", "the Biden administration": the name codes the role noun.
            for i in range(m.start, m.end):
                code_at[i] = mention.code
            if iso3 and mention.kind == "organization":
                places.append((m.start, iso3, False))
        mentions.append(mention)
    places.sort()
    for m in mentions:
        if m.kind == "person":
            for t in context_tokens(doc[m.start : m.end], data.context.topic_preps):
                if t.i in agents:
                    covered[t.i] = True
    for ent in sorted([*doc_ents(doc), *_untagged_people(doc, data, agents, covered)], key=lambda e: e.start):
        # A dictionary name at the entity's head means the dictionary has spoken; one in a
        # modifier ("Russia's Council on ...") leaves the entity to be coded from context.
        if ent.label_ not in _NER_KIND or covered[ent.root.i] or all(covered[i] for i in range(ent.start, ent.end)):
            continue
        if all(t.lower_.rstrip(".") in data.context.table_words for t in ent):
            continue  # "Shr 34 cts vs 1.19 dlrs": a wire table's units and labels are not names
        if ent.root.lower_ in data.context.currency_words and ent.root.pos_ in ("NOUN", "PROPN"):
            continue  # "the U.S. Dollar", "Swiss Franc": a currency is no actor
        if ent.label_ == "ORG" and any(
            c.dep_ == "compound" and c.i < ent.start and c.lower_ in data.context.honorifics for c in ent.root.children
        ):
            ent = Span(doc, ent.start, ent.end, label="PERSON")  # "Vice-President Moody Awori": a title makes a person
        if ent.label_ == "PERSON":
            ent = _trim_person(doc, ent, data)
            if len(ent) == 1 and (ent[0].lower_.rstrip(".") in data.context.honorifics or ent[0].lower_ in data.agents):
                continue  # "Sen." split off "Sen. Bob Packwood" is no one
        if ent.label_ == "PERSON" and ent.root.dep_ == "pobj" and ent.root.head.lower_ in data.context.locative_preps:
            ent = Span(doc, ent.start, ent.end, label="GPE")  # "killed in Khan Younis": a place NER took for a name
        if ent.label_ != "PERSON" and _titles_a_person(ent.root):
            continue  # "foreign ministry" in "Iran's foreign ministry spokesman X" is part of X's title
        entry = _person_by_full_name(ent, data) if ent.label_ == "PERSON" else None
        if entry is not None:
            match = _NameMatch(ent.start, ent.end, entry, norm_key(ent.text))
            mention = _code_person_match(doc, match, published, data, country_at, code_at, agents)
        else:
            mention = _code_entity(doc, ent, data, country_at, code_at, agents, places)
        if mention is None:
            continue
        mentions.append(mention)
        for i in range(ent.start, ent.end):
            covered[i] = True
        if mention.kind in ("person", "organization"):
            described = context_tokens(ent, data.context.topic_preps) if mention.kind == "person" else [
                t for c in ent.root.children if c.dep_ == "appos" for t in describing(c, data.context.topic_preps)
            ]
            for t in described:
                if t.i in agents:  # the title belongs to the name ("government spokesman X")
                    covered[t.i] = True
            if mention.code:
                for i in range(ent.start, ent.end):
                    code_at[i] = mention.code
    mentions.extend(_agent_mentions(doc, data, agents, covered, country_at, code_at, mentions, places))
    # PETRARCH writes a name standing for several actors as one code ("FRO/BIL/SAM").
    mentions = [part for m in mentions for part in _split_compound(m)]
    return _merge(doc, mentions, data)


def _untagged_people(doc: Doc, data: ActorData, agents: dict[int, RoleNoun], covered: list[bool]) -> list[Span]:
    """Names the tagger missed that the text titles as people: a capitalized name of two words or more right
    after a title ("Iranian Premier Mir-Hossein X") or with a role noun in apposition ("X Y, the Foreign
    Ministry's deputy director, said"), tagged nothing at all. Without them the description is lost and the
    speaker becomes the country of the title (issue 12)."""
    tagged = {i for ent in doc_ents(doc) for i in range(ent.start, ent.end)}

    def free(t: Token) -> bool:
        return t.i not in tagged and not covered[t.i] and t.pos_ == "PROPN" and t.text[:1].isupper() and not t.is_upper

    found: list[Span] = []
    for t in doc:
        if not free(t) or t.dep_ == "compound" or t.i in agents:
            continue
        start = t.i
        while start > 0 and (free(doc[start - 1]) or (
            doc[start - 1].text == "-" and start > 1 and free(doc[start - 2])
            and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_
        )) and start - 1 not in agents:
            start -= 1
        if sum(1 for k in range(start, t.i + 1) if doc[k].pos_ == "PROPN") < 2 or doc[start].text == "-":
            continue
        if any(w.lower_.rstrip(".") in data.context.company_words | data.context.institution_nouns for w in doc[start : t.i + 1]):
            continue  # "National Health Enhancement Systems Inc": a firm's name, not a person's
        before = doc[start - 1] if start > 0 else None
        titled = (
            before is not None and before.i in agents and before.text[:1].isupper()
            and agents[before.i].role != data.context.default_person_role  # ("National ..." is no title)
        )
        apposed = any(c.dep_ == "appos" and any(k in agents for k in range(c.left_edge.i, c.i + 1)) for c in t.children)
        if titled or apposed:
            found.append(Span(doc, start, t.i + 1, label="PERSON"))
    return found


def _split_compound(m: _Mention) -> list[_Mention]:
    if not m.code or "/" not in m.code:
        return [m]
    return [replace(m, code=code, key=f"{m.key}/{code}") for code in m.code.split("/") if code]


# --- 1. dictionary names -------------------------------------------------------------------------


def _name_matches(doc: Doc, data: ActorData) -> list[_NameMatch]:
    """Longest dictionary names, left to right, starting at capitalized tokens."""
    found: list[_NameMatch] = []
    n = len(doc)
    if not n:
        return found
    keys: list[str | None] = [None] * n
    text, words = doc_text(doc), token_words(doc)
    # (a Doc without sentence boundaries has no sentence start after its first token)
    sentence = sentences(doc) if doc.has_annotation("SENT_START") else None
    starts = doc.to_array([IDX, LENGTH]).tolist()
    i = 0
    while i < n:
        # only a capital, a number or a name particle opens a name: test the text before any Token
        idx, length = starts[i]
        initial, lower = text[idx], words[i][0]
        opens = initial.isupper() or initial.isdigit() and length > 1
        # a lower-case particle opens an Arabic name before a hyphenated capital, or as bin/ibn
        particle = not opens and lower in data.words.particles and i + 2 < n and (
            (doc[i + 1].text == "-" and doc[i + 2].text[:1].isupper()) or lower in data.words.standalone_particles
        )
        if not (opens or particle) or doc[i].pos_ == "PRON":
            i += 1
            continue
        key = ""
        best: _NameMatch | None = None
        for j in range(i, min(n, i + 10)):
            # the word's text and spacing read from the offsets: no Token per word of a name
            at, size = starts[j]
            word = text[at : at + size]
            if word in _STOP or (j > i and sentence is not None and sentence.start(j) == j):
                break
            # a lower-case word ends the name, unless it is the tail of a hyphenated one ("Jae-in")
            hyphenated = (
                j > i + 1
                and words[j - 1][0] == "-"
                and sum(starts[j - 2]) == starts[j - 1][0]  # no space after either word
                and sum(starts[j - 1]) == at
            )
            if j > i and word.islower() and words[j][0] not in data.words.connectors and not hyphenated:
                break
            piece = keys[j]
            if piece is None:
                piece = keys[j] = norm_key(word)
            key += piece
            if len(key) > data.name_max_chars:
                break
            if piece and key in data.names:
                best = _NameMatch(i, j + 1, data.names[key], key)
            if piece and not _begins_a_name(key, data.sorted_names):
                break  # no longer name starts with this one
        if best is not None and best.end - best.start == 1 and doc[i].is_stop and not doc[i].is_upper:
            best = None  # "Who ..." is a question, "WHO" the organization; "Us" is not the US
        if best is not None:
            found.append(best)
            i = best.end
        else:
            i += 1
    return found


def _begins_a_name(key: str, sorted_names: tuple[str, ...]) -> bool:
    """Some dictionary name starts with ``key`` (always true without the sorted names)."""
    if not sorted_names:
        return True
    k = bisect_left(sorted_names, key)
    return k < len(sorted_names) and sorted_names[k].startswith(key)


def _drop_inside_persons(doc: Doc, matches: list[_NameMatch], data: ActorData) -> list[_NameMatch]:
    """A dictionary place or country inside a longer PERSON entity is part of a name."""
    person_of = {}
    for ent in doc_ents(doc):
        if ent.label_ == "PERSON":
            for i in range(ent.start, ent.end):
                person_of[i] = ent
    kept = []
    for m in matches:
        ent = person_of.get(m.start)
        if ent is not None:
            ent = _trim_person(doc, ent, data)
        entry = data.entries[m.entry]
        if ent is not None and entry.kind == "person" and m.end - m.start == 1:
            if (ent.start, ent.end) != (m.start, m.end):
                # "Hassan" in "Omar Hassan al-Bashir" or "Ali Hassan" is not the dictionary's
                # Hassan by surname alone; the full name is looked up with its first name.
                continue
        if (
            ent is not None
            and entry.kind in ("country", "place")
            and m.key not in data.capitals
            and m.key not in data.countries
            and (ent.start, ent.end) == (m.start, m.end)
        ):
            continue  # a minor place name that is also a surname: trust the person reading
        if (
            ent is not None
            and entry.kind in ("country", "place")
            and (ent.end - ent.start) > (m.end - m.start)
            # a first name ("Vladimir Ivanov"), not a head ("Evil Mordor"); a family name after a particle is a
            # name wherever it stands ("Sheikh Ali al-Sabah" is no Malaysian state)
            and (m.end < ent.end or _after_particle(doc, m.start, data))
            and m.key not in data.capitals
            and not _is_demonym(doc[m.start])
        ):
            continue
        kept.append(m)
    return kept


def _after_particle(doc: Doc, i: int, data: ActorData) -> bool:
    """Whether token ``i`` follows a name particle and a hyphen ("al-Sabah", "el-Din")."""
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in data.words.particles


def _titles_a_person(token: Token) -> bool:
    """Whether a token is (a compound of a compound of) a person's name: part of a title."""
    for _ in range(3):
        if token.dep_ != "compound" or token.head.i == token.i:
            return False
        token = token.head
        if token.ent_type_ == "PERSON":
            return True
    return False


def _person_by_full_name(ent: Span, data: ActorData) -> int | None:
    """A dictionary person whose surname and first name both match, spelling folded (Dmitri/Dmitry)."""
    if len(ent) < 2:
        return None
    first = fold_name(ent[0].text)
    for index in data.surnames.get(fold_name(ent[-1].text), ()):
        if fold_name(data.entries[index].name.split()[0]) == first:
            return index
    return None


def _trim_person(doc: Doc, ent: Span, data: ActorData) -> Span:
    """A PERSON entity without the honorifics and role nouns spaCy sometimes includes ("Bartender X")."""
    start, end = ent.start, ent.end
    while start < end - 1 and (doc[start].lower_.rstrip(".") in data.context.honorifics or doc[start].lower_ in data.agents):
        start += 1
    while end - 1 > start and doc[end - 1].lower_ in ("'s", "\u2019s", "'"):
        end -= 1  # "Galadhon's": the possessive is not part of the name
    return ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label_)


def _names_money(doc: Doc, end: int, data: ActorData) -> bool:
    """Whether the word after a country or place name is a currency it modifies ("Swiss franc",
    "Luxembourg francs", "Australian dollar"), not a verb ("Japan won")."""
    return end < len(doc) and doc[end].lower_ in data.context.currency_words and doc[end].pos_ in ("NOUN", "PROPN")


def _is_demonym(token: Token) -> bool:
    return token.pos_ == "ADJ" or token.ent_type_ == "NORP"


def _code_match(doc: Doc, m: _NameMatch, published: date | None, data: ActorData) -> _Mention | None:
    entry = data.entries[m.entry]
    span = doc[m.start : m.end]
    code = entry.code_on(published)
    if entry.kind in ("country", "place"):
        iso3 = (code or "")[:3] or None
        if m.key in data.capitals or (entry.kind == "place" and m.key in data.capitals):
            if acting(span, data):
                return _Mention(m.start, m.end, span.text, f"{iso3}GOV", "organization", f"gov:{m.key}")
            return _Mention(m.start, m.end, span.text, iso3, "place", f"place:{m.key}")
        if m.key in data.countries:
            iso3 = data.countries[m.key]
            # (NER sometimes calls "Bosnian Serbs" a person; a plural demonym is a people all the same)
            if span.root.tag_ in ("NNPS", "NNS") and span.root.ent_type_ in ("NORP", "PERSON"):
                # "Ukrainians", "Palestinians": the people of a country, CAMEO's civilians.
                code = compose(residence(span.root, data) or iso3, data.context.population_role or None)
                return _Mention(m.start, m.end, span.text, code, "group", f"group:{m.key}")
            return _Mention(m.start, m.end, entry.name if entry.kind == "country" else span.text, iso3, "country",
                            f"country:{iso3}")
        return _Mention(m.start, m.end, span.text, iso3, "place", f"place:{m.key}")
    return _Mention(m.start, m.end, entry.name if len(entry.name) > 4 else span.text, code, entry.kind,
                    f"entry:{m.entry}")


def _code_person_match(
    doc: Doc,
    m: _NameMatch,
    published: date | None,
    data: ActorData,
    country_at: dict[int, str],
    code_at: dict[int, str],
    agents: dict[int, RoleNoun],
) -> _Mention:
    """A dictionary person, its dated code overruled by what the text itself asserts.

    A title in front of the name ("President X") is the office now, even where the
    dictionary's dates say otherwise; a one-word name whose stated country differs from the
    entry's ("King Hassan of Morocco" vs. a Jordanian Hassan) is someone else.
    """
    entry = data.entries[m.entry]
    code = entry.code_on(published)
    iso3, role = data.split_code(code)
    context = context_tokens(doc[m.start : m.end], data.context.topic_preps)
    base, stated_role, former = code_from_context(context, data, country_at, code_at, agents)
    title_lemma = next((doc[i].lemma_.lower() for i in (t.i for t in context) if i in agents), "")
    for t in doc[m.start : m.end - 1]:  # a title inside the dictionary phrase ("President Bush")
        title = data.agents.get(t.lower_)
        if title is not None:
            stated_role = stated_role or title.role
            title_lemma = title_lemma or t.lemma_.lower()
        former = former or t.lower_ in data.context.former_words
    key = f"entry:{m.entry}"
    name = entry.name
    if code is None and entry.ranges:
        # Out of every dated office and no default: still of the country the offices were in.
        iso3 = data.split_code(entry.ranges[-1].code)[0]
        role = data.context.out_of_office_role or None
        code = compose(iso3, role) if iso3 else None
    if base is not None and iso3 is not None and base[:3] != iso3 and m.end - m.start == 1:
        iso3, role, key, name = base, None, "person:" + fold_name(doc[m.start].text), doc[m.start].text
        code = base
    elif (
        stated_role is not None and not former and base is not None and iso3 is not None and base != iso3
        and data.split_code(base)[0] == base and role in (None, data.context.out_of_office_role)
    ):
        # "Soviet Foreign Minister X" in 1987, where the dictionary has X in no office until he led Georgia:
        # the title the text gives him is his own evidence, the dictionary's later country is not
        iso3 = base
    if stated_role is not None and not former and (role is None or role == data.context.out_of_office_role):
        code = compose(iso3 or base or "", stated_role) if (iso3 or base) else code
    elif code and role is None and data.context.out_of_office_role:
        code = code + data.context.out_of_office_role
    known = " ".join(entry.titles) if key.startswith("entry:") else ""
    return _Mention(m.start, m.end, name, code, "person", key, " ".join(filter(None, (title_lemma, known))))


def _titled_name(doc: Doc, m: _NameMatch, published: date | None, data: ActorData, agents: dict[int, RoleNoun]) -> _Mention | None:
    """A name coded with a bare country but titled like a person ("Bree President Romendacil").

    PETRARCH-style dictionaries list people with their country code only; the title in
    front of the name makes them a person and supplies the role.
    """
    entry = data.entries[m.entry]
    root = doc[m.start : m.end].root
    if entry.kind not in ("country", "place") or _is_demonym(root) or root.ent_type_ in ("GPE", "LOC", "FAC"):
        return None
    title = next((agents[c.i] for c in root.children if c.dep_ == "compound" and c.i < m.start and c.i in agents), None)
    code = entry.code_on(published)
    if title is None or not code:
        return None
    return _Mention(m.start, m.end, entry.name, compose(code, title.role, title.prefix), "person", f"entry:{m.entry}")


# --- 3. names from context -----------------------------------------------------------------------


def _code_entity(
    doc: Doc,
    ent: Span,
    data: ActorData,
    country_at: dict[int, str],
    code_at: dict[int, str],
    agents: dict[int, RoleNoun],
    places: list[tuple[int, str, bool]],
) -> _Mention | None:
    kind = _NER_KIND[ent.label_]
    if kind == "person":
        context = context_tokens(ent, data.context.topic_preps)
        country, role, former = code_from_context(context, data, country_at, code_at, agents)
        country, role = employed(country, role, data)
        own_country = country is not None
        described = country is not None or any(
            t.dep_ == "appos" and t.pos_ in ("NOUN", "PROPN") for t in ent.root.children
        )
        noble = any(t.lower_ in data.context.nobility_titles for t in context)
        if (role is None or role in data.context.company_staff_roles) and uncoded_firm(context, data, code_at, agents):
            role = data.context.company_role  # "X, an analyst for Nordvik and Co Ltd": a firm's people are business
        elif role is None and any(data.is_company(code_at.get(t.i)) for t in context):
            role = data.context.company_role  # "X, head of the U.S. unit of <a coded firm>": no title, the firm's
        if country is None and not noble and not uncoded_firm(context, data, code_at):
            # (a person titled by a firm no dictionary knows is of that firm, not of a country near it; a prince
            # named with no country is of none the sentence names: "Prince X said the United States ...")
            country = setting(doc, ent, places, forward=role is not None, motion=data.context.motion_verbs,
                              official=role in data.context.home_country_roles)
        if role is None and not described:
            role = data.context.default_person_role or None
        elif former and role is not None and role[:3] in ("GOV", "MIL"):
            role = data.context.out_of_office_role
        code = compose(country, role) if country else None
        title = next((t.lemma_.lower() for t in context if t.i in agents), "")
        return _Mention(ent.start, ent.end, ent.text, code, "person", "person:" + fold_name(ent[-1].text), title,
                        guessed=code is not None and not own_country)
    if kind == "organization":
        children = list(ent.root.children)  # Span.root walks heads: compute it once
        inner = [t for t in ent] + [c for c in children if c.dep_ in ("poss", "compound", "amod")]
        inner += [t for c in children if c.dep_ == "poss" for t in describing(c, data.context.topic_preps)]
        # "Nova, the Canadian company, ...": the apposition describes the organization.
        inner += [t for c in children if c.dep_ == "appos" for t in describing(c, data.context.topic_preps)]
        # a role word inside the name is not the organization's role when the name is headed by neither a role
        # nor an institution or firm word: "Petroleum Intelligence Weekly" is no intelligence service; the "Serbian
        # Workers' Union" is the workers' union
        roles = agents
        head = ent.root.lower_.rstrip(".")
        if ent.root.i not in agents and head not in data.context.institution_nouns | data.context.company_words:
            roles = {i: r for i, r in agents.items() if not ent.start <= i < ent.end}
        country, role, _ = code_from_context(inner, data, country_at, code_at, roles)
        guessed = False
        if len({country_at[t.i] for t in ent if t.i in country_at}) > 1 or "/" in ent.text:
            country = None  # "the Japan/India-Pakistan-Gulf/Japan shipping conference": a route, no one country's
        elif country is None and role in data.context.home_country_roles and not placed_otherwise(ent.root, data):
            country = home_country(doc, ent.root, places, data)  # "TOKYO - The Finance Ministry said"
            guessed = country is not None
        code = compose(country, role) if country else None
        # "China's defence ministry": the possessor names it, and tells two ministries apart.
        owner = [c.i for c in children if c.dep_ == "poss" and c.i < ent.start and c.i in country_at]
        start = min(owner) if owner else ent.start
        name = doc[start : ent.end].text
        return _Mention(start, ent.end, name, code, "organization", f"org:{norm_key(ent.text)}:{code}",
                        guessed=guessed and not owner)
    if kind == "group":
        return None  # a nationality or creed no dictionary knows codes nothing
    # "Bam, Iran": a place the dictionaries lack takes the country written after it.
    after = ent.end + 1
    code = country_at.get(after) if after < len(doc) and doc[ent.end].text == "," else None
    return _Mention(ent.start, ent.end, ent.text, code, kind, f"{kind}:{norm_key(ent.text)}")


# --- 4. role nouns without a name ----------------------------------------------------------------


def _agent_mentions(
    doc: Doc,
    data: ActorData,
    agents: dict[int, RoleNoun],
    covered: list[bool],
    country_at: dict[int, str],
    code_at: dict[int, str],
    earlier: list[_Mention],
    places: list[tuple[int, str, bool]] | None = None,
) -> list[_Mention]:
    out: list[_Mention] = []
    for head_i, agent in agents.items():
        token = doc[head_i]
        if any(covered[i] for i in range(agent.start, agent.end)):
            continue
        # A title in front of a name ("President Zelensky", "bartender X") belongs to the name.
        if token.dep_ == "compound" and token.head.ent_type_ == "PERSON":
            continue
        if token.head.ent_type_ == "PERSON" and token.dep_ in ("appos",):
            continue
        if token.dep_ == "appos" and code_at.get(token.head.i):
            continue  # "Mitsui, the Japanese trading house": describes the coded name, no second actor
        if token.dep_ == "compound" and token.head.i in agents:
            continue  # "government" in "government official": the official is the actor
        if (token.dep_ == "compound" and token.is_title and token.head.pos_ == "PROPN" and token.head.is_title
                and token.head.i not in country_at and token.head.i > token.i):
            continue  # "Intelligence" in "Petroleum Intelligence Weekly": a word of a longer name
        describers = list(doc[token.left_edge.i : agent.start])
        if token.dep_ == "compound":
            describers += [c for c in token.head.children if c.i < token.i and c.dep_ in ("amod", "poss", "compound")]
        lemma = token.lemma_.lower()
        # placed by its own modifier ("the Canadian embassy", "U.S. and EC officials") or posted abroad
        # ("Western diplomats"): a place they are in is not whose they are
        own = any(t.i in country_at or t.i in code_at for t in describers)
        abroad = lemma in data.context.posted_abroad or token.lower_ in data.context.posted_abroad
        acting_for = False
        for child in token.children:
            # "president of Armenia", "rebels in Darfur", "students throughout Indonesia"; not where an embassy
            # or officials placed by their own modifier are ("the Canadian embassy in Copenhagen", "U.S. officials
            # in London"), nor where diplomats are posted ("diplomats in Moscow")
            if child.dep_ == "prep" and child.lower_ in data.context.affiliation_preps:
                if not ((own or abroad) and child.lower_ in data.context.locative_preps):
                    describers.extend(describing(child, data.context.topic_preps))
            elif child.dep_ == "prep" and child.lower_ in data.context.acting_for_preps and (
                token.lower_ in data.context.acting_for_nouns
            ):
                describers.extend(describing(child, data.context.topic_preps))  # "a spokesman for the federation"
                acting_for = True
        owned, owner = (False, None)
        if agent.role[:3] in data.context.home_country_roles:  # (workers of a firm are its workers, not the firm)
            owned, owner = _owner(doc, token, describers, data, country_at, code_at, agents, earlier)
        if owned and acting_for:
            continue  # "a spokesman for Orvane Mining Corp": the speakers stage makes the firm itself the speaker
        if owned:
            # "a Toyota spokesman", "officials of Sony": the firm's code; an unknown firm's people have no country.
            # Still a person or group of its own, so that "he said" goes on finding the spokesman.
            kind_of: ActorKind = "group" if token.tag_ in ("NNS", "NNPS") else "person"
            code = owner.code if owner is not None else None
            out.append(_Mention(agent.start, agent.end, doc[agent.start : agent.end].text, code, kind_of,
                                f"{kind_of}:{owner.key if owner is not None else agent.start}:{lemma}"))
            continue
        country, _, former = code_from_context(describers, data, country_at, code_at, agents)
        countries = list(dict.fromkeys(country_at[t.i] for t in describers if t.i in country_at and not sponsored(t, data)))
        if country is not None and country not in countries:
            countries.insert(0, country)
        if not countries and token.dep_ == "compound" and token.head.i in country_at:
            countries = [country_at[token.head.i]]  # "MSF Arnor": the agent names the country's branch
        if not countries:
            found = _possessive_country(token, earlier, country_at, data)
            countries = [found] if found else []
        if not countries and not former and _definite(token, data) and token.tag_ == "NN":
            # "the president" with no country: the latest person known by that title, if recent.
            target = _antecedent(earlier, None, token.lemma_.lower(), agent.start, doc)
            if target is not None:
                out.append(_Mention(agent.start, agent.end, doc[agent.start : agent.end].text, target.code, "person",
                                    target.key, token.lemma_.lower(), True))
                continue
        elif not countries and token.tag_ in ("NNS", "NNPS"):
            # "Ukrainian officials said ... Officials added": the same group, if named recently.
            group = _recent_group(out, token.lemma_.lower(), agent.start, doc)
            if group is not None:
                out.append(_Mention(agent.start, agent.end, doc[agent.start : agent.end].text, group.code, "group",
                                    group.key, anaphor=True))
                continue
        guessed = False
        if not countries and not former and agent.role in data.context.home_country_roles and not placed_otherwise(token, data):
            # "the defence ministry", "police", "officials" with no country of their own: the state of the
            # scene, the dateline or the country the document is about (issue 12)
            home = home_country(doc, token, places or [], data)
            countries = [home] if home else []
            guessed = bool(home)
        if not countries:
            continue
        if agent.role in data.context.business_roles and any(data.is_company(c) for c in countries):
            continue  # "Texaco's suppliers": other firms, neither Texaco nor a country's business
        role = agent.role if not former else data.context.out_of_office_role
        body = state_body_role(describers, data, code_at)
        if body is not None and role in data.context.state_staff_roles:
            role = body  # "a Bundesbank economist": the state body's staff (GOV), not an academic (EDU)
        start = min([agent.start] + [t.i for t in describers if t.i in country_at or t.i in code_at])
        span = doc[start : agent.end]
        kind: ActorKind = "group" if token.tag_ in ("NNS", "NNPS") or token.dep_ == "compound" else "person"
        if token.lemma_.lower() in data.context.institution_nouns:
            kind = "organization"
        for iso3 in countries:
            code = compose(iso3, role, agent.prefix)
            lemma = token.lemma_.lower()
            if kind == "person" and _definite(token, data):
                target = _antecedent(earlier, code, lemma, agent.start, doc)
                if guessed and (target is None or lemma not in target.title.split()) and _bare(token):
                    # "the minister" paragraphs after "Australian Trade Minister X" in a Washington story: still the
                    # one minister the text named, not a guess from the dateline or the document's country (issue
                    # 12); not someone out of office ("former governor X", a candidate), not "the band leader"
                    titled = _antecedent(earlier, None, lemma, agent.start, doc, anywhere=True)
                    if titled is not None and data.split_code(titled.code)[1] != data.context.out_of_office_role:
                        target = titled
                if target is not None:  # "the Russian president" after "Vladimir Putin"
                    out.append(_Mention(span.start, span.end, span.text, target.code, "person", target.key, lemma, True))
                    continue
            out.append(_Mention(span.start, span.end, span.text, code, kind, f"{kind}:{code}:{lemma}", guessed=guessed))
    return out


def _owner(
    doc: Doc,
    token: Token,
    describers: list[Token],
    data: ActorData,
    country_at: dict[int, str],
    code_at: dict[int, str],
    agents: dict[int, RoleNoun],
    earlier: list[_Mention],
) -> tuple[bool, _Mention | None]:
    """Whether an organization other than a state owns a role noun, and its mention when it has a code.

    The first coded name or country in the description decides ("a Toyota spokesman", "officials
    of Sony": the firm; "White House officials": a state); an organization named there with no code
    leaves them uncoded (the organization's country is theirs, unknown). A firm no dictionary knows ("a Kawamura
    Industries spokesman") owns it uncoded. A lower-case firm noun ("a senior bank official", "company
    officials") is the latest coded organization named before with that last word ("the Asian
    Development Bank") or, for a generic firm noun, the latest firm named before; else an unknown firm.
    """
    for t in describers:
        if t.i in country_at and t.i not in code_at:
            return False, None
        if t.i in code_at:
            if not business(code_at[t.i], data):
                return False, None
            found = [m for m in earlier if m.kind == "organization" and m.code and m.start <= t.i < m.end]
            return True, found[0] if found else None
        uncoded = next(
            (m for m in earlier if m.kind == "organization" and m.code is None and m.start <= t.i < m.end), None
        )
        if uncoded is not None:
            # "a Finance Ministry spokesman" after "the German Finance Ministry", "LDP officials" after "the Liberal
            # Democratic Party": that one's; with no such name, the organization has no country and nor have they
            return True, _named_in_full(doc, uncoded, earlier) or _expanded(doc, uncoded, earlier)
    k = token.i
    while k > 0 and doc[k - 1].dep_ == "compound" and doc[k - 1].is_title:
        k -= 1  # "a Finance Ministry spokesman": the capitalized name in front of the role noun
    if k < token.i:
        full = _named_in_full(doc, _Mention(k, token.i, "", None, "organization", ""), earlier)
        if full is not None:
            return True, full
    if uncoded_firm(describers, data, code_at):
        return True, None
    for c in token.children:
        word = c.lemma_.lower()
        if c.dep_ != "compound" or c.i > token.i or c.pos_ != "NOUN" or word not in data.context.company_words:
            continue
        if c.i in agents and agents[c.i].role not in data.context.business_roles:
            return False, None  # "central bank officials": a state's
        before = [m for m in earlier if m.kind == "organization" and m.code and m.start < token.i]
        named = [m for m in before if m.end - m.start > 1 and doc[m.end - 1].lower_ == word]
        if not named and c.i in agents:  # "company officials": a generic firm noun, the latest firm named
            named = [m for m in before if business(m.code or "", data)]
        return True, max(named, key=lambda m: m.start) if named else None
    return False, None


def _named_in_full(doc: Doc, short: _Mention, earlier: list[_Mention]) -> _Mention | None:
    """The latest coded organization named before ``short`` whose name ends with its words ("the German
    Finance Ministry" for "Finance Ministry", "the World Bank" for "the Bank")."""
    words = [t.lower_ for t in doc[short.start : short.end] if t.dep_ != "det"]
    found = None
    for m in earlier:
        if m.kind != "organization" or not m.code or m.start >= short.start or m.end - m.start <= len(words):
            continue
        if [t.lower_ for t in doc[m.end - len(words) : m.end]] == words and (found is None or m.start > found.start):
            found = m
    return found


def _expanded(doc: Doc, short: _Mention, mentions: list[_Mention]) -> _Mention | None:
    """The coded organization of the document whose capitalized words' initials spell an uncoded acronym
    ("ADB" for the Asian Development Bank, "LDP" for the Liberal Democratic Party)."""
    word = doc[short.start].text
    if short.end - short.start != 1 or not (2 <= len(word) <= 6 and word.isalpha() and word.isupper()):
        return None
    for m in mentions:
        if m.kind == "organization" and m.code and m.end - m.start > 1:
            words = [t for t in doc[m.start : m.end] if t.dep_ != "poss" and t.text[:1].isupper() and t.text.isalpha()]
            initials = "".join(t.text[0] for t in words)  # ("Japan's Liberal Democratic Party": not the owner)
            if initials.upper() == word and not doc[m.start : m.end].text.isupper():
                return m
    return None


def _recent_named(found: list[_Mention], token: Token, before: int, doc: Doc) -> _Mention | None:
    """The latest coded mention of several words ending with ``token``'s word, in its sentence or the two before."""
    window = doc[before].sent.start
    for _ in range(2):
        window = doc[window - 1].sent.start if window > 0 else 0
    same = [m for m in found if m.code and m.end - m.start > 1 and window <= m.start < before
            and doc[m.end - 1].lower_ == token.lower_]
    return max(same, key=lambda m: m.start) if same else None


def _recent_group(found: list[_Mention], lemma: str, before: int, doc: Doc) -> _Mention | None:
    """The latest group named with this role noun in the sentence or the two before."""
    sentence = sentences(doc)
    window = sentence.start(before)
    for _ in range(2):
        window = sentence.start(window - 1) if window > 0 else 0
    same = [m for m in found if m.kind == "group" and m.key.endswith(f":{lemma}") and window <= m.start < before]
    return max(same, key=lambda m: m.start) if same else None


def _bare(token: Token) -> bool:
    """A role noun with nothing but its article ("the minister"): it can only point back."""
    return all(c.dep_ == "det" for c in token.children if c.i < token.i)


def _definite(token: Token, data: ActorData) -> bool:
    """A singular role noun with "the"/"this"/"that" or a possessive: it points at someone known."""
    determiners = data.words.definite_determiners
    return token.tag_ == "NN" and any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in determiners) for c in token.children
    )


def _antecedent(
    earlier: list[_Mention], code: str | None, title: str, before: int, doc: Doc, anywhere: bool = False
) -> _Mention | None:
    """The latest earlier person with this code and title; without a code, within three sentences, else (with
    ``anywhere``) anywhere before."""
    candidates = [
        m for m in earlier
        if m.kind == "person" and m.end <= before and not m.anaphor and (code is None or m.code == code)
    ]
    titled = [m for m in candidates if title in m.title.split()]
    if code is None:
        sentence = sentences(doc)
        window = sentence.start(before)
        for _ in range(2):
            window = sentence.start(window - 1) if window > 0 else 0
        recent = [m for m in titled if m.start >= window]
        # "the minister" paragraphs after "Australian Trade Minister X": still the one minister the text named,
        # before any guess from the dateline or the country the document is about (issue 12)
        pool = recent or (titled if anywhere else [])
        return max(pool, key=lambda m: m.start) if pool else None
    pool = titled or [m for m in candidates if not m.title]
    return max(pool, key=lambda m: m.start) if pool else None


def _possessive_country(token: Token, earlier: list[_Mention], country_at: dict[int, str], data: ActorData) -> str | None:
    """"the country's foreign ministry": the country noun points back at the last country named."""
    for child in token.children:
        if child.dep_ == "poss" and child.lemma_.lower() in data.context.country_nouns:
            best = None
            for i, iso3 in sorted(country_at.items()):
                if i < child.i:
                    best = iso3
            return best
    return None


# --- 5. merging ----------------------------------------------------------------------------------


def _representative(group: list[_Mention]) -> _Mention:
    """The mention that names the actor: coded, most frequent name, longest for people."""
    counts: dict[str, int] = {}
    for m in group:
        counts[m.name] = counts.get(m.name, 0) + 1
    if group[0].kind == "person":
        # a code the text states for the person outranks one taken from the scene
        return max(group, key=lambda m: (not m.anaphor, m.code is not None, not m.guessed, len(m.name.split()),
                                         counts[m.name]))
    return max(group, key=lambda m: (not m.anaphor, m.code is not None, counts[m.name], -m.start))


def _surnames_to_full_names(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """A surname alone names the person the document names in full with it: the nearest such
    full name before it, else the first after it (a headline's "Clinton" before the body's
    "Hillary Clinton"), rather than whoever the dictionary lists under the surname alone."""
    full: dict[str, list[_Mention]] = {}  # folded surname -> full-name mentions, in text order
    for m in mentions:
        if m.kind == "person" and not m.anaphor and m.end - m.start > 1:
            surname = m.start if surname_first([t.text for t in doc[m.start : m.end]]) else m.end - 1
            full.setdefault(fold_name(doc[surname].text), []).append(m)
    out = []
    for m in mentions:
        named = full.get(fold_name(doc[m.start].text)) if m.end - m.start == 1 else None
        if named and m.kind in ("organization", "place") and m.code is None and not m.key.startswith("entry:"):
            # "Lyng said" after "Agriculture Secretary Richard Lyng": the tagger took the surname for a firm, or
            # for a place ("After talks in Washington, Kerin said"): the person named in full keeps his country
            person = max((n for n in named if n.start < m.start), key=lambda n: n.start, default=named[0])
            m = replace(m, key=person.key, name=person.name, kind="person")
            named = None
        if named and m.kind == "person" and not m.anaphor:
            before = [n for n in named if n.start < m.start]
            person = before[-1] if before else named[0]
            if m.key.startswith("entry:") and m.key != person.key:
                # the dictionary's person under this surname is someone else: drop its name and code
                m = replace(m, key=person.key, name=person.name, code=person.code)
            elif m.guessed and m.end - m.start == 1:
                # "Lange said" after "Bundesbank vice-president Hans Lange": the surname's own code is only the
                # scene's country and a default role; the person named in full is coded by his description
                m = replace(m, key=person.key, code=person.code, guessed=person.guessed)
            else:
                m = replace(m, key=person.key)
        out.append(m)
    return out


def _heads_to_full_names(
    doc: Doc, mentions: list[_Mention], legal_words: frozenset[str] = frozenset()
) -> list[_Mention]:
    """'The World Bank said ... the Bank said', 'the German Finance Ministry ... the Finance Ministry said': an
    uncoded organization whose words end a coded organization's name named before it is that organization; so is
    a one-word one whose country was only guessed, when such a name came in its sentence or the two before. A
    stray legal form ("Co") is not the company it ends ("Atlantic Richfield Co")."""
    out: list[_Mention] = []
    for m in mentions:
        full = None
        stray_form = m.end - m.start == 1 and doc[m.start].lower_.rstrip(".") in legal_words
        if m.kind == "organization" and m.code is None and not stray_form:
            full = _named_in_full(doc, m, out) or _expanded(doc, m, mentions)
        elif m.guessed and m.end - m.start == 1:
            # "U.S. Navy ships shelled a platform and Navy divers boarded another": the Navy just named, not a
            # guess from the scene
            full = _recent_named([n for n in out if not n.guessed], doc[m.start], m.start, doc)
        if full is not None:
            m = replace(m, key=full.key, name=full.name, code=full.code, kind=full.kind)
        out.append(m)
    return out


def _first_words_to_companies(doc: Doc, mentions: list[_Mention], data: ActorData) -> list[_Mention]:
    """'Nomura Securities said ... Nomura added': an uncoded one-word organization that is the first word of the
    one company the document names with it (in any order), or of one named two ways ("Shearson Lehman Brothers
    Inc", "Shearson Lehman"), is that company."""
    firsts: dict[str, dict[str, _Mention]] = {}  # first word -> company key -> a mention of it
    for m in mentions:
        if m.kind == "organization" and data.is_company(m.code) and m.end - m.start > 1:
            firsts.setdefault(doc[m.start].lower_, {}).setdefault(m.key, m)
    # a one-word "person" the tagger made of a company's first word ("Brambleton said" after "Brambleton Holdings
    # Ltd") is the company, unless someone the text names in full has it as a surname
    surnames = {doc[m.end - 1].lower_ for m in mentions if m.kind == "person" and m.end - m.start > 1}
    out = []
    for m in mentions:
        word = doc[m.start].lower_
        named = firsts.get(word, {})
        uncoded = m.kind == "organization" and m.code is None
        tagged_person = m.kind == "person" and not m.anaphor and not m.key.startswith("entry:") and word not in surnames
        if (uncoded or tagged_person) and m.end - m.start == 1 and named:
            names = sorted((norm_key(n.name) for n in named.values()), key=len)
            if norm_key(word) not in data.countries and all(name.startswith(names[0]) for name in names):
                full = min(named.values(), key=lambda n: n.start)
                m = replace(m, key=full.key, name=full.name, code=full.code, kind=full.kind)
        out.append(m)
    return out


def _merge(doc: Doc, mentions: list[_Mention], data: ActorData) -> list[Actor]:
    """Group mentions into actors; people by entry or folded surname, ids in order of first mention."""
    mentions.sort(key=lambda m: (m.start, -m.end))
    mentions = _heads_to_full_names(doc, _surnames_to_full_names(doc, mentions), data.companies.legal_words)
    mentions = _first_words_to_companies(doc, mentions, data)
    groups: dict[str, list[_Mention]] = {}
    alias: dict[str, str] = {}  # person surname key -> group key of the dictionary person
    first_names: dict[str, str] = {}  # folded first name of a full name -> its surname key
    for m in mentions:
        key = m.key
        if m.kind == "person" and not m.anaphor:
            surname = "person:" + fold_name(doc[m.end - 1].text)
            if key.startswith("entry:"):
                alias.setdefault(surname, key)
            else:
                first_name = fold_name(doc[m.start].text)
                if m.end - m.start == 1 and surname not in alias and first_name in first_names:
                    surname = first_names[first_name]  # "John" after "John Tower": a first name
                if surname not in alias:
                    # Fuzzy surnames ("Zelenski"/"Zelensky"): join an earlier person if close enough.
                    close = next((k for k in alias if same_surname(k[7:], surname[7:])), None)
                    if close is not None:
                        alias[surname] = alias[close]
                key = alias.get(surname, key)
                alias.setdefault(surname, key)
        if m.kind == "person" and not m.anaphor and m.end - m.start > 1:
            first_names.setdefault(fold_name(doc[m.start].text), "person:" + fold_name(doc[m.end - 1].text))
        groups.setdefault(key, []).append(m)
    actors: list[Actor] = []
    for n, (_, group) in enumerate(sorted(groups.items(), key=lambda kv: kv[1][0].start), start=1):
        first = _representative(group)
        country, role = data.split_code(first.code)
        spans = tuple(sorted({(doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text)) for m in group}))
        name = " ".join(first.name.split())  # a name across a wrapped line ("Mikhail\nGorbachev") is one name
        actors.append(Actor(id=f"a{n}", name=name, code=first.code, country=country, role=role,
                            kind=first.kind, mentions=spans))
    return actors
