// The page: a hash router over the views. Routes:
//   #/                      articles (newest first)        #/doc/ID?event=N|quote=N  article view
//   #/dyad/A/B?by=week      dyad chart                     #/actor/KEY               actor view
//   #/dyads                 most active country pairs      #/stories, #/story/ID     stories
//   #/alerts                current alerts                 #/search?q=WORDS          search
//   #/analyze               paste an article, see its analysis

import { actorLink, api, el, errorBox, link, route, snippet, table } from "./dom.js";
import { articleView, documentLink } from "./article.js";
import { dyadView } from "./dyad.js";
import { actorView } from "./actor.js";

const PAGE = 25;

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, qs] = raw.split("?", 2);
  const parts = path.split("/").filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return { parts, query: new URLSearchParams(qs || "") };
}

async function render() {
  const main = document.getElementById("main");
  const { parts, query } = parseHash();
  const [view, ...args] = parts;
  const rendering = location.hash;
  document.body.dataset.view = view || "home";
  try {
    if (!view) await homeView(main, query);
    else if (view === "doc" && args[0]) await docView(main, args[0], query);
    else if (view === "dyads") await dyadsView(main);
    else if (view === "stories") await storiesView(main, query);
    else if (view === "story" && args[0]) await storyView(main, args[0]);
    else if (view === "dyad") await dyadView(main, (args[0] || "RUS").toUpperCase(), (args[1] || "USA").toUpperCase(), query);
    else if (view === "actor" && args[0]) await actorView(main, args[0]);
    else if (view === "alerts") await alertsView(main, query);
    else if (view === "search") await searchView(main, query.get("q") || "");
    else if (view === "analyze") analyzeView(main);
    else main.replaceChildren(el("h1", { text: "Not found" }), el("p", {}, link("Back to the articles", [])));
  } catch (err) {
    main.replaceChildren(errorBox(err));
  }
  document.body.dataset.rendered = rendering; // which route is ready: a check made before a hashchange fires sees the old one
  document.body.dataset.ready = "true";
}

async function homeView(main, query) {
  const offset = Math.max(0, Number(query.get("offset")) || 0);
  const page = await api("/documents", { limit: PAGE, offset });
  const rows = page.items.map((d) => [d.published || "", documentLink(d.doc_id, d.title || d.doc_id), String(d.n_events), String(d.n_quotes)]);
  const pager = el(
    "div",
    { class: "pager" },
    offset > 0 ? link("← newer", [], { offset: Math.max(0, offset - PAGE) }) : "",
    el("span", { class: "muted", text: `articles ${offset + 1}–${offset + page.items.length}` }),
    page.next_offset !== null ? link("older →", [], { offset: page.next_offset }) : "",
  );
  main.replaceChildren(el("h1", { text: "Articles" }), table(["published", "title", "events", "quotes"], rows, { "data-testid": "documents" }), pager);
}

async function docView(main, docId, query) {
  main.replaceChildren(el("p", { class: "muted", text: "Loading article…" }));
  const analysis = await api(`/documents/${encodeURIComponent(docId)}`);
  let select = null;
  for (const kind of ["event", "quote"]) {
    const n = Number.parseInt(query.get(kind) ?? "", 10);
    if (Number.isInteger(n) && n >= 0) select = { kind, index: n };
  }
  main.replaceChildren(articleView(analysis, { select }));
}

async function dyadsView(main) {
  const page = await api("/dyads", { limit: 50 });
  const rows = page.items.map((d) => [
    link(`${d.a} – ${d.b}`, ["dyad", d.a, d.b], { by: "week" }),
    String(d.events),
    String(d.articles),
    d.goldstein_mean === null ? "—" : d.goldstein_mean.toFixed(2),
    `${d.first_day || "?"} – ${d.last_day || "?"}`,
  ]);
  main.replaceChildren(
    el("h1", { text: "Country pairs" }),
    el("p", { class: "meta", text: "Pairs of different countries with the most events, either direction." }),
    rows.length ? table(["pair", "events", "articles", "Goldstein mean", "days"], rows, { "data-testid": "dyads" }) : el("p", { class: "muted", text: "No events between two countries yet." }),
  );
}

async function storiesView(main, query) {
  const offset = Math.max(0, Number(query.get("offset")) || 0);
  const page = await api("/stories", { limit: PAGE, offset });
  const rows = page.items.map((s) => [link(s.title || s.story_id, ["story", s.story_id]), String(s.documents), `${s.first_published || "?"} – ${s.last_published || "?"}`]);
  main.replaceChildren(
    el("h1", { text: "Stories" }),
    el("p", { class: "meta", text: "Articles telling the same story, grouped when they were stored; most retold first." }),
    table(["story", "articles", "published"], rows, { "data-testid": "stories" }),
    el("div", { class: "pager" }, offset > 0 ? link("← previous", ["stories"], { offset: Math.max(0, offset - PAGE) }) : "", page.next_offset !== null ? link("next →", ["stories"], { offset: page.next_offset }) : ""),
  );
}

