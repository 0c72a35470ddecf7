"""Company names in news copy and the country each one's own marks give it.

``place_companies`` takes the parsed ``Doc``, the dictionary matches, the actor data and the role nouns
found; it gives the matches left to code, the companies to add and the countries of dictionary companies
that have none (``CompanyPlan``). A name is a company's when (data in ``company-markers-*.yaml``):

1. a stock ticker follows it: Reuters' ``<TX>``, ``<NIPN.T>`` or the modern ``(7203.T)``;
2. it stands in angle brackets itself, as 1980s Reuters copy marks unlisted companies
   (``<Central Fund of Freedonia Ltd>``);
3. spaCy calls it an organization and it holds a legal-form word ("Corp", "S.p.A.") or an
   industry noun ("Air", "Steel"), and no role noun of a government, army or the like
   ("the Freedonian Oil Ministry" is a ministry);
4. it repeats, without its legal form, the name of a company found by 1-3 ("Freedonia Steel
   Corp ... Freedonia Steel said").

Its country, strongest evidence first: a country name or demonym inside the name (one
country only: "Air Freedonia", a subsidiary "X of Freedonia Ltd"), the ticker's exchange, a
legal form only one country uses ("S.p.A."), a suffix-less Reuters ticker (a US listing).
The company stays one actor: the country inside its name is not a second one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Generic, Protocol, TypeVar

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.actors_context import RoleNoun
from newsgraph.extract.actors_data import COMPANY_PREFIX, ActorData, norm_key
from newsgraph.extract.doctext import doc_ents, sentences, span_text, token_words

# A ticker: letters or digits, then an optional exchange suffix after a dot ("TX", "NIPN.T", "7203.T").
_TICKER = re.compile(r"^[A-Z0-9][A-Z0-9&]{0,7}(?:\.([A-Z]{1,2})|\.)?$")  # "<UK.>": a bare ticker, dot and all
_OPEN_CLOSE = {"<": ">", "(": ")"}
_RUN_GLUE = frozenset({"&", "-"})  # inside a name found by its legal form alone: not a possessive ("Britain's X Plc")
_GLUE = frozenset({"&", "-", "'s", "'", "(", ")"})  # tokens that stay inside a name ("Procter & Gamble", "X (Holdings) Ltd")
_MAX_NAME = 12  # tokens


class DictionaryMatch(Protocol):
    """A dictionary name found in the text (``actors._NameMatch``): its tokens and entry index."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def entry(self) -> int: ...


M = TypeVar("M", bound=DictionaryMatch)


@dataclass(frozen=True, slots=True)
class Company:
    """A company name (token span, without brackets or ticker), the country its marks give, and the
    token where a country is named inside it (None when the country comes from elsewhere)."""

    start: int
    end: int
    country: str | None
    named_at: int | None = None
    key: str = ""  # the name without its legal form, for merging later mentions
    #: the country is only a US listing's (a suffix-less Reuters ticker, ".N", ".O"): perhaps a foreign firm's ADR
    bare: bool = False
    ticker: tuple[int, int] | None = None  # the ticker's tokens, brackets included: no actor is named there
    legal: str | None = None  # the country of its one-country legal form ("Pte Ltd": Singapore)


@dataclass(frozen=True, slots=True)
class CompanyMention:
    """A company no dictionary entry names, coded from its own marks; ``key`` merges its mentions."""

    start: int
    end: int
    code: str
    key: str


@dataclass(frozen=True, slots=True)
class CompanyPlan(Generic[M]):
    """What the companies of a text change: the dictionary matches left to code (a marked name may stretch
    one: "Toyota" to "Toyota Motor Corp"), the companies to add, and the country found for dictionary
    companies that have none (entry index -> ISO3)."""

    matches: list[M]
    companies: list[CompanyMention]
    based: dict[int, str]
    tickers: frozenset[int] = frozenset()  # tokens of tickers ("<", "NIPN.T", ">"): no actor is named there


