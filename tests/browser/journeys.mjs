// The analyst's journeys of issue 15, scripted: the demo corpus plus the
// undated and off-topic texts of fixtures/.  Each test does what a reader
// would (type, click, follow links) and checks what is on screen against
// the API.  Also: accessibility (axe-core), the phone layout, the request
// budget, evidence and the article view.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { test, assert, ARTIFACTS } from './harness.mjs';

const base = process.argv[2];
const api = async (path) => (await fetch(`${base}${path}`)).json();
const rows = (p, scope = 'main') => p.page.$$eval(`${scope} table.data tbody tr`, (trs) => trs.map((tr) => tr.innerText));
const hashParam = (p, k) => p.page.evaluate((key) => new URLSearchParams(location.hash.split('?')[1]).get(key), k);
const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

// axe-core, injected into the page by the test (not shipped with the dashboard).
async function axe(p, what) {
  await p.page.addScriptTag({ path: AXE });
  const result = await p.page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length}× e.g. ${v.nodes[0].target.join(' ')} — ${v.nodes[0].failureSummary?.split('\n')[1] || ''}`);
  assert(found.length === 0, `${what}: axe-core found\n  ${found.join('\n  ')}`);
}

// --- 1. "What did Lavrov say in September?" -------------------------------

test('journey: Lavrov in September — undated statements are counted and can be shown', async (p) => {
  await p.go('#/statements');
  await p.page.fill('#f-actor', 'Sergey Lavrov');
  await p.page.press('#f-actor', 'Enter');
  await p.settled();
  // Typing a date keeps focus and every digit: nothing applies mid-typing.
  await p.page.focus('#f-from'); // the month segment first (en-US: mm/dd/yyyy)
  await p.page.keyboard.type('09012025');
  assert(await p.page.evaluate(() => document.activeElement.id) === 'f-from', 'focus left the date field while typing');
  assert(await hashParam(p, 'from') === null, 'the date applied before it was complete');
  await p.page.focus('#f-to'); // leaving the field applies the date
  assert(await hashParam(p, 'from') === '2025-09-01', `from=${await hashParam(p, 'from')}`);
  await p.page.keyboard.type('09302025');
  await p.page.keyboard.press('Enter');
  await p.page.waitForFunction(() => /to=2025-09-30/.test(location.hash));
  await p.settled();
  assert(await p.page.evaluate(() => document.activeElement.id) === 'f-to', 'filtering moved focus away from the form');
  const period = await p.page.innerText('main .panel-period');
  assert(/1 Sept? 2025 – 30 Sept? 2025/.test(period), `panel does not state its period: ${period}`);
  const expected = await api('/v1/stats/timeline?series=statements&speaker=Sergey%20Lavrov&from=2025-09-01&to=2025-09-30');
  assert(expected.undated > 0, 'the fixtures give Lavrov undated statements');
  assert(period.includes(`${expected.undated} undated statements not shown`), `undated not counted: ${period}`);
  await p.page.click('main a.undated-show');
  await p.settled();
  assert(await hashParam(p, 'undated') === 'include', 'show them sets undated=include');
  assert(await p.page.isChecked('#filters [name="undated"]'), 'the Include undated box reflects the URL');
  const r = await rows(p);
  assert(r.length >= expected.undated && r.every((t) => /Lavrov/.test(t)), `rows: ${r.length}`);
  assert(/of \d+/.test(await p.page.innerText('main .table-total')), 'the table says how many match');
  await p.shot('journey-lavrov-september');
});

// --- 2. "Who did Putin meet, and where?" -----------------------------------

test('journey: Putin meetings — CAMEO 04 covers meetings, visits, calls and talks', async (p) => {
  await p.go('#/events');
  await p.page.fill('#f-actor', 'Vladimir Putin');
  await p.page.fill('#f-type', '04');
  await p.page.press('#f-type', 'Enter');
  await p.settled();
  const expected = (await api('/v1/events?actor=Vladimir%20Putin&type=04&limit=50')).data;
  const types = new Set(expected.map((e) => e.type));
  assert(types.size >= 2, `CAMEO 04 gives one type only: ${[...types]}`);
  const r = await rows(p);
  assert(r.length === expected.length, `${r.length} rows, API has ${expected.length}`);
  assert(r.every((t) => /\b(meet|visit|call|negotiate|host)\b/.test(t)), 'a row outside the meeting family');
  assert(r.some((t) => /\bcall\b/.test(t)) && r.some((t) => /\bmeet\b/.test(t)), 'calls and meetings both listed');
  // Where: the place column, and each event's evidence sentence.
  const cells = await p.page.$$eval('main td.evidence', (tds) => tds.map((td) => td.innerText));
  assert(cells.every((c) => c.length < 1200), 'evidence longer than a few sentences');
});

// --- 3. A summit's evidence, and the article view -------------------------

test('journey: an event is reported by sentences, each opening its article with the mention marked', async (p) => {
  // The fixture mentions a summit at its top and again 4,000 characters
  // later: the mention stays a sentence, never the passage between.
  const review = (await api('/v1/articles?limit=100')).data.find((a) => /undated-summit-review/.test(a.url));
  assert(review, 'the summit fixture is stored');
  const detail = await api(`/v1/articles/${review.id}`);
  assert(detail.events.length > 0, 'no event in the summit fixture');
  for (const e of detail.events) {
    const [a, b] = e.mention.offsets;
    assert(b - a < 600 && e.mention.sentence.length < 600, `a mention of ${b - a} characters: ${e.title}`);
  }
  const events = (await api('/v1/events?limit=500')).data;
  const ev = events.reduce((a, b) => (b.mention_count > a.mention_count ? b : a));
  await p.go(`#/events?actor=${encodeURIComponent(ev.participants[0].name)}`);
  await p.page.click(`main a[href="#/event/${ev.id}"]`);
  await p.settled();
  assert((await p.page.title()).startsWith(ev.title), `title uses the name: ${await p.page.title()}`);
  const quotes = await p.page.$$eval('main .mention blockquote', (bs) => bs.map((b) => b.innerText));
  assert(quotes.length === ev.mention_count, `${quotes.length} mentions shown`);
  assert(quotes.every((q) => q.length > 20 && q.length < 1200), `a mention is a passage: ${quotes.map((q) => q.length)}`);
  await p.shot('event');
  // Follow the first mention into its article: the sentence is marked there.
  await p.page.click('main .mention a[href^="#/article/"]');
  await p.settled();
  const marked = await p.page.$$eval('main .article-text mark.ev-event', (ms) => ms.map((m) => m.innerText).join(' '));
  assert(marked.length > 20, 'no event mention marked in the article text');
  const link = await p.page.$(`main .article-text a.mark-link[href="#/event/${ev.id}"]`);
  assert(link, 'the marked mention does not link back to its event');
  assert((await p.page.$$('main .article-text mark.ev-statement')).length > 0, 'no statement marked');
  const facts = await p.page.innerText('main .detail-head');
  assert(/Published/.test(facts) && /Source/.test(facts), 'article source and date');
  await p.shot('article');
});

