// Browser tests of the dashboard against a running `parley serve` with the
// demo corpus.  Usage: node dashboard.test.mjs http://127.0.0.1:PORT
import { readFile } from 'node:fs/promises';
import { test, run, assert, ARTIFACTS } from './harness.mjs';
import './journeys.mjs';

const base = process.argv[2];
const api = async (path) => (await fetch(`${base}${path}`)).json();

// Texts of the rows of the first data table in the main area.
const rows = (p) => p.page.$$eval('main table.data tbody tr', (trs) => trs.map((tr) => tr.innerText));

async function applyFilter(p, name, value) {
  const input = p.page.locator(`#filters [name="${name}"]`);
  await input.fill(value);
  if (name === 'from' || name === 'to') await input.blur(); // dates apply on leaving the field
  else await input.press('Enter');
  await p.page.waitForFunction(([k, v]) => new URLSearchParams(location.hash.split('?')[1]).get(k) === v, [name, value]);
  await p.settled();
}

const sameRows = (a, b) => a.length === b.length && a.every((r, i) => r === b[i]);

// RFC 4180: quoted fields may hold commas, quotes ("") and newlines.
function parseCsv(text) {
  const out = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); out.push(row); row = []; field = '';
    } else field += c;
  }
  if (field || row.length) { row.push(field); out.push(row); }
  return out;
}

test('overview shows totals, timeline, top actors, statements and ingestion', async (p) => {
  await p.go();
  await p.page.waitForSelector('main .chart canvas');
  const tiles = await p.page.$$eval('.tile dt', (d) => d.map((x) => x.textContent));
  assert(tiles.includes('Events') && tiles.includes('Last ingestion'), `tiles: ${tiles}`);
  assert((await p.page.$$('main .bars li')).length >= 5, 'top actors listed');
  const text = await p.page.innerText('main');
  assert(/Latest statements/.test(text) && /Ingestion/.test(text), 'statement and ingestion panels');
  assert(await p.page.getAttribute('nav a[data-view="overview"]', 'aria-current') === 'page', 'nav marks Overview');
  await p.shot('overview');
});

for (const [view, min] of [['events', 20], ['statements', 20], ['actors', 20]]) {
  test(`${view} view lists records`, async (p) => {
    await p.go(`#/${view}`);
    const r = await rows(p);
    assert(r.length >= min, `${view}: ${r.length} rows`);
    await p.shot(view);
  });
}

test('full-text search narrows events and statements', async (p) => {
  await p.go('#/events');
  const all = await rows(p);
  await applyFilter(p, 'q', 'Istanbul');
  const found = await rows(p);
  assert(found.length > 0 && !sameRows(all, found), `search: ${all.length} -> ${found.length}`);
  await p.page.click('nav a[data-view="statements"]');
  await p.settled();
  assert((await p.page.inputValue('#f-q')) === 'Istanbul', 'search kept across views');
  const said = await rows(p);
  assert(said.length > 0, 'statements found');
  await p.shot('search');
});

test('ingestion: a missing /v1/sources is a notice, a described one a table', async (p) => {
  const spec = await (await fetch(`${base}/openapi.yaml`)).text();
  const described = /^ {2}\/v1\/sources:/m.test(spec);
  const exists = (await fetch(`${base}/v1/sources`)).status === 200;
  // Without the endpoint in the spec the dashboard must not request it.
  const asked = [];
  p.page.on('request', (r) => { if (r.url().includes('/v1/sources')) asked.push(r.url()); });
  if (!described) {
    await p.go();
    await p.page.locator('main details.articles summary').click();
    await p.page.waitForSelector('main .ingestion-body table, main .ingestion-body .notice');
    assert(/does not list its sources/.test(await p.page.innerText('main')), 'notice shown');
    assert(asked.length === 0, 'the dashboard requested /v1/sources');
  }
  if (!exists) return;
  // The server has it: describe it (if the spec does not yet) and expect the table.
  await p.page.route('**/openapi.yaml', async (route) => {
    const body = described ? spec : spec.replace(/^paths:\n/m, 'paths:\n  /v1/sources:\n    get: {}\n');
    await route.fulfill({ status: 200, contentType: 'application/yaml', body });
  });
  await p.go();
  await p.page.reload();
  await p.settled();
  assert(asked.length === 0, 'sources requested before the panel was opened');
  await p.page.locator('main details.articles summary').click();
  await p.page.waitForSelector('main .ingestion-body table');
  const cells = await p.page.$$eval('main .ingestion-body table.data th', (ths) => ths.map((t) => t.textContent));
  assert(cells.includes('Last fetched') && cells.includes('Next fetch'), `no sources table: ${cells}`);
  await p.page.locator('#p-ingestion').evaluate((e) => e.closest('section').scrollIntoView());
  await p.page.waitForTimeout(200);
  await p.page.screenshot({ path: `${ARTIFACTS}/screenshots/ingestion.png` });
});

