// What is happening: totals, the events timeline, the most active actors,
// the latest events and statements, and how ingestion is doing.
import { h, panel } from '../lib/dom.js';
import { count, timestamp } from '../lib/format.js';
import { table } from '../components/table.js';
import { bars } from '../components/bars.js';
import { timeline } from '../components/timeline.js';
import { eventColumns, statementColumns } from '../components/columns.js';
import { actorLink } from '../components/links.js';
import { ingestion } from '../components/ingestion.js';
import { section, collection } from './common.js';

export default {
  title: () => 'Overview',
  filters: 'events',
  requests: ({ filters }) => ({
    summary: { path: collection('summary', filters, {}, '/v1/stats/summary'), spec: '/v1/stats/summary' },
    timeline: { path: collection('timeline', filters, { series: 'events', bucket: 'week', split: 'type' }, '/v1/stats/timeline'), spec: '/v1/stats/timeline' },
    events: { path: collection('events', filters, { limit: 10 }) },
    statements: { path: collection('statements', filters, { limit: 8 }) },
    sources: { path: '/v1/sources', spec: '/v1/sources' },
    articles: { path: '/v1/articles?limit=100' },
  }),
  exportPath: ({ filters }) => collection('events', filters),
  render: (r, { filters }) => [
    section(r.summary, totals),
    h('div', { class: 'grid-2' },
      panel('Events per week, by type',
        section(r.timeline, (t) => timeline(inWindow(t.data, filters, r.summary?.data), { label: 'Stacked bar chart of events per week by type' })),
        windowNote(filters, r.summary?.data)),
      panel('Most active actors', section(r.summary, (s) => bars(s.top_actors, {
        value: (a) => a.count, link: (a) => actorLink(a.id, a.name),
      })))),
    h('div', { class: 'grid-2' },
      panel('Latest events', section(r.events, (p) => table({ columns: eventColumns.slice(0, 4), page: { data: p.data }, caption: 'Latest events' }))),
      panel('Event types', section(r.summary, (s) => bars(s.top_event_types, { value: (t) => t.count, label: (t) => t.type })))),
    panel('Latest statements', section(r.statements, (p) => table({ columns: statementColumns, page: { data: p.data }, caption: 'Latest statements' }))),
    panel('Ingestion', ingestion(r.sources, r.articles, r.summary?.data)),
  ],
};

function totals(s) {
  const items = [['Articles', s.totals.articles], ['Events', s.totals.events], ['Actors', s.totals.actors],
    ['Statements', s.totals.statements], ['Sources', s.totals.sources]];
  return h('dl', { class: 'tiles' },
    items.map(([k, v]) => h('div', { class: 'tile' }, h('dt', { text: k }), h('dd', { text: count(v) }))),
    h('div', { class: 'tile tile-wide' }, h('dt', { text: 'Last ingestion' }), h('dd', { text: timestamp(s.last_ingestion) })));
}

// Without a date filter the chart shows the summary's period (the 90 days up
// to the newest event), so a stray old date does not squash the bars.
function inWindow(rows, filters, summary) {
  if (filters.from || filters.to || !summary?.from) return rows;
  return rows.filter((b) => b.bucket >= summary.from.slice(0, 10) && b.bucket <= summary.to.slice(0, 10));
}

function windowNote(filters, summary) {
  if (filters.from || filters.to || !summary?.from) return null;
  return h('p', { class: 'muted small', text: `Showing ${summary.from} to ${summary.to}, the 90 days up to the newest event. Set From/To for another period.` });
}
