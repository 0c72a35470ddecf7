// Actor view: names and codes, quotes, events as source and target, top counterparts,
// and a small SVG network of the counterparts (edge width = events, colour = Goldstein mean).

import { actorLink, api, el, errorBox, QUADS, quadBadge, route, svg, table } from "./dom.js";
import { documentLink } from "./article.js";

function goldColor(g) {
  if (g === null || g === undefined) return "#94a3b8";
  if (g >= 1) return "#16a34a";
  if (g <= -1) return "#dc2626";
  return "#a3a3a3";
}

/** An SVG star: the actor in the middle, counterparts around it. */
export function counterpartNetwork(summary) {
  const size = 420;
  const c = size / 2;
  const parts = summary.counterparts;
  const maxN = Math.max(1, ...parts.map((p) => p.events));
  const root = svg("svg", { class: "network chart", viewBox: `0 0 ${size} ${size}`, width: size, height: size, role: "img", "aria-label": "counterparts network", "data-testid": "actor-network" });
  parts.forEach((p, i) => {
    const angle = (2 * Math.PI * i) / Math.max(parts.length, 1) - Math.PI / 2;
    const x = c + Math.cos(angle) * (c - 70);
    const y = c + Math.sin(angle) * (c - 70);
    const g = p.goldstein_mean;
    root.append(svg("line", { class: "edge", x1: c, y1: c, x2: x, y2: y, stroke: goldColor(g), "stroke-width": 1 + (6 * p.events) / maxN }, svg("title", {}, `${p.events} events, Goldstein mean ${g === null ? "?" : g.toFixed(2)}`)));
    const label = p.name || p.code || "?";
    const node = svg(
      "a",
      { href: route(["actor", p.name || p.code || ""]) },
      svg("g", { class: "node" }, svg("circle", { cx: x, cy: y, r: 6 + (8 * p.events) / maxN, fill: goldColor(g) }), svg("text", { x, y: y + 24, "text-anchor": "middle" }, label.length > 22 ? `${label.slice(0, 21)}…` : label)),
    );
    root.append(node);
  });
  const name = summary.names[0] || summary.query;
  root.append(svg("g", { class: "node center" }, svg("circle", { cx: c, cy: c, r: 16 }), svg("text", { x: c, y: c + 32, "text-anchor": "middle" }, name)));
  return root;
}

function quadRow(label, q, mean) {
  return [label, ...QUADS.map(([key]) => String(q[key])), mean === null ? "—" : mean.toFixed(2)];
}

/** The whole actor view for route #/actor/KEY. */
export async function actorView(main, key) {
  main.replaceChildren(el("h1", { text: key }));
  let s;
  try {
    s = await api(`/actors/${encodeURIComponent(key)}`, { top: 12 });
  } catch (err) {
    main.append(errorBox(err));
    return;
  }
  const events = s.recent_events.map((e) => [
    e.day || "",
    actorLink(e.source_name, e.source_code),
    [quadBadge(e.quad_class), `${e.label} [${e.code}]`],
    actorLink(e.target_name, e.target_code),
    e.modality || "",
    documentLink(e.doc_id, "evidence", { event: e.idx }),
  ]);
  const quotes = s.top_quotes.map((q) => [q.published || "", q.speaker_name || "", `“${q.text}”`, documentLink(q.doc_id, "article", { quote: q.idx })]);
  const counterparts = s.counterparts.map((p) => [actorLink(p.name, p.code), p.country || "", String(p.events), p.goldstein_mean === null ? "—" : p.goldstein_mean.toFixed(2)]);
  main.append(
    el("p", { class: "meta" }, `codes ${s.codes.join(", ") || "none"} · names ${s.names.join(", ")} · ${s.documents} documents · ${s.mentions} mentions · ${s.quotes} quotes`),
    el(
      "div",
      { class: "two-col" },
      el("div", { class: "card" }, el("h2", { text: "Counterparts" }), counterparts.length ? counterpartNetwork(s) : el("p", { class: "muted", text: "No events with a counterpart." }), table(["counterpart", "country", "events", "Goldstein mean"], counterparts, { "data-testid": "counterparts" })),
      el(
        "div",
        { class: "card" },
        el("h2", { text: "Events as source and target" }),
        table(["", ...QUADS.map(([, label]) => label), "Goldstein mean"], [quadRow("as source", s.as_source, s.goldstein_source_mean), quadRow("as target", s.as_target, s.goldstein_target_mean)]),
        el("h2", { text: "Quotes" }),
        quotes.length ? table(["published", "speaker", "quote", ""], quotes, { "data-testid": "actor-quotes" }) : el("p", { class: "muted", text: "No quotes." }),
      ),
    ),
    el("h2", { text: "Recent events" }),
    table(["day", "source", "event", "target", "modality", ""], events, { "data-testid": "actor-events" }),
  );
}
