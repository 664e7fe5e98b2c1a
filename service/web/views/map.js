// Events by place on a world map: countries shaded by how many events took
// place in them, each place a point at its coordinates sized by its count;
// a click on a country or a point (or a link in the table) filters by it.
// The boundaries are Natural Earth's 1:110m countries as world-atlas ships
// them (vendored, public domain / ISC); ISO numeric codes map to alpha-3
// with the vendored table.  The points are the gazetteer's
// (service/data/places.tsv: GeoNames, CC BY 4.0), answered by
// /v1/stats/places with the counts.  Our own TopoJSON decoding and an
// equirectangular projection, drawn as SVG: no tile server, no network at
// run time.
//
// Events whose place has no point (a country alone, a name the gazetteer no
// longer has) are drawn at their country's centre, unless a point of that
// country is already drawn: the country's shade counts them either way.
import { h, panel, href, count } from '../lib/core.js';
import { collection, eventColumns, periodLine, section, table } from '../components/widgets.js';
import { centre, decode, unwrap } from '../lib/geo.mjs';

const W = 960;
const LAT_TOP = 84;
const LAT_BOTTOM = -58;
const H = Math.round((W * (LAT_TOP - LAT_BOTTOM)) / 360);
const SHADES = ['#dbe6f3', '#a9c3e3', '#6f9bd0', '#3c70b0', '#1f4a80'];

let world = null; // Promise of { features, names }

export default {
  title: ({ filters }) => (filters.location ? `Map: ${filters.location}` : 'Map'),
  filters: 'events',
  requests: ({ filters }) => ({
    places: { path: collection('events', filters, {}, '/v1/stats/places') },
    ...(filters.location ? { events: { path: collection('events', filters, { limit: 20 }) } } : {}),
  }),
  exports: ({ filters }) => [{ label: 'events', path: collection('events', filters) }],
  render: (r, state) => [
    panel('Events by place', periodLine(state),
      section(r.places, (p) => [
        h('p', { class: 'muted small', text: `${count(p.data.reduce((n, x) => n + x.count, 0))} events with a place; ${count(p.unplaced)} without one. Click a country or a place to filter by it.` }),
        worldMap(p.data, state)])),
    r.events ? panel(`Events in ${state.filters.location}`, periodLine(state),
      section(r.events, (p) => table({ columns: eventColumns.slice(0, 6), page: p, caption: `Events in ${state.filters.location}` }))) : null,
    panel('Places', periodLine(state), section(r.places, (p) => placeTable(p.data, state))),
  ],
};

function loadWorld() {
  world ??= Promise.all([
    fetch('vendor/world-atlas/countries-110m.json').then((res) => res.json()),
    fetch('vendor/world-atlas/iso-numeric.json').then((res) => res.json()),
  ]).then(([topo, iso]) => ({ features: decode(topo, topo.objects.countries), iso }));
  return world;
}

const px = ([lon, lat]) => [((lon + 180) / 360) * W, ((LAT_TOP - lat) / (LAT_TOP - LAT_BOTTOM)) * H];

// A ring crossing the antimeridian is drawn once more shifted by 360°;
// the SVG's viewport clips what falls outside.
function pathOf(polygons) {
  const d = [];
  for (const rings of polygons) {
    for (const raw of rings) {
      const r = unwrap(raw);
      const lons = r.map((p) => p[0]);
      const copies = [0, ...(Math.min(...lons) < -180 ? [360] : []), ...(Math.max(...lons) > 180 ? [-360] : [])];
      for (const k of copies) d.push(`M${r.map(([lon, lat]) => px([lon + k, lat]).map((v) => v.toFixed(1)).join(',')).join('L')}Z`);
    }
  }
  return d.join('');
}

// A place's or a country's point, largest first so smaller ones stay on
// top and clickable; each one a link with its own label.
function pointsOf(places, features, iso) {
  const centres = new Map();
  for (const f of features) if (iso[f.id] && !centres.has(iso[f.id])) centres.set(iso[f.id], { name: f.name, polygons: f.polygons });
  const points = [];
  const drawn = new Set();
  const loose = new Map(); // country -> events without a point of their own
  for (const p of places) {
    if (p.lat != null && p.lon != null) {
      points.push({ at: px([p.lon, p.lat]), n: p.count, value: p.name, label: `${p.name}${p.country ? `, ${p.country}` : ''}` });
      if (p.country) drawn.add(p.country);
    } else if (p.country) loose.set(p.country, (loose.get(p.country) || 0) + p.count);
  }
  for (const [code, n] of loose) {
    const f = centres.get(code);
    const c = !drawn.has(code) && f && centre(f.polygons);
    const at = c && px(c);
    if (at) points.push({ at, n, value: code, label: `${f.name || code} (country)` });
  }
  return points.sort((a, b) => b.n - a.n);
}

