// Macros and bulk actions (issue 17) in a real browser: an agent picks a macro on a ticket with
// the keyboard, reads the preview (placeholders filled, field changes), applies it (the reply
// lands in the composer, the status changes after the undo time); the macro screen creates and
// deletes one; the bulk bar changes checked tickets and shows the one that failed, and why.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AGENT, SECOND_AGENT, agentSignIn, apiSession, assertNoSidewaysScroll, assertClean, checkA11y, launch, newPage, openTicketBySearch, screenshot, waitFor } from './helpers.mjs';

let browser;
let admin;
let customer;
let ticket;
let macro;
const stamp = Date.now().toString(36);
const SUBJECT = `E2E macro router lights ${stamp}`;
const MACRO = `Ask for the serial ${stamp}`;

async function newTicket(subject, extra = {}) {
  const created = await admin.call('POST', '/api/v1/tickets', {
    subject,
    requester_id: customer.id,
    channel: 'email',
    priority: 'normal',
    body: 'The lights on my router blink red.',
    ...extra,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body;
}

before(async () => {
  browser = await launch();
  admin = await apiSession(AGENT);
  const customers = await admin.call('GET', '/api/v1/customers?limit=5');
  assert.equal(customers.status, 200);
  customer = customers.body.items[0];
  ticket = await newTicket(SUBJECT);
  const text = 'Dear {{customer.name}}, please send us the serial number of your router ({{ticket.reference}}).';
  const made = await admin.call('POST', '/api/v1/macros', {
    name: MACRO,
    scope: 'tenant',
    texts: { nl: `NL ${text}`, en: `EN ${text}`, zh: `ZH ${text}` },
    changes: { status: 'pending', tags_add: ['waiting-serial'] },
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  macro = made.body;
});

after(async () => {
  if (macro) await admin?.call('DELETE', `/api/v1/macros/${macro.id}`);
  await admin?.dispose();
  await browser?.close();
});

test('applies a macro', async () => {
  const { context, page } = await newPage(browser);
  try {
    await agentSignIn(page, SECOND_AGENT);
    await openTicketBySearch(page, stamp, ticket.id, SUBJECT);

    // Keyboard only: type, arrow down, Enter.
    const composer = page.locator('#composer-text');
    const statusBefore = await page.locator('#ticket-status').inputValue();
    assert.notEqual(statusBefore, 'pending');
    await composer.fill('My own words.');
    const search = page.locator('#macro-search');
    await search.focus();
    await page.keyboard.type(stamp);
    await page.locator(`#macro-options-${ticket.id} [role=option]`, { hasText: MACRO }).waitFor();
    assert.equal(await search.getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('Enter');
    const preview = page.locator('.macro-preview .macro-text');
    await preview.waitFor();
    const shown = await preview.innerText();
    assert.ok(shown.includes(`Dear ${customer.name},`), `the customer's name is filled in: ${shown}`);
    assert.ok(shown.includes(ticket.reference ?? `T-${ticket.id}`), `the reference is filled in: ${shown}`);
    assert.doesNotMatch(shown, /\{\{/);
    await page.locator('.macro-preview .patch-lines li', { hasText: 'Waiting for customer' }).waitFor();
    await page.locator('.macro-preview .patch-lines li', { hasText: '+waiting-serial' }).waitFor();
    await checkA11y(page, 'macro preview');
    await screenshot(page, 'macro-preview');

    // Applying adds the reply after what was written; Undo gives both back as they were.
    await page.locator('#macro-apply').click();
    assert.equal(await composer.inputValue(), `My own words.\n\n${shown}`);
    await page.locator('#ticket-undo').click();
    assert.equal(await composer.inputValue(), 'My own words.');
    assert.equal(await page.locator('#ticket-status').inputValue(), statusBefore);

    // Now for real: the reply fills the composer and, after the undo time, the status changes
    // through the normal ticket update.
    await composer.fill('');
    await search.fill(stamp);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator('#macro-apply').click();
    assert.equal(await composer.inputValue(), shown);
    await page.locator('#ticket-undo').waitFor();
    await screenshot(page, 'macro-applied');
    assert.equal(await page.locator('#ticket-status').inputValue(), 'pending', 'the select shows what is about to happen');
    await page.locator('#ticket-undo').waitFor({ state: 'detached', timeout: 12_000 });
    await page.locator('.live-status', { hasText: 'Ticket updated' }).waitFor();
    assert.equal(await page.locator('#ticket-status').inputValue(), 'pending');
    const after = await admin.call('GET', `/api/v1/tickets/${ticket.id}`);
    assert.equal(after.body.status, 'pending');
    assert.ok(after.body.tags.includes('waiting-serial'), JSON.stringify(after.body.tags));
    assert.equal(await composer.inputValue(), shown, 'the reply waits in the composer to be sent');

    // 390 px.
    await page.setViewportSize({ width: 390, height: 844 });
    await search.fill(stamp);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator('.macro-preview .macro-text').waitFor();
    await page.locator('.macro-picker').scrollIntoViewIfNeeded();
    await screenshot(page, 'macro-phone-preview');
    await checkA11y(page, 'macro phone preview');
    await assertNoSidewaysScroll(page);
    assertClean(page, 'macro picker');
  } finally {
    await context.close();
  }
});

test('the macro screen creates, edits and deletes a personal macro', async () => {
  const { context, page } = await newPage(browser);
  try {
    await agentSignIn(page, SECOND_AGENT);
    await page.locator('nav.work-nav a[href="#macros"]').click();
    await page.locator('#macros-title').waitFor();
    await page.locator('.macro-item', { hasText: MACRO }).waitFor();
    // A tenant macro: an agent may use it but not change it.
    assert.equal(await page.locator('.macro-item', { hasText: MACRO }).locator('button').count(), 0);
    await page.locator('#macro-new').click();
    assert.equal(await page.locator('#macro-scope option[value="tenant"]').count(), 0, 'agents make no tenant macros');
    const name = `Mine ${stamp}`;
    await page.locator('#macro-name').fill(name);
    await page.locator('#macro-text-en').fill('Hi {{customer.phone}}');
    await page.locator('.macro-editor button[type=submit]').click();
    await page.locator('.macro-editor [role=alert]', { hasText: 'customer.phone' }).waitFor();
    await page.locator('#macro-text-en').fill('Hi {{customer.name}}, thanks!');
    await page.locator('#macro-text-zh').fill('{{customer.name}}，谢谢！');
    await page.locator('#macro-priority').selectOption('high');
    await checkA11y(page, 'macro editor');
    await screenshot(page, 'macro-editor');
    await page.locator('.macro-editor button[type=submit]').click();
    const item = page.locator('.macro-item', { hasText: name });
    await item.waitFor();
    await item.locator('button', { hasText: 'Edit' }).click();
    assert.equal(await page.locator('#macro-priority').inputValue(), 'high');
    await page.locator('#macro-name').fill(`${name} v2`);
    await page.locator('.macro-editor button[type=submit]').click();
    await page.locator('.macro-item', { hasText: `${name} v2` }).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'macro-screen-phone');
    await checkA11y(page, 'macro screen phone');
    await page.locator('.macro-item', { hasText: `${name} v2` }).locator('button', { hasText: 'Delete' }).click();
    await page.locator('.macro-item button.danger').click();
    await page.locator('.live-status', { hasText: 'deleted' }).waitFor();
    assert.equal(await page.locator('.macro-item', { hasText: `${name} v2` }).count(), 0);
    assertClean(page, 'macro screen');
  } finally {
    await context.close();
  }
});

test('bulk actions change the checked tickets and show which failed, and why', async () => {
  const first = await newTicket(`E2E bulk ${stamp} one`);
  const second = await newTicket(`E2E bulk ${stamp} two`);
  // Twenty tags already: one more fails for this ticket only.
  const full = await newTicket(`E2E bulk ${stamp} full`, { tags: Array.from({ length: 20 }, (_, i) => `t${i}`) });
  const { context, page } = await newPage(browser);
  try {
    await agentSignIn(page, AGENT);
    await page.locator('#f-search').fill(`bulk ${stamp}`);
    for (const t of [first, second, full]) await page.locator(`.queue-row[data-ticket-id="${t.id}"]`).waitFor();
    await waitFor(async () => (await page.locator('.queue-row').count()) === 3, { message: 'three bulk tickets' });
    await page.locator('#queue-select-all').check();
    await page.locator('#bulk-title', { hasText: '3 tickets' }).waitFor();
    // Space on the list unchecks the selected row, the box checks it again.
    await page.locator('.queue-viewport').focus();
    const selectedId = await page.locator('.queue-row.selected').getAttribute('data-ticket-id');
    await page.keyboard.press(' ');
    await page.locator('#bulk-title', { hasText: '2 tickets' }).waitFor();
    assert.equal(await page.locator(`.queue-row[data-ticket-id="${selectedId}"]`).getAttribute('aria-checked'), 'false');
    await page.locator(`.queue-row[data-ticket-id="${selectedId}"] .row-check`).click();
    await page.locator('#bulk-title', { hasText: '3 tickets' }).waitFor();
    await page.locator('#bulk-priority').selectOption('high');
    await page.locator('#bulk-tags-add').fill('bulk-e2e');
    await checkA11y(page, 'bulk bar');
    await screenshot(page, 'bulk-bar');
    await page.locator('#bulk-apply').click();
    await page.locator('.bulk-result', { hasText: '2 changed, 1 failed' }).waitFor();
    await page.locator(`.bulk-failed li[data-ticket-id="${full.id}"]`).waitFor();
    assert.match(await page.locator(`.bulk-failed li[data-ticket-id="${full.id}"]`).innerText(), /tag/i);
    await page.locator('#bulk-title', { hasText: '1 ticket checked' }).waitFor();
    await screenshot(page, 'bulk-result');
    for (const t of [first, second]) {
      const now = await admin.call('GET', `/api/v1/tickets/${t.id}`);
      assert.equal(now.body.priority, 'high');
      assert.ok(now.body.tags.includes('bulk-e2e'));
    }
    assert.equal((await admin.call('GET', `/api/v1/tickets/${full.id}`)).body.priority, 'normal');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'bulk-phone');
    await checkA11y(page, 'bulk phone');
    await assertNoSidewaysScroll(page);
    assertClean(page, 'bulk');
  } finally {
    await context.close();
  }
});
