// One actor: who they are, what they said over time, the events they took
// part in, and their corner of the network.
import { h, panel } from '../lib/dom.js';
import { count, timestamp } from '../lib/format.js';
import { table } from '../components/table.js';
import { timeline } from '../components/timeline.js';
import { network } from '../components/network.js';
import { eventColumns, statementColumns } from '../components/columns.js';
import { facts } from '../components/facts.js';
import { section } from './common.js';

const base = (id) => `/v1/actors/${encodeURIComponent(id)}`;

export default {
  title: ({ id }) => `Actor ${id}`,
  filters: null,
  requests: ({ id }) => ({
    actor: { path: base(id) },
    said: { path: `/v1/stats/timeline?series=statements&bucket=week&speaker=${encodeURIComponent(id)}`, spec: '/v1/stats/timeline' },
    statements: { path: `${base(id)}/statements?limit=20` },
    events: { path: `${base(id)}/events?limit=20` },
    graph: { path: `/v1/network?actor=${encodeURIComponent(id)}&limit=60`, spec: '/v1/network' },
  }),
  exportPath: ({ id }) => `${base(id)}/events`,
  render: (r, { id }) => [
    section(r.actor, profile),
    r.actor?.data ? [
      panel('Statements over time', section(r.said, (t) => timeline(t.data, { label: 'Statements per week' }))),
      h('div', { class: 'grid-2' },
        panel('Statements', section(r.statements, (p) => table({ columns: statementColumns, page: p, caption: 'Statements', path: `${base(id)}/statements?limit=20`, empty: 'No statements.' }))),
        panel('Events', section(r.events, (p) => table({ columns: eventColumns.slice(0, 5), page: p, caption: 'Events', path: `${base(id)}/events?limit=20`, empty: 'No events.' })))),
      panel('Who they meet and talk about', section(r.graph, (g) => network(g, { label: `Network around ${r.actor.data.name}`, focus: id }))),
    ] : null,
  ],
};

function profile(a) {
  return h('header', { class: 'detail-head' },
    h('p', { class: 'kicker' }, h('span', { class: 'tag', text: a.kind })),
    h('h2', { class: 'detail-title', text: a.name }),
    facts([
      ['Title', a.title || '—'],
      ['Country', a.country || '—'],
      ['Aliases', (a.aliases || []).join(', ') || '—'],
      ['CAMEO', a.cameo_code || '—'],
      ['Statements', count(a.statement_count)],
      ['Events', count(a.event_count)],
      ['First seen', timestamp(a.first_seen)],
      ['Last seen', timestamp(a.last_seen)]]));
}

