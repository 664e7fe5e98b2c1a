// Counts per bucket as stacked bars, one colour per type, drawn with uPlot.
// The container's height is fixed in CSS so the page does not jump when the
// chart arrives.
import { h } from '../lib/dom.js';
import { loadScript } from '../lib/load-script.js';
import { PALETTE } from './palette.js';

const MAX_TYPES = 6;

// Top types by total, the rest folded into "other".
function stackTypes(rows) {
  const totals = {};
  for (const r of rows) for (const [t, n] of Object.entries(r.by_type || { count: r.count })) totals[t] = (totals[t] || 0) + n;
  const ranked = Object.keys(totals).sort((a, b) => totals[b] - totals[a]);
  const shown = ranked.slice(0, MAX_TYPES);
  const rest = ranked.slice(MAX_TYPES);
  const series = shown.map((t) => ({ name: t, values: rows.map((r) => (r.by_type || { count: r.count })[t] || 0) }));
  if (rest.length) series.push({ name: 'other', values: rows.map((r) => rest.reduce((s, t) => s + ((r.by_type || {})[t] || 0), 0)) });
  return series;
}

export function timeline(rows, { label }) {
  const box = h('div', { class: 'chart', role: 'img', 'aria-label': label });
  if (!rows.length) {
    box.append(h('p', { class: 'empty', text: 'No dated records in this period.' }));
    return box;
  }
  box.append(h('p', { class: 'muted', text: 'Loading chart…' }));
  // Drawn once the box is in the document and has a width.
  requestAnimationFrame(() => draw(box, rows).catch((err) => {
    box.replaceChildren(h('p', { class: 'notice notice-error', role: 'alert', text: `Chart unavailable: ${err.message}` }));
  }));
  return h('figure', { class: 'chart-figure' }, box, summaryTable(rows));
}

async function draw(box, rows) {
  const uPlot = await loadScript('vendor/uplot/uPlot.iife.min.js', 'uPlot');
  if (!box.isConnected) return;
  const xs = rows.map((r) => Date.parse(`${r.bucket}T00:00:00Z`) / 1000);
  const stack = stackTypes(rows);
  // Stacking: each series is drawn at its cumulative height, tallest first,
  // so the shorter ones paint over it; the legend still shows raw counts.
  let running = xs.map(() => 0);
  const cumulative = stack.map((s) => (running = running.map((v, i) => v + s.values[i])));
  const order = stack.map((_, i) => i).reverse();
  const bars = uPlot.paths.bars({ size: [0.7, 48], align: 0 });
  const opts = {
    width: box.clientWidth || 600,
    height: 240,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    legend: { live: true },
    cursor: { points: { show: false } },
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
    axes: [{ stroke: '#444' }, { stroke: '#444', size: 40, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] }],
    series: [{ label: 'Week of' }, ...order.map((i) => ({
      label: stack[i].name,
      fill: PALETTE[i % PALETTE.length],
      stroke: PALETTE[i % PALETTE.length],
      width: 0,
      paths: bars,
      points: { show: false },
      value: (u, v, si, idx) => (idx === null || idx === undefined ? '–' : stack[i].values[idx]),
    }))],
  };
  const data = [xs, ...order.map((i) => cumulative[i])];
  box.replaceChildren();
  const plot = new uPlot(opts, data, box);
  const ro = new ResizeObserver(() => {
    if (!box.isConnected) return ro.disconnect();
    plot.setSize({ width: box.clientWidth, height: 240 });
  });
  ro.observe(box);
}

// The same numbers as text, for screen readers (the canvas is an image).
function summaryTable(rows) {
  return h('table', { class: 'sr-only' },
    h('thead', {}, h('tr', {}, h('th', { text: 'Bucket' }), h('th', { text: 'Count' }))),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('td', { text: r.bucket }), h('td', { text: String(r.count) })))));
}
