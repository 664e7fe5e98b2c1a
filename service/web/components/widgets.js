import { apiQuery, append, bounded, count, eventDate, get, h, href, loadScript, loadStyle, notice, panel, period, periodLabel, place, replace, supports, timestamp, withQuery } from '../lib/core.js';
// The dashboard's components, one module so the first view costs one
// request: links, facts, bars, tables, columns, the timeline, ingestion,
// and what every view shares.  Each part keeps its own design note below.

// ---- palette: One categorical palette for charts and the graph; every colour keeps
// at least 3:1 against the white background.
export const PALETTE = ['#2f5f9e', '#c4661f', '#2b8a5e', '#a8436f', '#6d54b8', '#7a7420', '#4f7f8c', '#6b6b6b'];

export const KIND_COLOURS = { person: '#2f5f9e', organization: '#c4661f', country: '#2b8a5e', group: '#a8436f' };

// ---- links: Links between views, and out to the reporting articles.
export const actorLink = (id, name) => h('a', { href: href({ view: 'actor', id }), text: name });

export const eventLink = (ev) =>
  h('a', { href: href({ view: 'event', id: ev.id }), text: ev.title || `${ev.type} #${ev.id}` });

// Article URLs come from the news sites; only http(s) ones become links.
export function articleLink(article) {
  const title = article.title || article.url;
  if (!/^https?:\/\//i.test(article.url || '')) return h('span', { text: title });
  return h('a', { href: article.url, rel: 'noopener noreferrer', target: '_blank', text: title });
}

// The article inside the dashboard: its text with the evidence marked.
export function articleViewLink(article) {
  const id = article.id ?? article.article_id;
  const title = article.title || article.url || `Article ${id}`;
  if (id === undefined || id === null) return h('span', { text: title });
  return h('a', { href: href({ view: 'article', id }), text: title });
}

export function participants(list = []) {
  const out = [];
  list.forEach((p, i) => {
    if (i) out.push(', ');
    out.push(actorLink(p.actor_id, p.name));
  });
  return out.length ? out : '—';
}

// ---- facts: A definition list of label/value pairs: the header of a detail view.
export const facts = (pairs) =>
  h('dl', { class: 'facts' }, pairs.map(([k, v]) => h('div', {}, h('dt', { text: k }), h('dd', {}, v))));

// ---- bars: A ranked list with proportional bars (top actors, top event types):
// plain HTML, so it is readable by screen readers and costs no library.
export function bars(items, { label, value, link }) {
  if (!items.length) return h('p', { class: 'empty', text: 'No data for this period.' });
  const max = Math.max(...items.map(value), 1);
  return h('ol', { class: 'bars' }, items.map((it) =>
    h('li', {},
      h('span', { class: 'bar-label' }, link ? link(it) : label(it)),
      h('span', { class: 'bar-track', 'aria-hidden': 'true' },
        h('span', { class: 'bar-fill', style: { width: `${(100 * value(it)) / max}%` } })),
      h('span', { class: 'num', text: count(value(it)) }))));
}

// ---- table: A dense data table over one keyset page, with "Show more" following
// next_cursor in place, headers that sort the loaded rows (aria-sort), and
// a line saying how many rows are shown of how many match.
export function table({ columns, page, caption, path, total = null, empty = 'Nothing matches these filters.' }) {
  if (!page.data.length) return h('p', { class: 'empty', text: empty });
  const rows = [...page.data];
  const tbody = h('tbody');
  const shown = h('p', { class: 'table-total muted small', 'aria-live': 'off' });
  const paint = () => {
    tbody.replaceChildren();
    append(tbody, rows.map((r) => h('tr', {}, columns.map((c) => h('td', { class: c.class, 'data-label': c.label }, c.cell(r))))));
    shown.textContent = `${count(rows.length)} shown${total !== null ? ` of ${count(total)}` : ''}`;
  };
  let sorted = { col: null, dir: 1 };
  const headers = columns.map((c, i) => {
    if (!c.sort) return h('th', { scope: 'col', class: c.class, text: c.label });
    const btn = h('button', { type: 'button', class: 'sort', text: c.label });
    const th = h('th', { scope: 'col', class: c.class, 'aria-sort': 'none' }, btn);
    btn.addEventListener('click', () => {
      sorted = { col: i, dir: sorted.col === i ? -sorted.dir : (c.class === 'num' ? -1 : 1) };
      const key = c.sort;
      rows.sort((a, b) => {
        const x = key(a);
        const y = key(b);
        return sorted.dir * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
      });
      for (const other of th.parentElement.children) other.setAttribute('aria-sort', 'none');
      th.setAttribute('aria-sort', sorted.dir > 0 ? 'ascending' : 'descending');
      paint();
    });
    return th;
  });
  paint();
  const tbl = h('table', { class: 'data' },
    caption ? h('caption', { class: 'sr-only', text: caption }) : null,
    h('thead', {}, h('tr', {}, headers)),
    tbody);
  const addRows = (more) => { rows.push(...more); paint(); };
  return h('div', { class: 'table-wrap' }, tbl, shown, path ? moreButton(page.next_cursor, path, addRows) : null);
}

function moreButton(cursor, path, addRows) {
  if (!cursor) return null;
  let next = cursor;
  const btn = h('button', { type: 'button', class: 'more', text: 'Show more' });
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    const sep = path.includes('?') ? '&' : '?';
    try {
      const { data } = await get(`${path}${sep}cursor=${encodeURIComponent(next)}`);
      addRows(data.data);
      next = data.next_cursor;
      btn.hidden = !next;
    } catch (err) {
      btn.replaceWith(h('p', { class: 'notice notice-error', role: 'alert', text: `Could not load more: ${err.message}` }));
    } finally {
      btn.disabled = false;
    }
  });
  return btn;
}

