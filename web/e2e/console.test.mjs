// The agent console in a real browser: sign in, queue, ticket, reply, status change, live
// updates in a second browser context, edit conflicts, XSS, language switch, session
// expiry, keyboard shortcuts and axe-core on every view.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AGENT,
  BASE_URL,
  PASSWORD,
  SECOND_AGENT,
  agentSignIn,
  apiSession,
  assertClean,
  checkA11y,
  launch,
  newPage,
  screenshot,
} from './helpers.mjs';

let browser;
let admin;
let ticket;
const stamp = Date.now().toString(36);
const SUBJECT = `E2E modem keeps rebooting ${stamp}`;

before(async () => {
  browser = await launch();
  admin = await apiSession(AGENT);
  const customers = await admin.call('GET', '/api/v1/customers?limit=5');
  assert.equal(customers.status, 200);
  const created = await admin.call('POST', '/api/v1/tickets', {
    subject: SUBJECT,
    requester_id: customers.body.items[0].id,
    channel: 'email',
    priority: 'high',
    body: 'My modem reboots every ten minutes since yesterday.',
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  ticket = created.body;
});

after(async () => {
  await admin?.dispose();
  await browser?.close();
});

async function openTestTicket(page) {
  await page.locator('#f-search').fill(stamp);
  const row = page.locator(`.queue-row[data-ticket-id="${ticket.id}"]`);
  await row.waitFor();
  await row.click();
  await page.locator('#ticket-title', { hasText: SUBJECT }).waitFor();
}

test('pages are served with a strict CSP and nothing inline', async () => {
  for (const path of ['/', '/portal']) {
    const res = await fetch(`${BASE_URL}${path}`);
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/, `${path} CSP`);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `${path} CSP`);
    const html = await res.text();
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, `${path}: no inline script`);
    assert.doesNotMatch(html, /\sstyle=|<style/, `${path}: no inline style`);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(asset, `${path} loads a hashed asset`);
    const js = await fetch(`${BASE_URL}${asset}`);
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
    assert.match(js.headers.get('cache-control') ?? '', /immutable/);
  }
});

test('sign-in page is accessible and rejects a wrong password', async () => {
  const { context, page } = await newPage(browser);
  await page.goto(`${BASE_URL}/`);
  await page.locator('#login-email').waitFor();
  await checkA11y(page, 'console sign-in');
  await screenshot(page, 'console-sign-in');
  await page.locator('#login-email').fill(AGENT);
  await page.locator('#login-password').fill('wrong-password-123');
  await page.locator('.login-page button[type=submit]').click();
  await page.locator('.login-page [role=alert]').waitFor();
  assertClean(page, 'sign-in');
  await context.close();
});

