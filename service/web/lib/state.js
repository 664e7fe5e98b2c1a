// The view and its filters live in the URL hash ("#/events?q=istanbul&type=meet"),
// so any view can be bookmarked, shared and restored by a reload.

export const FILTERS = ['q', 'actor', 'type', 'from', 'to', 'location'];
const VIEWS = ['overview', 'events', 'statements', 'actors', 'network', 'event', 'actor'];

export function parse(hash = location.hash) {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [view, id] = path.split('/');
  const params = new URLSearchParams(query);
  const filters = {};
  for (const k of FILTERS) {
    const v = params.get(k);
    if (v) filters[k] = v;
  }
  return { view: VIEWS.includes(view) ? view : 'overview', id: id || null, filters };
}

export function href({ view, id = null, filters = {} }) {
  const params = new URLSearchParams();
  for (const k of FILTERS) if (filters[k]) params.set(k, filters[k]);
  const qs = params.toString();
  return `#/${view}${id ? `/${encodeURIComponent(id)}` : ''}${qs ? `?${qs}` : ''}`;
}

// Picks the filters an endpoint understands, renaming where the API does
// (statements call the actor "speaker").
export function apiQuery(filters, names, rename = {}) {
  const params = new URLSearchParams();
  for (const k of names) if (filters[k]) params.set(rename[k] || k, filters[k]);
  return params;
}
