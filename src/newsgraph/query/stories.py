"""Stories as SQL over the store's views: the largest stories, and one story's articles and events.

A story is the ``story_id`` the writer gave its documents (`newsgraph.stories`); documents of
segments written before stories existed are stories of their own (``coalesce(story_id, doc_id)``).
Its events are the ``story_events`` view of `newsgraph.query.views`: one row per source, target,
CAMEO root and day, with GDELT's mentions, articles and sources counted per story.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsgraph.query.analytics import Source, connection

#: the story of a document: its stored story id, else the document itself
STORY_OF = "coalesce(story_id, doc_id)"


@dataclass(frozen=True, slots=True)
class StorySummary:
    """A story: its id (its first stored article), how many articles, when, the first title, its events."""

    story_id: str
    documents: int
    first_published: str | None
    last_published: str | None
    title: str | None
    events: int  # rows of story_events: the story's events counted once, however many articles tell them


@dataclass(frozen=True, slots=True)
class StoryPage:
    """One page of stories and how many stories there are in all."""

    total: int
    items: tuple[StorySummary, ...]


@dataclass(frozen=True, slots=True)
class StoryDetail:
    """One story's articles (oldest first) and its events per story, most mentioned first."""

    story_id: str
    documents: tuple[dict[str, Any], ...]
    events: tuple[dict[str, Any], ...]


def top_stories(store: Source, *, min_documents: int = 1, limit: int = 20, offset: int = 0) -> StoryPage:
    """Stories told at least ``min_documents`` times, most retold first (then the latest), with the total count."""
    sql = f"""
        WITH s AS (SELECT {STORY_OF} AS story_id, count(*) AS documents,
                          CAST(min(published) AS VARCHAR) AS first_published,
                          CAST(max(published) AS VARCHAR) AS last_published,
                          arg_min(title, coalesce(published, DATE '9999-12-31')) AS title
                   FROM documents GROUP BY ALL HAVING count(*) >= ?),
             e AS (SELECT story_id, count(*) AS events FROM story_events GROUP BY ALL)
        SELECT s.*, coalesce(e.events, 0) AS events, count(*) OVER () AS total
        FROM s LEFT JOIN e USING (story_id)
        ORDER BY s.documents DESC, s.last_published DESC NULLS LAST, s.story_id
        LIMIT ? OFFSET ?"""
    rows = connection(store).execute(sql, [min_documents, limit, offset]).fetchall()
    total = rows[0][-1] if rows else _count(store, min_documents)
    return StoryPage(total=int(total), items=tuple(StorySummary(*row[:-1]) for row in rows))


def _count(store: Source, min_documents: int) -> int:
    """How many stories there are (for a page past the last one, which has no row to carry the total)."""
    sql = f"SELECT count(*) FROM (SELECT 1 FROM documents GROUP BY {STORY_OF} HAVING count(*) >= ?)"
    return int(connection(store).execute(sql, [min_documents]).fetchone()[0])  # type: ignore[index]


def story_detail(store: Source, story_id: str, *, max_events: int = 500) -> StoryDetail | None:
    """One story's articles and events, or None when no document is of that story."""
    con = connection(store)
    docs = _dicts(
        con.execute(
            "SELECT doc_id, title, CAST(published AS VARCHAR) AS published, source, url FROM documents "
            f"WHERE {STORY_OF} = ? ORDER BY published NULLS LAST, doc_id",
            [story_id],
        )
    )
    if not docs:
        return None
    events = _dicts(
        con.execute(
            "SELECT source_actor, target_actor, root, code, CAST(quad_class AS INTEGER) AS quad_class, goldstein, "
            "CAST(day AS VARCHAR) AS day, num_mentions, num_articles, num_sources, first_doc_id "
            "FROM story_events WHERE story_id = ? ORDER BY num_mentions DESC, day NULLS LAST, root LIMIT ?",
            [story_id, max_events],
        )
    )
    return StoryDetail(story_id=story_id, documents=tuple(docs), events=tuple(events))


def _dicts(cursor: Any) -> list[dict[str, Any]]:
    columns = [d[0] for d in cursor.description or []]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
