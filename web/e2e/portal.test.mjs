// The customer portal in a real browser: request a sign-in link (demo mode returns it),
// sign in with it, open a request, see by when an answer is due, get the agent's answer
// live, reply; plus the language switch, XSS and axe-core on every view.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AGENT, BASE_URL, apiSession, assertClean, checkA11y, launch, newPage, screenshot, waitFor } from './helpers.mjs';

let browser;
let admin;
let customer;
const stamp = Date.now().toString(36);

before(async () => {
  browser = await launch();
  admin = await apiSession(AGENT);
  const customers = await admin.call('GET', '/api/v1/customers?limit=20');
  assert.equal(customers.status, 200);
  customer = customers.body.items.find((c) => c.emails?.length);
  assert.ok(customer, 'a demo customer with an e-mail address');
});

after(async () => {
  await admin?.dispose();
  await browser?.close();
});

async function signInAsCustomer(page) {
  await page.goto(`${BASE_URL}/portal?tenant=telnet-nl`);
  await page.locator('#link-email').fill(customer.emails[0]);
  await page.locator('#link-tenant').fill('telnet-nl');
  await page.locator('.login-page button[type=submit]').click();
  await page.locator('.notice-success').waitFor();
  const link = page.locator('a.demo-link');
  if ((await link.count()) === 0) return false;
  await link.click();
  await page.locator('.portal-home').waitFor();
  return true;
}

test('customer signs in with a link, opens a request, gets the answer live and replies', async (t) => {
  const { context, page } = await newPage(browser);
  try {
    await page.goto(`${BASE_URL}/portal?tenant=telnet-nl`);
    await page.locator('#link-email').waitFor();
    await checkA11y(page, 'portal sign-in');
    await screenshot(page, 'portal-sign-in');

    const signedIn = await signInAsCustomer(page);
    if (!signedIn) {
      await screenshot(page, 'portal-link-sent');
      t.skip('the server returned no demo_link (not in demo mode?): cannot sign in as a customer');
      return;
    }
    await page.locator('#language').selectOption('en');
    await page.locator('.portal-home h1', { hasText: 'Your requests' }).waitFor();
    await checkA11y(page, 'portal requests');
    await screenshot(page, 'portal-requests');

    // A new request, with markup in it that must stay text.
    const subject = `Portal E2E no signal ${stamp}`;
    const body = `No signal since this morning. <img src=x onerror=alert(1)><script>alert(2)</script>`;
    await page.getByRole('button', { name: 'New request' }).click();
    await page.locator('#new-subject').fill(subject);
    await page.locator('#new-body').fill(body);
    await checkA11y(page, 'portal new request');
    await screenshot(page, 'portal-new-request');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.locator('#portal-ticket-title', { hasText: subject }).waitFor();
    await page.locator('.msg-body', { hasText: body }).waitFor();
    assert.equal(await page.locator('.thread img, .thread script').count(), 0);

    // The agent side sees the ticket and answers it.
    const found = await waitFor(
      async () => {
        const list = await admin.call('GET', `/api/v1/tickets?requester_id=${customer.id}&limit=50`);
        return list.body.items.find((x) => x.subject === subject);
      },
      { message: 'the portal ticket in the agent API' },
    );
    assert.equal(found.channel, 'web');
    const answer = `Hello, we reset your line (${stamp}). Does it work now?`;
    const posted = await admin.call('POST', `/api/v1/tickets/${found.id}/messages`, { kind: 'outbound', body: answer });
    assert.equal(posted.status, 201);
    const note = await admin.call('POST', `/api/v1/tickets/${found.id}/messages`, { kind: 'note', body: `internal ${stamp}` });
    assert.equal(note.status, 201);

    // ...and the customer sees the answer without reloading, but never the note.
    await page.locator('.msg-outbound', { hasText: answer }).waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('.msg-body', { hasText: `internal ${stamp}` }).count(), 0);
    await checkA11y(page, 'portal ticket');
    await screenshot(page, 'portal-ticket');

    await page.locator('#portal-reply').fill('Yes, it works again. Thank you!');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.locator('.msg-inbound', { hasText: 'it works again' }).waitFor();

    // Back to the list: every request says by when an answer is expected (or its state).
    await page.getByRole('button', { name: /Back to your requests/ }).click();
    const item = page.locator('.request', { hasText: subject });
    await item.waitFor();
    assert.match(await item.locator('.answer-due').textContent(), /Answer expected by|as soon as possible|waiting for your reply/);

    assert.deepEqual(page.dialogs, [], 'no alert() ran');
    assertClean(page, 'portal');
  } finally {
    await context.close();
  }
});

