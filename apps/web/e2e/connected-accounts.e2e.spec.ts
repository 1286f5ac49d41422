// Connected accounts on the real system in Debian Chromium, against a local fake Confluence (the API runs with
// NODE_ENV=test and the test-only loopback allowance so its SSRF guard lets it reach 127.0.0.1): a template
// cannot use Confluence before an account exists; connect one, test it, then pick it as the template's location.
import { FakeConfluence } from '@pm/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootE2e, tid, type E2e } from './support/harness.js';

let e2e: E2e;
let page: Page;
const confluence = new FakeConfluence({ flavor: 'cloud', spaces: ['ENG'], apiToken: 'ATATT-e2e-secret' });

beforeAll(async () => {
  await confluence.start();
  e2e = await bootE2e('accounts', { NODE_ENV: 'test', OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS: 'true' });
  page = await e2e.newPage({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await e2e?.stop();
  await confluence.close();
});

describe('connected accounts (real API, Chromium)', () => {
  it('connects and tests a Confluence account, then picks it as a template save location', async () => {
    await e2e.signIn(page, 'admin@example.com');

    // Before any account: Confluence cannot be chosen, and the editor says what to do.
    await page.click(tid('web-user-menu'));
    await page.click(tid('web-settings-templates'));
    await page.click(tid('template-new'));
    await page.fill(tid('template-name'), 'Confluence review');
    await page.selectOption(tid('template-destination'), 'confluence');
    const hint = page.locator(tid('template-confluence-no-account'));
    await expect
      .poll(() => hint.textContent())
      .toContain('Connect a Confluence account in Settings → Connected accounts');
    expect(await page.locator(tid('template-save')).isDisabled()).toBe(true);
    await e2e.shot(page, 'template-no-account');

    // The hint links to the settings page.
    await hint.locator('a').click();
    await page.waitForSelector(tid('account-add'));
    await page.click(tid('account-add'));
    await page.selectOption(tid('account-kind'), 'confluence_cloud');
    await page.fill(tid('account-name'), 'Team wiki');
    await page.fill(tid('account-field-siteUrl'), confluence.siteUrl);
    await page.fill(tid('account-field-email'), confluence.email);
    expect(await page.locator(tid('account-field-apiToken')).getAttribute('type')).toBe('password');
    await page.fill(tid('account-field-apiToken'), confluence.apiToken);
    await e2e.shot(page, 'add-form');
    await page.click(tid('account-save'));
    const row = page.locator(tid('account-row-Team wiki'));
    await row.waitFor();
    expect(await page.content()).not.toContain(confluence.apiToken);

    await row.locator(tid('account-test')).click();
    await expect
      .poll(() => row.locator(tid('account-test-result')).textContent())
      .toContain('✓ Connected as Fake Exporter.');
    expect(
      confluence.requests.some((r) => r.path === '/wiki/rest/api/user/current' && r.status === 200),
    ).toBe(true);
    await e2e.shot(page, 'list-tested');

    // Back in the template editor, the account is offered and the template saves.
    await page.click(tid('web-user-menu'));
    await page.click(tid('web-settings-templates'));
    await page.click(tid('template-new'));
    await page.fill(tid('template-name'), 'Confluence review');
    await page.selectOption(tid('template-destination'), 'confluence');
    const picker = page.locator(tid('template-confluence-account'));
    await picker.waitFor();
    await picker.selectOption({ label: 'Team wiki' });
    await page.fill(`${tid('template-confluence-settings')} input[placeholder="ENG"]`, 'ENG');
    await e2e.shot(page, 'template-picked');
    await page.click(tid('template-save'));
    await page.waitForSelector(`${tid('template-notice')} >> text=Template saved.`);
    expect(await page.locator(tid('template-row-Confluence review')).textContent()).toContain('confluence');
    expect(e2e.errors).toEqual([]);
  });
});
