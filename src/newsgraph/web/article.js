// Article view: the clean text cut into segments at every record boundary, each segment
// knowing which records cover it; clicking a record shows it and highlights its evidence.

import { actorLink, el, link, MIN_CONFIDENCE, quadBadge, route, safeHref, snippet } from "./dom.js";

const KINDS = ["actor", "quote", "date", "amount", "claim", "event"];
// The innermost kind wins a click: a date inside a quote inside an event's evidence is the date.
const CLICK_ORDER = ["date", "amount", "actor", "quote", "claim", "event"];

/** Spans per record kind: {kind, index, start, end}. */
function collectSpans(a) {
  const spans = [];
  a.actors.forEach((actor, i) => actor.mentions.forEach(([start, end]) => spans.push({ kind: "actor", index: i, start, end })));
  a.quotes.forEach((q, i) => {
    spans.push({ kind: "quote", index: i, start: q.start, end: q.end });
    // a mixed quote's quoted words are cut out too, so selecting it can mark them inside it
    for (const [start, end] of q.quoted_spans || []) spans.push({ kind: "quote", index: i, start, end });
  });
  a.dates.forEach((d, i) => spans.push({ kind: "date", index: i, start: d.start, end: d.end }));
  a.amounts.forEach((m, i) => spans.push({ kind: "amount", index: i, start: m.start, end: m.end }));
  a.claims.forEach((c, i) => spans.push({ kind: "claim", index: i, start: c.statement.start, end: c.statement.end }));
  a.events.forEach((e, i) => spans.push({ kind: "event", index: i, start: e.evidence.start, end: e.evidence.end }));
  const n = a.document.text.length;
  return spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= n && s.start < s.end);
}

/** Cut [0, n) at every span boundary; each piece lists the spans covering it (a linear sweep). */
function segments(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) cuts.add(s.start).add(s.end);
  const points = [...cuts].sort((x, y) => x - y);
  const starts = new Map();
  for (const s of spans) (starts.get(s.start) || starts.set(s.start, []).get(s.start)).push(s);
  const open = new Set();
  const out = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [from, to] = [points[i], points[i + 1]];
    for (const s of open) if (s.end <= from) open.delete(s);
    for (const s of starts.get(from) || []) open.add(s);
    out.push({ start: from, end: to, covers: [...open] });
  }
  return out;
}

/** The article view of one Analysis; ``options.select`` = {kind, index} opens a record at once. */
export function articleView(a, options = {}) {
  const text = a.document.text;
  const spans = collectSpans(a);
  const segs = segments(text, spans);
  const segNodes = [];
  const markers = new Map();
  const body = el("div", { id: "article-text", "data-testid": "article-text" });
  const eventEnds = new Map();
  a.events.forEach((e, i) => (eventEnds.get(e.evidence.end) || eventEnds.set(e.evidence.end, []).get(e.evidence.end)).push(i));

  for (const seg of segs) {
    const kinds = new Set(seg.covers.map((s) => s.kind));
    const classes = ["seg", ...KINDS.filter((k) => kinds.has(k)).map((k) => `hl-${k}`)];
    const node = el("span", { class: classes.join(" "), data: { start: seg.start, end: seg.end } }, text.slice(seg.start, seg.end));
    node.addEventListener("click", () => {
      const pick = CLICK_ORDER.map((k) => seg.covers.filter((s) => s.kind === k)).find((list) => list.length);
      if (pick) select(pick.reduce((best, s) => (s.end - s.start < best.end - best.start ? s : best)));
    });
    segNodes.push({ seg, node });
    body.append(node);
    for (const i of eventEnds.get(seg.end) || []) {
      const e = a.events[i];
      const marker = el("button", { class: "ev-marker", type: "button", title: `${e.code} ${e.label}`, data: { event: i }, text: e.code });
      marker.addEventListener("click", (ev) => {
        ev.stopPropagation();
        select({ kind: "event", index: i });
      });
      markers.set(i, marker);
      body.append(marker);
    }
  }

  const record = el("div", { id: "record", class: "card", "data-testid": "record" }, el("p", { class: "muted", text: "Click a highlighted span or an event to see its record." }));
  const lists = recordLists(a, (kind, index) => select({ kind, index }));

  function highlight(ranges) {
    for (const { node, seg } of segNodes) {
      node.classList.remove("active", "active-speaker", "active-cue", "active-place", "active-quoted");
      for (const [cls, range] of ranges) if (range && seg.start >= range[0] && seg.end <= range[1]) node.classList.add(cls);
    }
  }

  function select({ kind, index }) {
    for (const li of lists.querySelectorAll("li.selected")) li.classList.remove("selected");
    const item = lists.querySelector(`li[data-kind="${kind}"][data-index="${index}"]`);
    if (item) item.classList.add("selected");
    for (const [i, m] of markers) m.classList.toggle("selected", kind === "event" && i === index);
    const { title, fields, ranges } = describe(a, kind, index);
    highlight(ranges);
    record.replaceChildren(
      el("h3", { text: title }),
      el("dl", { "data-kind": kind, "data-index": index }, fields.flatMap(([k, v]) => [el("dt", { text: k }), el("dd", {}, v ?? "—")])),
    );
    const first = segNodes.find(({ node }) => node.classList.contains("active"));
    if (first && options.scroll !== false) first.node.scrollIntoView({ block: "nearest", behavior: "instant" });
  }

  const d = a.document;
  const meta = el(
    "div",
    { class: "meta" },
    `published ${d.published || "unknown"} · id ${d.id}`,
    d.source ? ` · source ${d.source}` : "",
    d.url && safeHref(d.url) !== "#" ? [" · ", el("a", { href: d.url, rel: "noopener noreferrer nofollow", target: "_blank", text: "original" })] : "",
  );
  const legend = el(
    "div",
    { class: "legend" },
    el("span", { class: "l-actor", text: `actors ${a.actors.length}` }),
    el("span", { class: "l-quote", text: `quotes ${a.quotes.length}` }),
    el("span", { class: "l-date", text: `dates ${a.dates.length}` }),
    el("span", { class: "l-amount", text: `amounts ${a.amounts.length}` }),
    el("span", { class: "l-claim", text: `claims ${a.claims.length}` }),
    el("span", { class: "l-active", text: `events ${a.events.length} (evidence when selected)` }),
  );
  const view = el(
    "section",
    { class: "article-view", "data-testid": "article-view" },
    el("h1", { text: d.title || "(untitled)" }),
    meta,
    legend,
    el("div", { class: "article-layout" }, body, el("aside", { class: "side" }, record, lists)),
  );
  if (options.select) queueMicrotask(() => select(options.select));
  return view;
}

