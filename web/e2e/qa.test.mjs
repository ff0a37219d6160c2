// Quality assurance (issue 18) in a real browser: a QA reviewer opens #qa, finds the samples the
// job drew from the demo's history (one per agent's handled tickets of each ended day), opens
// one, scores every criterion on the scorecard with a comment and submits; the reviewed agent
// finds it under "My reviews" and acknowledges it; at 390 px and under axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AGENT, agentSignIn, apiSession, assertClean, assertNoSidewaysScroll, checkA11y, launch, newPage, screenshot, waitFor } from './helpers.mjs';

let browser;
let admin;
let reviewerEmail;
let agents;

before(async () => {
  browser = await launch();
  admin = await apiSession(AGENT);
  const listed = await admin.call('GET', '/api/v1/agents');
  assert.equal(listed.status, 200);
  agents = listed.body.items;
  const reviewer = agents.find((a) => a.role === 'qa_reviewer');
  assert.ok(reviewer, 'the demo tenant has a QA reviewer');
  reviewerEmail = reviewer.email;
});

after(async () => {
  await admin?.dispose();
  await browser?.close();
});

test('a reviewer scores a sampled ticket and the agent acknowledges the review', async () => {
  const { context, page } = await newPage(browser);
  let sampled;
  try {
    await agentSignIn(page, reviewerEmail);
    await page.locator('nav.work-nav a[href="#qa"]').click();
    await page.locator('#qa-title').waitFor();
    // The job draws the ended days at start; the queue fills once it has run.
    await waitFor(async () => {
      if ((await page.locator('.qa-sample').count()) > 0) return true;
      await page.reload();
      await page.locator('#qa-title').waitFor();
      return false;
    }, { timeout: 30_000, message: 'samples in the QA queue' });
    const first = page.locator('.qa-sample').first();
    const sampleId = Number(await first.getAttribute('data-sample-id'));
    const found = await admin.call('GET', `/api/v1/qa/samples/${sampleId}`);
    assert.equal(found.status, 200, JSON.stringify(found.body));
    sampled = found.body;
    await checkA11y(page, 'qa queue');
    await screenshot(page, 'qa-queue');

    await first.getByRole('button', { name: `Score ticket T-${sampled.ticket_id}` }).click();
    await page.locator('#qa-score-title').waitFor();
    await page.locator('.qa-message').first().waitFor();
    // Submitting with criteria left open names them.
    await page.locator('#qa-submit').click();
    await page.locator('.qa-form .notice-error', { hasText: 'Give a score' }).waitFor();
    const criteria = await page.locator('.qa-criterion').evaluateAll((els) => els.map((el) => el.getAttribute('data-criterion')));
    assert.equal(criteria.length, 10, 'the ten sections of the code of conduct');
    for (const key of criteria) {
      await page.locator(`.qa-criterion[data-criterion="${key}"] input[value="${key === 'improvement' ? 'na' : '3'}"]`).check();
    }
    await page.locator('#qa-comment-communication').fill('Clear answer, but summarise the next steps.');
    await page.locator('#qa-overall').fill('Good, friendly reply.');
    await checkA11y(page, 'qa scoring');
    await screenshot(page, 'qa-scoring');
    await page.locator('#qa-submit').click();
    await page.locator('.qa-view .notice-success', { hasText: `Review of T-${sampled.ticket_id} submitted` }).waitFor();
    assert.equal(await page.locator(`.qa-sample[data-sample-id="${sampleId}"]`).count(), 0, 'the sample left the queue');
    const reviews = await admin.call('GET', `/api/v1/qa/reviews?ticket_id=${sampled.ticket_id}`);
    const review = reviews.body.items.find((r) => r.sample_id === sampleId);
    assert.ok(review, 'the review is stored');
    assert.equal(review.score, 75);
    assert.equal(review.scores.find((s) => s.key === 'improvement').score, null);
    assert.equal(review.scores.find((s) => s.key === 'communication').comment, 'Clear answer, but summarise the next steps.');
    assertClean(page, 'qa reviewer');
  } finally {
    await context.close();
  }

  // The reviewed agent, on a phone.
  const reviewed = agents.find((a) => a.id === sampled.agent_id);
  assert.ok(reviewed, 'the reviewed agent is of the tenant');
  const phone = await newPage(browser);
  try {
    await phone.page.setViewportSize({ width: 390, height: 844 });
    await agentSignIn(phone.page, reviewed.email);
    await phone.page.goto(`${phone.page.url().split('#')[0]}#qa`);
    await phone.page.locator('#qa-mine-title').waitFor();
    const item = phone.page.locator('.qa-review', { has: phone.page.locator(`a[href="#tickets/${sampled.ticket_id}"]`) }).first();
    await item.waitFor();
    assert.match(await item.innerText(), /75%/);
    await item.locator('summary').click();
    await item.getByText('Clear answer, but summarise the next steps.').waitFor();
    await checkA11y(phone.page, 'my reviews phone');
    await assertNoSidewaysScroll(phone.page);
    await screenshot(phone.page, 'qa-mine-phone');
    await item.getByRole('button', { name: 'Acknowledge' }).click();
    await item.locator('.chip.qa-state-acknowledged').waitFor();
    assertClean(phone.page, 'my reviews');
  } finally {
    await phone.context.close();
  }
});
