// Ingestion status: the sources with their last fetch and failures when the
// server lists them, otherwise what the articles themselves tell.
import { h, notice, replace } from '../lib/dom.js';
import { get, supports } from '../lib/api.js';
import { timestamp, count } from '../lib/format.js';
import { table } from './table.js';
import { articleViewLink } from './links.js';
import { section } from '../views/common.js';

// Article counts come either as one number or per status, depending on the
// server version; both read the same here.
const articleTotal = (s) => s.article_count ?? s.articles?.total;
const articleFailed = (s) => s.articles?.failed ?? 0;

const sourceColumns = [
  { label: 'Source', cell: (s) => s.name || s.url },
  { label: 'Kind', cell: (s) => `${s.kind || '—'}${s.enabled === false ? ' (disabled)' : ''}` },
  { label: 'Last fetched', class: 'nowrap', cell: (s) => timestamp(s.last_fetched_at) },
  { label: 'Next fetch', class: 'nowrap', cell: (s) => (s.enabled === false ? '—' : timestamp(s.next_fetch_at)) },
  { label: 'Status', cell: (s) => statusTag(s.last_status || (s.last_error ? 'error' : s.last_fetched_at ? 'ok' : 'not fetched'), !!s.last_error || s.failures > 0) },
  { label: 'Error', cell: (s) => s.last_error || '' },
  { label: 'Articles', class: 'num', cell: (s) => count(articleTotal(s)) },
  { label: 'Failed', class: 'num', cell: (s) => count(articleFailed(s)) },
];

const articleColumns = [
  { label: 'Article', cell: (a) => articleViewLink(a) },
  { label: 'Site', cell: (a) => a.site_name || '—' },
  { label: 'Fetched', class: 'nowrap', cell: (a) => timestamp(a.fetched_at) },
  { label: 'Status', cell: (a) => statusTag(a.status, a.status === 'failed') },
  { label: 'Error', cell: (a) => a.error || '' },
];

function statusTag(status, failed) {
  return h('span', { class: `tag ${failed ? 'tag-bad' : ''}`, text: status || '—' });
}

// The panel shows the last ingestion at once; sources and recent articles
// (two requests, and the OpenAPI document to know whether this server
// lists its sources) load only when the reader opens it.
export function ingestion(summary) {
  const body = h('div', { class: 'ingestion-body' });
  const details = h('details', { class: 'articles' }, h('summary', { text: 'Sources and recent articles' }), body);
  let loaded = false;
  details.addEventListener('toggle', () => {
    if (!details.open || loaded) return;
    loaded = true;
    body.append(h('p', { class: 'muted', text: 'Loading…' }));
    load().then((parts) => replace(body, parts));
  });
  return [h('p', { class: 'muted', text: `Last ingestion: ${timestamp(summary?.last_ingestion)}.` }), details];
}

async function fetchOne(path) {
  try {
    return await get(path);
  } catch (error) {
    return { error };
  }
}

async function load() {
  const [sources, articles] = await Promise.all([
    supports('/v1/sources').then((ok) => (ok ? fetchOne('/v1/sources') : { missing: true, spec: '/v1/sources' })),
    fetchOne('/v1/articles?limit=100'),
  ]);
  const failed = articles?.data?.data?.filter((a) => a.status === 'failed') ?? [];
  const byStatus = {};
  for (const a of articles?.data?.data ?? []) byStatus[a.status] = (byStatus[a.status] || 0) + 1;
  return [
    h('p', { class: 'muted', text: `Recent articles: ${Object.entries(byStatus).map(([k, v]) => `${v} ${k}`).join(', ') || 'none'}.` }),
    sources?.missing
      ? notice('This server does not list its sources yet (GET /v1/sources); showing recent articles instead.')
      : section(sources, (s) => table({ columns: sourceColumns, page: { data: s.data }, caption: 'Sources', empty: 'No sources configured.' })),
    failed.length ? notice(`${failed.length} recent article(s) failed to ingest.`, 'error') : null,
    section(articles, (p) => table({ columns: articleColumns, page: { data: p.data }, caption: 'Recent articles' })),
  ];
}
