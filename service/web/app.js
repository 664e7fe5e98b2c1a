// The dashboard's entry point: reads the URL, loads what the view needs,
// renders it, and polls every 15 s — re-rendering only when an ETag changed.
// The status line (a live region) speaks only when something changed; a
// missing page makes no request at all.
import { get, supports } from './lib/api.js';
import { parse } from './lib/state.js';
import { h, replace } from './lib/dom.js';
import { bindFilters, showFilters, fillSuggestions, bindExport } from './components/toolbar.js';
import { appliesTo } from './views/common.js';
import overview from './views/overview.js';
import { events, statements, actors } from './views/lists.js';
import network from './views/network.js';
import event from './views/event.js';
import actor from './views/actor.js';
import article from './views/article.js';

const notfound = {
  title: () => 'Page not found',
  filters: null,
  requests: () => ({}),
  exports: () => [],
  render: () => [h('h2', { class: 'detail-title', text: 'Page not found' }),
    h('p', {}, 'This address is not a page of the dashboard. ', h('a', { href: '#/overview', text: 'Go to the overview' }), '.')],
};

const VIEWS = { overview, events, statements, actors, network, event, actor, article, notfound };
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
const refreshExport = bindExport($('exports'), $('copy-curl'), $('curl-out'), () => VIEWS[state.view].exports(state));

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

function navigate() {
  state = parse();
  const view = VIEWS[state.view];
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
for (const name of ['actor', 'type']) form.elements[name].addEventListener('focus', loadSuggestions, { once: true });

window.addEventListener('hashchange', navigate);
const poll = () => { if (!document.hidden) load({ poll: true }); };
setInterval(poll, POLL_MS);
window.addEventListener('parley:poll', poll); // lets a test (or a console) poll now
navigate();
