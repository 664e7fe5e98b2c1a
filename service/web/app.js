// The dashboard's entry point: reads the URL, loads what the view needs,
// renders it, and polls every 15 s — re-rendering only when an ETag changed.
// The status line (a live region) speaks only when something changed; a
// missing page makes no request at all.
import { get, supports, parse, h, replace, FILTERS, href, period } from './lib/core.js';
import { appliesTo } from './components/widgets.js';

// ---- toolbar: The filter form and the export actions.  The form only writes the URL
// hash; the app reacts to the hash, so typing a URL, using Back, or
// submitting the form all take the same road.  A filter narrows the view
// it is used on (an actor's page stays that actor's page).
//
// Dates apply when the field is left or Enter is pressed, never while the
// reader types (a date field is "valid" after the first digit of a year).
// The period buttons set a relative range (7 days, 30 days, 1 year) or
// all time; typing a date replaces the range.
const LABELS = { q: 'Search', actor: 'Actor', with: 'With', type: 'Event type', from: 'From', to: 'To', range: 'Period', undated: 'Undated', location: 'Place' };
const TEXT = ['q', 'actor', 'with', 'type', 'location'];

function bindFilters(form, getState, onSubmit) {
  let range = null; // the range shown, until a date is typed
  const submit = () => {
    const filters = {};
    for (const k of TEXT) {
      const v = form.elements[k].value.trim();
      if (v) filters[k] = v;
    }
    if (range) filters.range = range;
    else {
      for (const k of ['from', 'to']) if (form.elements[k].value) filters[k] = form.elements[k].value;
    }
    if (form.elements.undated.checked) filters.undated = 'include';
    const { view, id } = getState();
    onSubmit();
    location.hash = href({ view, id, filters });
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submit();
  });
  for (const k of ['from', 'to']) {
    const input = form.elements[k];
    input.addEventListener('input', () => { range = null; markRange(form, null); });
    // Leaving the field applies it, if it changed and is a whole date.
    input.addEventListener('blur', () => {
      const v = input.value;
      if (v === input.dataset.shown) return;
      if (v && !/^[12]\d{3}-\d{2}-\d{2}$/.test(v)) return;
      submit();
    });
  }
  form.elements.undated.addEventListener('change', submit);
  for (const btn of form.querySelectorAll('button[data-range]')) {
    btn.addEventListener('click', () => {
      range = btn.dataset.range === 'all' ? null : btn.dataset.range;
      if (!range) for (const k of ['from', 'to']) form.elements[k].value = '';
      submit();
    });
  }
  form.elements.clear.addEventListener('click', () => {
    for (const k of [...TEXT, 'from', 'to']) form.elements[k].value = '';
    form.elements.undated.checked = false;
    range = null;
    submit();
  });
  // The state a navigation brings becomes the form's range.
  form.addEventListener('parley:state', (ev) => { range = ev.detail.range || null; });
}

function markRange(form, range, bounded = false) {
  for (const btn of form.querySelectorAll('button[data-range]')) {
    const on = range ? btn.dataset.range === range : (btn.dataset.range === 'all' && !bounded);
    btn.setAttribute('aria-pressed', String(on));
  }
}

// Mirrors the state into the form and marks which fields this view uses.
function showFilters(form, filters, applies) {
  const p = period(filters);
  for (const k of [...TEXT, 'from', 'to']) {
    const input = form.elements[k];
    input.value = (k === 'from' || k === 'to') ? (p[k] || '') : (filters[k] || '');
    input.dataset.shown = input.value;
    input.closest('.field').classList.toggle('inactive', !applies.includes(k));
  }
  form.elements.undated.checked = !!filters.undated;
  form.querySelector('.periods').classList.toggle('inactive', !applies.includes('from'));
  form.elements.undated.closest('.field').classList.toggle('inactive', !applies.includes('undated'));
  markRange(form, filters.range, !!(filters.from || filters.to));
  form.dispatchEvent(new CustomEvent('parley:state', { detail: filters }));
  const unused = FILTERS.filter((k) => !applies.includes(k) && filters[k]);
  form.querySelector('#filter-note').textContent = unused.length
    ? `Not used by this view: ${unused.map((k) => LABELS[k]).join(', ')}.` : '';
}

