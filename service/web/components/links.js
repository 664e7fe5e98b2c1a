// Links between views, and out to the reporting articles.
import { h } from '../lib/dom.js';
import { href } from '../lib/state.js';

export const actorLink = (id, name) => h('a', { href: href({ view: 'actor', id }), text: name });

export const eventLink = (ev) =>
  h('a', { href: href({ view: 'event', id: ev.id }), text: ev.title || `${ev.type} #${ev.id}` });

// Article URLs come from the news sites; only http(s) ones become links.
export function articleLink(article) {
  const title = article.title || article.url;
  if (!/^https?:\/\//i.test(article.url || '')) return h('span', { text: title });
  return h('a', { href: article.url, rel: 'noopener noreferrer', target: '_blank', text: title });
}

// The article inside the dashboard: its text with the evidence marked.
export function articleViewLink(article) {
  const id = article.id ?? article.article_id;
  const title = article.title || article.url || `Article ${id}`;
  if (id === undefined || id === null) return h('span', { text: title });
  return h('a', { href: href({ view: 'article', id }), text: title });
}

export function participants(list = []) {
  const out = [];
  list.forEach((p, i) => {
    if (i) out.push(', ');
    out.push(actorLink(p.actor_id, p.name));
  });
  return out.length ? out : '—';
}
