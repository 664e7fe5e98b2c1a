// A ranked list with proportional bars (top actors, top event types):
// plain HTML, so it is readable by screen readers and costs no library.
import { h } from '../lib/dom.js';
import { count } from '../lib/format.js';

export function bars(items, { label, value, link }) {
  if (!items.length) return h('p', { class: 'empty', text: 'No data for this period.' });
  const max = Math.max(...items.map(value), 1);
  return h('ol', { class: 'bars' }, items.map((it) =>
    h('li', {},
      h('span', { class: 'bar-label' }, link ? link(it) : label(it)),
      h('span', { class: 'bar-track', 'aria-hidden': 'true' },
        h('span', { class: 'bar-fill', style: { width: `${(100 * value(it)) / max}%` } })),
      h('span', { class: 'num', text: count(value(it)) }))));
}
