// Column sets for the three record kinds, shared by every table that shows them.
import { h } from '../lib/dom.js';
import { eventDate, place, count } from '../lib/format.js';
import { actorLink, eventLink, articleLink, participants } from './links.js';

export const eventColumns = [
  { label: 'Date', class: 'nowrap', cell: (e) => eventDate(e.date) },
  { label: 'Type', cell: (e) => h('span', { class: 'tag', text: e.type }) },
  { label: 'Event', cell: (e) => eventLink(e) },
  { label: 'Participants', cell: (e) => participants(e.participants) },
  { label: 'Place', cell: (e) => place(e.location) },
  { label: 'Status', cell: (e) => e.status || '—' },
  { label: 'Articles', class: 'num', cell: (e) => count(e.mention_count) },
];

export const statementColumns = [
  { label: 'Date', class: 'nowrap', cell: (s) => eventDate(s.date) },
  { label: 'Speaker', cell: (s) => (s.speaker ? actorLink(s.speaker.id, s.speaker.name) : '—') },
  {
    label: 'Statement',
    cell: (s) => h('div', {},
      h('q', { class: `quote quote-${s.kind}`, text: s.text }),
      s.cue ? h('span', { class: 'muted', text: ` (${s.kind}, ${s.cue})` }) : null),
  },
  { label: 'Article', cell: (s) => articleLink(s.article) },
];

export const actorColumns = [
  { label: 'Name', cell: (a) => actorLink(a.id, a.name) },
  { label: 'Kind', cell: (a) => a.kind },
  { label: 'Title', cell: (a) => a.title || '—' },
  { label: 'Country', cell: (a) => a.country || '—' },
  { label: 'Aliases', cell: (a) => (a.aliases || []).join(', ') || '—' },
  { label: 'Statements', class: 'num', cell: (a) => count(a.statement_count) },
  { label: 'Events', class: 'num', cell: (a) => count(a.event_count) },
];
