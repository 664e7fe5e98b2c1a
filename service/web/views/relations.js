// Relations between two sides, as GDELT users read them: pick an actor
// (A) and another actor or a country (B); the curve is the mean Goldstein
// score of their shared events per month (cooperation above zero, conflict
// below), with the counts per QuadClass; each month opens the events
// behind it; and the statements each side made naming the other.
import { h, panel, href, count, loadScript, loadStyle } from '../lib/core.js';
import { DAY_INCRS, paddedRange, collection, eventColumns, periodLine, section, statementColumns, table } from '../components/widgets.js';

const QUADS = [['verbal_cooperation', 'Verbal cooperation'], ['material_cooperation', 'Material cooperation'],
  ['verbal_conflict', 'Verbal conflict'], ['material_conflict', 'Material conflict']];

export default {
  title: ({ filters }) => (filters.actor && filters.with ? `Relations: ${filters.actor} – ${filters.with}` : 'Relations'),
  filters: 'relations',
  requests: ({ filters }) => {
    if (!filters.actor || !filters.with) return {};
    return {
      rel: { path: collection('relationsApi', filters, { a: filters.actor, b: filters.with, bucket: 'month' }, '/v1/stats/relations') },
      events: { path: collection('events', filters, { limit: 50 }) },
      saidA: { path: collection('statements', { ...filters, actor: filters.actor, q: quoted(filters.with) }, { limit: 20 }) },
      saidB: { path: collection('statements', { ...filters, actor: filters.with, q: quoted(filters.actor) }, { limit: 20 }) },
    };
  },
  exports: ({ filters }) => (filters.actor && filters.with ? [{ label: 'events', path: collection('events', filters) }] : []),
  render: (r, state) => {
    const { filters } = state;
    if (!filters.actor || !filters.with) {
      return panel('Relations between two sides',
        h('p', {}, 'Type an actor in “Actor” (side A) and another actor or an ISO alpha-3 country in “With” (side B), then Apply. ',
          'Example: ', h('a', { href: href({ view: 'relations', filters: { actor: 'Vladimir Putin', with: 'Donald Trump' } }), text: 'Vladimir Putin – Donald Trump' }), '.'));
    }
    return [
      panel(`Cooperation and conflict: ${filters.actor} – ${filters.with}`,
        periodLine(state, r.rel?.data?.undated, { what: 'events' }),
        section(r.rel, (rel) => curve(rel, state))),
      panel('Their shared events', periodLine(state),
        section(r.events, (p) => table({ columns: [...eventColumns.slice(0, 3), goldsteinColumn, ...eventColumns.slice(3, 5)], page: p, caption: 'Shared events', path: collection('events', filters, { limit: 50 }) }))),
      h('div', { class: 'grid-2' },
        panel(`What ${filters.actor} said about ${filters.with}`, periodLine(state),
          section(r.saidA, (p) => table({ columns: statementColumns.slice(0, 3), page: p, caption: 'Statements by A', empty: 'No statements naming the other side.' }))),
        panel(`What ${filters.with} said about ${filters.actor}`, periodLine(state),
          section(r.saidB, (p) => table({ columns: statementColumns.slice(0, 3), page: p, caption: 'Statements by B', empty: 'No statements naming the other side.' })))),
    ];
  },
};

const quoted = (name) => `"${name.replace(/"/g, '')}"`;

const goldsteinColumn = { label: 'Goldstein', class: 'num', cell: (e) => (e.goldstein ?? '—'), sort: (e) => e.goldstein ?? 0 };

function monthEnd(bucket) {
  const d = new Date(`${bucket}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

function curve(rel, state) {
  const head = h('p', { class: 'muted small' },
    `${count(rel.events)} shared event(s); mean Goldstein score ${rel.goldstein_mean ?? '—'} (−10 conflict … +10 cooperation).`);
  if (!rel.data.length) return [head, h('p', { class: 'empty', text: 'No dated shared events in this period.' })];
  const box = h('div', { class: 'chart chart-small', role: 'img', 'aria-label': 'Mean Goldstein score per month' });
  requestAnimationFrame(() => draw(box, rel.data, state).catch((err) => box.replaceChildren(h('p', { class: 'notice notice-error', text: `Chart unavailable: ${err.message}` }))));
  const rows = rel.data.map((b) => h('tr', {},
    h('td', {}, h('a', { href: href({ ...state, filters: { ...state.filters, range: null, from: b.bucket, to: monthEnd(b.bucket) } }), text: b.bucket.slice(0, 7) })),
    h('td', { class: 'num', text: count(b.events) }),
    h('td', { class: 'num', text: b.goldstein_mean ?? '—' }),
    QUADS.map(([k]) => h('td', { class: 'num', text: count(b.quad_class[k]) }))));
  return [head, box,
    h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
      h('caption', { class: 'sr-only', text: 'Shared events per month' }),
      h('thead', {}, h('tr', {}, ['Month (its events)', 'Events', 'Goldstein', ...QUADS.map(([, l]) => l)].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, rows)))];
}

async function draw(box, data, state) {
  loadStyle('vendor/uplot/uPlot.min.css');
  const uPlot = await loadScript('vendor/uplot/uPlot.iife.min.js', 'uPlot');
  if (!box.isConnected) return;
  const xs = data.map((b) => Date.parse(`${b.bucket}T00:00:00Z`) / 1000);
  const plot = new uPlot({
    width: box.clientWidth || 600,
    height: 200,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    // One month alone gets a month either side, not an axis of years.
    scales: { x: { time: true, range: paddedRange(xs, 31 * 86400) }, y: { range: [-10, 10] } },
    axes: [{ stroke: '#444', incrs: DAY_INCRS }, { stroke: '#444', size: 40 }],
    series: [{ label: 'Month' }, { label: 'Mean Goldstein', stroke: '#2f5f9e', width: 2, points: { show: true, size: 8, fill: '#2f5f9e' } }],
  }, [xs, data.map((b) => b.goldstein_mean)], box);
  box.plot = plot; // for the browser tests: the axis' range
  // A click on a month shows the events behind it.
  plot.over.addEventListener('click', () => {
    const i = plot.cursor.idx;
    if (i === null || i === undefined) return;
    location.hash = href({ ...state, filters: { ...state.filters, range: null, from: data[i].bucket, to: monthEnd(data[i].bucket) } });
  });
}
