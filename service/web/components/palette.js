// One categorical palette for charts and the graph; every colour keeps
// at least 3:1 against the white background.
export const PALETTE = ['#2f5f9e', '#c4661f', '#2b8a5e', '#a8436f', '#6d54b8', '#7a7420', '#4f7f8c', '#6b6b6b'];

export const KIND_COLOURS = { person: '#2f5f9e', organization: '#c4661f', country: '#2b8a5e', group: '#a8436f' };
