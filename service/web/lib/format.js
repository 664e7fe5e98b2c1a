// How dates, counts and places read on screen.

const dayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const timeFmt = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC',
});
const numFmt = new Intl.NumberFormat('en-GB');

// Event dates come at day, month or year precision ("2025-10-14", "2025-10", "2025").
export function eventDate(d) {
  if (!d) return '—';
  if (/^\d{4}$/.test(d)) return d;
  if (/^\d{4}-\d{2}$/.test(d)) return new Date(`${d}-01T00:00:00Z`).toLocaleString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const t = new Date(`${d.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(t.getTime()) ? d : dayFmt.format(t);
}

export function timestamp(ts) {
  if (!ts) return '—';
  const t = new Date(ts);
  return Number.isNaN(t.getTime()) ? ts : `${timeFmt.format(t)} UTC`;
}

export const count = (n) => (n === null || n === undefined ? '—' : numFmt.format(n));

export function place(loc) {
  if (!loc) return '—';
  return [loc.name, loc.country].filter(Boolean).join(', ') || '—';
}