def place_companies(
    doc: Doc, matches: Sequence[M], published: date | None, data: ActorData, agents: dict[int, RoleNoun]
) -> CompanyPlan[M]:
    """The companies marked in the text, reconciled with the dictionary matches.

    A dictionary company inside a marked name keeps its entry and takes the name's country when it has
    none ("Texaco Inc <TX>"); a subsidiary that names its own country ("X of Freedonia Ltd") is a company
    of that country rather than the parent the dictionary knows. A country named inside a company's name,
    or in its ticker, is part of the name, not an actor.
    """
    kept: list[M] = []
    mentions: list[CompanyMention] = []
    based: dict[int, str] = {}
    companies = find_companies(doc, data, agents)
    inside: dict[int, Company] = {}
    for c in companies:
        for i in range(c.start, c.end):
            inside[i] = c
    claimed: set[int] = set()  # companies a dictionary entry names
    tickers = {i for c in companies if c.ticker for i in range(*c.ticker)}
    for m in matches:
        c = inside.get(m.start) or inside.get(m.end - 1)
        if m.start in tickers:
            continue  # "<UK.>": a ticker names no country
        entry = data.entries[m.entry]
        if c is not None and entry.kind == "organization" and m.start <= c.start and m.end >= c.end:
            kept.append(m)  # the dictionary's name is the longer one ("NORTHERN TELECOM <NT>" read as "TELECOM")
        elif c is None or m.end > c.end or m.start < c.start:
            kept.append(m)
            continue
        elif entry.kind == "organization" and not _subsidiary(c, m, entry.code_on(published), data):
            # the dictionary's name stands for the whole marked name ("Toyota" in "Toyota Motor Corp")
            kept.append(replace(m, end=c.end) if m.start == c.start else m)  # type: ignore[type-var]
        else:
            if c.country is None:
                kept.append(m)  # nothing to put in its place
            continue
        claimed.add(c.start)
        if c.country is not None and data.split_code(entry.code_on(published))[0] is None:
            based[m.entry] = c.country
    # a US ticker says "listed in New York", perhaps as an ADR; the company the text names elsewhere with a
    # name that begins or ends like it says where it is based ("DOME <DMP> ... Dome Petroleum Ltd")
    homes: dict[str, tuple[str, str]] = {}  # name key -> (ISO3, merge key) of companies known otherwise
    for m in kept:
        code = data.entries[m.entry].code_on(published)
        iso3 = data.split_code(code)[0]
        if data.is_company(code) and iso3:
            homes.setdefault(norm_key(doc[m.start : m.end].text), (iso3, f"entry:{m.entry}"))
    for c in companies:
        if c.country and not c.bare and c.key:
            homes.setdefault(c.key, (c.country, f"company:{c.key}"))
    for c in companies:
        if c.start in claimed or c.country is None:
            continue
        country, key = c.country, f"company:{c.key}"
        if c.bare and c.key:
            # "ERICSSON <ERICY.O>" is "L.M. Ericsson" of Sweden listed in New York: the same company
            alike = (v for k, v in homes.items() if k.startswith(c.key) or k.endswith(c.key) or c.key.startswith(k))
            home = next(alike, None)
            if home is not None:
                country, key = home
            else:
                country = _apposed_country(doc, c, data) or country
        mentions.append(CompanyMention(c.start, c.end, COMPANY_PREFIX + country, key))
    kept.sort(key=lambda m: m.start)
    tickers = frozenset(i for c in companies if c.ticker for i in range(*c.ticker))
    return CompanyPlan(kept, mentions, based, tickers)


def _apposed_country(doc: Doc, company: Company, data: ActorData) -> str | None:
    """The one country an apposition set off by commas gives a company (after its ticker, if any): "Nordvik
    Inc <NRD>, one of Freedonia's largest printers, ..."."""
    i = company.ticker[1] if company.ticker else company.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    found: set[str] = set()
    for t in doc[i + 1 : min(len(doc), i + 16)]:
        if t.text in (",", ".", ";") or t.is_sent_start:
            break
        if t.text[:1].isupper() and norm_key(t.text) in data.countries:
            found.add(data.countries[norm_key(t.text)])
    return found.pop() if len(found) == 1 else None


