"""Context rules for actor coding: role nouns, describing phrases, capitals as governments, scenes.

Split from ``actors.py``; every rule reads word lists from ``ActorData.context`` (the
``actor-context-*.yaml`` file) or the agents dictionary, never constants of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import POS
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from newsgraph.extract.actors_data import ActorData, norm_key
from newsgraph.extract.doctext import sentences, token_words

ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "poss", "dative", "attr", "iobj", "agent", "ROOT"})


def is_dateline(span: Span) -> bool:
    """A place opening a sentence as a dateline: "MOSCOW (Reuters) -", "KYIV, Ukraine (AP) —"."""
    doc = span.doc
    if not doc[span.start].is_sent_start:
        return False
    if span.end < len(doc) and doc[span.end].text in ("(", "-", "—", "–"):
        return True
    return span.text.isupper() and len(span.text) > 2 and span.end < len(doc) and doc[span.end].text in (",", "(")


def sponsored(token: Token, data: ActorData) -> bool:
    """A name in "Kremlin-backed", "Iran-allied": the sponsor, not the affiliation."""
    doc = token.doc
    return (
        token.i + 2 < len(doc)
        and doc[token.i + 1].text == "-"
        and doc[token.i + 2].lower_ in data.context.sponsor_words
    )


def acting(span: Span, data: ActorData) -> bool:
    """Whether a capital stands for its government here (acts, is acted upon) or is a location."""
    root = span.root
    if is_dateline(span):
        return False
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    if root.dep_ == "pobj":
        prep = root.head
        word = prep.lower_
        if word in data.context.locative_preps:
            return False
        if word in ("to", "from", "into") and prep.head.lemma_.lower() in data.context.motion_verbs:
            return False
        if prep.head.dep_ == "pobj" and prep.head.head.lower_ in data.context.locative_preps:
            return False  # "in the streets of Kyiv"
        return True
    if root.dep_ in ("dobj", "nsubjpass") and root.head.lemma_.lower() in data.context.attack_verbs:
        return False  # "missiles struck Kyiv": the city is hit, not its government
    return root.dep_ in ACTING_DEPS


@dataclass(frozen=True, slots=True)
class RoleNoun:
    start: int
    end: int
    role: str
    prefix: bool


def role_nouns(doc: Doc, data: ActorData, covered: list[bool]) -> dict[int, RoleNoun]:
    """Role nouns keyed by their last (head) token: the longest agent phrase ending there.

    Phrases grow leftwards only while they are the tail of some agent phrase
    (``agent_suffixes``), so the cost stays a few dict probes per noun.
    """
    found: dict[int, RoleNoun] = {}
    words = token_words(doc)
    tags = doc.to_array(POS).tolist() if len(doc) else []
    for i, ((lower, lemma), tag) in enumerate(zip(words, tags, strict=True)):
        if tag not in (NOUN, PROPN) or covered[i] or not (lower in data.agent_suffixes or lemma in data.agent_suffixes):
            continue
        if lower in data.context.rank_words and doc[i].dep_ == "compound" and doc[i].head.i > i and (
            doc[i].head.ent_type_ != "PERSON"
        ):
            continue  # "deputy" in "deputy director": the rank of whatever follows, no role of its own
        best: RoleNoun | None = None
        for last in (lower, lemma):  # as written first, the lemma as a fallback
            key = last
            start = i
            while key in data.agent_suffixes:
                role = data.agents.get(key)
                if role is not None:
                    best = RoleNoun(start, i + 1, role.role, role.prefix)
                start -= 1
                if start < 0:
                    break
                key = words[start][0] + " " + key
            if best is not None:
                break
        if best is not None:
            found[i] = best
    return found


def security_issuers(doc: Doc, data: ActorData) -> set[int]:
    """Tokens that name who issued a security ("German government bonds", "Japanese Treasury bills"): the
    modifiers (compound, amod) of a lower-case security noun, at any depth. An issuer is no actor and no scene.

    ``security_words`` are securities whatever modifies them; ``issued_words`` (bills, notes, paper, stock)
    only when an ``issuer_words`` noun ("government", "treasury") is among their modifiers, since "a Senate
    bill" or "a Soviet protest note" has an author, not an issuer.
    """
    context = data.context
    out: set[int] = set()
    for i, (lower, lemma) in enumerate(token_words(doc)):
        if lower not in context.security_words and lower not in context.issued_words:
            continue
        noun = doc[i]
        if noun.pos_ != "NOUN" or not noun.text.islower():
            continue  # "the U.S. Securities and Exchange Commission", "Daiwa Securities": names, not securities
        found: list[Token] = []
        stack = [c for c in noun.children if c.i < i and c.dep_ in ("compound", "amod", "nmod")]
        while stack:
            t = stack.pop()
            found.append(t)
            stack.extend(c for c in t.children if c.dep_ in ("compound", "amod", "nmod", "punct"))
        if lower not in context.security_words and not any(t.lower_ in context.issuer_words for t in found):
            continue
        out.update(t.i for t in found)
    return out


def context_tokens(span: Span, topics: frozenset[str] = frozenset()) -> list[Token]:
    """Tokens that describe a name: its left modifiers, apposition, or the NP it is apposed to
    (without what a ``topics`` preposition governs: "author of a book on X" is not of X)."""
    root = span.root
    doc = span.doc
    left = root.left_edge.i
    for k in range(span.start - 1, left - 1, -1):
        if _breaks_title(doc[k]):
            left = k + 1  # "WASHINGTON, April 1 - X Y, ...": a dateline the parser hung on the name is no title
            break
    out = [t for t in doc[left : span.start]]
    for child in root.children:
        if child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ == "of"):
            out.extend(describing(child, topics))
    if root.dep_ == "appos":
        head = root.head
        if head.dep_ == "pobj" and head.pos_ == "PROPN" and head.head.dep_ == "prep" and (
            head.head.head.pos_ in ("NOUN", "PROPN") and head.head.head.i < head.i
        ):
            # "Japan's director at the IMF, X", "the ambassador to Japan, X": the parser hangs the apposition on
            # the last name; it names the whole phrase, whose forum or other side is not X's (issue 12); not
            # "a meeting between the presidents X and Y", where the apposition names the role noun itself
            head = head.head.head
        last = _last_conjunct(head, span)
        if last is not None:
            # "A and the head of Belgium's central bank, B, met": the apposition names the conjunct right before
            # it, whatever head the parser gave it; A's title is not B's
            out.extend(describing(last, topics))
        else:
            out.extend(doc[head.left_edge.i : head.i + 1])
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    out.extend(describing(child, topics))
    if root.dep_ in ("nsubj", "nsubjpass"):
        # "Ban Ki-moon, the secretary general of the United Nations, vowed": the parser may read
        # the apposition as a second subject of the same verb
        for sibling in root.head.children:
            if sibling.dep_ == root.dep_ and apposed_after(doc, span.end, sibling):
                out.extend(describing(sibling, topics))
    return out


def _breaks_title(token: Token) -> bool:
    """Punctuation no title in front of a name runs across: a comma, a colon, a dash between spaces (not the
    brackets inside a firm's name, "Salomon Brothers (Asia) Ltd economist X")."""
    if token.text in ("-", "\u2013", "\u2014"):
        return bool(token.whitespace_) and token.i > 0 and bool(token.doc[token.i - 1].whitespace_)
    return token.text in (",", ";", ":")


def _last_conjunct(head: Token, span: Span) -> Token | None:
    """The conjunct of ``head`` that ends right before ``span`` (only punctuation between), if any."""
    doc = span.doc
    for conj in head.conjuncts:
        if head.i < conj.i < span.start and conj.right_edge.i < span.start:
            if all(t.is_punct for t in doc[conj.right_edge.i + 1 : span.start]) and conj.right_edge.i + 1 < span.start:
                return conj
    return None


def apposed_after(doc: Doc, end: int, phrase: Token) -> bool:
    """Whether ``phrase`` (a token and its subtree) is set off by commas right after token ``end - 1``:
    "X, the secretary general of the United Nations, ..." (an apposition, whatever the parse says)."""
    last = phrase.right_edge.i  # the closing comma, inside the phrase or right after it
    closed = doc[last].text == "," or (last + 1 < len(doc) and doc[last + 1].text == ",")
    return end + 1 < len(doc) and doc[end].text == "," and phrase.left_edge.i == end + 1 and closed


def describing(token: Token, topics: frozenset[str] = frozenset()) -> list[Token]:
    """A descriptive phrase without its relative clauses ("..., which is close to the ministry") and
    without what a ``topics`` preposition governs: a country in "an expert on Iranian affairs", "a book
    on the Iran-Iraq war" or "ambassador to Japan" is the subject or the other side, not the person's."""
    out = [token]
    for child in token.children:
        if child.dep_ in ("relcl", "acl", "punct") or (child.dep_ == "prep" and child.lower_ in topics):
            continue
        out.extend(describing(child, topics))
    return out


def code_from_context(
    tokens: list[Token],
    data: ActorData,
    country_at: dict[int, str],
    code_at: dict[int, str],
    agents: dict[int, RoleNoun],
) -> tuple[str | None, str | None, bool]:
    """(base, role, former) read off describing tokens: base is a country or an organization code.

    A coded organization in the description ("Arab League Secretary General", "UN spokesman")
    is the base itself, so its people are coded IGOARBARLGOV rather than after a country.
    """
    base: str | None = None
    role: str | None = None
    body_role = state_body_role(tokens, data, code_at)
    former = False
    company = uncoded_firm(tokens, data, code_at, agents)  # an uncoded firm's name in the description
    for t in tokens:
        if t.lower_ in data.context.former_words:
            former = True
        if sponsored(t, data):
            continue
        if t.i in code_at:
            iso3, org_role = data.split_code(code_at[t.i])
            if data.is_company(code_at[t.i]):
                base = base or code_at[t.i]  # a company's people: see ``employed``
            elif iso3 is None and org_role is not None:
                base = base or code_at[t.i]
            else:
                base = base or iso3
        elif base is None and t.i in country_at:
            base = country_at[t.i]
        agent = agents.get(t.i)
        if agent is not None and role is None:
            role = agent.role
    if company and role == "GOV":
        role = "BUS"  # "president of <Saab-Scania of America Inc>": a company's president
    if body_role is not None and (role is None or role in data.context.state_staff_roles):
        role = body_role  # "Bundesbank economist X": the state body's staff, not an academic
    if base is not None and role is not None and business(base, data) and (
        role[:3] in data.context.home_country_roles or role in data.context.business_roles
    ):
        role = None  # "Toyota spokesman X" speaks for Toyota (MNCJPN), not for a state (no MNCJPNGOV, no MNCJPNBUS)
    return base, role, former


def state_body_role(tokens: list[Token], data: ActorData, code_at: dict[int, str]) -> str | None:
    """The role of the first coded organization among describing tokens when it is a state body ("Bundesbank":
    GOV, "Pentagon": MIL); None when the first coded name is a company, an IGO, or no state body."""
    for t in tokens:
        code = code_at.get(t.i)
        if not code:
            continue
        iso3, role = data.split_code(code)
        if iso3 is None or data.is_company(code) or role is None or role[:3] not in data.context.home_country_roles:
            return None
        return role
    return None


def employed(base: str | None, role: str | None, data: ActorData) -> tuple[str | None, str | None]:
    """A named person described by a company ("Nordvik Steel economist X", "X, chairman of Nordvik Steel
    Corp", "X of Nordvik Steel"): the company's country and the business role, unless the role noun is
    one a company does not change (a lawyer, a soldier). Anything else passes through."""
    if base is None or not data.is_company(base):
        return base, role
    iso3 = data.split_code(base)[0]
    if iso3 is None or not (role is None or role in data.context.company_staff_roles):
        return base, role
    return iso3, data.context.company_role


def uncoded_firm(
    tokens: list[Token], data: ActorData, code_at: dict[int, str], agents: dict[int, RoleNoun] | None = None
) -> bool:
    """Whether the tokens hold the name of a firm no dictionary codes ("Nippon Mining Co Ltd president X"); a
    firm word that heads a state role noun is none ("the Central Bank of Freedonia": a central bank is GOV)."""
    words = data.context.company_words
    state = data.context.home_country_roles
    return any(
        t.ent_type_ == "ORG" and t.lower_.rstrip(".") in words and t.i not in code_at
        and not (agents is not None and t.i in agents and agents[t.i].role[:3] in state)
        for t in tokens
    )


def business(code: str, data: ActorData) -> bool:
    """Whether a code names a business (MNCJPN, JPNBUS): its people speak for it, not for a state."""
    return data.split_code(code)[1] in data.context.business_roles


def compose(base: str, role: str | None, prefix: bool = False) -> str:
    """A CAMEO code from a country or organization code and a role (NGO-style roles go first)."""
    if not role or base.endswith(role) or (prefix and base.startswith(role)):
        return base  # "EC monitors": the IGO prefix is already there (not IGOIGOEUREEC)
    return role + base if prefix else base + role


def setting(
    doc: Doc,
    span: Span,
    places: list[tuple[int, str, bool]],
    forward: bool = False,
    motion: frozenset[str] = frozenset(),
    official: bool = False,
) -> str | None:
    """The country a person is placed in by the text, or None.

    An untitled person ("said Maria Kovalenko, 64") takes the scene set by a locative place in
    the sentence or the two before ("In the streets of Kyiv, ..."), a titled civilian ("bartender X")
    any country named there before the name, an ``official`` neither (ministers travel and meet
    foreigners). A titled official with no country so far takes a country
    that is a subject later in the sentence, or the only country the text names when it is not
    aimed at nor travelled to, else the country the document is about; any other country named
    near a minister is as likely the other side (issue 12: a Japanese minister in a sentence
    that names the US), so it stays unknown. A titled civilian takes nothing from later in the
    text: what an analyst or an expert talks about is the topic, not the person's country.
    """
    sentence = sentences(doc)
    first = sentence.start(span.start)
    for _ in range(2):
        if first == 0:
            break
        first = sentence.start(first - 1)
    best: str | None = None
    for i, iso3, scene in places:
        if first <= i < span.start and not official and (scene or forward):
            best = iso3  # a titled civilian ("bartender X") any country named before
    if best is None and forward and official:
        edge = span.root.left_edge.i
        for i, iso3, _ in places:
            if edge > 0 and doc[edge].is_sent_start and i < edge and all(doc[k].ent_type_ for k in range(i, edge)):
                return iso3  # "U.S. Secretary of Commerce X": the title's country, cut off by a split at "U.S."
        near = [
            (i, iso3)
            for i, iso3, scene in places
            # where a thing named in passing happened says nothing of the person ("sugar bought in London ...,
            # Sugar Board president X said")
            if first <= i < sentence.end(span.start) and i not in range(span.start, span.end) and not (scene and _in_modifier_clause(doc[i]))
        ]
        only = {iso3 for _, iso3 in near}
        for i, iso3 in near:
            # later in the sentence only the subject of what the titled person says counts ("Defence Minister X
            # said Norway would send troops"); a country in an object is the other side ("British Chancellor X
            # told Japanese officials ...", "called for sanctions against Nigeria": issue 12)
            if i >= span.end and doc[i].dep_ in ("nsubj", "nsubjpass"):
                return iso3
        if len(only) == 1:
            # ... unless the text names no other country at all ("President X threatened a curfew in Algiers"),
            # and not as the other side or where the person went ("after talks with American officials",
            # "arrived in Seoul")
            if not any(_aimed_at(doc[i]) or _travelled_to(doc[i], motion) for i, _ in near):
                return near[0][1]
            return None
        return dominant_country(places) if not only else None
    return best


_AIMED_AT = frozenset({"against", "on", "to", "toward", "towards", "with", "over", "into", "at"})


def _aimed_at(token: Token) -> bool:
    """A country the act is aimed at is not the actor's: 'sanctions against Nigeria', 'told Japanese officials'."""
    phrase = token.head if token.dep_ in ("amod", "compound", "poss") else token
    if phrase.dep_ in ("dobj", "dative", "iobj"):
        return True
    return phrase.dep_ == "pobj" and phrase.head.lower_ in _AIMED_AT


def _in_modifier_clause(token: Token) -> bool:
    """Whether the nearest verb above ``token`` is a participle or relative clause modifying a noun."""
    cur = token
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            break
        cur = cur.head
    return cur.dep_ in ("acl", "relcl")


def _travelled_to(token: Token, motion: frozenset[str]) -> bool:
    """A place a person travels to or through is no evidence of the person's country ('arrived in Seoul')."""
    phrase = token.head if token.dep_ in ("amod", "compound", "poss") else token
    if phrase.dep_ not in ("dobj", "pobj"):
        return False
    verb = phrase.head.head if phrase.dep_ == "pobj" else phrase.head  # "arrived in Seoul", "a visit to Seoul"
    return verb.lemma_.lower() in motion


def dominant_country(places: list[tuple[int, str, bool]]) -> str | None:
    """The country the document is about: named at least twice, and three times as often as any other."""
    counts: dict[str, int] = {}
    for _, iso3, _ in places:
        counts[iso3] = counts.get(iso3, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 3 * ranked[1][1]):
        return ranked[0][0]
    return None



def sets_scene(span: Span, data: ActorData) -> bool:
    """Whether a place is where the reported scene happens: "in Kyiv", "in the streets of Kyiv", a dateline."""
    if is_dateline(span):
        return True
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    if root.dep_ != "pobj":
        return False
    prep = root.head
    if prep.head.lemma_.lower() in data.context.meeting_nouns or prep.head.lower_ in data.context.meeting_nouns:
        return False  # "after negotiations in Washington": where the visitors met, not whose people are there
    if prep.lower_ in data.context.locative_preps:
        return True
    return prep.lower_ == "of" and prep.head.dep_ == "pobj" and prep.head.head.lower_ in data.context.locative_preps


def residence(people: Token, data: ActorData) -> str | None:
    """CAMEO codes an ethnic group by the country it lives in: 'Bosnian Serbs' (BIH), 'ethnic Albanians in
    south Serbia', 'the Albanians of southern Serbia' (SRB)."""
    for child in people.children:
        if child.dep_ in ("amod", "compound") and child.i < people.i and norm_key(child.text) in data.countries:
            return data.countries[norm_key(child.text)]
        if child.dep_ == "prep" and child.lower_ in ("in", "of", "inside", "within", "throughout"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and norm_key(pobj.text) in data.countries and pobj.ent_type_ != "NORP":
                    return data.countries[norm_key(pobj.text)]
    return None


def placed_otherwise(token: Token, data: ActorData) -> bool:
    """'European monetary officials', 'Western diplomats': a modifier places them, just in no one country;
    'diplomats', 'the ambassador': posted abroad, the scene is not theirs; 'its forces': the possessor is."""
    if any(c.dep_ == "poss" for c in token.children):
        return True
    if token.lemma_.lower() in data.context.posted_abroad or token.lower_ in data.context.posted_abroad:
        return True
    return any(
        c.dep_ in ("amod", "compound") and c.i < token.i and (c.ent_type_ in ("NORP", "GPE", "LOC") or c.lower_ in data.context.bloc_words)
        for c in token.children
    )


def home_country(doc: Doc, token: Token, places: list[tuple[int, str, bool]], data: ActorData) -> str | None:
    """The country an unplaced state agent belongs to: the scene of its sentence (or the two before), else the
    dateline, else the document's dominant country (named at least twice, and three times as often as any other)."""
    scene = setting(doc, doc[token.i : token.i + 1], places)
    if scene:
        return scene
    sentence = sentences(doc)
    for i, iso3, sets in places if token.lemma_.lower() in data.context.institution_nouns else ():
        if sets and sentence.start(token.i) <= i < sentence.end(token.i):
            return iso3  # "police arrested two men in Karachi"; not "ministers met in Paris" (they came there)
    for i, iso3, sets in places:
        if sets and doc[i].is_sent_start and i < token.i:
            return iso3  # a dateline ("TOKYO, April 9 -")
    return dominant_country(places)