// ---- columns: Column sets for the three record kinds, shared by every table that shows
// them.  `sort` gives the value a header click sorts the loaded rows by.
const dateKey = (d) => d || ''; // undated sort first ascending, last descending

export const eventColumns = [
  { label: 'Date', class: 'nowrap', cell: (e) => eventDate(e.date), sort: (e) => dateKey(e.date) },
  { label: 'Type', cell: (e) => h('span', { class: 'tag', text: e.type }), sort: (e) => e.type },
  { label: 'Event', cell: (e) => eventLink(e), sort: (e) => e.title || '' },
  { label: 'Participants', cell: (e) => participants(e.participants), sort: (e) => e.participants?.length || 0 },
  { label: 'Place', cell: (e) => place(e.location), sort: (e) => place(e.location) },
  { label: 'Status', cell: (e) => e.status || '—', sort: (e) => e.status || '' },
  { label: 'Articles', class: 'num', cell: (e) => count(e.mention_count), sort: (e) => e.mention_count },
  {
    label: 'Reported as',
    class: 'evidence',
    cell: (e) => (e.evidence
      ? h('div', {}, h('span', { class: 'sentence', text: e.evidence.sentence }), ' ',
        h('a', { href: `#/article/${e.evidence.article_id}`, class: 'small', text: 'in its article' }))
      : '—'),
  },
];

export const statementColumns = [
  { label: 'Date', class: 'nowrap', cell: (s) => eventDate(s.date), sort: (s) => dateKey(s.date) },
  { label: 'Speaker', cell: (s) => (s.speaker ? actorLink(s.speaker.id, s.speaker.name) : '—'), sort: (s) => s.speaker?.name || '' },
  {
    label: 'Statement',
    cell: (s) => h('div', {},
      h('q', { class: `quote quote-${s.kind}`, text: s.text }),
      s.cue ? h('span', { class: 'muted', text: ` (${s.kind}, ${s.cue})` }) : null,
      // The sentence around it, when it says more than the quote.
      s.sentence && s.sentence.length > s.text.length + 4 ? h('span', { class: 'sentence small', text: s.sentence }) : null),
  },
  { label: 'Article', cell: (s) => (s.article ? articleViewLink(s.article) : '—'), sort: (s) => s.article?.title || '' },
];

export const actorColumns = [
  { label: 'Name', cell: (a) => actorLink(a.id, a.name), sort: (a) => a.name },
  { label: 'Kind', cell: (a) => a.kind, sort: (a) => a.kind },
  { label: 'Title', cell: (a) => a.title || '—', sort: (a) => a.title || '' },
  { label: 'Country', cell: (a) => a.country || '—', sort: (a) => a.country || '' },
  { label: 'Aliases', cell: (a) => (a.aliases || []).join(', ') || '—' },
  { label: 'Statements', class: 'num', cell: (a) => count(a.statement_count), sort: (a) => a.statement_count },
  { label: 'Events', class: 'num', cell: (a) => count(a.event_count), sort: (a) => a.event_count },
];

// ---- timeline: Counts per bucket as stacked bars, one colour per type, drawn with uPlot.
// The container's height is fixed in CSS so the page does not jump when the
// chart arrives.
const MAX_TYPES = 6;