def _with_own_country(doc: Doc, company: Company, data: ActorData) -> Company:
    """A company whose name and legal form say no country, with the one its own words around the name give:
    "X Corp of Freedonia", "Freedonia's X Ltd", "X Ltd, the Freedonia-based group" (a country or a place
    before "based"), "X Ltd, a Freedonian bank". The country of a scene or a currency nearby is none of these."""
    if company.country is not None:
        return company
    i, n = company.end, len(doc)
    country: str | None = None
    if i + 1 < n and doc[i].lower_ in data.context.home_preps:
        country = data.countries.get(norm_key(doc[i + 1].text)) if doc[i + 1].text[:1].isupper() else None
    if country is None and company.start >= 2 and doc[company.start - 1].lower_ == "'s":
        country = data.countries.get(norm_key(doc[company.start - 2].text))
    apposed = any(
        t.dep_ == "appos" and company.start <= t.head.i < company.end and _closed(doc, t.right_edge.i + 1)
        for t in doc[i : min(n, i + 8)]
    )
    if country is None and apposed and i + 1 < n and doc[i].text == "," and (doc[i + 1].pos_ == "DET" or doc[i + 1].lower_ in data.context.apposition_openers):
        # an apposition ("X Ltd, the Freedonian group"), not the next name of a list ("X Ltd, Freedonia Y Ltd")
        # nor the subject of what follows ("... X Ltd, the Bank of Freedonia said")
        country = _apposed_country(doc, company, data) or _based_in(doc, company, data)
    return replace(company, country=country) if country else company


def _closed(doc: Doc, i: int) -> bool:
    """Whether an apposition ends before token ``i`` (a comma, a stop, the end): "X Ltd, the Y group, said" is
    one, "X Ltd, the Bank of Freedonia said" is a new subject."""
    return i >= len(doc) or doc[i].is_punct or doc[i].is_sent_start


def _based_in(doc: Doc, company: Company, data: ActorData) -> str | None:
    """The country of the place before "-based" in the apposition after a company: "X Ltd, the Sydney-based group"."""
    i = company.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    for t in doc[i + 1 : min(len(doc), i + 8)]:
        if t.text in (",", ".", ";") or t.is_sent_start:
            break
        if t.lower_ in data.context.based_words and t.i >= 2 and doc[t.i - 1].text == "-":
            entry = data.names.get(norm_key(doc[t.i - 2].text))
            if entry is not None and data.entries[entry].kind in ("place", "country"):
                return data.split_code(data.entries[entry].code_on(None))[0]
    return None


def _subsidiary(c: Company, m: DictionaryMatch, code: str | None, data: ActorData) -> bool:
    """Whether a marked company name longer than the dictionary company inside it names another company of its
    own country: "X of Freedonia Ltd", "X Electronic Devices Pte Ltd" (a Singapore form) of a Japanese X,
    "Freedonia's X AG Y und Cie <XY.Z>" of a British X."""
    if c.named_at is not None and c.named_at >= m.end:
        return True
    own = data.split_code(code)[0]
    longer = m.end - m.start < c.end - c.start
    return longer and own is not None and c.country is not None and not c.bare and c.country != own


