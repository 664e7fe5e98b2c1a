// A definition list of label/value pairs: the header of a detail view.
import { h } from '../lib/dom.js';

export const facts = (pairs) =>
  h('dl', { class: 'facts' }, pairs.map(([k, v]) => h('div', {}, h('dt', { text: k }), h('dd', {}, v))));