// Top types by total, the rest folded into "other".
function stackTypes(rows) {
  const totals = {};
  for (const r of rows) for (const [t, n] of Object.entries(r.by_type || { count: r.count })) totals[t] = (totals[t] || 0) + n;
  const ranked = Object.keys(totals).sort((a, b) => totals[b] - totals[a]);
  const shown = ranked.slice(0, MAX_TYPES);
  const rest = ranked.slice(MAX_TYPES);
  const series = shown.map((t) => ({ name: t, values: rows.map((r) => (r.by_type || { count: r.count })[t] || 0) }));
  if (rest.length) series.push({ name: 'other', values: rows.map((r) => rest.reduce((s, t) => s + ((r.by_type || {})[t] || 0), 0)) });
  return series;
}

// onBrush(from, to): dragging across the chart picks a period (ISO dates).
export function timeline(rows, { label, onBrush = null }) {
  if (!rows.length) return h('p', { class: 'empty', text: 'No dated records in this period.' });
  const box = h('div', { class: 'chart', role: 'img', 'aria-label': label });
  box.append(h('p', { class: 'muted', text: 'Loading chart…' }));
  // A few stray early dates would squash every bar into the right edge:
  // the chart starts where the data does, and says what it left out.
  const { shown, early } = trimEarly(rows);
  const render = (which) => requestAnimationFrame(() => draw(box, which, onBrush).catch((err) => {
    box.replaceChildren(h('p', { class: 'notice notice-error', role: 'alert', text: `Chart unavailable: ${err.message}` }));
  }));
  render(shown);
  let note = null;
  if (early.count) {
    const all = h('button', { type: 'button', class: 'secondary small-button', text: 'Draw all' });
    note = h('p', { class: 'muted small chart-note' },
      `${early.count} earlier record(s), ${early.from} to ${early.to}, are left of this chart. `, all);
    all.addEventListener('click', () => {
      note.replaceChildren(`Drawing every bucket from ${early.from}.`);
      render(rows);
    });
  }
  // Drawn once the box is in the document and has a width.
  return h('figure', { class: 'chart-figure' }, note, box,
    onBrush ? h('figcaption', { class: 'muted small', text: 'Drag across the chart to choose a period.' }) : null,
    summaryTable(rows));
}

// Leading buckets that hold at most 5% of the records are left out (and
// counted) when that shortens the axis by more than half.
function trimEarly(rows) {
  const total = rows.reduce((n, r) => n + r.count, 0);
  const t = (r) => Date.parse(`${r.bucket}T00:00:00Z`);
  let cut = 0;
  let before = 0;
  for (let i = 1; i < rows.length; i++) {
    before += rows[i - 1].count;
    if (before > total * 0.05) break;
    cut = i;
  }
  const last = rows.length ? t(rows[rows.length - 1]) : 0;
  if (!cut || last - t(rows[cut]) > (last - t(rows[0])) / 2) return { shown: rows, early: { count: 0 } };
  const early = rows.slice(0, cut);
  return {
    shown: rows.slice(cut),
    early: { count: early.reduce((n, r) => n + r.count, 0), from: early[0].bucket, to: early[early.length - 1].bucket },
  };
}

const isoDay = (secs) => new Date(secs * 1000).toISOString().slice(0, 10);

// Buckets are days at the finest, so the time axis ticks at whole days,
// weeks, months or years — never hours (uPlot's default picks "12am 8am" for
// a range of two weekly buckets).  uPlot reads 30 days as a month and 365 as
// a year when it lays calendar ticks.
const DAY = 86400;
export const DAY_INCRS = [1, 2, 7, 14, 30, 60, 90, 180, 365, 730, 1825, 3650].map((d) => d * DAY);

// The x range: the data's, padded by half a bucket either side so the first
// and last bars (centred on their bucket) are drawn whole; one bucket alone
// gets ALONE either side.  Computed from the data, not from what uPlot
// passes: for a single point it passes a range of years.
export function paddedRange(xs, alone = 7 * DAY) {
  let step = 0;
  for (let i = 1; i < xs.length; i++) if (!step || xs[i] - xs[i - 1] < step) step = xs[i] - xs[i - 1];
  const pad = step ? step / 2 : alone;
  return () => [xs[0] - pad, xs[xs.length - 1] + pad];
}