const filterCases = [
  ['actor', 'Kaja Kallas', (r) => r.every((t) => /Kallas/.test(t))],
  ['type', 'meet', (r) => r.every((t) => /\bmeet\b/.test(t))],
  ['from', '2025-11-01', () => true],
  ['to', '2025-10-01', () => true],
  ['location', 'Istanbul', (r) => r.every((t) => /Istanbul|TUR/.test(t))],
];
for (const [name, value, check] of filterCases) {
  test(`filter ${name} changes the events`, async (p) => {
    await p.go('#/events');
    const all = await rows(p);
    await applyFilter(p, name, value);
    const got = await rows(p);
    assert(got.length > 0, `${name}=${value}: no rows`);
    assert(!sameRows(all, got), `${name}=${value}: rows unchanged`);
    assert(check(got), `${name}=${value}: a row does not match\n${got.join('\n')}`);
  });
}

test('an event shows its participants, mentions and statements', async (p) => {
  // The most reported event in the corpus (the demo README expects the
  // Istanbul talks, in five articles).
  const events = (await api('/v1/events?limit=500')).data;
  const top = events.reduce((a, b) => (b.mention_count > a.mention_count ? b : a));
  assert(top.mention_count >= 2, `most reported event has ${top.mention_count} mentions`);
  await p.go(`#/events?actor=${encodeURIComponent(top.participants[0].name)}`);
  await p.page.click(`main a[href="#/event/${top.id}"]`);
  await p.settled();
  const mentions = await p.page.$$('main .mention');
  assert(mentions.length === top.mention_count, `${mentions.length} mentions shown, ${top.mention_count} expected`);
  const quote = await p.page.innerText('main .mention blockquote');
  assert(quote.length > 20, 'mention sentence shown');
  const who = await p.page.$$eval('main .chips li a', (as) => as.map((a) => a.textContent));
  assert(top.participants.every((x) => who.includes(x.name)), `participants: ${who}`);
  await p.shot('event');
});

test('an actor shows profile, statements, events and network', async (p) => {
  await p.go();
  await p.page.click('main .bars a');
  await p.settled();
  await p.page.waitForSelector('main canvas.graph');
  const text = await p.page.innerText('main');
  for (const label of ['Aliases', 'Country', 'Statements over time', 'Who they meet and talk about']) {
    assert(text.includes(label), `actor view lacks ${label}`);
  }
  assert((await rows(p)).length > 0, 'actor statements listed');
  await p.shot('actor');
});

test('a timeline of two weekly buckets ticks at days and draws both bars whole', async (p) => {
  // Antonio Costa speaks in two weeks of the demo corpus: uPlot's default
  // axis labelled that range in hours ("12am 8am 4pm") and cut both bars.
  const [costa] = (await api('/v1/actors?q=Antonio%20Costa&kind=person')).data;
  assert(costa, 'Antonio Costa in the demo corpus');
  await p.go(`#/actor/${costa.id}`);
  await p.page.waitForSelector('main .chart canvas');
  await p.settled();
  const axis = await p.page.$eval('main .chart', (box) => ({
    labels: box.plot.axes[0]._values || [],
    min: box.plot.scales.x.min, max: box.plot.scales.x.max,
    first: box.plot.data[0][0], last: box.plot.data[0][box.plot.data[0].length - 1],
  }));
  assert(axis.labels.length >= 2, `axis labels: ${axis.labels}`);
  assert(axis.labels.every((l) => !/am|pm|:/i.test(String(l))), `hour ticks: ${axis.labels}`);
  assert(axis.first > axis.min && axis.last < axis.max, `bars cut at the edges: ${JSON.stringify(axis)}`);
});

// The README's "Using the API" GET examples, run as written (the port aside)
// on the demo corpus `make run` serves: 200, the declared type, and data
// wherever the example promises some.
test('README: every GET example of "Using the API" answers with data on the demo corpus', async () => {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const block = readme.split('## Using the API')[1].split('```sh')[1].split('```')[0];
  const urls = [...block.matchAll(/^curl '(http:\/\/127\.0\.0\.1:8080[^']+)'/gm)].map((m) => m[1]);
  assert(urls.length >= 15, `${urls.length} GET examples found`);
  const mayBeEmpty = new Set(['/v1/articles?status=failed']);
  const bad = [];
  for (const url of urls) {
    const path = url.slice('http://127.0.0.1:8080'.length);
    const res = await fetch(`${base}${path}`);
    const body = await res.text();
    if (res.status !== 200) { bad.push(`${path}: ${res.status}`); continue; }
    const type = res.headers.get('content-type') || '';
    if (!type.startsWith('application/json')) {
      if (!body.trim()) bad.push(`${path}: empty ${type}`);
      else if (path.includes('format=csv') && body.trim().split('\n').length < 2) bad.push(`${path}: a header and no rows`);
      continue;
    }
    const json = JSON.parse(body);
    const empty = Array.isArray(json.data) ? !json.data.length
      : Array.isArray(json.nodes) ? !json.nodes.length : !Object.keys(json).length;
    if (empty && !mayBeEmpty.has(path)) bad.push(`${path}: no data`);
  }
  assert(!bad.length, `README examples:\n  ${bad.join('\n  ')}`);
});

