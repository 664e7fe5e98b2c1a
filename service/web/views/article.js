// One article as the evidence behind the records: its source, title and
// date, and its text with every statement and event mention highlighted
// and linked (statements to their speaker, mentions to their event).
// Offsets are code points, so the text is cut by code point, not by
// UTF-16 unit.
import { h, href, panel, timestamp } from '../lib/core.js';
import { actorLink, articleLink, eventLink, facts, section } from '../components/widgets.js';

export default {
  title: ({ id }, r) => r?.article?.data?.title || r?.article?.data?.url || `Article ${id}`,
  filters: null,
  requests: ({ id }) => ({ article: { path: `/v1/articles/${encodeURIComponent(id)}` } }),
  exports: ({ id }) => [
    { label: 'statements', path: `/v1/statements?article_id=${encodeURIComponent(id)}` },
    { label: 'events', path: `/v1/events?article_id=${encodeURIComponent(id)}` },
  ],
  render: (r) => [section(r.article, detail)],
};

function spans(a) {
  const out = [];
  a.statements.forEach((s, i) => out.push({ kind: 'statement', n: i + 1, start: s.offsets[0], end: s.offsets[1], record: s }));
  a.events.forEach((e, i) => {
    if (e.mention) out.push({ kind: 'event', n: i + 1, start: e.mention.offsets[0], end: e.mention.offsets[1], record: e });
  });
  return out.filter((s) => s.end > s.start);
}

const dateSource = { page: 'page metadata', url: 'address', text: 'text', fetched: 'storage day' };

// The article's relevance to international affairs and politics; an
// off-topic one is left out of lists and aggregates unless asked for.
function relevance(a) {
  if (a.relevance === null || a.relevance === undefined) return 'not assessed yet';
  const score = Number(a.relevance).toFixed(2);
  return a.off_topic ? `${score} — off-topic: left out of lists and charts (?relevance=all shows it)` : `${score} — on topic`;
}

function detail(a) {
  const marks = spans(a);
  return [
    h('header', { class: 'detail-head' },
      h('p', { class: 'kicker' }, h('span', { class: 'tag', text: a.site_name || 'article' }), ` ${a.status}`),
      h('h2', { class: 'detail-title', text: a.title || a.url }),
      facts([
        ['Published', a.published_at ? `${timestamp(a.published_at)}${a.published_source && a.published_source !== 'given' ? ` (from its ${dateSource[a.published_source] || a.published_source})` : ''}` : 'undated'],
        ['Source', articleLink({ url: a.url, title: a.site_name || a.url })],
        ['Author', a.author || '—'],
        ['Statements', String(a.statements.length)],
        ['Events', String(a.events.length)],
        ['Relevance', relevance(a)],
      ])),
    panel('Text, with the evidence marked',
      h('p', { class: 'muted small' }, h('mark', { class: 'ev-statement', text: 'statement' }), ' ', h('mark', { class: 'ev-event', text: 'event mention' }),
        ' — each mark ends with a link to its record.'),
      markedText(a.text || '', marks)),
    panel(`Statements in this article (${a.statements.length})`,
      a.statements.length ? h('ol', { class: 'evidence-list' }, a.statements.map((s, i) =>
        h('li', { id: `st-${i + 1}` }, s.speaker ? actorLink(s.speaker.id, s.speaker.name) : unnamed(s), ': ',
          h('q', { class: `quote quote-${s.kind}`, text: s.text })))) : h('p', { class: 'empty', text: 'No statements.' })),
    panel(`Events in this article (${a.events.length})`,
      a.events.length ? h('ol', { class: 'evidence-list' }, a.events.map((e) =>
        h('li', {}, eventLink(e), h('span', { class: 'muted', text: ` · ${e.type}` })))) : h('p', { class: 'empty', text: 'No events.' })),
  ];
}

// Cuts the text at every span edge; each piece is marked by the spans
// covering it, and each span's last piece is followed by its link.
function markedText(text, marks) {
  const cps = Array.from(text);
  const edges = new Set([0, cps.length]);
  for (const m of marks) {
    m.start = Math.max(0, Math.min(m.start, cps.length));
    m.end = Math.max(m.start, Math.min(m.end, cps.length));
    edges.add(m.start);
    edges.add(m.end);
  }
  const cuts = [...edges].sort((x, y) => x - y);
  const body = h('div', { class: 'article-text' });
  let para = h('p');
  body.append(para);
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const over = marks.filter((m) => m.start <= a && m.end >= b);
    const kinds = new Set(over.map((m) => m.kind));
    const lines = cps.slice(a, b).join('').split(/\n\s*\n/);
    lines.forEach((line, k) => {
      if (k) {
        para = h('p');
        body.append(para);
      }
      if (!line) return;
      para.append(kinds.size ? h('mark', { class: [...kinds].map((x) => `ev-${x}`).join(' ') }, line) : document.createTextNode(line));
    });
    for (const m of marks.filter((x) => x.end === b)) para.append(markLink(m));
  }
  return body;
}

function markLink(m) {
  const r = m.record;
  if (m.kind === 'event') {
    return h('a', { class: 'mark-link', href: `#/event/${r.id}`, 'aria-label': `event: ${r.title || r.type}` }, `E${m.n}`);
  }
  const who = r.speaker ? r.speaker.name : 'unattributed';
  return r.speaker
    ? h('a', { class: 'mark-link', href: `#/actor/${r.speaker.id}`, 'aria-label': `statement by ${who}` }, `S${m.n}`)
    : h('span', { class: 'mark-link', title: r.source_description ? `statement by ${r.source_description} (unnamed)` : 'statement, speaker unknown' }, `S${m.n}`);
}

// A speaker the text leaves unnamed: its description ("a senior official"), else "unattributed".
function unnamed(s) {
  return s.source_description ? h('span', { class: 'muted', text: `${s.source_description} (unnamed)` }) : 'unattributed';
}
