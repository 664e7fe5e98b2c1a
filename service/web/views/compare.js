// Two or three actors side by side: their events and statements per month
// on one chart each (a line per actor), their totals in the period, and the
// events each pair shared.  Actor (A) and With (B, or "B; C") name them.
import { h, panel, href, count, loadScript, loadStyle } from '../lib/core.js';
import { DAY_INCRS, paddedRange, PALETTE, collection, eventColumns, matching, periodLine, section, table } from '../components/widgets.js';

const sides = (filters) => [filters.actor, ...(filters.with || '').split(';')].map((s) => (s || '').trim()).filter(Boolean).slice(0, 3);
const pairs = (xs) => xs.flatMap((a, i) => xs.slice(i + 1).map((b) => [a, b]));

export default {
  title: ({ filters }) => (sides(filters).length >= 2 ? `Compare: ${sides(filters).join(' · ')}` : 'Compare actors'),
  filters: 'relations',
  requests: ({ filters }) => {
    const xs = sides(filters);
    if (xs.length < 2) return {};
    const period = { from: filters.from, to: filters.to, range: filters.range, undated: filters.undated };
    const out = {};
    xs.forEach((x, i) => {
      out[`ev${i}`] = { path: collection('timeline', { ...period, actor: x }, { series: 'events', bucket: 'month' }, '/v1/stats/timeline') };
      out[`st${i}`] = { path: collection('statements', { ...period, actor: x }, { series: 'statements', bucket: 'month' }, '/v1/stats/timeline') };
    });
    pairs(xs).forEach(([a, b], k) => { out[`pair${k}`] = { path: collection('events', { ...period, actor: a, with: b }, { limit: 20 }) }; });
    return out;
  },
  exports: () => [],
  render: (r, state) => {
    const xs = sides(state.filters);
    if (xs.length < 2) {
      return panel('Compare actors',
        h('p', {}, 'Type one actor in “Actor” and one or two in “With” (separated by “;”), then Apply. Example: ',
          h('a', { href: href({ view: 'compare', filters: { actor: 'Kaja Kallas', with: 'Sergey Lavrov; Wang Yi' } }), text: 'Kaja Kallas, Sergey Lavrov and Wang Yi' }), '.'));
    }
    const ev = xs.map((_, i) => r[`ev${i}`]?.data);
    const st = xs.map((_, i) => r[`st${i}`]?.data);
    return [
      panel('Side by side', periodLine(state),
        h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
          h('caption', { class: 'sr-only', text: 'Totals per actor' }),
          h('thead', {}, h('tr', {}, ['Actor', 'Events', 'Statements', 'Undated events', 'Undated statements'].map((t) => h('th', { scope: 'col', text: t })))),
          h('tbody', {}, xs.map((x, i) => h('tr', {},
            h('td', {}, h('span', { class: 'swatch', style: { background: PALETTE[i] }, 'aria-hidden': 'true' }), x),
            h('td', { class: 'num', text: count(ev[i] ? matching(ev[i], state.filters) : null) }),
            h('td', { class: 'num', text: count(st[i] ? matching(st[i], state.filters) : null) }),
            h('td', { class: 'num', text: count(ev[i]?.undated) }),
            h('td', { class: 'num', text: count(st[i]?.undated) }))))))),
      h('div', { class: 'grid-2' },
        panel('Events per month', periodLine(state), lines(xs, ev, 'Events per month per actor')),
        panel('Statements per month', periodLine(state), lines(xs, st, 'Statements per month per actor'))),
      pairs(xs).map(([a, b], k) => panel(`Shared events: ${a} – ${b}`, periodLine(state),
        section(r[`pair${k}`], (p) => table({ columns: eventColumns.slice(0, 5), page: p, caption: `Events of ${a} and ${b}`, empty: 'No shared events in this period.' })),
        h('p', { class: 'small' }, h('a', { href: href({ view: 'relations', filters: { ...state.filters, actor: a, with: b } }), text: `Relations of ${a} and ${b}` })))),
    ];
  },
};

// One line per actor over the union of their months.
function lines(xs, series, label) {
  if (series.some((s) => !s)) return h('p', { class: 'empty', text: 'Could not load every series.' });
  const seen = [...new Set(series.flatMap((s) => s.data.map((b) => b.bucket)))].sort();
  if (!seen.length) return h('p', { class: 'empty', text: 'No dated records in this period.' });
  // Every calendar month from the first to the last, so a month nobody was
  // active in is drawn at 0 instead of a line sloping across the gap.
  const months = [];
  for (let d = new Date(`${seen[0]}T00:00:00Z`), end = seen[seen.length - 1]; ; d.setUTCMonth(d.getUTCMonth() + 1)) {
    const m = d.toISOString().slice(0, 10);
    if (m > end || months.length > 1200) break;
    months.push(m);
  }
  const box = h('div', { class: 'chart chart-small', role: 'img', 'aria-label': label });
  const values = series.map((s) => {
    const by = new Map(s.data.map((b) => [b.bucket, b.count]));
    return months.map((m) => by.get(m) || 0);
  });
  requestAnimationFrame(async () => {
    try {
      loadStyle('vendor/uplot/uPlot.min.css');
      const uPlot = await loadScript('vendor/uplot/uPlot.iife.min.js', 'uPlot');
      if (!box.isConnected) return;
      const xsec = months.map((m) => Date.parse(`${m}T00:00:00Z`) / 1000);
      box.plot = new uPlot({
        width: box.clientWidth || 500,
        height: 200,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: { x: { time: true, range: paddedRange(xsec, 31 * 86400) }, y: { range: (u, lo, hi) => [0, Math.max(1, hi)] } },
        axes: [{ stroke: '#444', incrs: DAY_INCRS }, { stroke: '#444', size: 40 }],
        series: [{ label: 'Month' }, ...xs.map((x, i) => ({ label: x, stroke: PALETTE[i], width: 2, points: { show: true, size: 6, fill: PALETTE[i] } }))],
      }, [xsec, ...values], box);
    } catch (err) {
      box.replaceChildren(h('p', { class: 'notice notice-error', text: `Chart unavailable: ${err.message}` }));
    }
  });
  return box;
}
