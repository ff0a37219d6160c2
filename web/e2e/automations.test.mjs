// Triggers and automations (issue 17) in a real browser: an admin creates a rule on the
// #automations screen with the form (a tag condition and two actions, no JSON), a new ticket
// with that tag gets the rule's priority and note, and the ticket's side panel shows the run
// with its translated label; the rule is switched off and deleted on the same screen.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AGENT, agentSignIn, apiSession, assertClean, assertNoSidewaysScroll, checkA11y, launch, newPage, openTicketBySearch, screenshot } from './helpers.mjs';

let browser;
let admin;
let customer;
const stamp = Date.now().toString(36);
const RULE = `Urgent for e2e-${stamp}`;
const TAG = `e2e-${stamp}`;
const SUBJECT = `E2E automation ${stamp}`;

before(async () => {
  browser = await launch();
  admin = await apiSession(AGENT);
  const customers = await admin.call('GET', '/api/v1/customers?limit=5');
  assert.equal(customers.status, 200);
  customer = customers.body.items[0];
});

after(async () => {
  // Whatever the test left behind (it deletes the rule itself when it passes).
  const rules = await admin?.call('GET', '/api/v1/automations');
  for (const rule of rules?.body?.items ?? []) {
    if (rule.name === RULE) await admin.call('DELETE', `/api/v1/automations/${rule.id}`);
  }
  await admin?.dispose();
  await browser?.close();
});

test('an admin creates a rule in the console and it fires on a new ticket', async () => {
  const { context, page } = await newPage(browser);
  try {
    await agentSignIn(page, AGENT);
    await page.locator('nav.work-nav a[href="#automations"]').click();
    await page.locator('#automations-title').waitFor();
    await page.locator('#rule-new').click();
    await page.locator('#rule-name').fill(RULE);
    await page.locator('#rule-event').selectOption('on_create');
    await page.locator('#rule-add-condition').click();
    await page.locator('#rule-cond-field-0').selectOption('tags');
    await page.locator('#rule-cond-value-0').fill(TAG);
    await page.locator('#rule-action-type-0').selectOption('set_priority');
    await page.locator('#rule-action-value-0').selectOption('urgent');
    await page.locator('#rule-add-action').click();
    await page.locator('#rule-action-type-1').selectOption('add_note');
    await page.locator('#rule-action-value-1').fill('Flagged urgent by a rule');
    await checkA11y(page, 'rule editor');
    await screenshot(page, 'automation-editor');
    await page.locator('.rule-editor button[type=submit]').click();
    const item = page.locator('.macro-item', { hasText: RULE });
    await item.waitFor();
    await page.locator('.live-status', { hasText: 'was saved' }).waitFor();

    // A new ticket with the tag: created through the API, changed by the rule.
    const created = await admin.call('POST', '/api/v1/tickets', {
      subject: SUBJECT,
      requester_id: customer.id,
      channel: 'email',
      priority: 'low',
      tags: [TAG],
      body: 'My internet is down.',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.priority, 'urgent');

    await page.goto(`${page.url().split('#')[0]}#views/open`);
    await openTicketBySearch(page, stamp, created.body.id, SUBJECT);
    const run = page.locator('.automation-run', { hasText: `Rule “${RULE}” applied` });
    await run.waitFor();
    assert.match(await run.innerText(), /Urgent/);
    await page.locator('.msg-note', { hasText: 'Flagged urgent by a rule' }).waitFor();
    await screenshot(page, 'automation-run-in-ticket');

    // Off, then deleted, on the screen.
    await page.locator('nav.work-nav a[href="#automations"]').click();
    await page.locator('#automations-title').waitFor();
    await page.locator('.macro-item', { hasText: RULE }).locator('button', { hasText: 'Switch off' }).click();
    await page.locator('.live-status', { hasText: 'is off' }).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await assertNoSidewaysScroll(page);
    await checkA11y(page, 'automations phone');
    await screenshot(page, 'automations-phone');
    await page.locator('.macro-item', { hasText: RULE }).locator('button', { hasText: 'Delete' }).click();
    await page.locator('.macro-item button.danger').click();
    await page.locator('.live-status', { hasText: 'deleted' }).waitFor();
    assert.equal(await page.locator('.macro-item', { hasText: RULE }).count(), 0);
    assertClean(page, 'automations screen');
  } finally {
    await context.close();
  }
});