async function storyView(main, storyId) {
  const story = await api(`/stories/${encodeURIComponent(storyId)}`);
  const docs = story.documents.map((d) => [d.published || "", documentLink(d.doc_id, d.title || d.doc_id), d.source || ""]);
  const events = story.events.map((e) => [e.day || "", e.source_actor || "", `${e.code} (root ${e.root})`, e.target_actor || "", String(e.num_mentions), String(e.num_articles), String(e.num_sources)]);
  main.replaceChildren(
    el("h1", { text: (story.documents[0] && story.documents[0].title) || storyId }),
    el("h2", { text: `Articles (${docs.length})` }),
    table(["published", "title", "source"], docs, { "data-testid": "story-documents" }),
    el("h2", { text: "Events, counted per story" }),
    table(["day", "source", "event", "target", "mentions", "articles", "sources"], events, { "data-testid": "story-events" }),
  );
}

async function alertsView(main, query) {
  const k = query.get("k") || "2";
  const form = el(
    "form",
    { class: "inline-form" },
    "Alert when a pair's weekly Goldstein mean or conflict share moves more than ",
    el("input", { type: "number", name: "k", value: k, min: "0.5", max: "10", step: "0.5", "aria-label": "standard deviations" }),
    " standard deviations from its trailing weeks ",
    el("button", { type: "submit", text: "Update" }),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    location.hash = route(["alerts"], { k: new FormData(form).get("k") });
  });
  main.replaceChildren(el("h1", { text: "Alerts" }), form);
  const alerts = await api("/alerts", { k, limit: 50 });
  if (!alerts.length) {
    main.append(el("p", { class: "muted", "data-testid": "no-alerts", text: "No alerts: no country pair left its own trailing range (a pair needs a few weeks of history first)." }));
    return;
  }
  const rows = alerts.map((x) => [
    link(`${x.a} – ${x.b}`, ["dyad", x.a, x.b], { by: "week" }),
    x.week,
    `${x.metric} z=${x.z.toFixed(1)}`,
    `${x.goldstein_mean.toFixed(2)} (baseline ${x.goldstein_baseline.toFixed(2)})`,
    `${Math.round(100 * x.conflict_share)}% (baseline ${Math.round(100 * x.conflict_baseline)}%)`,
    String(x.events),
    el("ul", {}, x.articles.map((d) => el("li", {}, documentLink(d.doc_id, d.title || d.doc_id)))),
  ]);
  main.append(table(["pair", "week", "signal", "Goldstein mean", "conflict share", "events", "articles"], rows, { "data-testid": "alerts" }));
}

async function searchView(main, q) {
  document.getElementById("search-input").value = q;
  main.replaceChildren(el("h1", { text: `Search: ${q}` }));
  if (!q.trim()) return;
  const found = await api("/search", { q, limit: 50 });
  const docs = found.documents.map((d) => [d.published || "", documentLink(d.doc_id, d.title || d.doc_id), String(d.n_events)]);
  const quotes = found.quotes.map((x) => [x.published || "", actorLink(x.speaker_name, x.speaker_code), `“${snippet(x.text, 200)}”`, documentLink(x.doc_id, "article", { quote: x.idx })]);
  main.append(
    el("h2", { text: `Articles (${docs.length})` }),
    docs.length ? table(["published", "title", "events"], docs, { "data-testid": "search-documents" }) : el("p", { class: "muted", text: "No article matches." }),
    el("h2", { text: `Quotes (${quotes.length})` }),
    quotes.length ? table(["published", "speaker", "quote", ""], quotes, { "data-testid": "search-quotes" }) : el("p", { class: "muted", text: "No quote matches." }),
  );
}

function analyzeView(main) {
  const text = el("textarea", { id: "paste", name: "text", placeholder: "Paste an article's text here…", required: true, maxlength: 500000 });
  const published = el("input", { type: "date", name: "published", "aria-label": "published" });
  const out = el("div", { id: "analyze-result", "data-testid": "analyze-result" });
  const button = el("button", { type: "submit", class: "primary", text: "Analyze" });
  const form = el("form", { "data-testid": "analyze-form" }, text, el("div", { class: "inline-form" }, "Published ", published, button));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    button.disabled = true;
    out.replaceChildren(el("p", { class: "muted", text: "Analyzing (the first request loads the language model)…" }));
    try {
      const analysis = await api("/analyze", {}, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: text.value, published: published.value || null }),
      });
      out.replaceChildren(articleView(analysis, {}));
    } catch (err) {
      out.replaceChildren(errorBox(err));
    } finally {
      button.disabled = false;
    }
  });
  main.replaceChildren(el("h1", { text: "Analyze an article" }), el("p", { class: "muted", text: "Nothing is stored: the article is analyzed and shown." }), form, out);
}

function start() {
  const form = document.getElementById("search-form");
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    location.hash = route(["search"], { q: document.getElementById("search-input").value });
  });
  window.addEventListener("hashchange", () => {
    document.body.dataset.ready = "false";
    render();
  });
  render();
}

start();
