// One actor: who they are, what they said over time, the events they took
// part in, and their corner of the network.  The filters apply here (the
// actor is fixed): a period, a search, a type narrow this actor's records,
// and both of their lists export as CSV.
import { count, h, href, panel, period, timestamp } from '../lib/core.js';
import { collection, eventColumns, facts, matching, periodLine, section, statementColumns, table, timeline } from '../components/widgets.js';
import { network } from '../components/network.js';

const base = (id) => `/v1/actors/${encodeURIComponent(id)}`;
const saidPath = (id, f) => collection('actorStatements', f, {}, `${base(id)}/statements`);
const didPath = (id, f) => collection('actorEvents', f, {}, `${base(id)}/events`);
const withLimit = (p) => `${p}${p.includes('?') ? '&' : '?'}limit=20`;

export default {
  title: ({ id }, r) => r?.actor?.data?.name || `Actor ${id}`,
  filters: 'actorEvents',
  requests: ({ id, filters }) => ({
    actor: { path: base(id) },
    said: { path: collection('actorStatements', filters, { series: 'statements', bucket: 'week', speaker: id }, '/v1/stats/timeline') },
    did: { path: collection('actorEvents', filters, { series: 'events', bucket: 'month', actor: id }, '/v1/stats/timeline') },
    statements: { path: withLimit(saidPath(id, filters)) },
    events: { path: withLimit(didPath(id, filters)) },
    graph: { path: collection('network', { ...filters, actor: id }, { limit: 60 }, '/v1/network') },
  }),
  exports: ({ id, filters }) => [
    { label: 'statements', path: saidPath(id, filters) },
    { label: 'events', path: didPath(id, filters) },
  ],
  render: (r, state) => {
    const { id, filters } = state;
    const said = r.said?.data;
    const did = r.did?.data;
    return [
      section(r.actor, profile),
      r.actor?.data ? [
        panel('Statements over time',
          periodLine(state, said?.undated, { what: 'statements' }),
          section(r.said, (t) => timeline(t.data, {
            label: `Statements per week by ${r.actor.data.name}`,
            onBrush: (from, to) => { location.hash = href({ ...state, filters: { ...filters, range: null, from, to } }); },
          }))),
        h('div', { class: 'grid-2' },
          panel('Statements',
            periodLine(state, said?.undated, { what: 'statements' }),
            section(r.statements, (p) => table({ columns: statementColumns, page: p, caption: 'Statements', path: withLimit(saidPath(id, filters)), total: matching(said, filters), empty: 'No statements in this period.' }))),
          panel('Events',
            periodLine(state, did?.undated, { what: 'events' }),
            section(r.events, (p) => table({ columns: eventColumns.slice(0, 5), page: p, caption: 'Events', path: withLimit(didPath(id, filters)), total: matching(did, filters), empty: 'No events in this period.' })))),
        panel('Who they meet and talk about',
          periodLine(state),
          section(r.graph, (g) => network(g, { label: `Network around ${r.actor.data.name}`, focus: id }))),
      ] : null,
    ];
  },
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
      ['Statements (all time)', count(a.statement_count)],
      ['Events (all time)', count(a.event_count)],
      ['First seen', timestamp(a.first_seen)],
      ['Last seen', timestamp(a.last_seen)]]));
}
