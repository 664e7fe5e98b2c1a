// The dashboard's entry point: reads the URL, loads what the view needs,
// renders it, and polls every 15 s — re-rendering only when an ETag changed.
import { get, supports } from './lib/api.js';
import { parse } from './lib/state.js';
import { h, replace, notice } from './lib/dom.js';
import { bindFilters, showFilters, fillSuggestions, bindExport } from './components/toolbar.js';
import { appliesTo } from './views/common.js';
import overview from './views/overview.js';
import { events, statements, actors } from './views/lists.js';
import network from './views/network.js';
import event from './views/event.js';
import actor from './views/actor.js';

const VIEWS = { overview, events, statements, actors, network, event, actor };
const POLL_MS = 15000;
const PARENT = { event: 'events', actor: 'actors' }; // detail view -> its nav entry

const $ = (id) => document.getElementById(id);
const main = $('main');
const status = $('status');
const form = $('filters');
let state = parse();
let initialised = false;
let generation = 0; // a newer navigation makes older loads stale

bindFilters(form, () => state);
const refreshExport = bindExport($('export-csv'), $('copy-curl'), $('curl-out'), () => VIEWS[state.view].exportPath(state));

// One request: its data, or why there is none.  Endpoints the server does
// not describe are not requested at all.
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
  const wanted = Object.entries(view.requests(state));
  if (!poll) setStatus('Loading…', true);
  const results = Object.fromEntries(await Promise.all(wanted.map(async ([k, r]) => [k, await fetchOne(r)])));
  if (mine !== generation) return;
  const changed = Object.values(results).some((r) => r.changed);
  if (poll && !changed) return setStatus(`Up to date · checked ${clock()}`);
  renderView(view, results);
  main.dataset.shown = location.hash || '#/overview'; // which URL is on screen (tests wait on it)
  const failed = Object.values(results).filter((r) => r.error && r.error.status !== 404);
  setStatus(failed.length ? `${failed.length} request(s) failed · ${clock()}` : `Updated ${clock()}`, false, failed.length > 0);
}

function renderView(view, results) {
  // Keep the reader's place when a poll brings new data.
  const y = window.scrollY;
  const title = view.title(state);
  document.title = `${title} · Parley`;
  replace(main, h('h1', { class: 'sr-only', text: title }), view.render(results, state));
  window.scrollTo(0, y);
}

function setStatus(text, busy = false, bad = false) {
  status.textContent = text;
  status.classList.toggle('bad', bad);
  main.setAttribute('aria-busy', String(busy));
}

const clock = () => new Date().toLocaleTimeString('en-GB');

function navigate() {
  state = parse();
  const view = VIEWS[state.view];
  showFilters(form, state.filters, view.filters ? appliesTo(view.filters) : null);
  const section = PARENT[state.view] || state.view;
  for (const a of document.querySelectorAll('nav a[data-view]')) {
    if (a.dataset.view === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  refreshExport();
  window.scrollTo(0, 0);
  // After a navigation, focus goes to the new content (as a page load would
  // put it at the top); the first load leaves focus where the browser put it.
  const moved = initialised;
  initialised = true;
  load().then(() => moved && main.focus({ preventScroll: true }));
}

// Nav links keep the current filters, so switching views keeps the question.
document.querySelector('nav').addEventListener('click', (ev) => {
  const a = ev.target.closest('a[data-view]');
  if (!a) return;
  ev.preventDefault();
  const params = location.hash.split('?')[1];
  location.hash = `#/${a.dataset.view}${params && !state.id ? `?${params}` : ''}`;
});

async function loadSuggestions() {
  try {
    const [actorsPage, summary] = await Promise.all([
      get('/v1/actors?limit=500'),
      supports('/v1/stats/summary').then((ok) => (ok ? get('/v1/stats/summary') : null)),
    ]);
    fillSuggestions($('actor-options'), actorsPage.data.data.flatMap((a) => [a.name]));
    const types = summary ? summary.data.top_event_types.map((t) => t.type) : [];
    fillSuggestions($('type-options'), types.length ? types : ['meet', 'visit', 'call', 'negotiate', 'statement', 'propose', 'threaten']);
  } catch { /* suggestions are a convenience; the fields work without them */ }
}

window.addEventListener('hashchange', navigate);
const poll = () => { if (!document.hidden) load({ poll: true }); };
setInterval(poll, POLL_MS);
window.addEventListener('parley:poll', poll); // lets a test (or a console) poll now
navigate();
loadSuggestions();
