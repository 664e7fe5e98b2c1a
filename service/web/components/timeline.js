// Counts per bucket as stacked bars, one colour per type, drawn with uPlot.
// The container's height is fixed in CSS so the page does not jump when the
// chart arrives.
import { h } from '../lib/dom.js';
import { loadScript, loadStyle } from '../lib/load-script.js';
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

// onBrush(from, to): dragging across the chart picks a period (ISO dates).
export function timeline(rows, { label, onBrush = null }) {
  if (!rows.length) return h('p', { class: 'empty', text: 'No dated records in this period.' });
  const box = h('div', { class: 'chart', role: 'img', 'aria-label': label });
  box.append(h('p', { class: 'muted', text: 'Loading chart…' }));
  // A few stray early dates would squash every bar into the right edge:
  // the chart starts where the data does, and says what it left out.
  const { shown, early } = trimEarly(rows);
  const render = (which) => requestAnimationFrame(() => draw(box, which, onBrush).catch((err) => {
    box.replaceChildren(h('p', { class: 'notice notice-error', role: 'alert', text: `Chart unavailable: ${err.message}` }));
  }));
  render(shown);
  let note = null;
  if (early.count) {
    const all = h('button', { type: 'button', class: 'secondary small-button', text: 'Draw all' });
    note = h('p', { class: 'muted small chart-note' },
      `${early.count} earlier record(s), ${early.from} to ${early.to}, are left of this chart. `, all);
    all.addEventListener('click', () => {
      note.replaceChildren(`Drawing every bucket from ${early.from}.`);
      render(rows);
    });
  }
  // Drawn once the box is in the document and has a width.
  return h('figure', { class: 'chart-figure' }, note, box,
    onBrush ? h('figcaption', { class: 'muted small', text: 'Drag across the chart to choose a period.' }) : null,
    summaryTable(rows));
}

// Leading buckets that hold at most 5% of the records are left out (and
// counted) when that shortens the axis by more than half.
function trimEarly(rows) {
  const total = rows.reduce((n, r) => n + r.count, 0);
  const t = (r) => Date.parse(`${r.bucket}T00:00:00Z`);
  let cut = 0;
  let before = 0;
  for (let i = 1; i < rows.length; i++) {
    before += rows[i - 1].count;
    if (before > total * 0.05) break;
    cut = i;
  }
  const last = rows.length ? t(rows[rows.length - 1]) : 0;
  if (!cut || last - t(rows[cut]) > (last - t(rows[0])) / 2) return { shown: rows, early: { count: 0 } };
  const early = rows.slice(0, cut);
  return {
    shown: rows.slice(cut),
    early: { count: early.reduce((n, r) => n + r.count, 0), from: early[0].bucket, to: early[early.length - 1].bucket },
  };
}

const isoDay = (secs) => new Date(secs * 1000).toISOString().slice(0, 10);

async function draw(box, rows, onBrush) {
  loadStyle('vendor/uplot/uPlot.min.css');
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
    cursor: { points: { show: false }, drag: { x: !!onBrush, y: false, setScale: false } },
    hooks: onBrush ? {
      setSelect: [(u) => {
        if (u.select.width < 4) return;
        const lo = u.posToVal(u.select.left, 'x');
        const hi = u.posToVal(u.select.left + u.select.width, 'x');
        onBrush(isoDay(lo), isoDay(hi));
      }],
    } : {},
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
