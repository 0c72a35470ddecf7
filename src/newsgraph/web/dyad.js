// Dyad view: stacked quad-class bars and the Goldstein mean line of a country pair per period,
// drawn as hand-written SVG; clicking a period lists the events and articles behind it.

import { actorLink, api, el, errorBox, QUADS, quadBadge, route, svg, table } from "./dom.js";
import { documentLink } from "./article.js";

const W = 960;
const H = 340;
const M = { top: 20, right: 50, bottom: 48, left: 44 };

function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The last day of the period that starts on ``iso``. */
export function periodEnd(iso, by) {
  if (by === "day") return iso;
  if (by === "week") return addDays(iso, 6);
  const d = new Date(`${iso}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

/** The chart of one series; ``onPick(point, i)`` when a period is clicked. */
export function dyadChart(series, onPick) {
  const points = series.points;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const band = plotW / Math.max(points.length, 1);
  const maxCount = Math.max(1, ...points.map((p) => p.events));
  const yCount = (n) => M.top + plotH - (n / maxCount) * plotH;
  const yGold = (g) => M.top + plotH / 2 - (g / 10) * (plotH / 2);
  const root = svg("svg", { class: "chart", viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img", "aria-label": `${series.a}–${series.b} events per ${series.by}`, "data-testid": "dyad-chart" });

  for (const n of [0, Math.ceil(maxCount / 2), maxCount]) {
    root.append(svg("line", { class: "grid", x1: M.left, x2: W - M.right, y1: yCount(n), y2: yCount(n) }));
    root.append(svg("text", { x: M.left - 6, y: yCount(n) + 4, "text-anchor": "end" }, String(n)));
  }
  for (const g of [-10, 0, 10]) root.append(svg("text", { x: W - M.right + 6, y: yGold(g) + 4 }, (g > 0 ? "+" : "") + g));
  root.append(svg("line", { class: "zero", x1: M.left, x2: W - M.right, y1: yGold(0), y2: yGold(0) }));
  root.append(svg("text", { x: 4, y: M.top - 6 }, "events"));
  root.append(svg("text", { x: W - M.right - 10, y: M.top - 6 }, "Goldstein"));

  const barW = Math.max(2, Math.min(40, band * 0.6));
  const line = [];
  const dots = [];
  const labelEvery = Math.ceil(points.length / 12);
  points.forEach((p, i) => {
    const cx = M.left + band * (i + 0.5);
    const group = svg("g", { class: "period", "data-period": p.period, "data-index": i });
    group.append(svg("rect", { class: "hit", x: cx - band / 2, y: M.top, width: band, height: plotH }));
    let base = 0;
    for (const [key, label, cls] of QUADS) {
      const n = p.quads[key];
      if (!n) continue;
      const y1 = yCount(base + n);
      group.append(svg("rect", { class: `bar ${cls}`, x: cx - barW / 2, y: y1, width: barW, height: yCount(base) - y1 }, svg("title", {}, `${p.period}: ${n} ${label}`)));
      base += n;
    }
    group.addEventListener("click", () => onPick(p, i));
    root.append(group);
    if (i % labelEvery === 0) root.append(svg("text", { x: cx, y: H - M.bottom + 16, "text-anchor": "middle" }, p.period));
    if (p.goldstein_mean !== null && p.goldstein_mean !== undefined) line.push([cx, yGold(p.goldstein_mean), p, i]);
  });
  if (line.length > 1) root.append(svg("polyline", { class: "gline", points: line.map(([x, y]) => `${x},${y}`).join(" ") }));
  for (const [x, y, p, i] of line) {
    const dot = svg("circle", { class: "gpoint", cx: x, cy: y, r: 5, "data-index": i }, svg("title", {}, `${p.period}: Goldstein mean ${p.goldstein_mean.toFixed(2)}, ${p.events} events in ${p.articles} articles${p.tone === null || p.tone === undefined ? "" : `, tone ${p.tone.toFixed(2)}`}`));
    dot.addEventListener("click", () => onPick(p, i));
    dots.push(dot);
    root.append(dot);
  }
  const legend = svg("g", { transform: `translate(${M.left}, ${H - 14})` });
  QUADS.forEach(([, label, cls], k) => {
    legend.append(svg("rect", { class: cls, x: k * 150, y: -9, width: 10, height: 10 }));
    legend.append(svg("text", { x: k * 150 + 14, y: 0 }, label));
  });
  legend.append(svg("line", { class: "gline", x1: 600, x2: 620, y1: -4, y2: -4 }));
  legend.append(svg("text", { x: 624, y: 0 }, "Goldstein mean (right axis)"));
  root.append(legend);
  root.select = (i) => dots.forEach((d) => d.classList.toggle("selected", Number(d.dataset.index) === i));
  return root;
}

/** The whole dyad view for route #/dyad/A/B?by=week. */
export async function dyadView(main, a, b, query) {
  const by = ["day", "week", "month"].includes(query.get("by")) ? query.get("by") : "week";
  const form = el(
    "form",
    { class: "inline-form", "data-testid": "dyad-form" },
    "Country pair ",
    el("input", { type: "text", name: "a", value: a, maxlength: 3, pattern: "[A-Za-z]{3}", required: true, "aria-label": "first country" }),
    " – ",
    el("input", { type: "text", name: "b", value: b, maxlength: 3, pattern: "[A-Za-z]{3}", required: true, "aria-label": "second country" }),
    " per ",
    el("select", { name: "by" }, ["day", "week", "month"].map((p) => el("option", { value: p, selected: p === by, text: p }))),
    el("button", { type: "submit", class: "primary", text: "Show" }),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    location.hash = route(["dyad", String(data.get("a")).toUpperCase(), String(data.get("b")).toUpperCase()], { by: data.get("by") });
  });
  const details = el("div", { id: "dyad-details", "data-testid": "dyad-details" });
  main.replaceChildren(el("h1", { text: `Dyad ${a} – ${b}` }), form);
  let series;
  try {
    series = await api(`/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}`, { by, top: 5 });
  } catch (err) {
    main.append(errorBox(err));
    return;
  }
  const total = series.points.reduce((n, p) => n + p.events, 0);
  if (!total) {
    main.append(el("p", { class: "muted", text: `No events between ${a} and ${b} in the store.` }));
    return;
  }
  const chart = dyadChart(series, async (p, i) => {
    chart.select(i);
    await showPeriod(details, series, p);
  });
  main.append(
    el("p", { class: "meta", text: `${total} events in ${series.points.filter((p) => p.events).length} ${by}s. Click a period to see its events and articles.` }),
    chart,
    details,
  );
  const places = el("section", { "data-testid": "dyad-places" });
  main.append(places);
  try {
    showPlaces(places, await api(`/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/places`, { top: 20 }));
  } catch (err) {
    places.append(errorBox(err));
  }
}

const MAP_W = 720;
const MAP_H = 360;

/** Where the pair's events happened: a table, and the places as dots on a plain longitude/latitude grid. */
export function showPlaces(section, places) {
  section.replaceChildren(el("h2", { text: `Places (${places.length})` }));
  if (!places.length) {
    section.append(el("p", { class: "muted", text: "No event of this pair names where it happened." }));
    return;
  }
  // equirectangular: x from longitude, y from latitude; no tiles, no coastlines, only a 30° graticule
  const x = (lon) => ((lon + 180) / 360) * MAP_W;
  const y = (lat) => ((90 - lat) / 180) * MAP_H;
  const map = svg("svg", { class: "places-map", viewBox: `0 0 ${MAP_W} ${MAP_H}`, width: "100%", role: "img", "aria-label": "places of the events", "data-testid": "places-map" });
  for (let lon = -150; lon <= 150; lon += 30) map.append(svg("line", { class: "graticule", x1: x(lon), x2: x(lon), y1: 0, y2: MAP_H }));
  for (let lat = -60; lat <= 60; lat += 30) map.append(svg("line", { class: "graticule", x1: 0, x2: MAP_W, y1: y(lat), y2: y(lat) }));
  const most = Math.max(...places.map((p) => p.events));
  for (const p of places) {
    if (p.lat === null || p.lon === null) continue;
    const r = 3 + 9 * Math.sqrt(p.events / most);
    map.append(svg("circle", { class: "place", cx: x(p.lon), cy: y(p.lat), r }, svg("title", {}, `${p.name} (${p.country || "?"}): ${p.events} events in ${p.articles} articles`)));
    map.append(svg("text", { x: x(p.lon) + r + 2, y: y(p.lat) + 4 }, p.name));
  }
  const rows = places.map((p) => [p.name, p.country || "", String(p.events), String(p.articles), p.lat === null ? "" : `${p.lat.toFixed(2)}, ${p.lon.toFixed(2)}`]);
  section.append(map, table(["place", "country", "events", "articles", "lat, lon"], rows, { "data-testid": "places-table" }));
}

async function showPeriod(details, series, p) {
  details.replaceChildren(el("h2", { text: `${p.period} – ${periodEnd(p.period, series.by)}: ${p.events} events in ${p.articles} articles` }));
  let page;
  try {
    page = await api("/events", { dyad: `${series.a}-${series.b}`, date_from: p.period, date_to: periodEnd(p.period, series.by), limit: 200 });
  } catch (err) {
    details.append(errorBox(err));
    return;
  }
  const rows = page.items.map((e) => [
    e.day || "",
    actorLink(e.source_name, e.source_code),
    [quadBadge(e.quad_class), `${e.label} [${e.code}]`],
    actorLink(e.target_name, e.target_code),
    String(e.goldstein),
    e.modality || "",
    e.location_name || "",
    documentLink(e.doc_id, "evidence", { event: e.idx }),
  ]);
  const ids = [...new Set(page.items.map((e) => e.doc_id))].slice(0, 100);
  let articles = ids.map((id) => ({ doc_id: id, title: id, published: "" }));
  try {
    articles = (await api("/documents", { ids: ids.join(","), limit: 100 })).items;
  } catch {
    // titles are a nicety: the ids still link to the articles
  }
  details.append(
    table(["day", "source", "event", "target", "Goldstein", "modality", "place", ""], rows, { "data-testid": "period-events" }),
    el("h3", { text: `Articles (${ids.length})` }),
    el("ul", { "data-testid": "period-articles" }, articles.map((d) => el("li", {}, d.published ? `${d.published} ` : "", documentLink(d.doc_id, d.title || d.doc_id)))),
  );
  if (p.top_quotes && p.top_quotes.length) {
    details.append(
      el("h3", { text: "Quotes from either side" }),
      el("ul", {}, p.top_quotes.map((q) => el("li", {}, actorLink(q.speaker_name, q.speaker_code), `: “${q.text}” `, documentLink(q.doc_id, "article", { quote: q.idx })))),
    );
  }
}