test('portal language switch and a wrong link', async () => {
  const { context, page } = await newPage(browser, { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    // The browser's language decides before sign-in.
    await page.goto(`${BASE_URL}/portal`);
    await page.locator('#portal-title', { hasText: '登录' }).waitFor();
    await page.locator('#language').selectOption('nl');
    await page.locator('#portal-title', { hasText: 'Inloggen' }).waitFor();
    await checkA11y(page, 'portal nl');
    await screenshot(page, 'portal-sign-in-nl');
    // A used or made-up token is refused plainly.
    await page.goto(`${BASE_URL}/portal#token=not-a-real-token`);
    await page.locator('.login-page [role=alert]').waitFor();
    assert.equal(new URL(page.url()).hash, '', 'the token is removed from the address bar');
    assertClean(page, 'portal language');
  } finally {
    await context.close();
  }
});

test('a solved request offers "Rate this answer", which opens the survey page', async (t) => {
  const { context, page } = await newPage(browser);
  try {
    const signedIn = await signInAsCustomer(page);
    if (!signedIn) {
      t.skip('the server returned no demo_link (not in demo mode?): cannot sign in as a customer');
      return;
    }
    await page.locator('#language').selectOption('en');
    const subject = `Portal E2E survey ${stamp}`;
    await page.getByRole('button', { name: 'New request' }).click();
    await page.locator('#new-subject').fill(subject);
    await page.locator('#new-body').fill('My invoice is wrong.');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.locator('#portal-ticket-title', { hasText: subject }).waitFor();
    assert.equal(await page.locator('[data-testid=survey-link]').count(), 0, 'no survey before it is solved');

    const found = await waitFor(
      async () => {
        const list = await admin.call('GET', `/api/v1/tickets?requester_id=${customer.id}&limit=50`);
        return list.body.items.find((x) => x.subject === subject);
      },
      { message: 'the portal ticket in the agent API' },
    );
    assert.equal((await admin.call('POST', `/api/v1/tickets/${found.id}/messages`, { kind: 'outbound', body: 'Corrected.' })).status, 201);
    assert.equal((await admin.call('PATCH', `/api/v1/tickets/${found.id}`, { status: 'solved' })).status, 200);

    // The closing message with the link arrives live; the view offers the survey.
    await page.locator('.msg-outbound', { hasText: `T-${found.id}` }).waitFor({ timeout: 20_000 });
    const rate = page.locator('[data-testid=survey-link]');
    await rate.waitFor({ timeout: 20_000 });
    assert.equal((await rate.textContent()).trim(), 'Rate this answer');
    const href = await rate.getAttribute('href');
    assert.ok(href.startsWith(`${BASE_URL}/survey?token=`), href);
    await checkA11y(page, 'portal solved ticket');
    await screenshot(page, 'portal-survey-link');
    await page.locator('#language').selectOption('nl');
    await page.locator('[data-testid=survey-link]', { hasText: 'Beoordeel dit antwoord' }).waitFor();
    await page.locator('#language').selectOption('zh');
    await page.locator('[data-testid=survey-link]', { hasText: '评价此答复' }).waitFor();

    await rate.click();
    await page.waitForURL(/\/survey\?token=/);
    await page.locator('form[action="/survey"]').waitFor();
    assertClean(page, 'portal survey');
  } finally {
    await context.close();
  }
});
