// Commitments (issue 18) in a real browser: an agent makes a commitment on a ticket (what, due
// time in their own zone, channel), finds it in "My commitments" from the top bar, and marks it
// kept with a note; at 390 px and under axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SECOND_AGENT, AGENT, agentSignIn, apiSession, assertNoSidewaysScroll, assertClean, checkA11y, launch, newPage, openTicketBySearch, screenshot } from './helpers.mjs';

let browser;
let admin;
let ticket;
const stamp = Date.now().toString(36);
const SUBJECT = `E2E commitment call back ${stamp}`;
const WHAT = `Call back about the new contract ${stamp}`;

/** Four days ahead at noon in Amsterdam (the browser's zone), as a datetime-local value. */
function dueValue() {
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + 4 * 24 * 3600 * 1000),
  );
  return `${day}T12:00`;
}

before(async () => {
  browser = await launch();
  admin = await apiSession(AGENT);
  const customers = await admin.call('GET', '/api/v1/customers?limit=5');
  const created = await admin.call('POST', '/api/v1/tickets', {
    subject: SUBJECT,
    requester_id: customers.body.items[0].id,
    channel: 'phone',
    priority: 'normal',
    body: 'Please call me back about my contract.',
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  ticket = created.body;
});

after(async () => {
  await admin?.dispose();
  await browser?.close();
});

test('an agent makes a commitment, sees it in my commitments and marks it kept', async () => {
  const { context, page } = await newPage(browser);
  try {
    await agentSignIn(page, SECOND_AGENT);
    await openTicketBySearch(page, stamp, ticket.id, SUBJECT);
    await page.locator('.commitments').getByText('No commitments on this ticket.').waitFor();
    await page.locator('#commitment-add').click();
    await page.locator('#commitment-what').fill(WHAT);
    await page.locator('#commitment-due').fill(dueValue());
    assert.equal(await page.locator('#commitment-channel').inputValue(), 'phone', "the ticket's channel by default");
    await checkA11y(page, 'commitment form');
    await page.locator('.commitment-form button[type=submit]').click();
    const item = page.locator('.commitments .commitment', { hasText: WHAT });
    await item.waitFor();
    assert.match(await item.innerText(), /Open/);
    assert.match(await item.innerText(), /due /);
    await screenshot(page, 'commitment-ticket');

    await page.locator('nav.work-nav a[href="#commitments"]').click();
    await page.locator('#commitments-title').waitFor();
    const mine = page.locator('.my-commitments .commitment', { hasText: WHAT });
    await mine.waitFor();
    assert.ok((await mine.locator(`a[href="#tickets/${ticket.id}"]`).count()) === 1, 'links to its ticket');
    // Sorted by due time.
    const dues = await page.locator('.my-commitments .commitment').evaluateAll((els) => els.map((el) => el.getAttribute('data-commitment-id')));
    const listed = await admin.call('GET', `/api/v1/commitments?agent_id=${(await page.evaluate(async () => (await (await fetch('/api/v1/auth/me')).json()).agent.id))}&state=open&limit=200`);
    const apiOrder = listed.body.items.slice().sort((a, b) => Date.parse(a.due_at) - Date.parse(b.due_at) || a.id - b.id).map((c) => String(c.id));
    assert.deepEqual(dues, apiOrder);
    await checkA11y(page, 'my commitments');
    await screenshot(page, 'commitments-mine');

    await page.setViewportSize({ width: 390, height: 844 });
    await mine.getByRole('button', { name: `Mark kept: ${WHAT}` }).click();
    await mine.locator('input').fill('Called, the customer signed.');
    await screenshot(page, 'commitments-phone-keep');
    await checkA11y(page, 'my commitments phone');
    await assertNoSidewaysScroll(page);
    await mine.locator('button[type=submit]').click();
    await mine.locator('.chip', { hasText: 'Kept' }).waitFor();
    const stored = await admin.call('GET', `/api/v1/tickets/${ticket.id}/commitments`);
    const kept = stored.body.items.find((c) => c.what === WHAT);
    assert.equal(kept.state, 'kept');
    assert.equal(kept.note, 'Called, the customer signed.');
    await screenshot(page, 'commitments-phone-kept');
    assertClean(page, 'commitments');
  } finally {
    await context.close();
  }
});