function actorName(a, id) {
  const actor = a.actors.find((x) => x.id === id);
  return actor ? actorLink(actor.name, actor.code) : id ? el("span", { text: id }) : null;
}

/** The mentions of these actors inside the evidence, outlined like a quote's speaker. */
function actorMentionsIn(a, ids, evidence) {
  return a.actors
    .filter((actor) => ids.includes(actor.id))
    .flatMap((actor) => actor.mentions.filter(([s, e]) => s >= evidence.start && e <= evidence.end))
    .map((m) => ["active-speaker", m]);
}

/** "Geneva (CHE, 46.20, 6.15)"; the place is outlined in the text when the event is selected. */
export function placeText(location) {
  if (!location) return "not stated";
  const where = location.lat === null || location.lat === undefined ? "" : `, ${location.lat.toFixed(2)}, ${location.lon.toFixed(2)}`;
  return `${location.name} (${location.country || "?"}${where})`;
}

function confidenceText(confidence) {
  const value = confidence === undefined || confidence === null ? 1 : confidence;
  return value >= MIN_CONFIDENCE ? value.toFixed(2) : `${value.toFixed(2)} (below ${MIN_CONFIDENCE}: not counted in dyads and alerts)`;
}

function excerpt(text, start, end) {
  return `“${snippet(text.slice(start, end), 400)}”`;
}