async function draw(box, rows, onBrush) {
  loadStyle('vendor/uplot/uPlot.min.css');
  const uPlot = await loadScript('vendor/uplot/uPlot.iife.min.js', 'uPlot');
  if (!box.isConnected) return;
  const xs = rows.map((r) => Date.parse(`${r.bucket}T00:00:00Z`) / 1000);
  const stack = stackTypes(rows);
  // Stacking: each series is drawn at its cumulative height, tallest first,
  // so the shorter ones paint over it; the legend still shows raw counts.
  let running = xs.map(() => 0);
  const cumulative = stack.map((s) => (running = running.map((v, i) => v + s.values[i])));
  const order = stack.map((_, i) => i).reverse();
  const bars = uPlot.paths.bars({ size: [0.7, 48], align: 0 });
  const opts = {
    width: box.clientWidth || 600,
    height: 240,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    legend: { live: true },
    cursor: { points: { show: false }, drag: { x: !!onBrush, y: false, setScale: false } },
    hooks: onBrush ? {
      setSelect: [(u) => {
        if (u.select.width < 4) return;
        const lo = u.posToVal(u.select.left, 'x');
        const hi = u.posToVal(u.select.left + u.select.width, 'x');
        onBrush(isoDay(lo), isoDay(hi));
      }],
    } : {},
    scales: { x: { time: true, range: paddedRange(xs) }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
    axes: [{ stroke: '#444', incrs: DAY_INCRS }, { stroke: '#444', size: 40, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] }],
    series: [{ label: 'Week of' }, ...order.map((i) => ({
      label: stack[i].name,
      fill: PALETTE[i % PALETTE.length],
      stroke: PALETTE[i % PALETTE.length],
      width: 0,
      paths: bars,
      points: { show: false },
      value: (u, v, si, idx) => (idx === null || idx === undefined ? '–' : stack[i].values[idx]),
    }))],
  };
  const data = [xs, ...order.map((i) => cumulative[i])];
  box.replaceChildren();
  const plot = new uPlot(opts, data, box);
  box.plot = plot; // for the browser tests: the axis' tick labels
  const ro = new ResizeObserver(() => {
    if (!box.isConnected) return ro.disconnect();
    plot.setSize({ width: box.clientWidth, height: 240 });
  });
  ro.observe(box);
}

// The same numbers as text, for screen readers (the canvas is an image).
function summaryTable(rows) {
  return h('table', { class: 'sr-only' },
    h('thead', {}, h('tr', {}, h('th', { text: 'Bucket' }), h('th', { text: 'Count' }))),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('td', { text: r.bucket }), h('td', { text: String(r.count) })))));
}

// ---- ingestion: Ingestion status: the sources with their last fetch and failures when the
// server lists them, otherwise what the articles themselves tell.
// Article counts come either as one number or per status, depending on the
// server version; both read the same here.
const articleTotal = (s) => s.article_count ?? s.articles?.total;
const articleFailed = (s) => s.articles?.failed ?? 0;

const sourceColumns = [
  { label: 'Source', cell: (s) => s.name || s.url },
  { label: 'Kind', cell: (s) => `${s.kind || '—'}${s.enabled === false ? ' (disabled)' : ''}` },
  { label: 'Last fetched', class: 'nowrap', cell: (s) => timestamp(s.last_fetched_at) },
  { label: 'Next fetch', class: 'nowrap', cell: (s) => (s.enabled === false ? '—' : timestamp(s.next_fetch_at)) },
  { label: 'Status', cell: (s) => statusTag(s.last_status || (s.last_error ? 'error' : s.last_fetched_at ? 'ok' : 'not fetched'), !!s.last_error || s.failures > 0) },
  { label: 'Error', cell: (s) => s.last_error || '' },
  { label: 'Articles', class: 'num', cell: (s) => count(articleTotal(s)) },
  { label: 'Failed', class: 'num', cell: (s) => count(articleFailed(s)) },
];

const articleColumns = [
  { label: 'Article', cell: (a) => articleViewLink(a) },
  { label: 'Site', cell: (a) => a.site_name || '—' },
  { label: 'Fetched', class: 'nowrap', cell: (a) => timestamp(a.fetched_at) },
  { label: 'Status', cell: (a) => statusTag(a.status, a.status === 'failed') },
  { label: 'Error', cell: (a) => a.error || '' },
];

function statusTag(status, failed) {
  return h('span', { class: `tag ${failed ? 'tag-bad' : ''}`, text: status || '—' });
}

// The panel shows the last ingestion at once; sources and recent articles
// (two requests, and the OpenAPI document to know whether this server
// lists its sources) load only when the reader opens it.
export function ingestion(summary) {
  const body = h('div', { class: 'ingestion-body' });
  const details = h('details', { class: 'articles' }, h('summary', { text: 'Sources and recent articles' }), body);
  let loaded = false;
  details.addEventListener('toggle', () => {
    if (!details.open || loaded) return;
    loaded = true;
    body.append(h('p', { class: 'muted', text: 'Loading…' }));
    load().then((parts) => replace(body, parts));
  });
  return [h('p', { class: 'muted', text: `Last ingestion: ${timestamp(summary?.last_ingestion)}.` }), details];
}