// --- 4. Event search reads the reports -----------------------------------

test('journey: event search finds words in the reporting sentences (README: q=prisoner exchange)', async (p) => {
  await p.go('#/events');
  await p.page.fill('#f-q', 'prisoner exchange');
  await p.page.press('#f-q', 'Enter');
  await p.settled();
  const r = await rows(p);
  assert(r.length > 0, 'q=prisoner exchange finds no event');
  const expected = (await api('/v1/events?q=prisoner%20exchange&limit=50')).data;
  assert(r.length === expected.length, `${r.length} rows, API ${expected.length}`);
});

// --- 5. An actor page: filters apply there, both lists export ------------

test('journey: an actor page follows the filters and exports statements and events', async (p) => {
  const lavrov = (await api('/v1/actors?q=Sergey%20Lavrov')).data[0];
  await p.go(`#/actor/${lavrov.id}`);
  assert(await p.page.title() === `${lavrov.name} · Parley`, `title: ${await p.page.title()}`);
  await p.page.click('#filters button[data-range="30d"]');
  await p.settled();
  assert(/#\/actor\/\d+\?/.test(await p.page.evaluate(() => location.hash)), 'filtering left the actor page');
  assert(await hashParam(p, 'range') === '30d', 'range in the URL');
  const periods = await p.page.$$eval('main .panel-period', (ps) => ps.map((x) => x.innerText));
  assert(periods.length >= 3 && periods.every((t) => /last 30 days/.test(t)), `panels: ${periods}`);
  await p.page.click('#filters button[data-range="all"]');
  await p.settled();
  const links = await p.page.$$eval('#exports a', (as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
  assert(links.length === 2, `exports: ${JSON.stringify(links)}`);
  const [download] = await Promise.all([p.page.waitForEvent('download'), p.page.click('#exports a:first-child')]);
  const csv = await readFile(await download.path(), 'utf8');
  const header = csv.split(/\r?\n/)[0].split(',');
  assert(header.includes('speaker.name') && header.includes('sentence') && header.includes('offsets[]'), `statements CSV header: ${header}`);
  assert(links[0][1].startsWith(`/v1/actors/${lavrov.id}/statements`), `statements export: ${links[0][1]}`);
  const said = (await api(`/v1/actors/${lavrov.id}/statements?limit=500`)).data;
  assert(said.length > 0 && said.every((x) => x.speaker.id === lavrov.id), 'the statements are this actor\'s');
  assert(said.every((x) => csv.includes(`${x.id},`)), 'a statement missing from the CSV');
  const events = links.find(([t]) => /events/.test(t));
  assert(events && events[1].startsWith(`/v1/actors/${lavrov.id}/events`), 'events export');
  await p.shot('actor');
});

// --- periods, brushing, sorting, network ---------------------------------

test('overview: one period for every panel and tile; brushing the chart sets it', async (p) => {
  await p.go('#/overview?from=2025-10-01&to=2025-10-31');
  const periods = await p.page.$$eval('main .panel-period', (ps) => ps.map((x) => x.innerText));
  assert(periods.length >= 5 && periods.every((t) => /1 Oct 2025 – 31 Oct 2025/.test(t)), `periods: ${periods}`);
  const s = await api('/v1/stats/summary?from=2025-10-01&to=2025-10-31');
  const tiles = await p.page.$$eval('.tile', (ts) => Object.fromEntries(ts.map((t) => [t.querySelector('dt').textContent, t.querySelector('dd').textContent])));
  assert(tiles.Events === String(s.totals.events) && tiles.Statements === String(s.totals.statements), `tiles ${JSON.stringify(tiles)} vs ${JSON.stringify(s.totals)}`);
  assert(/Undated \(not in this period\)/.test(Object.keys(tiles).join('|')), 'undated tile');
  // Drag across the chart: the period follows.
  await p.go('#/overview');
  const over = await p.page.waitForSelector('main .chart .u-over');
  const box = await over.boundingBox();
  await p.page.mouse.move(box.x + box.width * 0.55, box.y + box.height / 2);
  await p.page.mouse.down();
  await p.page.mouse.move(box.x + box.width * 0.95, box.y + box.height / 2, { steps: 8 });
  await p.page.mouse.up();
  await p.page.waitForFunction(() => /from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/.test(location.hash));
  await p.settled();
  assert(/Period: \d/.test(await p.page.innerText('main .panel-period')), 'brushed period stated');
});

test('tables sort by a header and the network ranks by connections', async (p) => {
  await p.go('#/events');
  await p.page.click('main th button.sort:text("Articles")');
  assert(await p.page.getAttribute('main th:has(button:text("Articles"))', 'aria-sort') === 'descending', 'aria-sort');
  const counts = await p.page.$$eval('main tbody tr td.num', (tds) => tds.map((td) => Number(td.textContent)));
  assert(counts.every((n, i) => !i || counts[i - 1] >= n), `not sorted: ${counts}`);
  await p.go('#/network');
  const degrees = await p.page.$$eval('main .node-list tbody tr', (trs) => trs.map((tr) => Number(tr.children[2].textContent)));
  assert(degrees.length > 3 && degrees.every((n, i) => !i || degrees[i - 1] >= n), `not by degree: ${degrees.slice(0, 10)}`);
  assert(/all time/.test(await p.page.innerText('main .panel-period')), 'the network states its period (no hidden window)');
});

// --- accessibility, phone, 404, requests ---------------------------------

for (const [name, hash] of [['overview', ''], ['events', '#/events?from=2025-10-01'], ['event', null], ['actor', null], ['article', null], ['network', '#/network'], ['map', '#/map'], ['relations', '#/relations?actor=Donald%20Trump&with=Vladimir%20Putin'], ['compare', '#/compare?actor=Kaja%20Kallas&with=Sergey%20Lavrov%3B%20Wang%20Yi']]) {
  test(`axe-core finds no WCAG A/AA violation: ${name}`, async (p) => {
    let where = hash;
    if (where === null) {
      const ev = (await api('/v1/events?type=meet&limit=1')).data[0];
      where = { event: `#/event/${ev.id}`, actor: `#/actor/${ev.participants[0].actor_id}`, article: `#/article/${ev.evidence.article_id}` }[name];
    }
    await p.go(where);
    await p.page.waitForTimeout(300);
    await axe(p, name);
  });
}

test('phone (390 px): no sideways scrolling, 44 px touch targets, axe-clean', async (p) => {
  await p.page.setViewportSize({ width: 390, height: 844 });
  const ev = (await api('/v1/events?type=meet&limit=1')).data[0];
  for (const hash of ['', '#/events', '#/statements', `#/event/${ev.id}`, `#/actor/${ev.participants[0].actor_id}`, `#/article/${ev.evidence.article_id}`, '#/network', '#/map']) {
    await p.go(hash);
    await p.page.waitForTimeout(200);
    const width = await p.page.evaluate(() => document.documentElement.scrollWidth);
    assert(width <= 390, `${hash || 'overview'}: page is ${width} px wide`);
    const small = await p.page.$$eval('nav a, button, .button, input:not([type="checkbox"]), .field-check label', (els) => els
      .filter((e) => e.offsetParent !== null)
      .map((e) => [e.textContent.trim() || e.name || e.id, e.getBoundingClientRect()])
      .filter(([, r]) => r.height < 44 || r.width < 44)
      .map(([t, r]) => `${t} ${Math.round(r.width)}×${Math.round(r.height)}`));
    assert(small.length === 0, `${hash || 'overview'}: small touch targets: ${small.join(', ')}`);
    if (hash === '') await p.page.screenshot({ path: `${ARTIFACTS}/screenshots/phone.png` });
  }
  await p.go('');
  // The fields fold behind one button; the periods stay in reach.
  assert(!(await p.page.isVisible('#f-q')) && await p.page.isVisible('#filters button[data-range="30d"]'), 'folded filters');
  await p.page.click('#filters-toggle');
  assert(await p.page.isVisible('#f-q') && await p.page.getAttribute('#filters-toggle', 'aria-expanded') === 'true', 'Filters opens the fields');
  await axe(p, 'overview at 390 px');
});

test('a missing page says so and requests nothing from the API', async (p) => {
  const asked = [];
  p.page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/v1/')) asked.push(r.url()); });
  await p.go('#/no/such/page');
  assert(/Page not found/.test(await p.page.innerText('main')), 'not-found text');
  assert(await p.page.title() === 'Page not found · Parley', 'title');
  await p.page.evaluate(() => window.dispatchEvent(new Event('parley:poll')));
  await p.page.waitForTimeout(300);
  assert(asked.length === 0, `requests: ${asked}`);
});

test('first view: at most 12 requests, data on screen within 500 ms (loopback)', async (p) => {
  const seen = [];
  p.page.on('request', (r) => seen.push(new URL(r.url()).pathname));
  await p.go('');
  await p.page.waitForSelector('main .chart canvas');
  await p.page.waitForTimeout(300);
  console.log(`     first view: ${seen.length} requests: ${seen.join(' ')}`);
  assert(seen.length <= 12, `${seen.length} requests`);
  // Time from navigation to the data on screen, best of three loads (the
  // machine is shared; the best load is what the code costs).
  const times = [];
  for (let i = 0; i < 3; i++) {
    await p.page.reload();
    await p.settled();
    times.push(Number(await p.page.getAttribute('main', 'data-first-data')));
  }
  console.log(`     data on screen after ${times.join(', ')} ms`);
  assert(Math.min(...times) <= 500, `data on screen after ${Math.min(...times)} ms at best`);
});

test('relations: a dyad\'s cooperation-conflict curve, the events behind a month, each side\'s statements', async (p) => {
  const rel = await api('/v1/stats/relations?a=Donald%20Trump&b=Vladimir%20Putin');
  assert(rel.events > 0 && rel.data.length > 0, 'the demo has Trump-Putin events');
  await p.go('#/relations');
  assert(/Pick|Type an actor/.test(await p.page.innerText('main')), 'the empty view explains itself');
  await p.page.fill('#f-actor', 'Donald Trump');
  await p.page.fill('#f-with', 'Vladimir Putin');
  await p.page.press('#f-with', 'Enter');
  await p.settled();
  await p.page.waitForSelector('main .chart canvas');
  assert(await p.page.title() === 'Relations: Donald Trump – Vladimir Putin · Parley', await p.page.title());
  const text = await p.page.innerText('main');
  assert(text.includes(`mean Goldstein score ${rel.goldstein_mean}`), 'the mean score is stated');
  assert(/What Donald Trump said about Vladimir Putin/.test(text) && /What Vladimir Putin said about Donald Trump/.test(text), 'both sides\' statements');
  // One month (the demo's Trump-Putin call) is drawn with a month either
  // side, not on an axis of years (uPlot's range for a single point).
  const days = await p.page.$eval('main .chart', (b) => (b.plot.scales.x.max - b.plot.scales.x.min) / 86400);
  const months = new Set(rel.data.map((b) => b.bucket)).size;
  assert(months > 1 || days <= 92, `${months} month(s) drawn on an axis of ${Math.round(days)} days`);
  const month = rel.data[0].bucket;
  await p.page.click(`main a:text("${month.slice(0, 7)}")`);
  await p.settled();
  assert(await hashParam(p, 'from') === month, 'the month sets the period');
  const shared = (await api(`/v1/events?actor=Donald%20Trump&with=Vladimir%20Putin&from=${month}&to=${await hashParam(p, 'to')}`)).data;
  const shown = await p.page.$$eval('main section:nth-of-type(2) table.data tbody tr', (trs) => trs.length);
  assert(shown === shared.length && shown === rel.data[0].events, `${shown} events shown, API ${shared.length}, curve ${rel.data[0].events}`);
  await p.shot('relations');
});

test('compare: two or three actors side by side, with the events each pair shared', async (p) => {
  await p.go('#/compare');
  await p.page.fill('#f-actor', 'Kaja Kallas');
  await p.page.fill('#f-with', 'Volodymyr Zelensky; Wang Yi');
  await p.page.press('#f-with', 'Enter');
  await p.settled();
  await p.page.waitForSelector('main .chart canvas');
  const totals = await p.page.$$eval('main section:first-of-type table.data tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.innerText.trim())));
  assert(totals.length === 3, `rows: ${JSON.stringify(totals)}`);
  for (const [name, events] of totals) {
    const t = await api(`/v1/stats/timeline?series=events&bucket=month&actor=${encodeURIComponent(name)}`);
    const all = t.data.reduce((n, b) => n + b.count, 0) + t.undated;
    assert(Number(events) === all, `${name}: ${events} shown, ${all} in the API`);
  }
  // Every month between the first and the last is a point (at 0 when nobody
  // was active), not a line sloping across the gap (Wang Yi: January, then
  // nothing until October).
  await p.page.waitForFunction(() => [...document.querySelectorAll('main .chart')].every((b) => b.plot));
  const gaps = await p.page.$$eval('main .chart', (boxes) => boxes.map((b) => {
    const xs = b.plot ? b.plot.data[0] : [];
    return Math.max(0, ...xs.slice(1).map((x, i) => (x - xs[i]) / 86400));
  }));
  assert(gaps.length === 2 && gaps.every((g) => g <= 31), `largest gap between points, days: ${gaps}`);
  const headings = await p.page.$$eval('main h2', (hs) => hs.map((x) => x.textContent));
  assert(headings.filter((x) => x.startsWith('Shared events:')).length === 3, `pairs: ${headings}`);
  const shared = (await api('/v1/events?actor=Kaja%20Kallas&with=Volodymyr%20Zelensky&limit=20')).data;
  assert(shared.length > 0, 'Kallas and Zelensky share events in the demo');
  await p.shot('compare');
});

test('map: countries shaded, places drawn at their own points sized by count, a click on either filters', async (p) => {
  const places = await api('/v1/stats/places');
  const byCountry = {};
  for (const x of places.data) if (x.country) byCountry[x.country] = (byCountry[x.country] || 0) + x.count;
  const [top] = Object.entries(byCountry).sort((a, b) => b[1] - a[1]);
  await p.go('#/map');
  await p.page.waitForSelector('main svg.world path.country');
  const shaded = await p.page.$$eval('main svg.world path.country', (ps) => ps.filter((x) => x.getAttribute('fill') !== '#eef0f4').map((x) => x.dataset.country));
  assert(shaded.includes(top[0]), `${top[0]} not shaded`);
  // every place the gazetteer locates is a point of its own, labelled
  const drawn = await p.page.$$eval('main svg.world a.place', (as) => as.map((a) => a.dataset.place));
  const located = places.data.filter((x) => x.lat !== null);
  assert(located.length > 0 && located.every((x) => drawn.includes(x.name)), `points ${drawn} for ${located.map((x) => x.name)}`);
  const point = (name) => p.page.$eval(`main svg.world a.place[data-place="${name}"]`, (a) => {
    const c = a.querySelector('circle');
    return { x: Number(c.getAttribute('cx')), y: Number(c.getAttribute('cy')), r: Number(c.getAttribute('r')), label: a.getAttribute('aria-label') };
  });
  const n = (name) => places.data.find((x) => x.name === name)?.count;
  assert(n('Istanbul') && n('Ankara'), 'the demo has events in Istanbul and in Ankara');
  const [ist, ank] = [await point('Istanbul'), await point('Ankara')];
  // Istanbul lies about 4° west and 1° north of Ankara: distinct points, in that order
  assert(ist.x < ank.x - 5 && ist.y < ank.y, `Istanbul at ${ist.x},${ist.y}, Ankara at ${ank.x},${ank.y}`);
  assert((n('Istanbul') > n('Ankara')) === (ist.r > ank.r), `sized by count: ${ist.r} vs ${ank.r}`);
  assert(ist.label === `Istanbul, TUR: ${n('Istanbul')} events`, `label ${ist.label}`);
  // Turkey has points of its own: no country-centre point besides them
  assert(!drawn.includes('TUR'), 'a country-centre point beside the cities');
  await p.shot('map');
  await p.page.click('main svg.world a.place[data-place="Istanbul"]');
  await p.settled();
  assert(await hashParam(p, 'location') === 'Istanbul', 'the click filters by the place');
  await p.page.waitForSelector('main svg.world a.place[data-place="Istanbul"] circle.chosen');
  let events = await p.page.$$eval('main section:nth-of-type(2) table.data tbody tr', (trs) => trs.length);
  let expected = (await api('/v1/events?location=Istanbul&limit=20')).data.length;
  assert(events === expected && events === Math.min(20, n('Istanbul')), `${events} events listed in Istanbul, API ${expected}`);
  // a country: shaded paths filter by their code (points may cover the middle: dispatch on the path)
  await p.go('#/map');
  await p.page.waitForSelector('main svg.world path.country');
  await p.page.dispatchEvent(`main svg.world path[data-country="${top[0]}"]`, 'click');
  await p.settled();
  assert(await hashParam(p, 'location') === top[0], 'the click filters by the country');
  events = await p.page.$$eval('main section:nth-of-type(2) table.data tbody tr', (trs) => trs.length);
  expected = (await api(`/v1/events?location=${top[0]}&limit=20`)).data.length;
  assert(events === expected && events > 0, `${events} events listed, API ${expected}`);
});

test('brushing an actor\'s timeline sets the period of the actor page', async (p) => {
  const said = (await api('/v1/statements?limit=500')).data.filter((s) => s.date && s.speaker);
  const by = {};
  for (const s of said) (by[s.speaker.id] ??= new Set()).add(s.date.slice(0, 7));
  const [id] = Object.entries(by).sort((a, b) => b[1].size - a[1].size)[0];
  await p.go(`#/actor/${id}`);
  const over = await p.page.waitForSelector('main .chart .u-over');
  const box = await over.boundingBox();
  await p.page.mouse.move(box.x + 2, box.y + box.height / 2);
  await p.page.mouse.down();
  await p.page.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 8 });
  await p.page.mouse.up();
  await p.page.waitForFunction(() => /from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/.test(location.hash));
  await p.settled();
  assert(new RegExp(`^#/actor/${id}\\?`).test(await p.page.evaluate(() => location.hash)), 'brushing left the actor page');
  const periods = await p.page.$$eval('main .panel-period', (ps) => ps.map((x) => x.innerText));
  assert(periods.every((t) => /Period: \d/.test(t)), `periods: ${periods}`);
});