// Suggestions for the actor and type fields: [value, label?] pairs.
function fillSuggestions(list, values) {
  const seen = new Set();
  const options = values.filter(([v]) => !seen.has(v) && seen.add(v));
  replace(list, options.map(([value, label]) => h('option', { value, label: label || null })));
}

// One CSV link per export of the view (an actor has statements and events),
// and the equivalent curl commands.
function bindExport(box, curlButton, output, getExports) {
  const absolute = (path) => new URL(withFormat(path), location.href).href;
  curlButton.addEventListener('click', async () => {
    const cmd = getExports().map((e) => `curl -sS ${shellQuote(absolute(e.path))}`).join('\n');
    output.hidden = false;
    output.textContent = cmd;
    try {
      await navigator.clipboard.writeText(cmd);
      curlButton.textContent = 'Copied';
    } catch {
      curlButton.textContent = 'Shown below';
    }
    setTimeout(() => { curlButton.textContent = 'Copy curl'; }, 2000);
  });
  return () => {
    const exports = getExports();
    curlButton.hidden = !exports.length;
    output.hidden = true;
    replace(box, exports.map((e, i) => h('a', {
      id: i === 0 ? 'export-csv' : `export-csv-${e.label}`,
      class: 'button secondary',
      href: withFormat(e.path),
      download: `${e.label}.csv`,
      text: exports.length > 1 ? `Export ${e.label} CSV` : 'Export CSV',
    })));
  };
}

function withFormat(path) {
  return `${path}${path.includes('?') ? '&' : '?'}format=csv`;
}

const shellQuote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

// ---- the app
const notfound = {
  title: () => 'Page not found',
  filters: null,
  requests: () => ({}),
  exports: () => [],
  render: () => [h('h2', { class: 'detail-title', text: 'Page not found' }),
    h('p', {}, 'This address is not a page of the dashboard. ', h('a', { href: '#/overview', text: 'Go to the overview' }), '.')],
};

// Views load on first use: the first page fetches only its own.
const LOADERS = {
  overview: () => import('./views/overview.js'),
  events: () => import('./views/lists.js').then((m) => m.events),
  statements: () => import('./views/lists.js').then((m) => m.statements),
  actors: () => import('./views/lists.js').then((m) => m.actors),
  network: () => import('./views/network.js'),
  map: () => import('./views/map.js'),
  relations: () => import('./views/relations.js'),
  compare: () => import('./views/compare.js'),
  event: () => import('./views/event.js'),
  actor: () => import('./views/actor.js'),
  article: () => import('./views/article.js'),
};
const VIEWS = { notfound };
async function viewFor(name) {
  if (!VIEWS[name]) {
    const m = await LOADERS[name]();
    VIEWS[name] = m.default || m;
  }
  return VIEWS[name];
}
const POLL_MS = 15000;
const PARENT = { event: 'events', actor: 'actors', article: 'events' }; // detail view -> its nav entry

const $ = (id) => document.getElementById(id);
const main = $('main');
const status = $('status');
const form = $('filters');
let state = parse();
let initialised = false;
let keepFocus = false; // a filter change leaves focus in the form
let generation = 0; // a newer navigation makes older loads stale

bindFilters(form, () => state, () => { keepFocus = true; });
const refreshExport = bindExport($('exports'), $('copy-curl'), $('curl-out'), () => VIEWS[state.view]?.exports(state) || []);

// One request: its data, or why there is none.  Endpoints marked with a
// spec path are requested only if the server's OpenAPI document lists them.
async function fetchOne({ path, spec }) {
  if (spec && !(await supports(spec))) return { missing: true, spec, changed: false };
  try {
    return await get(path);
  } catch (error) {
    return { error, changed: true };
  }
}