test('agent opens the queue and a ticket, replies and changes status; another agent sees it live', async () => {
  const one = await newPage(browser);
  const two = await newPage(browser);
  try {
    await agentSignIn(one.page, AGENT);
    await agentSignIn(two.page, SECOND_AGENT);

    // The queue: ordered by urgency, with SLA states, virtualised.
    const rows = await one.page.locator('.queue-row').count();
    assert.ok(rows > 0 && rows < 80, `virtualised queue renders a window of rows (${rows})`);
    await one.page.locator('.queue-row .sla[data-sla]').first().waitFor();
    await checkA11y(one.page, 'console queue');
    await screenshot(one.page, 'console-queue');

    // Keyboard: j moves the selection, Enter opens it.
    await one.page.locator('.queue-viewport').focus();
    await one.page.keyboard.press('j');
    await one.page.keyboard.press('Enter');
    await one.page.locator('#ticket-title').waitFor();

    await openTestTicket(one.page);
    await openTestTicket(two.page);
    await one.page.locator('.thread .msg').first().waitFor();
    await checkA11y(one.page, 'console ticket');
    await screenshot(one.page, 'console-ticket');

    // Reply (r focuses the reply box).
    await one.page.locator('#ticket-title').click();
    await one.page.keyboard.press('r');
    await one.page.waitForFunction(() => document.activeElement?.id === 'composer-text');
    const reply = `We are looking into it (${stamp}).`;
    await one.page.keyboard.type(reply);
    await one.page.getByRole('button', { name: 'Send reply' }).click();
    await one.page.locator('.msg-outbound', { hasText: reply }).waitFor();

    // The second agent's view shows the reply without reload.
    await two.page.locator('.msg-outbound', { hasText: reply }).waitFor({ timeout: 20_000 });

    // Internal note (n), shown apart from replies.
    await one.page.locator('#ticket-title').click();
    await one.page.keyboard.press('n');
    await one.page.keyboard.type('Customer called twice; check line quality.');
    await one.page.getByRole('button', { name: 'Save note' }).click();
    await one.page.locator('.msg-note', { hasText: 'check line quality' }).waitFor();

    // A select alone changes nothing (arrow keys once solved tickets); Apply waits a few
    // seconds during which Undo takes the change back before anything is sent.
    await one.page.locator('#ticket-status').selectOption('pending');
    await one.page.locator('#ticket-status').press('ArrowDown');
    await one.page.waitForTimeout(800);
    assert.equal((await admin.call('GET', `/api/v1/tickets/${ticket.id}`)).body.status === 'pending', false, 'no save on select');
    await one.page.locator('#ticket-status').selectOption('pending');
    await one.page.locator('#ticket-apply').click();
    await one.page.locator('#ticket-undo').click();
    await one.page.locator('.live-status', { hasText: 'nothing was sent' }).waitFor();
    await one.page.waitForTimeout(5500);
    assert.notEqual((await admin.call('GET', `/api/v1/tickets/${ticket.id}`)).body.status, 'pending', 'undone before it was sent');
    assert.notEqual(await one.page.locator('#ticket-status').inputValue(), 'pending', 'the select shows the stored status again');

    // Status change with If-Match, applied after the undo window.
    await one.page.locator('#ticket-status').selectOption('pending');
    await one.page.locator('#ticket-apply').click();
    await one.page.locator('.pending-change').waitFor();
    await screenshot(one.page, 'console-ticket-undo');
    await one.page.locator('.live-status', { hasText: 'Ticket updated' }).waitFor();
    const after = await admin.call('GET', `/api/v1/tickets/${ticket.id}`);
    assert.equal(after.body.status, 'pending');
    // Time in each status follows the change: the side panel now lists pending.
    await one.page.locator('.status-times dt', { hasText: 'Waiting for customer' }).waitFor();
    await two.page.waitForFunction(() => document.querySelector('#ticket-status')?.value === 'pending', null, { timeout: 20_000 });
    await screenshot(two.page, 'console-ticket-live');
    assertClean(one.page, 'console one');
    assertClean(two.page, 'console two');
  } finally {
    await one.context.close();
    await two.context.close();
  }
});

test('an edit conflict (412) is shown plainly with a way to reload', async () => {
  const { context, page } = await newPage(browser);
  try {
    await agentSignIn(page, AGENT);
    await openTestTicket(page);
    // Someone else changes the ticket just before this page's change reaches the server.
    let raced = false;
    await page.route('**/api/v1/tickets/*', async (route) => {
      if (route.request().method() === 'PATCH' && !raced) {
        raced = true;
        const fresh = await admin.call('GET', `/api/v1/tickets/${ticket.id}`);
        const res = await admin.call('PATCH', `/api/v1/tickets/${ticket.id}`, { priority: 'normal' }, { 'If-Match': `"${fresh.body.version}"` });
        assert.equal(res.status, 200);
      }
      await route.continue();
    });
    await page.locator('#ticket-status').selectOption('on_hold');
    await page.locator('#ticket-apply').click();
    await page.locator('[role=alert]', { hasText: 'changed this ticket' }).waitFor();
    await screenshot(page, 'console-conflict');
    await page.unroute('**/api/v1/tickets/*');
    const now = await admin.call('GET', `/api/v1/tickets/${ticket.id}`);
    assert.notEqual(now.body.status, 'on_hold', 'the conflicting change was not applied');
    await page.getByRole('button', { name: 'Reload ticket' }).click();
    await page.waitForFunction(() => document.querySelector('#ticket-priority')?.value === 'normal');
  } finally {
    await context.close();
  }
});

