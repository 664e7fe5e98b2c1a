// A dense data table over one keyset page, with "Show more" following
// next_cursor in place.
import { h, append } from '../lib/dom.js';
import { get } from '../lib/api.js';

export function table({ columns, page, caption, path, empty = 'Nothing matches these filters.' }) {
  if (!page.data.length) return h('p', { class: 'empty', text: empty });
  const tbody = h('tbody');
  const addRows = (rows) => append(tbody, rows.map((r) =>
    h('tr', {}, columns.map((c) => h('td', { class: c.class }, c.cell(r))))));
  addRows(page.data);
  const tbl = h('table', { class: 'data' },
    caption ? h('caption', { class: 'sr-only', text: caption }) : null,
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.class, text: c.label })))),
    tbody);
  return h('div', { class: 'table-wrap' }, tbl, path ? moreButton(page.next_cursor, path, addRows) : null);
}

function moreButton(cursor, path, addRows) {
  if (!cursor) return null;
  let next = cursor;
  const btn = h('button', { type: 'button', class: 'more', text: 'Show more' });
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    const sep = path.includes('?') ? '&' : '?';
    try {
      const { data } = await get(`${path}${sep}cursor=${encodeURIComponent(next)}`);
      addRows(data.data);
      next = data.next_cursor;
      btn.hidden = !next;
    } catch (err) {
      btn.replaceWith(h('p', { class: 'notice notice-error', role: 'alert', text: `Could not load more: ${err.message}` }));
    } finally {
      btn.disabled = false;
    }
  });
  return btn;
}
