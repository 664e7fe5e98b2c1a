// Makes sure the server under test holds the demo corpus.  The worker
// ingests it by itself when PARLEY_DEMO=1; if nothing arrives within the
// grace period, the pages are posted through the public API instead, each
// under the canonical URL the page declares.  Then the texts in fixtures/
// (our own: undated reports and off-topic pages, as an analyst meets them)
// are posted as plain text without a publication date.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const [base, pagesDir, graceSeconds = '20', totalSeconds = '90', fixturesDir = null] = process.argv.slice(2);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function eventCount() {
  try {
    const r = await fetch(`${base}/v1/events?limit=1`);
    if (!r.ok) return 0;
    return (await r.json()).data.length;
  } catch {
    return 0;
  }
}

async function waitForEvents(seconds) {
  for (let t = 0; t < seconds * 2; t++) {
    if (await eventCount()) return true;
    await sleep(500);
  }
  return false;
}

async function post(body) {
  const key = process.env.PARLEY_API_KEY;
  return fetch(`${base}/v1/articles`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(key ? { Authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
}

async function postFixtures() {
  const files = (await readdir(fixturesDir)).filter((f) => f.endsWith('.txt')).sort();
  for (const f of files) {
    const r = await post({ url: `https://fixtures.example/${f.replace(/\.txt$/, '')}`, text: await readFile(join(fixturesDir, f), 'utf8') });
    if (!r.ok) throw new Error(`POST fixture ${f}: ${r.status} ${await r.text()}`);
  }
  console.log(`seed: posted ${files.length} undated fixtures`);
}

async function postPages() {
  const files = (await readdir(pagesDir)).filter((f) => f.endsWith('.html')).sort();
  for (const f of files) {
    const html = await readFile(join(pagesDir, f), 'utf8');
    const canonical = html.match(/rel="canonical"\s+href="([^"]+)"/);
    const url = canonical ? canonical[1] : `https://meridian-wire.example/${f}`;
    const r = await post({ url, html });
    if (!r.ok && r.status !== 409) throw new Error(`POST ${f}: ${r.status} ${await r.text()}`);
  }
  console.log(`seed: posted ${files.length} demo pages`);
}

if (await waitForEvents(Number(graceSeconds))) {
  console.log('seed: demo corpus ingested by the worker');
} else {
  await postPages();
  if (!(await waitForEvents(Number(totalSeconds)))) {
    console.error('seed: no events after posting the demo pages');
    process.exit(1);
  }
}

if (fixturesDir) await postFixtures();