def find_companies(doc: Doc, data: ActorData, agents: dict[int, RoleNoun]) -> list[Company]:
    """Company names marked by a ticker, angle brackets or a company word, and their repetitions."""
    markers = data.companies
    if not markers.legal_words and not markers.exchanges:
        return []
    found: dict[tuple[int, int], Company] = {}
    ents = doc_ents(doc)
    org_ends = {ent.end: ent for ent in ents if ent.label_ == "ORG"}
    n = len(doc)
    for i, (lower, _) in enumerate(token_words(doc)):
        close = _OPEN_CLOSE.get(lower)  # brackets are their own lower case: a Token only for a bracket
        if close is None:
            continue
        token = doc[i]
        ticker = _ticker_at(doc, i, close)
        if ticker is not None:
            suffix = ticker.group(1)
            if suffix is None and token.text != "<":
                continue  # "(UN)", "(EC)": an abbreviation, not a ticker
            country = markers.exchanges.get(suffix) if suffix else markers.bare_ticker_country
            symbol = ticker.group(0).rstrip(".")
            if suffix is None and len(symbol) == 5 and symbol[-1] in markers.foreign_ticker_endings:
                country = None  # "<GBYLF>": Nasdaq's fifth letter F or Y marks a foreign issuer
            span = _name_before(doc, i, org_ends, data)
            if span is not None:
                close_at = i + 2 if doc[i + 2].text == close else i + 3
                found[(span.start, span.end)] = replace(_company(span, data, country), ticker=(i, close_at + 1))
            continue
        if token.text == "<":
            end = next((j for j in range(i + 1, min(n, i + 2 + _MAX_NAME)) if doc[j].text == ">"), None)
            if end is not None and end > i + 1 and doc[i + 1].text[:1].isupper():
                span = doc[i + 1 : end]
                found[(span.start, span.end)] = _company(span, data, None)
    for ent in ents:
        if ent.label_ != "ORG" and not (ent.label_ == "PERSON" and _legal_tail(ent, data)):
            continue  # "Hakala Oyj" tagged as a person: no one's name ends in a legal form
        span = _trim(ent, data)
        if span is None or any(_inside(span, c) for c in found.values()) or _headline(span):
            continue
        span = _joined(span, data)
        if _company_shaped(span, data) and not _governs(span, agents):
            company = _with_own_country(doc, _company(span, data, None), data)
            if company.country is not None:
                found[(span.start, span.end)] = company
    for span in _legal_runs(doc, data):
        if any(_inside(span, c) for c in found.values()) or _governs(span, agents):
            continue
        company = _with_own_country(doc, _company(span, data, None), data)
        if company.country is not None:
            found[(span.start, span.end)] = company
    # later (or earlier) mentions of a found company without its legal form, or by the acronym given after it
    known = {c.key: c for c in found.values() if c.country is not None and c.key}
    for c in list(found.values()):
        acronym = _acronym_after(doc, c, data) if c.key in known else None
        if acronym is not None:
            known.setdefault(norm_key(acronym.text), c)
            found[(acronym.start, acronym.end)] = replace(c, start=acronym.start, end=acronym.end, named_at=None)
    for ent in ents:
        # "Trafalgar House said" after "Trafalgar House Plc": the tagger's person is the company
        span = _trim(ent, data) if ent.label_ in ("ORG", "PERSON") else None
        if span is None or any(_inside(span, c) for c in found.values()):
            continue
        same = known.get(_short_key(span, data))
        if same is not None:
            found[(span.start, span.end)] = replace(same, start=span.start, end=span.end, named_at=None, ticker=None)
    return _outermost(sorted(found.values(), key=lambda c: (c.start, -c.end)))


def _acronym_after(doc: Doc, company: Company, data: ActorData) -> Span | None:
    """"Freedonia Petroleum Corp (FPC)": the capitals in brackets right after a name, when they are the initials
    of its capitalized words (with or without its legal form)."""
    i = company.end
    if not (i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")"):
        return None
    letters = doc[i + 1].text
    if not (letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 6):
        return None
    words = [t for t in doc[company.start : company.end] if t.text[:1].isupper()]
    bare = [t for t in words if t.lower_.rstrip(".") not in data.companies.legal_words]
    initials = {"".join(t.text[0] for t in words).upper(), "".join(t.text[0] for t in bare).upper()}
    return doc[i + 1 : i + 2] if letters in initials else None


def _ticker_at(doc: Doc, i: int, close: str) -> re.Match[str] | None:
    if i == 0 or i + 2 >= len(doc):
        return None
    # "<UK.>" may come apart as "<", "UK", ".", ">"
    if doc[i + 2].text == close or (doc[i + 2].text == "." and i + 3 < len(doc) and doc[i + 3].text == close):
        return _TICKER.match(doc[i + 1].text)
    return None


