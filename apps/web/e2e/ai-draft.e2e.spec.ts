// AI first drafts on the real system (built API + worker + collab, SQLite, Redis, Debian Chromium) against a local
// fake OpenAI-compatible server: an admin connects the provider in Settings → Connected accounts, generates from a
// template with two `{% ai %}` sections, sees the marked suggestions with their instruction and sources, accepts
// one (plain text remains) and discards the other.
import { startFakeOpenAi, type FakeOpenAi } from '@pm/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootE2e, DEMO_TITLE, tid, type E2e } from './support/harness.js';

let e2e: E2e;
let fake: FakeOpenAi;
const TEMPLATE = 'Postmortem with AI (e2e)';
// HTML and a link in the answer must stay inert text.
const REPLY =
  'Checkout failed for 12 minutes; about 3% of orders were lost. <b>not bold</b> [not a link](https://x)';

async function asAdmin(method: string, path: string, body?: unknown) {
  const login = await fetch(`${e2e.urls.api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password: 'postmortem-demo' }),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${e2e.urls.api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

beforeAll(async () => {
  fake = await startFakeOpenAi();
  fake.reply = REPLY;
  // NODE_ENV=test + the loopback allowance let API and worker reach the fake on 127.0.0.1 (production refuses both).
  e2e = await bootE2e('ai-draft', { NODE_ENV: 'test', OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS: 'true' });
});

afterAll(async () => {
  await e2e?.stop();
  await fake?.close();
});

describe('AI first draft (real system, Chromium, fake provider)', () => {
  let page: Page;

  it('connects the provider in Settings → Connected accounts', async () => {
    page = await e2e.signIn(await e2e.newPage({ label: 'admin' }), 'admin@example.com');
    await page.goto(`${e2e.urls.web}/settings/connected-accounts`);
    await page.click(tid('account-add'));
    await page.selectOption(tid('account-kind'), 'openai_compatible');
    await page.fill(tid('account-name'), 'AI drafts');
    await page.fill(tid('account-field-baseUrl'), fake.baseUrl);
    await page.fill(tid('account-field-model'), fake.model);
    await page.fill(tid('account-field-apiKey'), fake.apiKey);
    // The minimal field set is preselected; private incidents are off.
    expect(await page.locator(tid('account-ai-field-title')).isChecked()).toBe(true);
    expect(await page.locator(tid('account-ai-field-responders')).isChecked()).toBe(false);
    expect(await page.locator(tid('account-ai-private')).isChecked()).toBe(false);
    await e2e.shot(page, 'provider-form');
    await page.click(tid('account-save'));
    const row = page.locator(tid('account-row-AI drafts'));
    await row.waitFor();
    expect(await row.innerText()).toContain('never private incidents');
    expect(await page.content()).not.toContain(fake.apiKey);
    await row.locator(tid('account-test')).click();
    await expect.poll(() => row.locator(tid('account-test-result')).textContent()).toContain('✓');
    await e2e.shot(page, 'provider-connected');

    // The sending rules can change later without re-entering the key: also send the status.
    await row.locator(tid('account-edit-rules')).click();
    await page.check(`${tid('account-rules-form')} ${tid('account-ai-field-status')}`);
    await e2e.shot(page, 'provider-rules');
    await page.click(tid('account-rules-save'));
    await expect.poll(() => row.innerText()).toContain('sends title, severity, summary, timeline, status');
  });

  it('generates, shows the marked suggestions, accepts one and discards the other', async () => {
    await asAdmin('POST', '/templates', {
      name: TEMPLATE,
      content:
        '# {{incident.title}}\n\n## Customer impact\n\n{% ai "Summarize the customer impact" %}\n\n## Lessons\n\n{% ai "List the lessons learned" %}\n\n## Notes\n\nWritten by people.',
    });
    await page.goto(e2e.urls.web);
    await page.click(`text=${DEMO_TITLE}`);
    await page.waitForSelector(tid('web-incident-header'));
    await page.click(tid('web-tab-post-incident'));
    await page.waitForSelector(tid('pm-tab'));
    await page.click(tid('pm-generate'));
    await page.waitForSelector(tid('pm-generate-dialog'));
    const option = page.locator(`${tid('pm-template-select')} option`, { hasText: TEMPLATE });
    await page.selectOption(tid('pm-template-select'), (await option.getAttribute('value'))!);
    // The preview shows each AI section as a placeholder; nothing is sent for a preview.
    await page.waitForSelector(`${tid('pm-preview')} >> text=AI suggestion: Summarize the customer impact`);
    expect(fake.completions).toHaveLength(0);
    await e2e.shot(page, 'preview-placeholder');
    await page.click(tid('pm-confirm-generate'));
    await page.waitForSelector(tid('pm-editor'), { timeout: 30_000 });

    const blocks = page.locator(tid('ai-suggestion'));
    await expect.poll(() => blocks.count(), { timeout: 15_000 }).toBe(2);
    const first = blocks.nth(0);
    expect(await first.getAttribute('data-state')).toBe('ready');
    expect(await first.locator(tid('ai-suggestion-instruction')).innerText()).toBe(
      'Instruction: Summarize the customer impact',
    );
    const sources = await first.locator(tid('ai-suggestion-sources')).innerText();
    expect(sources).toMatch(/^Sources sent: title, severity, summary, timeline, status/);
    expect(sources).toContain('openai_compatible:fake-model');
    // The answer's HTML and link are characters, not markup.
    expect(await first.locator('b, a').count()).toBe(0);
    expect(await first.innerText()).toContain('<b>not bold</b>');
    expect(fake.completions).toHaveLength(2);
    await e2e.shot(page, 'suggestions');

    await first.locator(tid('ai-suggestion-accept')).click();
    await expect.poll(() => blocks.count()).toBe(1);
    const editor = page.locator(tid('pm-editor'));
    await expect.poll(() => editor.innerText()).toContain('Checkout failed for 12 minutes');
    expect(await editor.locator('b').count()).toBe(0);

    await blocks.nth(0).locator(tid('ai-suggestion-discard')).click();
    await expect.poll(() => blocks.count()).toBe(0);
    const text = await editor.innerText();
    expect(text).toContain('Checkout failed for 12 minutes');
    expect(text).toContain('Written by people.');
    expect(text.match(/Checkout failed for 12 minutes/g)).toHaveLength(1);
    await e2e.shot(page, 'accepted-and-discarded');
    expect(e2e.errors).toEqual([]);
  });
});
