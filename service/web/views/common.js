// What every view shares: how a section shows a result that failed or whose
// endpoint this server does not have yet, and the query each collection takes.
import { notice } from '../lib/dom.js';
import { apiQuery } from '../lib/state.js';
import { withQuery } from '../lib/api.js';

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
const ACCEPTS = {
  events: { names: ['q', 'actor', 'type', 'from', 'to', 'location'] },
  statements: { names: ['q', 'actor', 'from', 'to'], rename: { actor: 'speaker' } },
  actors: { names: ['q'] },
  timeline: { names: ['q', 'actor', 'type', 'from', 'to', 'location'] },
  network: { names: ['actor', 'from', 'to'] },
  summary: { names: ['from', 'to'] },
};

export function collection(name, filters, extra = {}, base = `/v1/${name}`) {
  const { names, rename } = ACCEPTS[name];
  const params = apiQuery(filters, names, rename);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return withQuery(base, params);
}

export const appliesTo = (name) => ACCEPTS[name].names;
