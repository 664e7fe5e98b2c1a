// Column sets for the three record kinds, shared by every table that shows
// them.  `sort` gives the value a header click sorts the loaded rows by.
import { h } from '../lib/dom.js';
import { eventDate, place, count } from '../lib/format.js';
import { actorLink, eventLink, articleViewLink, participants } from './links.js';

const dateKey = (d) => d || ''; // undated sort first ascending, last descending

export const eventColumns = [
  { label: 'Date', class: 'nowrap', cell: (e) => eventDate(e.date), sort: (e) => dateKey(e.date) },
  { label: 'Type', cell: (e) => h('span', { class: 'tag', text: e.type }), sort: (e) => e.type },
  { label: 'Event', cell: (e) => eventLink(e), sort: (e) => e.title || '' },
  { label: 'Participants', cell: (e) => participants(e.participants), sort: (e) => e.participants?.length || 0 },
  { label: 'Place', cell: (e) => place(e.location), sort: (e) => place(e.location) },
  { label: 'Status', cell: (e) => e.status || '—', sort: (e) => e.status || '' },
  { label: 'Articles', class: 'num', cell: (e) => count(e.mention_count), sort: (e) => e.mention_count },
  {
    label: 'Reported as',
    class: 'evidence',
    cell: (e) => (e.evidence
      ? h('div', {}, h('span', { class: 'sentence', text: e.evidence.sentence }), ' ',
        h('a', { href: `#/article/${e.evidence.article_id}`, class: 'small', text: 'in its article' }))
      : '—'),
  },
];

export const statementColumns = [
  { label: 'Date', class: 'nowrap', cell: (s) => eventDate(s.date), sort: (s) => dateKey(s.date) },
  { label: 'Speaker', cell: (s) => (s.speaker ? actorLink(s.speaker.id, s.speaker.name) : '—'), sort: (s) => s.speaker?.name || '' },
  {
    label: 'Statement',
    cell: (s) => h('div', {},
      h('q', { class: `quote quote-${s.kind}`, text: s.text }),
      s.cue ? h('span', { class: 'muted', text: ` (${s.kind}, ${s.cue})` }) : null,
      // The sentence around it, when it says more than the quote.
      s.sentence && s.sentence.length > s.text.length + 4 ? h('span', { class: 'sentence small', text: s.sentence }) : null),
  },
  { label: 'Article', cell: (s) => (s.article ? articleViewLink(s.article) : '—'), sort: (s) => s.article?.title || '' },
];

export const actorColumns = [
  { label: 'Name', cell: (a) => actorLink(a.id, a.name), sort: (a) => a.name },
  { label: 'Kind', cell: (a) => a.kind, sort: (a) => a.kind },
  { label: 'Title', cell: (a) => a.title || '—', sort: (a) => a.title || '' },
  { label: 'Country', cell: (a) => a.country || '—', sort: (a) => a.country || '' },
  { label: 'Aliases', cell: (a) => (a.aliases || []).join(', ') || '—' },
  { label: 'Statements', class: 'num', cell: (a) => count(a.statement_count), sort: (a) => a.statement_count },
  { label: 'Events', class: 'num', cell: (a) => count(a.event_count), sort: (a) => a.event_count },
];
