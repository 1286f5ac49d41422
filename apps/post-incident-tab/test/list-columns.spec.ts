import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Template } from '@pm/api-client';
import { mount } from '../src/mount.js';
import { API, INCIDENT_ID, TEMPLATES, incidentDetail, installStubApi, pm } from './stub-api.js';

// Opening a document needs no real collab session here.
vi.mock('../src/editor/collab.js', () => ({
  startCollab: () => ({ destroy: () => {}, comments: { list: () => [] } }),
}));

const q = <T extends Element = HTMLElement>(root: ParentNode, id: string) =>
  root.querySelector<T & Element>(`[data-testid="${id}"]`);
const text = (root: ParentNode, id: string) => q(root, id)?.textContent?.trim();

async function mounted(init: Parameters<typeof installStubApi>[0] = {}, extra: Record<string, unknown> = {}) {
  const api = installStubApi(init);
  const host = document.body.appendChild(document.createElement('div'));
  const navigations: (string | null)[] = [];
  const handle = mount(
    host,
    { apiBaseUrl: API, incidentId: INCIDENT_ID, authToken: 'tok', ...extra },
    { onNavigate: (id) => navigations.push(id) },
  );
  await flushPromises();
  return { api, host, handle, navigations };
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('postmortem list columns', () => {
  it('shows open comments, open follow-ups and who edited last', async () => {
    const { host } = await mounted({
      postmortems: [pm({ commentCount: 3, openFollowUps: 2, lastEditorName: 'Rita Reviewer' })],
    });
    const row = q(host, 'pm-postmortem-row')!;
    expect(text(row, 'pm-row-comments')).toBe('3');
    expect(text(row, 'pm-row-follow-ups')).toBe('2');
    expect(text(row, 'pm-row-last-editor')).toBe('edited by Rita Reviewer');
  });

  it('keeps the template name after the template was deleted (no "—")', async () => {
    const { host } = await mounted({
      postmortems: [pm({ templateId: null, templateName: 'Retired template' })],
    });
    expect(text(host, 'pm-row-template')).toBe('Retired template');
  });

  it('shows no comment count for attached links and no editor before anyone edited', async () => {
    const { host } = await mounted({
      postmortems: [pm({ kind: 'attached', destination: 'link', documentId: null, templateName: null })],
    });
    expect(text(host, 'pm-row-comments')).toBe('—');
    expect(q(host, 'pm-row-last-editor')).toBeNull();
  });
});

describe('deep links and navigation', () => {
  it('tells the host when a document is opened and closed', async () => {
    const { host, navigations } = await mounted({ postmortems: [pm()] });
    q(host, 'pm-postmortem-row')!.click();
    await flushPromises();
    expect(q(host, 'pm-editor-view')).not.toBeNull();
    q<HTMLButtonElement>(host, 'pm-back')!.click();
    await flushPromises();
    expect(navigations).toEqual([pm().id, null]);
  });

  it('explains an unknown or forbidden postmortem id instead of a blank page, and offers the list', async () => {
    const { host, navigations } = await mounted(
      { postmortems: [pm()] },
      { postmortemId: 'c0000000-0000-4000-8000-00000000dead' },
    );
    expect(text(host, 'pm-open-error')).toMatch(/does not exist on this incident, or you do not have access/);
    expect(q(host, 'pm-postmortem-list')).not.toBeNull();
    q<HTMLButtonElement>(host, 'pm-open-error-back')!.click();
    await flushPromises();
    expect(q(host, 'pm-open-error')).toBeNull();
    expect(navigations).toEqual([null]);
  });

  it('follows the host URL: update({ postmortemId }) opens and closes without echoing back', async () => {
    const { host, handle, navigations } = await mounted({ postmortems: [pm()] });
    handle.update({ postmortemId: pm().id });
    await flushPromises();
    expect(q(host, 'pm-editor-view')).not.toBeNull();
    handle.update({ postmortemId: undefined });
    await flushPromises();
    expect(q(host, 'pm-postmortem-list')).not.toBeNull();
    expect(navigations).toEqual([]);
  });
});

describe('generate dialog templates', () => {
  const tpl = (id: string, name: string, incidentType: string | null, isDefault: boolean): Template => ({
    ...TEMPLATES[0]!,
    id,
    name,
    incidentType,
    isDefault,
  });
  const templates = [
    tpl('a0000000-0000-4000-8000-0000000000a1', 'Generic', null, true),
    tpl('a0000000-0000-4000-8000-0000000000a2', 'Security review', 'type-security', true),
    tpl('a0000000-0000-4000-8000-0000000000a3', 'Outage review', 'type-outage', true),
    tpl('a0000000-0000-4000-8000-0000000000a4', 'Outage short', 'type-outage', false),
  ];
  const optionTexts = () =>
    [...q<HTMLSelectElement>(document.body, 'pm-template-select')!.options].map((o) => o.textContent!.trim());

  it('offers the incident type\'s templates (its default preselected, one "(default)"), all on request', async () => {
    const { host } = await mounted({
      templates,
      incident: incidentDetail({ incidentType: { id: 'type-outage', name: 'Outage' } } as never),
    });
    q<HTMLButtonElement>(host, 'pm-generate')!.click();
    await flushPromises();
    expect(optionTexts()).toEqual(['Generic', 'Outage review (default)', 'Outage short']);
    expect(q<HTMLSelectElement>(document.body, 'pm-template-select')!.value).toBe(templates[2]!.id);

    const all = q<HTMLInputElement>(document.body, 'pm-show-all-templates')!;
    all.checked = true;
    all.dispatchEvent(new Event('change'));
    await flushPromises();
    expect(optionTexts()).toEqual(['Generic', 'Security review', 'Outage review (default)', 'Outage short']);
    expect(optionTexts().filter((t) => t.includes('(default)'))).toHaveLength(1);
  });

  it('shows every template without a toggle when the incident has no type', async () => {
    const { host } = await mounted({ templates, incident: incidentDetail() });
    q<HTMLButtonElement>(host, 'pm-generate')!.click();
    await flushPromises();
    expect(optionTexts()).toEqual(['Generic (default)']);
    expect(q(document.body, 'pm-show-all-templates')).not.toBeNull();
  });
});
