// DOM and API helpers. Article text is untrusted: everything here builds nodes and sets
// textContent; nothing ever assigns innerHTML, and links are built only from our own routes.

const SVG_NS = "http://www.w3.org/2000/svg";

/** An element with properties (class, text, data, on*, attributes) and children (nodes or strings). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  applyProps(node, props);
  append(node, children);
  return node;
}

/** An SVG element with attributes and children. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  applyProps(node, attrs);
  append(node, children);
  return node;
}

function applyProps(node, props) {
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (key === "class") node.setAttribute("class", value);
    else if (key === "data") for (const [k, v] of Object.entries(value)) node.dataset[k] = String(v);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "href") node.setAttribute("href", safeHref(value));
    else node.setAttribute(key, String(value));
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Our own routes ("#/..."), the API ("/..."), or http(s) links; anything else (javascript:, data:) becomes "#". */
export function safeHref(value) {
  const text = String(value);
  if (text.startsWith("#/") || (text.startsWith("/") && !text.startsWith("//"))) return text;
  return /^https?:\/\//i.test(text) ? text : "#";
}

/** A route link: "#/" + path segments, each URI-encoded, plus an optional query. */
export function route(segments, query = {}) {
  const path = segments.map((s) => encodeURIComponent(String(s))).join("/");
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ""));
  const qs = params.toString();
  return `#/${path}${qs ? `?${qs}` : ""}`;
}

export function link(text, segments, query) {
  return el("a", { href: route(segments, query), text });
}

/** An actor link by name (or code): the actor page matches either. */
export function actorLink(name, code) {
  const key = name || code;
  if (!key) return el("span", { class: "muted", text: "unknown" });
  const label = code && name ? `${name} (${code})` : key;
  return el("a", { href: route(["actor", key]), text: label, class: "actor-link" });
}

/** GET or POST JSON from the API; throws an Error carrying the server's message. */
export async function api(path, params = {}, init = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ""));
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { accept: "application/json", ...(init.headers || {}) }, ...init });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const message = body && body.message ? body.message : `HTTP ${response.status}`;
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return body;
}

export function errorBox(err) {
  return el("p", { class: "error", role: "alert", text: `Error: ${err.message || err}` });
}

// store_rows.DEFAULT_MIN_CONFIDENCE: events below it are not counted in dyads and alerts, and the
// article view marks them (tests/test_web_static.py checks that the two agree)
export const MIN_CONFIDENCE = 0.5;

export const QUADS = [
  ["verbal_cooperation", "verbal cooperation", "q1"],
  ["material_cooperation", "material cooperation", "q2"],
  ["verbal_conflict", "verbal conflict", "q3"],
  ["material_conflict", "material conflict", "q4"],
];

export function quadBadge(quadClass) {
  const names = { 1: "verbal coop.", 2: "material coop.", 3: "verbal conflict", 4: "material conflict" };
  return el("span", { class: `badge q${quadClass}`, text: names[quadClass] || `quad ${quadClass}` });
}

/** A small table: headers and rows of cells (nodes or strings). */
export function table(headers, rows, attrs = {}) {
  return el(
    "table",
    { class: "list", ...attrs },
    el("thead", {}, el("tr", {}, headers.map((h) => el("th", { text: h })))),
    el("tbody", {}, rows.map((cells) => el("tr", {}, cells.map((c) => el("td", {}, c))))),
  );
}

export function snippet(text, width = 160) {
  const flat = String(text || "").replace(/\s+/g, " ").trim();
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}
