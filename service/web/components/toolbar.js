// The filter form and the export actions.  The form only writes the URL
// hash; the app reacts to the hash, so typing a URL, using Back, or
// submitting the form all take the same road.  A filter narrows the view
// it is used on (an actor's page stays that actor's page).
//
// Dates apply when the field is left or Enter is pressed, never while the
// reader types (a date field is "valid" after the first digit of a year).
// The period buttons set a relative range (7 days, 30 days, 1 year) or
// all time; typing a date replaces the range.
import { h, replace } from '../lib/dom.js';
import { FILTERS, href, period } from '../lib/state.js';

const LABELS = { q: 'Search', actor: 'Actor', type: 'Event type', from: 'From', to: 'To', range: 'Period', undated: 'Undated', location: 'Place' };
const TEXT = ['q', 'actor', 'type', 'location'];

export function bindFilters(form, getState, onSubmit) {
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
export function showFilters(form, filters, applies) {
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
export function fillSuggestions(list, values) {
  const seen = new Set();
  const options = values.filter(([v]) => !seen.has(v) && seen.add(v));
  replace(list, options.map(([value, label]) => h('option', { value, label: label || null })));
}

// One CSV link per export of the view (an actor has statements and events),
// and the equivalent curl commands.
export function bindExport(box, curlButton, output, getExports) {
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
