// The actor graph: a d3-force layout computed in one go (no animation, so
// nothing moves under the reader's pointer) and drawn on a canvas.  Every
// node is also listed in a table, the keyboard and screen-reader way in.
import { count, h, href, notice, period } from '../lib/core.js';
import { KIND_COLOURS, table } from './widgets.js';

const HEIGHT = 480;

export function network(graph, { label, focus = null, open = false }) {
  if (!graph.nodes.length) return h('p', { class: 'empty', text: 'No connections in this period.' });
  const canvas = h('canvas', { class: 'graph', role: 'img', 'aria-label': label, height: HEIGHT });
  const tip = h('div', { class: 'graph-tip', hidden: true });
  const box = h('div', { class: 'graph-box' }, canvas, tip);
  // d3-force is fetched with the first graph, not with the dashboard.
  import('d3-force').then((d3) => layoutAndDraw(d3, canvas, tip, graph, focus)).catch((err) => {
    box.replaceChildren(h('p', { class: 'notice notice-error', role: 'alert', text: `Graph unavailable: ${err.message}` }));
  });
  return h('div', { class: 'network' }, box, legend(), nodeTable(graph, open));
}

function radius(n) {
  return 4 + Math.sqrt(n.count) * 2.5;
}

function layoutAndDraw(d3, canvas, tip, graph, focus) {
  if (!canvas.isConnected) return;
  const { forceSimulation, forceLink, forceManyBody, forceCenter, forceCollide, forceX, forceY } = d3;
  const width = canvas.parentElement.clientWidth || 800;
  const nodes = graph.nodes.map((n) => ({ ...n }));
  const links = graph.edges.map((e) => ({ ...e }));
  const sim = forceSimulation(nodes)
    .force('link', forceLink(links).id((d) => d.id).distance(90).strength((l) => Math.min(1, 0.2 + l.weight / 10)))
    .force('charge', forceManyBody().strength(-320))
    .force('center', forceCenter(width / 2, HEIGHT / 2))
    // A gentle pull to the middle keeps unconnected clusters from drifting
    // to the edges and squeezing the main one.
    .force('x', forceX(width / 2).strength(0.07))
    .force('y', forceY(HEIGHT / 2).strength(0.1))
    // Room for the label beside each node.
    .force('collide', forceCollide((d) => radius(d) + 16))
    .stop();
  for (let i = 0; i < 300; i++) sim.tick();
  fit(nodes, width, HEIGHT);
  const draw = setupCanvas(canvas, width);
  const paint = (hover) => draw((ctx) => paintGraph(ctx, nodes, links, focus, hover));
  paint(null);
  const nodeAt = (ev) => {
    const r = canvas.getBoundingClientRect();
    const x = ev.clientX - r.left;
    const y = ev.clientY - r.top;
    return nodes.find((n) => (n.x - x) ** 2 + (n.y - y) ** 2 <= (radius(n) + 3) ** 2) || null;
  };
  canvas.addEventListener('mousemove', (ev) => {
    const n = nodeAt(ev);
    canvas.style.cursor = n ? 'pointer' : 'default';
    tip.hidden = !n;
    if (n) {
      tip.textContent = `${n.name} · ${n.kind} · ${n.count}`;
      tip.style.left = `${n.x + radius(n) + 6}px`;
      tip.style.top = `${n.y - 10}px`;
    }
    paint(n);
  });
  canvas.addEventListener('click', (ev) => {
    const n = nodeAt(ev);
    if (n) location.hash = href({ view: 'actor', id: n.id });
  });
}

// Scale the laid-out positions into the canvas with a margin for labels.
function fit(nodes, width, height) {
  const pad = 40;
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const k = Math.min((width - 2 * pad) / Math.max(x1 - x0, 1), (height - 2 * pad) / Math.max(y1 - y0, 1), 1.5);
  const dx = (width - k * (x1 - x0)) / 2;
  const dy = (height - k * (y1 - y0)) / 2;
  for (const n of nodes) {
    n.x = dx + k * (n.x - x0);
    n.y = dy + k * (n.y - y0);
  }
}

// Crisp on high-density screens: the backing store follows devicePixelRatio.
function setupCanvas(canvas, width) {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = width * dpr;
  canvas.height = HEIGHT * dpr;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${HEIGHT}px`;
  const ctx = canvas.getContext('2d');
  return (fn) => {
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, HEIGHT);
    fn(ctx);
  };
}

function paintGraph(ctx, nodes, links, focus, hover) {
  const near = (l, n) => n && (l.source === n || l.target === n);
  for (const l of links) {
    ctx.strokeStyle = near(l, hover) ? 'rgba(30,40,60,0.8)' : 'rgba(90,100,120,0.35)';
    ctx.lineWidth = Math.min(1 + l.weight, 6);
    ctx.beginPath();
    ctx.moveTo(l.source.x, l.source.y);
    ctx.lineTo(l.target.x, l.target.y);
    ctx.stroke();
  }
  ctx.font = '12px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  for (const n of nodes) {
    const r = radius(n);
    ctx.fillStyle = KIND_COLOURS[n.kind] || '#6b6b6b';
    ctx.beginPath();
    ctx.arc(n.x, n.y, r, 0, 2 * Math.PI);
    ctx.fill();
    ctx.lineWidth = String(n.id) === String(focus) || n === hover ? 3 : 1;
    ctx.strokeStyle = '#fff';
    ctx.stroke();
    // White halo under the text keeps labels legible over edges.
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    ctx.strokeText(n.name, n.x + r + 3, n.y);
    ctx.fillStyle = '#1d2330';
    ctx.fillText(n.name, n.x + r + 3, n.y);
  }
}

function legend() {
  return h('ul', { class: 'legend', 'aria-label': 'Node colours' },
    Object.entries(KIND_COLOURS).map(([kind, colour]) =>
      h('li', {}, h('span', { class: 'swatch', style: { background: colour }, 'aria-hidden': 'true' }), kind)));
}

// The most connected first: by degree (distinct partners), then by
// weighted degree, then by mentions.
function nodeTable(graph, open) {
  const degree = new Map();
  const weighted = new Map();
  for (const e of graph.edges) {
    for (const id of [e.source, e.target]) {
      degree.set(id, (degree.get(id) || 0) + 1);
      weighted.set(id, (weighted.get(id) || 0) + e.weight);
    }
  }
  const deg = (n) => n.degree ?? degree.get(n.id) ?? 0;
  const wdeg = (n) => n.weighted_degree ?? weighted.get(n.id) ?? 0;
  const rows = [...graph.nodes].sort((a, b) => deg(b) - deg(a) || wdeg(b) - wdeg(a) || b.count - a.count);
  return h('details', { class: 'node-list', open: open || null },
    h('summary', { text: `Most connected: all ${graph.nodes.length} actors in the graph` }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
      h('caption', { class: 'sr-only', text: 'Actors by connections' }),
      h('thead', {}, h('tr', {}, ['Actor', 'Kind', 'Connections', 'Weighted', 'Records'].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, rows.map((n) => h('tr', { 'data-node': n.id },
        h('td', {}, h('a', { href: href({ view: 'actor', id: n.id }), text: n.name })),
        h('td', { text: n.kind }),
        h('td', { class: 'num', text: count(deg(n)) }),
        h('td', { class: 'num', text: count(wdeg(n)) }),
        h('td', { class: 'num', text: count(n.count) })))))));
}
