// Template editor on the real system (built API + worker + collab, SQLite, Redis) in Debian Chromium:
// open the editor, insert a variable from the palette, see the live preview with the incident's data,
// see a line:col error for a typo, save, set as default.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, bootE2e, DEMO_TITLE, tid, type E2e } from './support/harness.js';

let e2e: E2e;
let page: Page;

beforeAll(async () => {
  e2e = await bootE2e('template');
  // 422s are the editor's expected answers to the invalid template the test types.
  page = await e2e.newPage({
    viewport: { width: 1280, height: 1000 },
    ignore: (t) => /422|Unprocessable/.test(t),
  });
});

afterAll(async () => {
  await e2e?.stop();
});

describe('template editor (real API, Chromium)', () => {
  it('creates a template with a palette variable, live preview, line:col error, save and set default', async () => {
    await page.goto(`${e2e.urls.web}/`);
    await page.fill(tid('web-login-email'), 'admin@example.com');
    await page.fill(tid('web-login-password'), 'postmortem-demo');
    await page.click(tid('web-login-submit'));
    await page.waitForSelector(tid('web-incident-row'));

    // The user menu links to the settings page for users with templates_manage.
    await page.click(tid('web-user-menu'));
    await page.click(tid('web-settings-templates'));
    await page.waitForSelector(tid('template-list'));
    await expect
      .poll(() => page.locator(`${tid('template-list')} tbody tr`).count())
      .toBeGreaterThanOrEqual(3);

    await page.click(tid('template-new'));
    await page.waitForSelector(tid('template-variable-palette'));
    await page.fill(tid('template-name'), 'E2E review');
    const option = page.locator(`${tid('template-preview-incident')} option`, { hasText: DEMO_TITLE });
    await page.selectOption(tid('template-preview-incident'), (await option.getAttribute('value'))!);
    const content = page.locator(tid('template-content'));
    await content.fill('# Review of ');
    await content.press('End');
    await page.click(tid('template-variable-incident.title'));
    await content.press('End');
    await content.type('\n\nCommander: ');
    await page.fill(tid('template-variable-filter'), 'commander');
    await page.click(tid('template-variable-incident.commander'));
    expect(await content.inputValue()).toBe(
      '# Review of {{incident.title}}\n\nCommander: {{incident.commander}}',
    );

    // Live preview with the incident's data (debounced).
    await page.waitForSelector(`${tid('template-preview')} h1 >> text=Review of ${DEMO_TITLE}`, {
      timeout: 30_000,
    });

    // A typo shows a line:col error with a suggestion.
    await content.press('End');
    await content.type('\n\nSeverity: {{incident.sevrity}}');
    const issue = page.locator(tid('template-issue')).first();
    await expect
      .poll(() => issue.textContent().catch(() => ''), { timeout: 30_000 })
      .toMatch(/line 5:13 — unknown variable incident\.sevrity — did you mean incident\.severity\?/);
    await page.screenshot({ path: join(ARTIFACTS, 'template-editor-error.png'), fullPage: true });

    // Saving with the typo is refused with the same line:col; fixing it saves.
    await page.click(tid('template-save'));
    await page.waitForSelector(`${tid('template-save-error')} >> text=line 5:13`);
    const fixed = (await content.inputValue()).replace('sevrity', 'severity');
    await content.fill(fixed);
    await page.waitForSelector(`${tid('template-preview')} >> text=/Severity: SEV-\\d/`, { timeout: 30_000 });
    await expect.poll(() => page.locator(tid('template-issue')).count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'template-editor-preview.png'), fullPage: true });
    await page.click(tid('template-save'));
    await page.waitForSelector(`${tid('template-notice')} >> text=Template saved.`);

    // Set as default: the badge moves to the new template.
    const row = page.locator(tid('template-row-E2E review'));
    await row.locator(tid('template-set-default')).click();
    await row.locator(tid('template-default-badge')).waitFor();
    expect(await page.locator(tid('template-default-badge')).count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'template-list.png'), fullPage: true });
    expect(e2e.errors).toEqual([]);
  });
});