function worldMap(places, state) {
  const byCountry = new Map();
  for (const p of places) if (p.country) byCountry.set(p.country, (byCountry.get(p.country) || 0) + p.count);
  const max = Math.max(1, ...byCountry.values());
  const shade = (n) => (n ? SHADES[Math.min(SHADES.length - 1, Math.floor((Math.log(n) / Math.log(max + 1)) * SHADES.length))] : '#eef0f4');
  const box = h('div', { class: 'map-box' }, h('p', { class: 'muted', text: 'Loading map…' }));
  const label = `World map: events in ${byCountry.size} countries, the most in ${[...byCountry].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([c, n]) => `${c} (${n})`).join(', ') || 'none'}`;
  const chosen = (state.filters.location || '').toLowerCase();
  const filterBy = (value) => href({ ...state, filters: { ...state.filters, location: value } });
  loadWorld().then(({ features, iso }) => {
    const ns = 'http://www.w3.org/2000/svg';
    const el = (tag, attrs, ...kids) => {
      const e = document.createElementNS(ns, tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      e.append(...kids);
      return e;
    };
    const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, class: 'world', role: 'group', 'aria-label': label });
    for (const f of features) {
      const code = iso[f.id];
      const n = code ? byCountry.get(code) || 0 : 0;
      const path = el('path', { d: pathOf(f.polygons), fill: shade(n), 'data-country': code || '', 'aria-hidden': 'true' }, el('title', {}, `${f.name}: ${n} event(s)`));
      if (code) {
        path.addEventListener('click', () => { location.hash = filterBy(code); });
        path.classList.add('country');
      }
      if (code && code.toLowerCase() === chosen) path.classList.add('chosen');
      svg.append(path);
    }
    for (const p of pointsOf(places, features, iso)) {
      const text = `${p.label}: ${count(p.n)} event${p.n === 1 ? '' : 's'}`;
      const dot = el('circle', { cx: p.at[0].toFixed(1), cy: p.at[1].toFixed(1), r: (3 + Math.sqrt(p.n) * 2).toFixed(1), class: `place-dot${p.value.toLowerCase() === chosen ? ' chosen' : ''}` }, el('title', {}, text));
      svg.append(el('a', { href: filterBy(p.value), 'aria-label': text, 'data-place': p.value, class: 'place' }, dot));
    }
    box.replaceChildren(svg, legend(max, shade));
  }).catch((err) => box.replaceChildren(h('p', { class: 'notice notice-error', text: `Map unavailable: ${err.message}` })));
  return box;
}

function legend(max, shade) {
  const steps = [1, Math.ceil(max / 8), Math.ceil(max / 3), max].filter((v, i, a) => v >= 1 && a.indexOf(v) === i);
  return h('ul', { class: 'legend', 'aria-label': 'Events per country' },
    h('li', {}, h('span', { class: 'swatch swatch-square', style: { background: '#eef0f4' }, 'aria-hidden': 'true' }), 'none'),
    steps.map((v) => h('li', {}, h('span', { class: 'swatch swatch-square', style: { background: shade(v) }, 'aria-hidden': 'true' }), `${v}`)));
}

function placeTable(places, state) {
  if (!places.length) return h('p', { class: 'empty', text: 'No events with a place in this period.' });
  const link = (value, text) => h('a', { href: href({ ...state, filters: { ...state.filters, location: value } }), text });
  return table({
    columns: [
      { label: 'Place', cell: (p) => (p.name ? link(p.name, p.name) : '—'), sort: (p) => p.name || '' },
      { label: 'Country', cell: (p) => (p.country ? link(p.country, p.country) : '—'), sort: (p) => p.country || '' },
      { label: 'Events', class: 'num', cell: (p) => count(p.count), sort: (p) => p.count },
    ],
    page: { data: places },
    caption: 'Events per place',
  });
}
