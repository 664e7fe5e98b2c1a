// One event: who, when, where, every sentence that reports it (linked to
// the article view, where it is highlighted), and the statements made
// around it.
import { count, eventDate, h, panel, place, timestamp } from '../lib/core.js';
import { actorLink, articleLink, articleViewLink, facts, participants, section, statementColumns, table } from '../components/widgets.js';

export default {
  title: ({ id }, r) => r?.event?.data?.title || (r?.event?.data ? `${r.event.data.type} event` : `Event ${id}`),
  filters: null,
  requests: ({ id }) => ({ event: { path: `/v1/events/${encodeURIComponent(id)}` } }),
  exports: ({ id }) => [{ label: 'statements', path: `/v1/statements?event_id=${encodeURIComponent(id)}` }],
  render: (r) => [section(r.event, detail)],
};

function detail(ev) {
  return [
    h('header', { class: 'detail-head' },
      h('p', { class: 'kicker' }, h('span', { class: 'tag', text: ev.type }), ` ${ev.status || ''}`),
      h('h2', { class: 'detail-title', text: ev.title || `${ev.type} #${ev.id}` }),
      facts([
        ['Date', `${eventDate(ev.date)}${ev.date_precision && ev.date_precision !== 'day' ? ` (${ev.date_precision})` : ''}`],
        ['Place', place(ev.location)],
        ['CAMEO', ev.cameo_code || '—'],
        ['Reported by', `${count(ev.mention_count)} article(s), ${count(ev.source_count)} outlet(s)`],
        ['First seen', timestamp(ev.first_seen)],
        ['Last seen', timestamp(ev.last_seen)]])),
    panel('Participants', participantList(ev.participants)),
    panel(`Mentions (${ev.mentions.length})`, mentionList(ev.mentions)),
    panel(`Statements (${ev.statements.length})`,
      table({ columns: statementColumns, page: { data: ev.statements }, caption: 'Statements around this event', empty: 'No statements linked to this event.' })),
  ];
}


function participantList(list) {
  if (!list.length) return h('p', { class: 'empty', text: 'No participants recorded.' });
  return h('ul', { class: 'chips' }, list.map((p) =>
    h('li', {}, actorLink(p.actor_id, p.name), h('span', { class: 'muted', text: ` ${p.role}${p.kind ? `, ${p.kind}` : ''}` }))));
}

function mentionList(mentions) {
  if (!mentions.length) return h('p', { class: 'empty', text: 'No article mentions.' });
  return h('ol', { class: 'mentions' }, mentions.map((m) =>
    h('li', { class: 'mention' },
      h('blockquote', { text: m.sentence }),
      h('p', { class: 'small' }, articleViewLink(m),
        h('span', { class: 'muted', text: ` · ${m.published_at ? timestamp(m.published_at) : 'undated'} · characters ${m.offsets[0]}–${m.offsets[1]} · ` }),
        articleLink({ url: m.url, title: 'source' })))));
}