def _name_before(doc: Doc, i: int, org_ends: dict[int, Span], data: ActorData) -> Span | None:
    """The company name right before a ticker: the organization spaCy found there, else the run of
    capitalized words (connectors inside), within the sentence; None in an all-capitals headline."""
    ent = org_ends.get(i)
    span = _trim(ent, data) if ent is not None else None
    legal = data.companies.legal_words
    if span is not None and not _headline(span) and not all(t.lower_.rstrip(".") in legal for t in span):
        return span  # (a lone "Co" or "Ltd" is the tail of a name the tagger cut: "Merrill Lynch and | Co")
    start = _run_start(doc, i, data, _GLUE)
    if start == i:
        return None
    span = doc[start:i]
    if _headline(span):
        # "TEXACO SAYS CHEVRON <CHV> ...": a headline, no telling where the name starts, unless after a
        # preposition ("5.1 PCT OF MCGILL <MGLL.O>")
        return span[-1:] if span[-2].lower_ in data.context.affiliation_preps else None
    return span


def _run_start(doc: Doc, i: int, data: ActorData, glue: frozenset[str]) -> int:
    """Where the run of capitalized words (connectors and ``glue`` inside) that ends before token ``i`` begins,
    within its sentence: not at a connector, an article or a common word that only opens the sentence."""
    start = i
    sentence = sentences(doc)
    first = sentence.start(i - 1) if i > 0 else 0
    while first > 0 and doc[first - 1].text[:1].isupper() and "\n" not in doc[first - 1].whitespace_:
        first = sentence.start(first - 1)  # the parser may split a name ("Ceylon | Petroleum Corp")
    while start > first and i - start < _MAX_NAME:
        prev = doc[start - 1]
        if prev.ent_type_ == "DATE":
            break  # "ZURICH, March 3 - X Ltd": a dateline's date opens no name
        initial = prev.text[:1]
        if initial.isupper() or initial.isdigit() or prev.text in glue or prev.lower_ in data.words.connectors:
            start -= 1
            continue
        break
    while start < i and (
        doc[start].lower_ in data.words.connectors
        or doc[start].text in glue
        or doc[start].lower_ in data.words.definite_determiners
        or (doc[start].is_sent_start and doc[start].pos_ != "PROPN" and not doc[start].is_upper and not doc[start].ent_type_)
    ):
        start += 1  # "of", "The", a capital that only opens the sentence ("Shares of"): not where a name begins
    return start


def _legal_runs(doc: Doc, data: ActorData) -> list[Span]:
    """Names no tagger found that end in a legal-form word: "Freedonia Petroleum Corp (FPC) said"."""
    out: list[Span] = []
    legal = data.companies.legal_words
    for i, (lower, _) in enumerate(token_words(doc)):
        if lower.rstrip(".") not in legal or not doc[i].text[:1].isupper():
            continue
        start = _run_start(doc, i, data, _RUN_GLUE)
        for k in range(i - 1, start - 1, -1):
            if doc[k].pos_ in ("CCONJ", "DET"):  # "England and the Nordvik GmbH factory": the name starts after
                start = k + 1
                break
        span = doc[start : i + 1]
        if len(span) > 1 and not _headline(span) and any(t.lower_.rstrip(".") not in legal for t in span):
            out.append(span)
    return out


def _joined(span: Span, data: ActorData) -> Span:
    """The name with the capitalized words a connector joins to its left, which the tagger may cut off:
    "Banque Commerciale | du | Freedonia SA", "Central Fund | of | Freedonia Ltd"."""
    doc = span.doc
    start = span.start
    while start >= 2 and _links(doc[start - 1], data) and _joins(doc[start - 2]):
        start -= 2
        while start > 0 and _joins(doc[start - 1]) and not doc[start].is_sent_start:
            start -= 1
    end = span.end
    # "Citicorp Investment Bank (Singapore) Ltd": a subsidiary's country in brackets, and the legal form after it
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and norm_key(doc[end + 1].text) in data.countries:
        end += 3
        while end < len(doc) and doc[end].lower_.rstrip(".") in data.companies.legal_words:
            end += 1
    return doc[start:end]


def _links(token: Token, data: ActorData) -> bool:
    """A name connector that is a preposition or article ("of", "du"), not a conjunction: "X Co and Y Inc" are two."""
    return token.lower_ in data.words.connectors and token.pos_ in ("ADP", "DET", "PROPN", "X")


def _joins(token: Token) -> bool:
    """A capitalized word that may begin a company's name: not a person's, not a sentence's opening common word."""
    if not token.text[:1].isupper() or token.ent_type_ not in ("", "ORG"):
        return False
    return not token.is_sent_start or token.pos_ == "PROPN"