/** Title, fields and the ranges to highlight for one record. */
function describe(a, kind, index) {
  const text = a.document.text;
  if (kind === "event") {
    const e = a.events[index];
    return {
      title: `Event ${e.code}: ${e.label}`,
      fields: [
        ["source", actorName(a, e.source)],
        ["target", actorName(a, e.target)],
        ["CAMEO code", e.code],
        ["quad class", quadBadge(e.quad_class)],
        ["Goldstein", String(e.goldstein)],
        ["modality", e.modality],
        ["date", e.date],
        ["confidence", confidenceText(e.confidence)],
        ["location", placeText(e.location)],
        ["evidence", excerpt(text, e.evidence.start, e.evidence.end)],
      ],
      ranges: [
        ["active", [e.evidence.start, e.evidence.end]],
        ...actorMentionsIn(a, [e.source, e.target], e.evidence),
        ["active-place", e.location ? [e.location.start, e.location.end] : null],
      ],
    };
  }
  if (kind === "quote") {
    const q = a.quotes[index];
    const quoted = q.quoted_spans || [];
    return {
      title: `Quote (${q.kind})`,
      fields: [
        // only a direct quote is the speaker's own words from end to end
        ["text", q.kind === "direct" ? `“${q.text}”` : q.text],
        ["quoted words", quoted.length ? quoted.map(([s, e]) => `“${text.slice(s, e)}”`).join(" … ") : null],
        ["speaker", actorName(a, q.speaker) || q.speaker_text],
        ["speaker text", q.speaker_text],
        ["cue", q.cue],
      ],
      ranges: [
        ["active", [q.start, q.end]],
        ...quoted.map((span) => ["active-quoted", span]),
        ["active-speaker", q.speaker_span],
        ["active-cue", q.cue_span],
      ],
    };
  }
  if (kind === "actor") {
    const actor = a.actors[index];
    return {
      title: `Actor: ${actor.name}`,
      fields: [
        ["page", actorLink(actor.name, actor.code)],
        ["CAMEO code", actor.code],
        ["country", actor.country],
        ["role", actor.role],
        ["kind", actor.kind],
        ["mentions", String(actor.mentions.length)],
      ],
      ranges: actor.mentions.map((m) => ["active", m]),
    };
  }
  if (kind === "date") {
    const t = a.dates[index];
    return {
      title: `Date: ${t.text}`,
      fields: [["type", t.type], ["value", t.value], ["approximate", String(t.approximate)]],
      ranges: [["active", [t.start, t.end]]],
    };
  }
  if (kind === "amount") {
    const m = a.amounts[index];
    return {
      title: `Amount: ${m.text}`,
      fields: [["value", String(m.value)], ["unit", m.unit], ["claimant", actorName(a, m.claimant)], ["approximate", String(!!m.approximate)]],
      ranges: [["active", [m.start, m.end]]],
    };
  }
  const c = a.claims[index];
  return {
    title: "Claim",
    fields: [
      ["statement", excerpt(text, c.statement.start, c.statement.end)],
      ["claimant", actorName(a, c.claimant)],
      ["disputed by", c.disputed_by.length ? c.disputed_by.map((id) => [actorName(a, id), " "]) : "nobody"],
      ["amount", c.amount === null ? null : String(c.amount)],
    ],
    ranges: [["active", [c.statement.start, c.statement.end]]],
  };
}

function spanStart(kind, record) {
  if (kind === "event") return record.evidence.start;
  if (kind === "claim") return record.statement.start;
  if (kind === "actor") return record.mentions.length ? record.mentions[0][0] : 0;
  return record.start;
}

/** The side lists: events, quotes, actors, dates, amounts, claims; each item selects its record. */
function recordLists(a, onPick) {
  const text = a.document.text;
  const section = (kind, title, items, label, open) =>
    el(
      "details",
      { class: "tab", open, "data-testid": `${kind}-list` },
      el("summary", { text: `${title} (${items.length})` }),
      el(
        "ol",
        {},
        // in reading order; data-index keeps the record's own index (links say ?event=N)
        items
          .map((item, i) => [item, i])
          .sort(([x, i], [y, j]) => spanStart(kind, x) - spanStart(kind, y) || i - j)
          .map(([item, i]) =>
            el("li", { data: { kind, index: i } }, el("button", { class: "pick", type: "button", onclick: () => onPick(kind, i) }, label(item, i))),
          ),
      ),
    );
  const name = (id) => {
    const actor = a.actors.find((x) => x.id === id);
    return actor ? actor.name : "?";
  };
  return el(
    "div",
    { class: "card" },
    section("event", "Events", a.events, (e) => [
      quadBadge(e.quad_class),
      `${name(e.source)} → ${name(e.target)}: ${e.label} [${e.code}, ${e.modality}]`,
      e.location ? el("span", { class: "muted", text: ` in ${e.location.name}` }) : "",
      (e.confidence ?? 1) < MIN_CONFIDENCE ? el("span", { class: "muted", text: ` (confidence ${e.confidence.toFixed(2)}, not counted)` }) : "",
    ], true),
    section("quote", "Quotes", a.quotes, (q) => `${q.speaker_text || name(q.speaker)}: ${q.kind === "direct" ? `“${snippet(q.text, 90)}”` : snippet(q.text, 90)}`, true),
    section("actor", "Actors", a.actors, (x) => `${x.name} (${x.code || "?"}) ×${x.mentions.length}`, false),
    section("date", "Dates", a.dates, (t) => `${t.text} → ${t.value || "?"}`, false),
    section("amount", "Amounts", a.amounts, (m) => `${m.text} (${m.value} ${m.unit || ""})`, false),
    section("claim", "Claims", a.claims, (c) => snippet(text.slice(c.statement.start, c.statement.end), 90), false),
  );
}

export function documentLink(docId, title, query) {
  return el("a", { href: route(["doc", docId], query), text: title || docId });
}

export { link };