async function fetchOne(path) {
  try {
    return await get(path);
  } catch (error) {
    return { error };
  }
}

async function load() {
  const [sources, articles] = await Promise.all([
    supports('/v1/sources').then((ok) => (ok ? fetchOne('/v1/sources') : { missing: true, spec: '/v1/sources' })),
    fetchOne('/v1/articles?limit=100'),
  ]);
  const failed = articles?.data?.data?.filter((a) => a.status === 'failed') ?? [];
  const byStatus = {};
  for (const a of articles?.data?.data ?? []) byStatus[a.status] = (byStatus[a.status] || 0) + 1;
  return [
    h('p', { class: 'muted', text: `Recent articles: ${Object.entries(byStatus).map(([k, v]) => `${v} ${k}`).join(', ') || 'none'}.` }),
    sources?.missing
      ? notice('This server does not list its sources yet (GET /v1/sources); showing recent articles instead.')
      : section(sources, (s) => table({ columns: sourceColumns, page: { data: s.data }, caption: 'Sources', empty: 'No sources configured.' })),
    failed.length ? notice(`${failed.length} recent article(s) failed to ingest.`, 'error') : null,
    section(articles, (p) => table({ columns: articleColumns, page: { data: p.data }, caption: 'Recent articles' })),
  ];
}

// ---- common: What every view shares: how a section shows a result that failed or whose
// endpoint this server does not have yet, the query each collection takes,
// and the line under every panel heading that states its period and how
// many undated records it leaves out.
export function section(result, render) {
  if (!result) return null;
  if (result.missing) return notice(`Not available yet: this server has no ${result.spec} endpoint.`, 'info');
  if (result.error) {
    const e = result.error;
    return notice(e.status === 404 ? 'Not found.' : `Could not load (${e.code || 'error'}): ${e.message}`, 'error');
  }
  return render(result.data);
}

// The filters each collection understands, named as the API names them.
const EVENT_FILTERS = ['q', 'actor', 'with', 'type', 'from', 'to', 'undated', 'location'];
const ACCEPTS = {
  events: { names: EVENT_FILTERS },
  statements: { names: ['q', 'actor', 'from', 'to', 'undated'], rename: { actor: 'speaker' } },
  actors: { names: ['q'] },
  timeline: { names: EVENT_FILTERS },
  network: { names: ['actor', 'from', 'to', 'undated'] },
  summary: { names: ['from', 'to', 'undated'] },
  relations: { names: ['actor', 'with', 'from', 'to', 'undated'] }, // the form; the API takes a and b
  relationsApi: { names: ['from', 'to', 'undated'] },
  // An actor's own lists: the actor is in the path.
  actorEvents: { names: ['q', 'type', 'from', 'to', 'undated', 'location'] },
  actorStatements: { names: ['q', 'from', 'to', 'undated'] },
};

export function collection(name, filters, extra = {}, base = `/v1/${name}`) {
  const { names, rename } = ACCEPTS[name];
  const params = apiQuery(filters, names, rename);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return withQuery(base, params);
}

// The form fields a view uses (range is part of from/to).
export const appliesTo = (name) => [...ACCEPTS[name].names, ...(ACCEPTS[name].names.includes('from') ? ['range'] : [])];

// "1 Sep 2025 – 30 Sep 2025 · 16 undated not shown — show them": the
// period of a panel, and the way to let undated records in.
export function periodLine(state, undated = null, { what = 'records' } = {}) {
  const { filters } = state;
  const parts = [h('span', { class: 'period', text: `Period: ${periodLabel(filters)}` })];
  if (bounded(filters) && !filters.undated && undated) {
    parts.push(' · ', h('span', { class: 'undated-note', text: `${count(undated)} undated ${what} not shown — ` }),
      h('a', { class: 'undated-show', href: href({ ...state, filters: { ...filters, undated: 'include' } }), text: 'show them' }));
  } else if (filters.undated && bounded(filters)) {
    parts.push(' · ', h('a', { href: href({ ...state, filters: { ...filters, undated: null } }), text: 'hide undated' }));
  }
  return h('p', { class: 'panel-period muted small' }, parts);
}

// Matching records: the dated ones in the period, plus the undated ones
// whenever the period lets them in.
export function matching(t, filters) {
  if (!t) return null;
  const dated = t.data.reduce((n, b) => n + b.count, 0);
  return dated + (!bounded(filters) || filters.undated ? t.undated : 0);
}
