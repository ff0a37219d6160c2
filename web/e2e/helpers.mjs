// Shared set-up for the end-to-end tests: Debian's chromium through playwright-core,
// axe-core injected into pages, screenshots under e2e/screenshots/.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium, request as playwrightRequest } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const BASE_URL = (process.env.BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
export const SCREENSHOTS = join(here, 'screenshots');
export const PASSWORD = 'demo-password-1';
export const AGENT = 'admin@telnet-nl.test';
export const SECOND_AGENT = 'sanne.bakker@telnet-nl.test';
mkdirSync(SCREENSHOTS, { recursive: true });

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--headless=new',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

/** A fresh context (own cookies) with a page that fails the test on any dialog. */
export async function newPage(browser, { locale = 'en-GB', timezoneId = 'Europe/Amsterdam' } = {}) {
  const context = await browser.newContext({ locale, timezoneId, viewport: { width: 1360, height: 860 } });
  const page = await context.newPage();
  page.dialogs = [];
  page.on('dialog', async (dialog) => {
    page.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.cspViolations = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) page.cspViolations.push(msg.text());
  });
  page.pageErrors = [];
  page.on('pageerror', (err) => page.pageErrors.push(String(err)));
  page.setDefaultTimeout(15_000);
  return { context, page };
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA) and fails on any serious or critical violation. */
export async function checkA11y(page, label) {
  // axe is injected through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (result.length) console.log(`axe ${label}: ${result.length} violation(s)`, JSON.stringify(result));
  assert.deepEqual(bad, [], `axe found serious/critical violations on ${label}`);
  return result;
}

/** Signs in on the console; `lang` then picks the language with the switch (null: keep the profile's). */
export async function agentSignIn(page, email = AGENT, lang = 'en') {
  await page.goto(`${BASE_URL}/`);
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(PASSWORD);
  await page.locator('.login-page button[type=submit]').click();
  await page.locator('.queue-row').first().waitFor();
  if (lang) await page.locator('#language').selectOption(lang);
}

/** Calls the API with the page's own cookie and CSRF token (as the console would). */
export async function api(page, method, path, body, csrf) {
  return page.evaluate(
    async ({ method, path, body, csrf }) => {
      const headers = { 'Content-Type': 'application/json' };
      if (csrf) headers['X-CSRF-Token'] = csrf;
      const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    { method, path, body, csrf },
  );
}

export function assertClean(page, label) {
  assert.deepEqual(page.cspViolations, [], `CSP violations on ${label}`);
  assert.deepEqual(page.pageErrors, [], `page errors on ${label}`);
}


/** An API session of its own (cookie jar + CSRF token), outside any page. */
export async function apiSession(email = AGENT) {
  const ctx = await playwrightRequest.newContext({ baseURL: BASE_URL });
  const login = await ctx.post('/api/v1/auth/login', { data: { email, password: PASSWORD } });
  assert.equal(login.status(), 200, `login ${email}`);
  const { csrf_token: csrf, agent } = await login.json();
  const call = async (method, path, body, headers = {}) => {
    const res = await ctx.fetch(path, {
      method,
      data: body === undefined ? undefined : body,
      headers: { 'X-CSRF-Token': csrf, ...headers },
    });
    const text = await res.text();
    return { status: res.status(), body: text ? JSON.parse(text) : null, headers: res.headers() };
  };
  return { ctx, csrf, agent, call, dispose: () => ctx.dispose() };
}

export async function waitFor(predicate, { timeout = 15_000, interval = 250, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Finds a ticket in the queue by a search text and opens it (its title shows `subject`). */
export async function openTicketBySearch(page, search, ticketId, subject) {
  await page.locator('#f-search').fill(search);
  const row = page.locator(`.queue-row[data-ticket-id="${ticketId}"]`);
  await row.waitFor();
  await row.click();
  await page.locator('#ticket-title', { hasText: subject }).waitFor();
}

/** Fails when the page scrolls sideways at a 390 px viewport (a phone). */
export async function assertNoSidewaysScroll(page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 392, `no sideways scrolling at 390 px (${width})`);
}
