// Public postmortem (issue 16.5) end to end: an admin completes a postmortem, publishes two of its sections from the
// tab, the link opens in a fresh browser context without a session (the chosen sections, no other section, no
// person's name, no script, strict CSP), then unpublishing takes the page down at once.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caretAtEndOf, generateFromTab } from './support/editor.js';
import { bootE2e, tid, type E2e } from './support/harness.js';
import { openPostIncidentTab } from './support/review-steps.js';

let e2e: E2e;
let ada: Page;
let reader: Page;
let adaToken: string;
let postmortemId: string;
let link: string;

async function api(path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  const res = await fetch(`${e2e.urls.api}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

const section = (page: Page, heading: string) =>
  page.locator(`${tid('pm-publish-dialog')} label.check:has-text("${heading}") input`);

beforeAll(async () => {
  e2e = await bootE2e('public-pm');
  adaToken = (
    await api('/auth/login', {
      method: 'POST',
      body: { email: 'admin@example.com', password: 'postmortem-demo' },
    })
  ).token;
});

afterAll(async () => {
  await e2e?.stop();
});

describe('public postmortem (real API, collab, Chromium)', () => {
  it('an admin writes a summary naming the commander and completes the postmortem', async () => {
    ada = await e2e.signIn(
      await e2e.newPage({ label: 'ada', viewport: { width: 1400, height: 1000 } }),
      'admin@example.com',
    );
    await openPostIncidentTab(ada);
    postmortemId = await generateFromTab(ada);

    await caretAtEndOf(
      ada.locator(`${tid('pm-editor')} p:has-text("What happened, in two or three sentences")`),
    );
    await ada.keyboard.type(' Sam Standard rolled back the deploy.');
    // Wait until collab stored it (the preview renders the stored document).
    await expect
      .poll(
        async () =>
          (
            await api(`/postmortems/${postmortemId}/public-preview`, {
              method: 'POST',
              token: adaToken,
              body: { sections: ['s1-summary'] },
            })
          ).html as string,
        { timeout: 30_000 },
      )
      .toContain('incident commander rolled back');

    await ada.locator(`${tid('pm-document-header')} ${tid('pm-status-select')}`).selectOption('completed');
    await ada.waitForSelector(tid('pm-frozen'), { timeout: 15_000 });
  });

  it('publishes two sections after a sandboxed preview', async () => {
    await ada.click(tid('pm-publish-open'));
    await ada.waitForSelector(`${tid('pm-publish-dialog')} label.check`);
    await section(ada, 'Summary').check();
    await section(ada, 'Root cause').check();
    await ada.click(tid('pm-publish-preview'));
    const frame = ada.locator(tid('pm-publish-preview-frame'));
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    const srcdoc = (await frame.getAttribute('srcdoc'))!;
    expect(srcdoc).toContain('The incident commander rolled back the deploy.');
    expect(srcdoc).not.toContain('Sam Standard');
    await e2e.shot(ada, 'preview');

    await ada.click(tid('pm-publish-submit'));
    const input = ada.locator(tid('pm-publish-link'));
    await input.waitFor();
    link = await input.inputValue();
    expect(link).toMatch(/\/public\/postmortems\/[A-Za-z0-9_-]{43}$/);
    await ada.waitForSelector(tid('pm-publish-state'));
    await e2e.shot(ada, 'published');
  });

  it('the link opens without a session: chosen sections only, no names, no script, strict CSP', async () => {
    reader = await e2e.newPage({
      label: 'anonymous',
      viewport: { width: 1100, height: 900 },
      // The reload after unpublishing answers 404 on purpose.
      ignore: (text) => /404|Not Found/i.test(text),
    });
    const res = (await reader.goto(link))!;
    expect(res.status()).toBe(200);
    const headers = res.headers();
    expect(headers['content-security-policy']).toMatch(
      /^default-src 'none'; style-src 'sha256-[^']+'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'$/,
    );
    expect(headers['cache-control']).toBe('no-store');
    expect(await reader.locator('script').count()).toBe(0);
    const headings = await reader.locator('h2').allTextContents();
    expect(headings).toEqual(['Summary', 'Root cause']);
    const text = (await reader.textContent('body'))!;
    expect(text).toContain('The incident commander rolled back the deploy.');
    expect(text).not.toMatch(/Sam Standard|Timeline|What went well/);
    // The hashed stylesheet applied (CSP allowed it): the exporter's layout, not the browser default.
    expect(await reader.evaluate(() => getComputedStyle(document.querySelector('main')!).maxWidth)).not.toBe(
      'none',
    );
    await e2e.shot(reader, 'public-page');
  });

  it('unpublish takes the page down at once', async () => {
    await ada.click(tid('pm-publish-unpublish'));
    await ada.waitForSelector(tid('pm-publish-state'), { state: 'detached' });
    const res = (await reader.reload())!;
    expect(res.status()).toBe(404);
    expect(await reader.textContent('h1')).toContain('not available');
    expect(await reader.textContent('body')).not.toContain('rolled back');
    await e2e.shot(reader, 'unpublished');
    expect(e2e.errors).toEqual([]);
  });
});
