import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import type { TabEvent, Template } from '@pm/contracts';
import { mount } from '../src/mount.js';
import { API, INCIDENT_ID, ME, TEMPLATES, incidentDetail, installStubApi, pm } from './stub-api.js';

const q = <T extends Element = HTMLElement>(root: ParentNode, id: string) =>
  root.querySelector<T & Element>(`[data-testid="${id}"]`);
const change = async (el: HTMLSelectElement | HTMLInputElement, value: string, event = 'change') => {
  el.value = value;
  el.dispatchEvent(new Event(event));
  await flushPromises();
};

async function mounted(init: Parameters<typeof installStubApi>[0] = {}, extra: Record<string, unknown> = {}) {
  const api = installStubApi(init);
  const host = document.body.appendChild(document.createElement('div'));
  const events: TabEvent[] = [];
  mount(
    host,
    { apiBaseUrl: API, incidentId: INCIDENT_ID, authToken: 'tok', ...extra },
    { onEvent: (e) => events.push(e) },
  );
  await flushPromises();
  return { api, host, events };
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('status, owner, attach, remove', () => {
  it('lists title, template, destination, status and owner; changes status and owner through the API', async () => {
    const { api, host, events } = await mounted({ postmortems: [pm()] });
    const row = q(host, 'pm-postmortem-row')!;
    expect(row.textContent).toContain('Standard postmortem');
    expect(q(row, 'pm-row-destination')!.textContent).toBe('Notebook');
    const status = q<HTMLSelectElement>(row, 'pm-status-select')!;
    expect(status.value).toBe('draft');
    await change(status, 'in_review');
    expect(api.lifecycleCalls[0]).toMatchObject({ body: { status: 'in_review' } });
    expect(q<HTMLSelectElement>(host, 'pm-status-select')!.value).toBe('in_review');
    await change(q<HTMLSelectElement>(host, 'pm-owner-select')!, 'b0000000-0000-4000-8000-000000000002');
    expect(api.lifecycleCalls[1]).toMatchObject({
      body: { ownerId: 'b0000000-0000-4000-8000-000000000002' },
    });
    const owner = q<HTMLSelectElement>(host, 'pm-owner-select')!;
    expect(owner.selectedOptions[0]!.textContent).toBe('Ada Admin');
    expect(events.filter((e) => e.type === 'postmortem.updated')).toHaveLength(2);
  });

  it('refuses javascript:, data: and file: links before sending, attaches an https link', async () => {
    const { api, host, events } = await mounted();
    q<HTMLButtonElement>(host, 'pm-attach')!.click();
    await flushPromises();
    await change(q<HTMLInputElement>(document.body, 'pm-attach-title')!, 'Confluence page', 'input');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd']) {
      await change(q<HTMLInputElement>(document.body, 'pm-attach-url')!, bad, 'input');
      q<HTMLButtonElement>(document.body, 'pm-attach-submit')!.click();
      await flushPromises();
      expect(q(document.body, 'pm-attach-error')!.textContent).toMatch(/http/);
    }
    expect(api.lifecycleCalls).toEqual([]);
    await change(
      q<HTMLInputElement>(document.body, 'pm-attach-url')!,
      'https://wiki.example.com/p/1',
      'input',
    );
    q<HTMLButtonElement>(document.body, 'pm-attach-submit')!.click();
    await flushPromises();
    expect(q(document.body, 'pm-attach-dialog')).toBeNull();
    const link = q<HTMLAnchorElement>(host, 'pm-row-link')!;
    expect(link.href).toBe('https://wiki.example.com/p/1');
    expect(link.rel).toContain('noopener');
    expect(q(host, 'pm-row-destination')!.textContent).toBe('Link');
    expect(events.map((e) => e.type)).toContain('postmortem.attached');
  });

  it('never renders a non-http link from the server as a link', async () => {
    const { host } = await mounted({
      postmortems: [pm({ kind: 'attached', destination: 'link', url: 'javascript:alert(1)', title: 'Evil' })],
    });
    expect(q(host, 'pm-row-link')).toBeNull();
    expect(q(host, 'pm-row-title')!.textContent).toBe('Evil');
  });

  it('removes a link only after confirmation', async () => {
    const { api, host, events } = await mounted({ postmortems: [pm()] });
    q<HTMLButtonElement>(host, 'pm-remove')!.click();
    await flushPromises();
    expect(api.lifecycleCalls).toEqual([]);
    q<HTMLButtonElement>(host, 'pm-remove-confirm')!.click();
    await flushPromises();
    expect(api.lifecycleCalls[0]!.route).toMatch(/^DELETE /);
    expect(q(host, 'pm-postmortem-row')).toBeNull();
    expect(events.map((e) => e.type)).toContain('postmortem.removed');
  });

  it('hides every write action from users without Incidents Write', async () => {
    const { host } = await mounted({
      postmortems: [pm()],
      me: { ...ME, permissions: ['incidents_read', 'notebooks_read', 'notebooks_write'] },
    });
    for (const id of ['pm-generate', 'pm-attach', 'pm-remove', 'pm-status-select', 'pm-owner-select'])
      expect(q(host, id), id).toBeNull();
    expect(q(host, 'pm-owner-name')!.textContent).toBe('Sam Standard');
  });
});

describe('generate entry points', () => {
  it('preselects the default template of the incident’s type', async () => {
    const typed: Template = {
      ...TEMPLATES[0]!,
      id: 'a0000000-0000-4000-8000-000000000003',
      name: 'Security incident',
      incidentType: 'security',
      isDefault: true,
    };
    TEMPLATES.push(typed);
    try {
      await mounted({
        incident: incidentDetail({
          incidentType: { id: 'x', name: 'security', description: null, isDefault: false },
        }),
      });
      q<HTMLButtonElement>(document.body, 'pm-generate')!.click();
      await flushPromises();
      expect(q<HTMLSelectElement>(document.body, 'pm-template-select')!.value).toBe(typed.id);
    } finally {
      TEMPLATES.pop();
    }
  });

  it('opens the generate dialog right away with openGenerate (the host header action)', async () => {
    await mounted({}, { openGenerate: true });
    expect(q(document.body, 'pm-generate-dialog')).not.toBeNull();
    expect(q<HTMLSelectElement>(document.body, 'pm-template-select')!.value).toBe(TEMPLATES[1]!.id);
  });
});