def _headline(span: Span) -> bool:
    """Three or more words in capitals: a headline's run of words, not a name spaCy can delimit."""
    return len(span) > 2 and all(t.is_upper or not t.is_alpha for t in span)


def _trim(ent: Span, data: ActorData) -> Span | None:
    """An organization entity without a leading article, a trailing bracket or possessive."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end - 1 and (
        doc[start].lower_ in data.words.definite_determiners
        or doc[start].text in ("<", "(")
        or (doc[start].is_sent_start and doc[start].pos_ not in ("PROPN", "NOUN"))
    ):
        start += 1  # "the", a bracket, a sentence's opening adverb ("Later Nordvik Steel said")
    while end > start and doc[end - 1].text in (">", ")", "'s", "\u2019s", "'", ",", "."):
        end -= 1
    return doc[start:end] if end > start else None


def _legal_tail(span: Span, data: ActorData) -> bool:
    last = span[-1].lower_.rstrip(".")
    return len(span) > 1 and (last in data.companies.legal_words or norm_key(last) in data.companies.legal_forms)


def _company_shaped(span: Span, data: ActorData) -> bool:
    legal, names, words = data.companies.legal_words, data.companies.name_words, token_words(span.doc)
    stems = (words[i][0].rstrip(".") for i in range(span.start, span.end))
    return any(w in legal or w in names for w in stems) or _legal_country(span, data) is not None


def _governs(span: Span, agents: dict[int, RoleNoun]) -> bool:
    """A role noun of a non-business kind inside the name: "Freedonian Oil Ministry" is a ministry."""
    return any(t.i in agents and not agents[t.i].role.startswith("BUS") for t in span)


def _company(span: Span, data: ActorData, listed: str | None) -> Company:
    """A company over ``span``; its country from its name, else its listing, else its legal form."""
    named, at = _name_country(span, data)
    legal = _legal_country(span, data)
    bare = listed is not None and listed == data.companies.bare_ticker_country
    country = named or (listed if not bare else None) or legal or listed
    only_bare = bare and not named and not legal
    return Company(span.start, span.end, country, at if named else None, _short_key(span, data), only_bare, legal=legal)


def _name_country(span: Span, data: ActorData) -> tuple[str | None, int | None]:
    """The one country a name holds ("Air Freedonia", "Freedonian Steel"), and where; None for none or two."""
    seen: dict[str, int] = {}
    i = span.start
    doc = span.doc
    while i < span.end:
        if not span_text(doc, i, i + 1)[:1].isupper():
            i += 1  # a country's name starts with a capital
            continue
        for width in (3, 2, 1):
            if i + width <= span.end:
                iso3 = data.countries.get(norm_key(span_text(doc, i, i + width)))
                if iso3 is not None:
                    seen.setdefault(iso3, i)
                    i += width - 1
                    break
        i += 1
    if len(seen) != 1:
        return None, None
    (iso3, at), = seen.items()
    return iso3, at


def _legal_country(span: Span, data: ActorData) -> str | None:
    """The country of a legal form only one country uses, among the name's last four tokens."""
    forms = data.companies.legal_forms
    doc = span.doc
    tail = max(span.start, span.end - 4)
    for width in (4, 3, 2, 1):
        for i in range(max(tail, span.start + 1), span.end - width + 1):  # a legal form alone names no one
            iso3 = forms.get(norm_key(span_text(doc, i, i + width)))
            if iso3 is not None and (width > 1 or len(doc[i].text) > 1):
                return iso3
    return None


def _short_key(span: Span, data: ActorData) -> str:
    """The name's key without its trailing legal-form words ("Freedonia Steel Corp" -> "freedoniasteel")."""
    end, words = span.end, token_words(span.doc)
    while end - 1 > span.start and words[end - 1][0].rstrip(".") in data.companies.legal_words:
        end -= 1
    return norm_key(span_text(span.doc, span.start, end))


def _inside(span: Span, company: Company) -> bool:
    return span.start < company.end and company.start < span.end


def _outermost(companies: list[Company]) -> list[Company]:
    out: list[Company] = []
    for c in companies:
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out
