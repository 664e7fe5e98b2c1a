// The filter form and the export actions.  The form only writes the URL
// hash; the app reacts to the hash, so typing a URL, using Back, or
// submitting the form all take the same road.
import { h, replace } from '../lib/dom.js';
import { FILTERS, href } from '../lib/state.js';

const LABELS = { q: 'Search', actor: 'Actor', type: 'Event type', from: 'From', to: 'To', location: 'Place' };

export function bindFilters(form, getState) {
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const filters = {};
    for (const k of FILTERS) {
      const v = form.elements[k].value.trim();
      if (v) filters[k] = v;
    }
    const { view, id } = getState();
    // Filtering a detail view means going back to the list it came from.
    const target = view === 'event' ? 'events' : view === 'actor' ? 'actors' : view;
    location.hash = href({ view: target, id: target === view ? id : null, filters });
  });
  // Dates apply as soon as they are picked; text waits for Enter or Apply.
  for (const k of ['from', 'to']) form.elements[k].addEventListener('change', () => form.requestSubmit());
  form.elements.clear.addEventListener('click', () => {
    for (const k of FILTERS) form.elements[k].value = '';
    form.requestSubmit();
  });
}

// Mirrors the state into the form and marks which fields this view uses.
export function showFilters(form, filters, applies) {
  for (const k of FILTERS) {
    const input = form.elements[k];
    input.value = filters[k] || '';
    input.closest('.field').classList.toggle('inactive', !!applies && !applies.includes(k));
  }
  const unused = applies ? FILTERS.filter((k) => !applies.includes(k) && filters[k]) : [];
  form.querySelector('#filter-note').textContent = unused.length
    ? `Not used by this view: ${unused.map((k) => LABELS[k]).join(', ')}.` : '';
}

// Suggestions for the actor and type fields, filled once from the API.
export function fillSuggestions(list, values) {
  replace(list, [...new Set(values)].sort().map((v) => h('option', { value: v })));
}

export function bindExport(link, curlButton, output, getPath) {
  const absolute = () => new URL(withFormat(getPath()), location.href).href;
  curlButton.addEventListener('click', async () => {
    const cmd = `curl -sS ${shellQuote(absolute())}`;
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
    const path = getPath();
    link.hidden = !path;
    curlButton.hidden = !path;
    output.hidden = true;
    if (path) link.href = withFormat(path);
  };
}

function withFormat(path) {
  return `${path}${path.includes('?') ? '&' : '?'}format=csv`;
}

const shellQuote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