async function load({ poll = false } = {}) {
  const mine = ++generation;
  const view = VIEWS[state.view];
  if (!view) return; // still loading: its navigation will load it
  const wanted = Object.entries(view.requests(state));
  if (poll && !wanted.length) return;
  if (!poll) setBusy(true);
  const results = Object.fromEntries(await Promise.all(wanted.map(async ([k, r]) => [k, await fetchOne(r)])));
  if (mine !== generation) return;
  const changed = Object.values(results).some((r) => r.changed);
  if (poll && !changed) { // nothing new: nothing to say
    main.dataset.polls = String(Number(main.dataset.polls || 0) + 1);
    return;
  }
  renderView(view, results);
  main.dataset.shown = location.hash || '#/overview'; // which URL is on screen (tests wait on it)
  main.dataset.firstData ??= String(Math.round(performance.now())); // ms from navigation to data on screen
  setBusy(false);
  const failed = Object.values(results).filter((r) => r.error && r.error.status !== 404);
  if (failed.length) setStatus(`${failed.length} request(s) failed`, true);
  else if (poll) setStatus(`New data at ${clock()}`);
  else setStatus(`${view.title(state, results)} loaded`);
}

function renderView(view, results) {
  // Keep the reader's place when a poll brings new data.
  const y = window.scrollY;
  const title = view.title(state, results);
  document.title = `${title} · Parley`;
  replace(main, h('h1', { class: 'sr-only', text: title }), view.render(results, state));
  window.scrollTo(0, y);
}

function setBusy(busy) {
  main.setAttribute('aria-busy', String(busy));
}

// The live region changes only when there is news for the reader.
function setStatus(text, bad = false) {
  if (status.textContent !== text) status.textContent = text;
  status.classList.toggle('bad', bad);
}

const clock = () => new Date().toLocaleTimeString('en-GB');

async function navigate() {
  state = parse();
  const wanted = state;
  const view = await viewFor(state.view);
  if (wanted !== state) return; // a newer navigation came first
  showFilters(form, state.filters, view.filters ? appliesTo(view.filters) : []);
  form.hidden = state.view === 'notfound';
  const section = PARENT[state.view] || state.view;
  for (const a of document.querySelectorAll('nav a[data-view]')) {
    if (a.dataset.view === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  refreshExport();
  // After a navigation, focus goes to the new content (as a page load would
  // put it at the top); the first load, and a filter change, leave focus
  // where the reader is.
  const moved = initialised && !keepFocus;
  if (moved) window.scrollTo(0, 0);
  initialised = true;
  keepFocus = false;
  load().then(() => moved && main.focus({ preventScroll: true }));
}

// Nav links keep the current filters, so switching views keeps the question.
document.querySelector('nav').addEventListener('click', (ev) => {
  const a = ev.target.closest('a[data-view]');
  if (!a) return;
  ev.preventDefault();
  const params = location.hash.split('?')[1];
  location.hash = `#/${a.dataset.view}${params ? `?${params}` : ''}`;
});

// Suggestions for the actor and type fields load when one is first used.
let suggested = false;
async function loadSuggestions() {
  if (suggested) return;
  suggested = true;
  try {
    const [actorsPage, summary] = await Promise.all([get('/v1/actors?limit=500'), get('/v1/stats/summary')]);
    fillSuggestions($('actor-options'), actorsPage.data.data.map((a) => [a.name]));
    const types = summary.data.top_event_types.map((t) => [t.type]);
    fillSuggestions($('type-options'), [
      ['04', 'any meeting: meet, visit, call, talks, host (CAMEO 04)'],
      ...(types.length ? types : ['meet', 'visit', 'call', 'negotiate', 'statement', 'propose', 'threaten'].map((t) => [t])),
    ]);
  } catch { /* suggestions are a convenience; the fields work without them */ }
}
for (const name of ['actor', 'with', 'type']) form.elements[name].addEventListener('focus', loadSuggestions, { once: true });

// On a phone the fields fold away behind one button; the periods stay.
const toggle = $('filters-toggle');
toggle.addEventListener('click', () => {
  const open = !form.classList.contains('open');
  form.classList.toggle('open', open);
  toggle.setAttribute('aria-expanded', String(open));
});

window.addEventListener('hashchange', navigate);
const poll = () => { if (!document.hidden) load({ poll: true }); };
setInterval(poll, POLL_MS);
window.addEventListener('parley:poll', poll); // lets a test (or a console) poll now
navigate();
