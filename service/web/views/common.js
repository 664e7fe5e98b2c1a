// What every view shares: how a section shows a result that failed or whose
// endpoint this server does not have yet, the query each collection takes,
// and the line under every panel heading that states its period and how
// many undated records it leaves out.
import { h, notice } from '../lib/dom.js';
import { apiQuery, periodLabel, bounded, href } from '../lib/state.js';
import { withQuery } from '../lib/api.js';
import { count } from '../lib/format.js';

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
const EVENT_FILTERS = ['q', 'actor', 'type', 'from', 'to', 'undated', 'location'];
const ACCEPTS = {
  events: { names: EVENT_FILTERS },
  statements: { names: ['q', 'actor', 'from', 'to', 'undated'], rename: { actor: 'speaker' } },
  actors: { names: ['q'] },
  timeline: { names: EVENT_FILTERS },
  network: { names: ['actor', 'from', 'to', 'undated'] },
  summary: { names: ['from', 'to', 'undated'] },
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
