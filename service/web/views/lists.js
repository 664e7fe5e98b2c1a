// The three browsable collections share one shape: a filtered, paged table.
import { panel } from '../lib/dom.js';
import { table } from '../components/table.js';
import { eventColumns, statementColumns, actorColumns } from '../components/columns.js';
import { section, collection } from './common.js';

function listView(name, title, columns) {
  const path = (filters) => collection(name, filters, { limit: 50 });
  return {
    title: () => title,
    filters: name,
    requests: ({ filters }) => ({ list: { path: path(filters) } }),
    exportPath: ({ filters }) => collection(name, filters),
    render: (r, { filters }) => [
      panel(title, section(r.list, (p) => table({ columns, page: p, caption: title, path: path(filters) }))),
    ],
  };
}

export const events = listView('events', 'Events', eventColumns);
export const statements = listView('statements', 'Statements', statementColumns);
export const actors = listView('actors', 'Actors', actorColumns);
