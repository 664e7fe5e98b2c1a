// The three browsable collections share one shape: a filtered, paged,
// sortable table.  Events and statements also ask the timeline for their
// counts, so the table says how many match in the period and how many
// undated ones the period leaves out.
import { panel, period } from '../lib/core.js';
import { actorColumns, collection, eventColumns, matching, periodLine, section, statementColumns, table, timeline } from '../components/widgets.js';

function listView(name, title, columns, series) {
  const path = (filters) => collection(name, filters, { limit: 50 });
  return {
    title: () => title,
    filters: name,
    requests: ({ filters }) => ({
      list: { path: path(filters) },
      ...(series ? { counts: { path: collection(name, filters, { series, bucket: 'month' }, '/v1/stats/timeline') } } : {}),
    }),
    exports: ({ filters }) => [{ label: name, path: collection(name, filters) }],
    render: (r, state) => {
      const t = r.counts?.data;
      return [
        panel(title,
          series ? periodLine(state, t?.undated, { what: name }) : null,
          section(r.list, (p) => table({ columns, page: p, caption: title, path: path(state.filters), total: matching(t, state.filters) }))),
      ];
    },
  };
}

export const events = listView('events', 'Events', eventColumns, 'events');
export const statements = listView('statements', 'Statements', statementColumns, 'statements');
export const actors = listView('actors', 'Actors', actorColumns, null);
