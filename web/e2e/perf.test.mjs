// What the console costs: the JavaScript it loads (raw and gzipped) and how long it takes
// to show the queue, measured against the demo data; and that a 5,000-ticket queue stays
// virtualised while it scrolls. Prints one JSON line starting with PERF for
// docs/PERFORMANCE.md.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { BASE_URL, PASSWORD, launch, newPage } from './helpers.mjs';

const PLATFORM_ADMIN = process.env.PERF_AGENT ?? 'admin@servicepact.test';
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('console JavaScript size, load time and a smooth 5,000-ticket queue', async () => {
  const { context, page } = await newPage(browser);
  try {
    // Sign in through the context's own API client (it shares the cookie jar), so the
    // page load below is the one an agent gets every morning: signed in, cold cache.
    const login = await context.request.post(`${BASE_URL}/api/v1/auth/login`, { data: { email: PLATFORM_ADMIN, password: PASSWORD } });
    assert.equal(login.status(), 200);

    const scripts = new Map();
    page.on('response', async (response) => {
      const url = response.url();
      if (response.request().resourceType() === 'script' && url.startsWith(BASE_URL)) {
        try {
          scripts.set(url, await response.body());
        } catch {
          // navigation raced the body; measured on the next run
        }
      }
    });

    const started = Date.now();
    await page.goto(`${BASE_URL}/`, { waitUntil: 'load' });
    await page.locator('.queue-row').first().waitFor();
    const firstRowMs = Date.now() - started;
    const nav = await page.evaluate(() => {
      const [entry] = performance.getEntriesByType('navigation');
      return { domContentLoaded: entry.domContentLoadedEventEnd, load: entry.loadEventEnd };
    });

    // The whole queue across the three demo tenants: every status.
    await page.locator('#language').selectOption('en');
    await page.locator('.filter-panel summary').click();
    const loadStarted = Date.now();
    await page.locator('#f-status').selectOption('all');
    await page.waitForFunction(
      () => /^\d+ tickets$/.test(document.querySelector('.queue-count')?.textContent ?? '') &&
        Number(document.querySelector('.queue-count').textContent.split(' ')[0]) >= 1000,
      null,
      { timeout: 60_000 },
    );
    const queueLoadedMs = Date.now() - loadStarted;
    const count = Number((await page.locator('.queue-count').textContent()).split(' ')[0]);

    // Scroll through the whole list frame by frame and time the frames.
    const scroll = await page.evaluate(async () => {
      const viewport = document.querySelector('.queue-viewport');
      const frames = [];
      let maxRows = 0;
      const steps = 200;
      const total = viewport.scrollHeight - viewport.clientHeight;
      let last = performance.now();
      for (let i = 1; i <= steps; i++) {
        viewport.scrollTop = (total * i) / steps;
        await new Promise((r) => requestAnimationFrame(() => r()));
        const now = performance.now();
        frames.push(now - last);
        last = now;
        maxRows = Math.max(maxRows, document.querySelectorAll('.queue-row').length);
      }
      frames.sort((a, b) => a - b);
      return {
        p50: frames[Math.floor(frames.length * 0.5)],
        p95: frames[Math.floor(frames.length * 0.95)],
        max: frames[frames.length - 1],
        maxRows,
      };
    });
    assert.ok(scroll.maxRows < 80, `only a window of rows is in the DOM (${scroll.maxRows})`);

    let raw = 0;
    let gzip = 0;
    for (const body of scripts.values()) {
      raw += body.length;
      gzip += gzipSync(body, { level: 9 }).length;
    }
    assert.ok(scripts.size > 0, 'the console loaded its scripts');
    assert.ok(gzip < 300 * 1024, `console JS under 300 KB gzipped (${gzip})`);

    const line = {
      metric: 'web_console',
      js_files: scripts.size,
      js_bytes: raw,
      js_gzip_bytes: gzip,
      dom_content_loaded_ms: Math.round(nav.domContentLoaded),
      load_event_ms: Math.round(nav.load),
      first_queue_row_ms: firstRowMs,
      queue_tickets: count,
      queue_all_loaded_ms: queueLoadedMs,
      scroll_frame_p50_ms: Math.round(scroll.p50 * 10) / 10,
      scroll_frame_p95_ms: Math.round(scroll.p95 * 10) / 10,
      scroll_frame_max_ms: Math.round(scroll.max * 10) / 10,
      rows_in_dom_max: scroll.maxRows,
    };
    console.log(`PERF ${JSON.stringify(line)}`);
  } finally {
    await context.close();
  }
});
