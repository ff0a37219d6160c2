// The supervisor's views of the console in a real browser: navigation between Queue,
// Staffing and Reports by keyboard, a staffing plan drawn as an SVG chart with its table, the
// agent load, the KPI dashboard against the charter, axe-core on both views, and agents
// without these views.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AGENT, BASE_URL, SECOND_AGENT, agentSignIn, apiSession, assertClean, checkA11y, launch, newPage, screenshot } from './helpers.mjs';

const SUPERVISOR = 'mark.deboer@telnet-nl.test';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('the demo supervisor exists and agents are refused by the API', async () => {
  const admin = await apiSession(AGENT);
  try {
    const agents = await admin.call('GET', '/api/v1/agents');
    assert.equal(agents.status, 200);
    const mark = agents.body.items.find((a) => a.email === SUPERVISOR);
    assert.equal(mark?.role, 'supervisor', 'demo supervisor');
  } finally {
    await admin.dispose();
  }
  const agent = await apiSession(SECOND_AGENT);
  try {
    const plan = await agent.call('POST', '/api/v1/staffing/plan', {
      horizon_start: new Date().toISOString(),
      horizon_intervals: 4,
      channels: [{ channel: 'phone' }],
    });
    assert.equal(plan.status, 403);
    const kpis = await agent.call('GET', `/api/v1/reports/kpis?from=${encodeURIComponent('2026-01-01T00:00:00Z')}&to=${encodeURIComponent('2026-02-01T00:00:00Z')}`);
    assert.equal(kpis.status, 403);
  } finally {
    await agent.dispose();
  }
});

test('a supervisor plans staffing: chart, table and agent load', async () => {
  const { context, page } = await newPage(browser);
  try {
    await agentSignIn(page, SUPERVISOR);
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await nav.waitFor();
    assert.equal(await nav.getByRole('link').count(), 3);
    assert.equal(await nav.getByRole('link', { name: 'Queue' }).getAttribute('aria-current'), 'page');

    // Keyboard: Tab to the Staffing link and press Enter; focus lands on the view's heading.
    const staffingLink = nav.getByRole('link', { name: 'Staffing' });
    await staffingLink.focus();
    await page.keyboard.press('Enter');
    await page.locator('#staffing-title').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'staffing-title');
    assert.equal(await staffingLink.getAttribute('aria-current'), 'page');
    assert.match(page.url(), /#staffing$/);

    // A day of 30-minute intervals for phone and chat.
    await page.getByLabel('Chat', { exact: true }).check();
    await page.locator('#plan-intervals').fill('48');
    await page.locator('#plan-interval').selectOption('30');
    await page.locator('.plan-form button[type=submit]').click();
    const chart = page.locator('svg.chart-svg');
    await chart.waitFor();
    assert.equal(await chart.locator('rect.chart-bar').count(), 48, 'one bar per interval');
    assert.ok(((await chart.locator('path.chart-line').getAttribute('d')) ?? '').startsWith('M'), 'agents line drawn');
    assert.equal(await chart.getAttribute('role'), 'img');
    const title = await chart.locator('title').textContent();
    assert.match(title ?? '', /agents required/i);
    const desc = await chart.locator('desc').textContent();
    assert.match(desc ?? '', /48 intervals/);
    const rows = page.locator('.plan-table tbody tr');
    assert.equal(await rows.count(), 48, 'one table row per interval');
    const firstRow = await rows.first().locator('th').textContent();
    assert.ok(firstRow && firstRow.trim().length > 0, 'interval start shown');
    // Bars are styled by class, not inline styles (the CSP forbids them).
    assert.equal(await page.locator('.staffing-view [style]').count(), 0);

    // Agent load for the last week, with names from /api/v1/agents.
    const loadTable = page.locator('.load-table');
    const loadEmpty = page.locator('.load-panel .empty');
    await loadTable.or(loadEmpty).first().waitFor();
    if (await loadTable.isVisible()) {
      const names = await loadTable.locator('tbody th').allTextContents();
      assert.ok(names.length > 0);
      assert.ok(names.some((n) => !n.startsWith('#')), `agent names shown: ${names.join(', ')}`);
    }
    await page.locator('.load-panel details summary').click();
    await page.locator('.load-panel details dt', { hasText: 'occupancy' }).waitFor();

    await screenshot(page, 'console-staffing');
    await checkA11y(page, 'console staffing');
    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, 'console-staffing-chart');
    assertClean(page, 'console staffing');
  } finally {
    await context.close();
  }
});

test('a supervisor reads the KPI dashboard against the charter', async () => {
  const { context, page } = await newPage(browser);
  try {
    await agentSignIn(page, SUPERVISOR);
    const reportsLink = page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Reports' });
    await reportsLink.focus();
    await page.keyboard.press('Enter');
    await page.locator('#reports-title').waitFor();

    const volume = page.locator('.kpi-card[data-figure=volume] .kpi-value');
    await volume.waitFor();
    const count = Number((await volume.textContent())?.replace(/[^\d]/g, ''));
    assert.ok(count > 0, `contacts received last month: ${count}`);
    for (const figure of ['first-response', 'resolution-rate', 'sla', 'breaches']) {
      const text = await page.locator(`.kpi-card[data-figure=${figure}] .kpi-value`).textContent();
      assert.ok(text && text.trim().length > 0, `${figure} shown`);
    }
    // Every figure has its definition at hand.
    const volumeCard = page.locator('.kpi-card[data-figure=volume]');
    await volumeCard.locator('summary').click();
    await volumeCard.locator('details p', { hasText: 'contacts_received' }).waitFor();
    assert.ok((await page.locator('.kpi-table tbody tr').count()) > 0, 'per channel rows');

    // The charter: its promises with kept / missed / no data, or "no charter configured".
    const charter = page.locator('.charter-table');
    const none = page.locator('.charter-none');
    await charter.or(none).first().waitFor();
    if (await charter.isVisible()) {
      const outcomes = await charter.locator('tbody .outcome').allTextContents();
      assert.ok(outcomes.length > 0);
      for (const o of outcomes) assert.match(o, /^(Kept|Missed|No data)$/);
      assert.match((await page.locator('.charter-summary').textContent()) ?? '', /kept/);
    } else {
      assert.equal(await none.textContent(), 'No charter configured.');
    }

    await screenshot(page, 'console-reports');
    await checkA11y(page, 'console reports');

    // Switching language translates the view; back to the queue by keyboard.
    await page.locator('#language').selectOption('zh');
    await page.locator('#reports-title', { hasText: 'KPI 仪表板' }).waitFor();
    await screenshot(page, 'console-reports-zh');
    await page.locator('#language').selectOption('nl');
    await page.locator('#reports-title', { hasText: 'KPI-overzicht' }).waitFor();
    await checkA11y(page, 'console reports (nl)');
    const queueLink = page.getByRole('navigation', { name: 'Onderdelen' }).getByRole('link', { name: 'Wachtrij' });
    await queueLink.focus();
    await page.keyboard.press('Enter');
    await page.locator('.queue-row').first().waitFor();
    assertClean(page, 'console reports');
  } finally {
    await context.close();
  }
});

test('agents see no Staffing or Reports', async () => {
  const { context, page } = await newPage(browser);
  try {
    await agentSignIn(page, SECOND_AGENT);
    assert.equal(await page.locator('nav.views-nav').count(), 0);
    await page.goto(`${BASE_URL}/#staffing`);
    await page.locator('.queue-row').first().waitFor();
    assert.equal(await page.locator('#staffing-title').count(), 0);
    assertClean(page, 'console agent');
  } finally {
    await context.close();
  }
});