test('tickets and views have URLs with history, drafts survive a reload, the phone shows one pane', async () => {
  const { context, page } = await newPage(browser);
  try {
    await agentSignIn(page, AGENT);
    // The default views carry counts from the server.
    const openCount = page.locator('.queue-views a[data-view="open"] .view-count');
    await page.waitForFunction(() => /\d/.test(document.querySelector('.queue-views a[data-view="open"] .view-count')?.textContent ?? ''));
    assert.match(await openCount.textContent(), /\d/);
    await page.locator('.queue-views a[data-view="unassigned"]').click();
    await page.waitForURL(/#views\/unassigned$/);
    // The tab follows the address once the hash change is handled.
    await page.locator('.queue-views a[data-view="unassigned"][aria-current="true"]').waitFor();
    assert.equal(await page.locator('.queue-views a[aria-current="true"]').count(), 1);
    await page.locator('.queue-views a[data-view="open"]').click();
    await page.waitForURL(/#views\/open$/);
    await openTestTicket(page);
    await page.waitForURL(new RegExp(`#tickets/${ticket.id}$`));

    // A half-written reply is kept per ticket, across opening another one and a reload.
    const draft = `Half a reply ${stamp}`;
    await page.locator('#composer-text').fill(draft);
    await page.reload();
    await page.locator('#ticket-title', { hasText: SUBJECT }).waitFor();
    assert.equal(await page.locator('#composer-text').inputValue(), draft);

    // Back leaves the ticket for the view before it; Forward returns to it.
    await page.goBack();
    await page.waitForURL(/#views\/open$/);
    await page.locator('.detail .placeholder').waitFor();
    await page.goForward();
    await page.locator('#ticket-title', { hasText: SUBJECT }).waitFor();
    assert.equal(await page.locator('#composer-text').inputValue(), draft);
    await page.locator('#composer-text').fill('');

    // 390 px: the open ticket replaces the queue, with a way back.
    await page.setViewportSize({ width: 390, height: 844 });
    assert.equal(await page.locator('.queue').isVisible(), false, 'the queue is hidden behind the ticket');
    await page.locator('.back-to-queue').waitFor();
    await screenshot(page, 'console-phone-ticket');
    await checkA11y(page, 'console phone ticket');
    await page.locator('.back-to-queue').click();
    await page.locator('.queue-row').first().waitFor();
    assert.equal(await page.locator('.detail').isVisible(), false);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 392, `no sideways scrolling at 390 px (${width})`);
    await screenshot(page, 'console-phone-queue');
    await page.locator('#language').selectOption('zh');
    await page.locator('.queue-views a[data-view="mine"]', { hasText: '我的' }).waitFor();
    await screenshot(page, 'console-phone-queue-zh');
    await page.locator('#language').selectOption('nl');
    await page.locator('.queue-views a[data-view="breached"]', { hasText: 'Overschreden' }).waitFor();
    assertClean(page, 'urls and phone');
  } finally {
    await context.close();
  }
});

test('a script in a message stays inert and is shown as text', async () => {
  const payloads = ['<img src=x onerror=alert(1)>', '<script>alert(2)</script>', '"><svg onload=alert(3)>'];
  for (const body of payloads) {
    const res = await admin.call('POST', `/api/v1/tickets/${ticket.id}/messages`, { kind: 'inbound', body });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  }
  const { context, page } = await newPage(browser);
  try {
    await agentSignIn(page, AGENT);
    await openTestTicket(page);
    for (const body of payloads) await page.locator('.msg-body', { hasText: body }).waitFor();
    await page.waitForTimeout(500);
    assert.deepEqual(page.dialogs, [], 'no alert() ran');
    assert.equal(await page.locator('.thread img, .thread script, .thread svg').count(), 0);
    await screenshot(page, 'console-xss-inert');
    assertClean(page, 'xss');
  } finally {
    await context.close();
  }
});

test('language switch, help dialog and session expiry', async () => {
  const { context, page } = await newPage(browser);
  try {
    await agentSignIn(page, AGENT, null);
    // The telnet-nl agent's profile language is Dutch.
    await page.locator('#queue-title', { hasText: 'Wachtrij' }).waitFor();
    await page.locator('#language').selectOption('zh');
    await page.locator('#queue-title', { hasText: '队列' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    await checkA11y(page, 'console zh');
    await screenshot(page, 'console-zh');
    await page.locator('#language').selectOption('en');
    await page.locator('#queue-title', { hasText: 'Queue' }).waitFor();
    // The choice sticks across a reload.
    await page.reload();
    await page.locator('#queue-title', { hasText: 'Queue' }).waitFor();

    // ? opens the shortcut help.
    await page.locator('.queue-viewport').focus();
    await page.keyboard.press('?');
    await page.locator('#help[open]').waitFor();
    await checkA11y(page, 'console help');
    await screenshot(page, 'console-help');
    await page.keyboard.press('Escape');
    await page.locator('#help[open]').waitFor({ state: 'detached' });

    // The session ends on the server: the next call gets 401 and a clear prompt.
    await page.evaluate(() => fetch('/api/v1/auth/logout', { method: 'POST' }));
    await page.locator('.filter-panel summary').click();
    await page.locator('#f-status').selectOption('all');
    await page.locator('#expired[open]').waitFor();
    await checkA11y(page, 'console session expired');
    await screenshot(page, 'console-session-expired');
    await page.locator('#relogin-password').fill(PASSWORD);
    await page.locator('#expired button[type=submit]').click();
    await page.locator('#expired[open]').waitFor({ state: 'detached' });
    // Signed in again, the queue reloads by itself.
    await page.locator('.queue [role=alert]').waitFor({ state: 'detached' });
    await page.locator('.queue-row').first().waitFor();
    assertClean(page, 'language');
  } finally {
    await context.close();
  }
});
