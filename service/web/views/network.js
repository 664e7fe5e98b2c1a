// Who meets whom and who talks about whom, over the view's period (all
// time unless set).  The node table ranks by connections (degree), not by
// mentions.
import { h, panel, period } from '../lib/core.js';
import { collection, periodLine, section, table } from '../components/widgets.js';
import { network } from '../components/network.js';

export default {
  title: () => 'Network',
  filters: 'network',
  requests: ({ filters }) => ({
    graph: { path: collection('network', filters, { limit: 150 }, '/v1/network') },
  }),
  exports: ({ filters }) => [{ label: 'events', path: collection('events', filters) }],
  render: (r, state) => [
    panel('Actor network',
      periodLine(state),
      h('p', { class: 'muted small', text: 'Edges join actors who took part in the same events or spoke about each other; thicker is more often. Click a node to open the actor.' }),
      section(r.graph, (g) => network(g, { label: `Network of ${g.nodes.length} actors and ${g.edges.length} connections`, open: true }))),
  ],
};
