// Offline editing on the real system (issue 13 part 6): Sam loses the connection, keeps typing, sees that his
// edits are kept and how many are pending, closes the tab, opens the document again once the connection is back,
// and Ada (another browser) receives what he typed offline. The connection is cut by routing the collab
// WebSocket: while "offline" the route closes the socket and refuses new ones; HTTP keeps working.
import type { BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentText } from './support/editor.js';
import { bootE2e, DEMO_TITLE, tid, type E2e } from './support/harness.js';

/** How long a change may take to reach the other browser when the 2-core machine is busy. */
const SYNC_MS = 30_000;
const OFFLINE_LINE = 'Typed while the network was down';
let e2e: E2e;

/** Routes a context's WebSockets through a switch: online they reach the server, offline they are cut. */
async function networkSwitch(ctx: BrowserContext) {
  let offline = false;
  const open = new Set<WebSocketRoute>();
  await ctx.routeWebSocket(/.*/, (ws) => {
    if (offline) return void ws.close({ code: 1001, reason: 'offline (test)' });
    ws.connectToServer();
    open.add(ws);
    ws.onClose(() => open.delete(ws));
  });
  return {
    goOffline() {
      offline = true;
      for (const ws of open) void ws.close({ code: 1001, reason: 'offline (test)' });
      open.clear();
    },
    goOnline() {
      offline = false;
    },
  };
}

async function openPostmortem(page: Page) {
  await page.click(`text=${DEMO_TITLE}`);
  await page.waitForSelector(tid('web-incident-header'));
  await page.click(tid('web-tab-post-incident'));
  await page.waitForSelector(tid('pm-tab'));
}

async function openFirstDocument(page: Page) {
  await page.click(`${tid('pm-row-title')} >> nth=0`);
  await page.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: SYNC_MS });
}

const editorText = (page: Page) => documentText(page.locator(tid('pm-editor')));

async function typeLine(page: Page, line: string) {
  await page.click(tid('pm-editor'));
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(line);
}

/** Updates stored in the page's offline copies (IndexedDB), read in the page. */
const storedUpdates = (page: Page) =>
  page.evaluate(async () => {
    const names = (await indexedDB.databases())
      .map((d) => d.name ?? '')
      .filter((n) => n.startsWith('pm-offline:'));
    let count = 0;
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      count += await new Promise<number>((resolve) => {
        const req = db.transaction('updates').objectStore('updates').count();
        req.onsuccess = () => resolve(req.result);
      });
      db.close();
    }
    return count;
  });

beforeAll(async () => {
  e2e = await bootE2e('offline');
});

afterAll(async () => {
  await e2e?.stop();
});

describe('offline editing (real system, Chromium)', () => {
  it('keeps edits made offline across closing the tab and merges them on reconnect', async () => {
    // Cutting the socket logs a failed connection attempt or two in the console: expected here.
    const sam = await e2e.newPage({
      label: 'sam',
      viewport: { width: 1400, height: 900 },
      consoleErrors: false,
    });
    const samCtx = sam.context();
    const net = await networkSwitch(samCtx);
    await e2e.signIn(sam, 'standard@example.com');
    await openPostmortem(sam);
    await sam.click(tid('pm-generate'));
    await sam.waitForSelector(`${tid('pm-preview')} >> text=${DEMO_TITLE}`);
    await sam.click(tid('pm-confirm-generate'));
    await sam.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: SYNC_MS });

    const ada = await e2e.signIn(
      await e2e.newPage({ label: 'ada', viewport: { width: 1400, height: 900 }, consoleErrors: false }),
      'admin@example.com',
    );
    await openPostmortem(ada);
    await openFirstDocument(ada);
    await typeLine(sam, 'Online line before the outage');
    await expect.poll(() => editorText(ada), { timeout: SYNC_MS }).toContain('Online line before the outage');

    const storedBefore = await storedUpdates(sam);
    net.goOffline();
    await sam.waitForSelector(`${tid('pm-offline')} >> text=Offline — your edits are kept`, {
      timeout: SYNC_MS,
    });
    await typeLine(sam, OFFLINE_LINE);
    const notice = sam.locator(tid('pm-offline'));
    await expect.poll(async () => Number(await notice.getAttribute('data-pending'))).toBeGreaterThan(0);
    expect((await notice.innerText()).trim()).toMatch(/^Offline — your edits are kept · \d+ edits pending$/);
    await sam.locator(tid('pm-connection')).scrollIntoViewIfNeeded();
    await e2e.shot(sam, '1-offline-header-sam');
    // Nothing of it can have reached Ada: the socket is cut.
    expect(await editorText(ada)).not.toContain(OFFLINE_LINE);

    // The offline copy holds the new edits before the tab closes (one stored update per edit).
    await expect.poll(() => storedUpdates(sam)).toBeGreaterThan(storedBefore);
    await sam.close();

    // Back online, a new tab of the same browser (same IndexedDB) opens the document: the kept edits merge.
    net.goOnline();
    const again = await samCtx.newPage();
    await again.goto(`${e2e.urls.web}/`);
    await again.waitForSelector(tid('web-incident-row'));
    await openPostmortem(again);
    await openFirstDocument(again);
    await expect.poll(() => editorText(again), { timeout: SYNC_MS }).toContain(OFFLINE_LINE);
    await expect.poll(() => editorText(ada), { timeout: SYNC_MS }).toContain(OFFLINE_LINE);
    expect(await again.locator(tid('pm-offline')).count()).toBe(0);
    for (const [page, name] of [
      [again, '2-reopened-synced-sam'],
      [ada, '3-ada-sees-offline-edit'],
    ] as const) {
      await page.locator(tid('pm-editor')).getByText(OFFLINE_LINE).scrollIntoViewIfNeeded();
      await e2e.shot(page, name);
    }
    expect(e2e.errors).toEqual([]);
  });
});
