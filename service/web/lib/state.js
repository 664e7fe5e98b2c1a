// The view and its filters live in the URL hash ("#/events?q=istanbul&type=meet"),
// so any view can be bookmarked, shared and restored by a reload.
//
// The period is either explicit (from/to) or relative (range=7d|30d|1y,
// resolved against today when the view loads, so a bookmark stays
// relative); without either, a view covers all time.  "undated=include"
// lets records without a date into a bounded period.

export const FILTERS = ['q', 'actor', 'type', 'from', 'to', 'range', 'undated', 'location'];
export const VIEWS = ['overview', 'events', 'statements', 'actors', 'network', 'event', 'actor', 'article'];
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

const dayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
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
