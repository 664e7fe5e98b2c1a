// The dashboard's core, one module so the first view costs one request:
// the API client, the URL state, element building, formats, script loading.
// Each part keeps its own design note below.

// ---- api: The API client.  It remembers each GET's ETag and body, revalidates with
// If-None-Match, and tells the caller whether anything changed, so a poll
// that only gets 304s re-renders nothing.
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const cache = new Map(); // path -> { etag, data }
let capabilities = null; // Promise<Set<string>|null> of the spec's paths

export async function get(path, { signal } = {}) {
  const hit = cache.get(path);
  const headers = { Accept: 'application/json' };
  if (hit?.etag) headers['If-None-Match'] = hit.etag;
  // no-store: this module is the cache.  Left to the HTTP cache, a 304 to
  // our own If-None-Match is reported by Chromium as an aborted request.
  const res = await fetch(path, { headers, signal, cache: 'no-store' });
  if (res.status === 304 && hit) {
    await res.text(); // drain the empty body, or the request counts as aborted
    return { data: hit.data, changed: false };
  }
  if (!res.ok) throw await toError(res);
  const data = await res.json();
  const etag = res.headers.get('ETag');
  cache.set(path, { etag, data });
  return { data, changed: true };
}

async function toError(res) {
  let code = 'http_error';
  let message = `${res.status} ${res.statusText}`;
  try {
    const body = await res.json();
    if (body?.error) ({ code, message } = body.error);
  } catch { /* not JSON: keep the status line */ }
  return new ApiError(res.status, code, message);
}

// Which endpoints does this server have?  Read once from its OpenAPI
// document, so views whose endpoint is not there yet are shown as such
// without provoking a 404.  Without the document, every endpoint is tried.
export function supports(template) {
  capabilities ??= fetch('/openapi.yaml')
    .then((r) => (r.ok ? r.text() : null))
    .then((text) => text && new Set([...text.matchAll(/^ {2}(\/\S+):\s*$/gm)].map((m) => m[1])))
    .catch(() => null);
  return capabilities.then((paths) => !paths || paths.has(template));
}

export function withQuery(path, params) {
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

// ---- state: The view and its filters live in the URL hash ("#/events?q=istanbul&type=meet"),
// so any view can be bookmarked, shared and restored by a reload.
//
// The period is either explicit (from/to) or relative (range=7d|30d|1y,
// resolved against today when the view loads, so a bookmark stays
// relative); without either, a view covers all time.  "undated=include"
// lets records without a date into a bounded period.
export const FILTERS = ['q', 'actor', 'with', 'type', 'from', 'to', 'range', 'undated', 'location'];
export const VIEWS = ['overview', 'events', 'statements', 'actors', 'network', 'map', 'relations', 'compare', 'event', 'actor', 'article'];
export const RANGES = { '7d': 7, '30d': 30, '1y': 365 };

export function parse(hash = location.hash) {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [view, id, ...rest] = path.split('/');
  const params = new URLSearchParams(query);
  const filters = {};
  for (const k of FILTERS) {
    const v = params.get(k);
    if (v) filters[k] = v;
  }
  if (filters.range && !RANGES[filters.range]) delete filters.range;
  if (filters.undated !== 'include') delete filters.undated;
  // An unknown view, or an id where none belongs, is a missing page.
  const name = view || 'overview';
  const needsId = ['event', 'actor', 'article'].includes(name);
  const okId = needsId ? /^\d{1,18}$/.test(id || '') : !id;
  if (!VIEWS.includes(name) || !okId || rest.length) return { view: 'notfound', id: null, filters };
  return { view: name, id: id || null, filters };
}

export function href({ view, id = null, filters = {} }) {
  const params = new URLSearchParams();
  for (const k of FILTERS) if (filters[k]) params.set(k, filters[k]);
  const qs = params.toString();
  return `#/${view}${id ? `/${encodeURIComponent(id)}` : ''}${qs ? `?${qs}` : ''}`;
}

const iso = (d) => d.toISOString().slice(0, 10);

// The dates a view asks the API for: a relative range becomes from/to.
export function period(filters, today = new Date()) {
  if (filters.range) {
    const from = new Date(today.getTime() - RANGES[filters.range] * 86400000);
    return { from: iso(from), to: iso(today) };
  }
  return { from: filters.from || null, to: filters.to || null };
}

// The filters as the API takes them: the range resolved to dates.
export function resolved(filters) {
  const { range, ...rest } = filters;
  if (!range) return rest;
  return { ...rest, ...period(filters) };
}

const day = (s) => dayFmt.format(new Date(`${s}T00:00:00Z`));
const RANGE_WORDS = { '7d': 'last 7 days', '30d': 'last 30 days', '1y': 'last year' };

// What period a panel shows, in words: every panel states it.
export function periodLabel(filters) {
  const { from, to } = period(filters);
  let text;
  if (!from && !to) return 'all time, undated included';
  if (filters.range) text = `${RANGE_WORDS[filters.range]} (${day(from)} – ${day(to)})`;
  else if (from && to) text = `${day(from)} – ${day(to)}`;
  else if (from) text = `since ${day(from)}`;
  else text = `until ${day(to)}`;
  return `${text}${filters.undated ? ', undated included' : ''}`;
}

export const bounded = (filters) => !!(filters.range || filters.from || filters.to);

// Picks the filters an endpoint understands, renaming where the API does
// (statements call the actor "speaker").
export function apiQuery(filters, names, rename = {}) {
  const params = new URLSearchParams();
  const f = resolved(filters);
  for (const k of names) if (f[k]) params.set(rename[k] || k, f[k]);
  return params;
}

// ---- dom: Element building without innerHTML: every piece of API text goes in as a
// text node, so nothing the server returns can become markup.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

// A section with a heading, the unit every view is built from.
export function panel(title, ...body) {
  const id = `p-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return h('section', { class: 'panel', 'aria-labelledby': id },
    h('h2', { id, text: title }), ...body);
}

export function notice(text, kind = 'info') {
  return h('p', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : null, text });
}

// ---- format: How dates, counts and places read on screen.
const dayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const timeFmt = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC',
});
const numFmt = new Intl.NumberFormat('en-GB');

// Event dates come at day, month or year precision ("2025-10-14", "2025-10", "2025").
export function eventDate(d) {
  if (!d) return '—';
  if (/^\d{4}$/.test(d)) return d;
  if (/^\d{4}-\d{2}$/.test(d)) return new Date(`${d}-01T00:00:00Z`).toLocaleString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const t = new Date(`${d.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(t.getTime()) ? d : dayFmt.format(t);
}

export function timestamp(ts) {
  if (!ts) return '—';
  const t = new Date(ts);
  return Number.isNaN(t.getTime()) ? ts : `${timeFmt.format(t)} UTC`;
}

export const count = (n) => (n === null || n === undefined ? '—' : numFmt.format(n));

export function place(loc) {
  if (!loc) return '—';
  return [loc.name, loc.country].filter(Boolean).join(', ') || '—';
}

// ---- load-script: Loads a vendored classic script once, on first need (uPlot ships as an
// IIFE bundle), so views that draw no chart don't pay for it.
const loading = new Map();

export function loadScript(src, globalName) {
  if (!loading.has(src)) {
    loading.set(src, new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = src;
      s.onload = () => resolve(window[globalName]);
      s.onerror = () => reject(new Error(`could not load ${src}`));
      document.head.append(s);
    }));
  }
  return loading.get(src);
}

// Its stylesheet comes with it, once.
export function loadStyle(href) {
  if (document.querySelector(`link[href="${href}"]`)) return;
  document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href }));
}
