// A small test runner around one headless Chromium: each test gets a fresh
// page whose console errors, page errors and failed requests fail the test.
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';

export const ARTIFACTS = process.env.ARTIFACTS_DIR;
const tests = [];
export const test = (name, fn) => tests.push({ name, fn });

export class Page {
  static async open(context, base) {
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => {
      // A download ends its request from the page's point of view.
      if (!/format=csv/.test(r.url())) problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
    });
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
    const p = new Page(page, base, problems);
    return p;
  }

  constructor(page, base, problems) {
    Object.assign(this, { page, base, problems });
  }

  // Opens a dashboard URL and waits for the view to settle.
  async go(hash = '') {
    await this.page.goto(`${this.base}/${hash}`);
    await this.settled();
  }

  // The view for the current URL is on screen.
  async settled() {
    await this.page.waitForFunction(() => {
      const m = document.getElementById('main');
      return m && m.dataset.shown === (location.hash || '#/overview') && m.getAttribute('aria-busy') === 'false';
    }, null, { timeout: 15000 });
  }

  async shot(name) {
    await this.page.waitForTimeout(300); // let canvases paint
    await this.page.screenshot({ path: `${ARTIFACTS}/screenshots/${name}.png`, fullPage: true });
  }
}

export async function run(base) {
  await mkdir(`${ARTIFACTS}/screenshots`, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, acceptDownloads: true });
    const started = Date.now();
    let page;
    try {
      page = await Page.open(context, base);
      await t.fn(page);
      if (page.problems.length) throw new Error(page.problems.join('\n  '));
      passed++;
      console.log(`ok   ${t.name} (${Date.now() - started} ms)`);
    } catch (err) {
      failed++;
      console.log(`FAIL ${t.name}\n  ${err.stack || err}`);
      if (page) await page.shot(`failed-${t.name.replace(/\W+/g, '-')}`).catch(() => {});
    } finally {
      await context.close();
    }
  }
  await browser.close();
  const since = Number(process.env.RUN_STARTED_MS) || 0;
  if (since) console.log(`browser tests took ${((Date.now() - since) / 1000).toFixed(1)} s (server start, seeding and tests)`);
  console.log(`screenshots in ${ARTIFACTS}/screenshots`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0;
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}
