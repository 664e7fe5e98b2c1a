// A dense data table over one keyset page, with "Show more" following
// next_cursor in place, headers that sort the loaded rows (aria-sort), and
// a line saying how many rows are shown of how many match.
import { h, append } from '../lib/dom.js';
import { get } from '../lib/api.js';
import { count as fmt } from '../lib/format.js';

export function table({ columns, page, caption, path, total = null, empty = 'Nothing matches these filters.' }) {
  if (!page.data.length) return h('p', { class: 'empty', text: empty });
  const rows = [...page.data];
  const tbody = h('tbody');
  const shown = h('p', { class: 'table-total muted small', 'aria-live': 'off' });
  const paint = () => {
    tbody.replaceChildren();
    append(tbody, rows.map((r) => h('tr', {}, columns.map((c) => h('td', { class: c.class, 'data-label': c.label }, c.cell(r))))));
    shown.textContent = `${fmt(rows.length)} shown${total !== null ? ` of ${fmt(total)}` : ''}`;
  };
  let sorted = { col: null, dir: 1 };
  const headers = columns.map((c, i) => {
    if (!c.sort) return h('th', { scope: 'col', class: c.class, text: c.label });
    const btn = h('button', { type: 'button', class: 'sort', text: c.label });
    const th = h('th', { scope: 'col', class: c.class, 'aria-sort': 'none' }, btn);
    btn.addEventListener('click', () => {
      sorted = { col: i, dir: sorted.col === i ? -sorted.dir : (c.class === 'num' ? -1 : 1) };
      const key = c.sort;
      rows.sort((a, b) => {
        const x = key(a);
        const y = key(b);
        return sorted.dir * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
      });
      for (const other of th.parentElement.children) other.setAttribute('aria-sort', 'none');
      th.setAttribute('aria-sort', sorted.dir > 0 ? 'ascending' : 'descending');
      paint();
    });
    return th;
  });
  paint();
  const tbl = h('table', { class: 'data' },
    caption ? h('caption', { class: 'sr-only', text: caption }) : null,
    h('thead', {}, h('tr', {}, headers)),
    tbody);
  const addRows = (more) => { rows.push(...more); paint(); };
  return h('div', { class: 'table-wrap' }, tbl, shown, path ? moreButton(page.next_cursor, path, addRows) : null);
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
