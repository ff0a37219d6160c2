// Notifications and collision detection in a real browser (issue 17), with two agents in two
// browser contexts: agent B sees agent A viewing and then replying to a ticket; a customer
// reply through the portal API raises the bell count of the assignee at once; a reply started
// before another agent's reply is stopped with the collision warning and goes out with "send
// anyway". axe on the bell's list and on the warning.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as playwrightRequest } from 'playwright-core';
import {
  AGENT,
  BASE_URL,
  SECOND_AGENT,
  agentSignIn,
  apiSession,
  assertClean,
  checkA11y,
  launch,
  newPage,
  openTicketBySearch,
  screenshot,
  waitFor,
} from './helpers.mjs';

let browser;
let admin;
let second;
let ticket;
let customer;
const stamp = Date.now().toString(36);
const SUBJECT = `E2E router lights ${stamp}`;

before(async () => {
  browser = await launch();
  admin = await apiSession(AGENT);
  second = await apiSession(SECOND_AGENT);
  const customers = await admin.call('GET', '/api/v1/customers?limit=20');
  customer = customers.body.items.find((c) => c.emails?.length);
  assert.ok(customer, 'a demo customer with an e-mail address');
  const created = await admin.call('POST', '/api/v1/tickets', {
    subject: SUBJECT,
    requester_id: customer.id,
    channel: 'web',
    body: 'All lights on my router blink orange.',
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  ticket = created.body;
  // The second agent owns the ticket: customer replies are theirs to hear about.
  const assigned = await admin.call('PATCH', `/api/v1/tickets/${ticket.id}`, { assignee_id: second.agent.id });
  assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
});

after(async () => {
  await Promise.all([admin?.dispose(), second?.dispose()]);
  await browser?.close();
});

function openTestTicket(page) {
  return openTicketBySearch(page, stamp, ticket.id, SUBJECT);
}

/** The customer writes through the portal API (demo mode returns the sign-in link). */
async function customerReplies(text) {
  const ctx = await playwrightRequest.newContext({ baseURL: BASE_URL });
  try {
    const link = await ctx.post('/api/v1/portal/links', { data: { tenant: 'telnet-nl', email: customer.emails[0] } });
    const demo = (await link.json()).demo_link;
    assert.ok(demo, 'demo mode returns the sign-in link');
    const token = demo.split('token=')[1];
    const session = await ctx.post('/api/v1/portal/session', { data: { token } });
    assert.equal(session.status(), 200);
    const { csrf_token: csrf } = await session.json();
    const sent = await ctx.post(`/api/v1/portal/tickets/${ticket.id}/messages`, {
      data: { body: text },
      headers: { 'X-CSRF-Token': csrf },
    });
    assert.ok(sent.status() < 300, `portal reply: ${sent.status()} ${await sent.text()}`);
  } finally {
    await ctx.dispose();
  }
}

test('a second agent sees who is viewing and replying; the assignee hears of a customer reply; a colliding reply warns', async () => {
  const one = await newPage(browser);
  const two = await newPage(browser);
  const pageA = one.page;
  const pageB = two.page;
  try {
    await agentSignIn(pageA, AGENT);
    await agentSignIn(pageB, SECOND_AGENT);
    await openTestTicket(pageA);
    await openTestTicket(pageB);

    // B sees A on the ticket, then A replying as soon as A types.
    const strip = pageB.locator('[data-testid=presence]');
    await strip.waitFor({ timeout: 20_000 });
    assert.match(await strip.innerText(), /is viewing/);
    await pageA.locator('#composer-text').fill('We are checking the line from here.');
    await pageB.locator('[data-testid=presence]', { hasText: 'is replying' }).waitFor({ timeout: 20_000 });
    await screenshot(pageB, 'notify-presence');
    await checkA11y(pageB, 'ticket with presence strip');

    // Earlier tests and the demo's SLA notices can leave B at the badge's cap (99+), where a new
    // one would not show: B reads them all first.
    if ((await pageB.locator('[data-testid=notify-count]').count()) > 0) {
      await pageB.locator('.notify-bell').click();
      await pageB.locator('.notify-head button').click();
      await pageB.locator('[data-testid=notify-count]').waitFor({ state: 'detached' });
      await pageB.locator('.notify-bell').click();
    }
    // The customer writes: B (the assignee) gets the bell count up without reloading.
    const before = await pageB.locator('[data-testid=notify-count]').innerText({ timeout: 500 }).catch(() => '0');
    await customerReplies('Still orange, and now the phone is dead too.');
    await waitFor(async () => {
      const now = await pageB.locator('[data-testid=notify-count]').innerText().catch(() => '0');
      return Number(now.replace('+', '')) > Number(before.replace('+', ''));
    }, { message: 'the bell count to go up' });
    await pageB.locator('.notify-bell').click();
    await pageB.locator('.notify-item', { hasText: 'Customer replied' }).first().waitFor();
    await screenshot(pageB, 'notify-bell');
    await checkA11y(pageB, 'notification list');
    await pageB.locator('.notify-bell').click();

    // B replies first; A's reply, started earlier, is stopped with the warning.
    await pageB.locator('#composer-text').fill('A technician will call you within the hour.');
    await pageB.locator('.composer button[type=submit]').click();
    await pageB.locator('.msg-body', { hasText: 'technician will call' }).waitFor();
    await pageA.locator('.composer button[type=submit]').click();
    const warning = pageA.locator('[data-testid=collision]');
    await warning.waitFor();
    await screenshot(pageA, 'notify-collision');
    await checkA11y(pageA, 'reply collision warning');
    await warning.locator('button.primary').click();
    await pageA.locator('.msg-body', { hasText: 'checking the line from here' }).waitFor();
    assert.equal(await pageA.locator('[data-testid=collision]').count(), 0);

    assertClean(pageA, 'agent A');
    assertClean(pageB, 'agent B');
  } finally {
    await one.context.close();
    await two.context.close();
  }
});
