// What is happening: totals, the events timeline, the most active actors,
// the latest events and statements, and how ingestion is doing.  Every
// panel follows the one period of the view (all time unless set) and says
// which it is; undated records are counted, never silently dropped.
import { bounded, count, h, href, panel, period, timestamp } from '../lib/core.js';
import { actorLink, bars, collection, eventColumns, ingestion, periodLine, section, statementColumns, table, timeline } from '../components/widgets.js';

export default {
  title: () => 'Overview',
  filters: 'events',
  requests: ({ filters }) => ({
    summary: { path: collection('summary', filters, {}, '/v1/stats/summary') },
    timeline: { path: collection('timeline', filters, { series: 'events', bucket: 'week', split: 'type' }, '/v1/stats/timeline') },
    events: { path: collection('events', filters, { limit: 10 }) },
    statements: { path: collection('statements', filters, { limit: 8 }) },
  }),
  exports: ({ filters }) => [{ label: 'events', path: collection('events', filters) }],
  render: (r, state) => {
    const s = r.summary?.data;
    const undatedStatements = !state.filters.q && !state.filters.actor ? s?.undated?.statements : null;
    return [
      section(r.summary, (sum) => totals(sum, state)),
      h('div', { class: 'grid-2' },
        panel('Events per week, by type',
          periodLine(state, r.timeline?.data?.undated, { what: 'events' }),
          section(r.timeline, (t) => timeline(t.data, {
            label: 'Stacked bar chart of events per week by type',
            onBrush: (from, to) => { location.hash = href({ ...state, filters: { ...state.filters, range: null, from, to } }); },
          }))),
        panel('Most active actors',
          periodLine(state),
          section(r.summary, (sum) => bars(sum.top_actors, { value: (a) => a.count, link: (a) => actorLink(a.id, a.name) })))),
      h('div', { class: 'grid-2' },
        panel('Latest events',
          periodLine(state, r.timeline?.data?.undated, { what: 'events' }),
          section(r.events, (p) => table({ columns: eventColumns.slice(0, 4), page: { data: p.data }, caption: 'Latest events' }))),
        panel('Event types',
          periodLine(state),
          section(r.summary, (sum) => bars(sum.top_event_types, { value: (t) => t.count, label: (t) => t.type })))),
      panel('Latest statements',
        periodLine(state, undatedStatements, { what: 'statements' }),
        section(r.statements, (p) => table({ columns: statementColumns, page: { data: p.data }, caption: 'Latest statements' }))),
      panel('Ingestion', ingestion(s)),
    ];
  },
};

// One period for every tile; the undated records are a tile of their own.
function totals(s, state) {
  const items = [['Articles', s.totals.articles], ['Events', s.totals.events], ['Actors', s.totals.actors],
    ['Statements', s.totals.statements]];
  const u = s.undated;
  const undatedText = `${count(u.events)} events, ${count(u.statements)} statements, ${count(u.articles)} articles`;
  const showUndated = bounded(state.filters) && !state.filters.undated;
  return h('section', { class: 'totals', 'aria-labelledby': 'p-totals' },
    h('h2', { id: 'p-totals', class: 'totals-title' }, 'Totals'),
    periodLine(state),
    h('dl', { class: 'tiles' },
      items.map(([k, v]) => h('div', { class: 'tile' }, h('dt', { text: k }), h('dd', { text: count(v) }))),
      h('div', { class: 'tile tile-wide' }, h('dt', { text: s.undated_included ? 'Undated (counted above)' : 'Undated (not in this period)' }),
        h('dd', {}, undatedText, showUndated
          ? [' ', h('a', { href: href({ ...state, filters: { ...state.filters, undated: 'include' } }), text: 'include' })] : null)),
      h('div', { class: 'tile' }, h('dt', { text: 'Sources (configured)' }), h('dd', { text: count(s.totals.sources) })),
      h('div', { class: 'tile tile-wide' }, h('dt', { text: 'Last ingestion' }), h('dd', { text: timestamp(s.last_ingestion) }))));
}