test('the network renders the expected actors', async (p) => {
  const graph = await api('/v1/network?limit=150');
  await p.go('#/network');
  await p.page.waitForSelector('main canvas.graph');
  const names = await p.page.$$eval('main .node-list tbody a', (as) => as.map((a) => a.textContent));
  assert(names.length === graph.nodes.length, `${names.length} nodes listed, ${graph.nodes.length} in the API`);
  for (const who of ['Narendra Modi', 'Antonio Costa', 'Wang Yi']) assert(names.includes(who), `network lacks ${who}`);
  // The canvas is painted, not blank (the layout runs once d3 has loaded).
  const inked = await p.page.waitForFunction(() => {
    const c = document.querySelector('main canvas.graph');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
    return n > 1000 && n;
  }, null, { timeout: 10000 }).then((h) => h.jsonValue()).catch(() => 0);
  assert(inked > 1000, `canvas almost empty (${inked} px)`);
  await p.shot('network');
});

test('export downloads a CSV of the filtered view and shows the curl command', async (p) => {
  await p.go('#/events?type=meet');
  const [download] = await Promise.all([p.page.waitForEvent('download'), p.page.click('#export-csv')]);
  const csv = parseCsv(await readFile(await download.path(), 'utf8')).filter((r) => r.length > 1);
  const [header, ...body] = csv;
  assert(header.includes('id') && header.includes('type'), `header: ${header}`);
  assert(body.length > 0, 'CSV has rows');
  const typeCol = header.indexOf('type');
  assert(body.every((r) => r[typeCol] === 'meet'), 'CSV honours the type filter');
  await p.page.click('#copy-curl');
  const cmd = await p.page.textContent('#curl-out');
  assert(/^curl -sS 'http:\/\/127\.0\.0\.1:\d+\/v1\/events\?type=meet&format=csv'$/.test(cmd), `curl: ${cmd}`);
});

test('a bookmarked URL restores its view', async (p) => {
  await p.go('#/events?type=meet&from=2025-10-01&location=New%20Delhi');
  assert(await p.page.inputValue('#f-type') === 'meet', 'type restored');
  assert(await p.page.inputValue('#f-from') === '2025-10-01', 'from restored');
  assert(await p.page.inputValue('#f-location') === 'New Delhi', 'place restored');
  assert(await p.page.getAttribute('nav a[data-view="events"]', 'aria-current') === 'page', 'nav marks Events');
  const r = await rows(p);
  const expected = (await api('/v1/events?type=meet&from=2025-10-01&location=New%20Delhi&limit=50')).data;
  assert(expected.length > 0, 'the bookmarked query matches nothing');
  assert(r.length === expected.length, `${r.length} rows, API has ${expected.length}`);
  await p.page.reload();
  await p.settled();
  assert((await rows(p)).length === expected.length, 'same rows after reload');
  await p.shot('bookmark');
});

test('polling revalidates with ETags and skips unchanged data', async (p) => {
  await p.go('#/events');
  const result = await p.page.evaluate(async () => {
    const { get } = await import('/lib/core.js');
    const first = await get('/v1/events?limit=5');
    const second = await get('/v1/events?limit=5');
    return [first.changed, second.changed];
  });
  // The page's own first load already cached it, so both are revalidations.
  assert(result[1] === false, `second fetch changed=${result[1]}`);
  // A poll that gets only 304s leaves the rendered view alone.
  const table = await p.page.$('main table.data');
  // The status line is a live region: an unchanged poll must not touch it.
  await p.page.evaluate(() => {
    window.statusChanges = 0;
    new MutationObserver((m) => { window.statusChanges += m.length; })
      .observe(document.getElementById('status'), { childList: true, characterData: true, subtree: true });
    window.dispatchEvent(new Event('parley:poll'));
  });
  await p.page.waitForFunction(() => Number(document.getElementById('main').dataset.polls) >= 1);
  assert(await table.evaluate((t) => t.isConnected), 'the table was re-rendered on an unchanged poll');
  assert(await p.page.evaluate(() => window.statusChanges) === 0, 'an unchanged poll spoke in the status region');
});

test('keyboard: skip link, labelled fields and focus', async (p) => {
  await p.go();
  await p.page.keyboard.press('Tab');
  assert(await p.page.evaluate(() => document.activeElement.className) === 'skip', 'first Tab reaches the skip link');
  const unlabelled = await p.page.$$eval('input', (ins) => ins.filter((i) => !i.labels?.length).map((i) => i.name));
  assert(unlabelled.length === 0, `inputs without labels: ${unlabelled}`);
  assert(await p.page.$('header') && await p.page.$('nav') && await p.page.$('main') && await p.page.$('[role="search"]'), 'landmarks');
});

const ok = await run(base);
process.exit(ok ? 0 : 1);
