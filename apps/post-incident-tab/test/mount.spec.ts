import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { mount, TabOptionsError } from '../src/mount.js';
import { API, INCIDENT_ID, OTHER_INCIDENT_ID, installStubApi, pm } from './stub-api.js';

const el = () => document.body.appendChild(document.createElement('div'));
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('mount()', () => {
  it('renders an error box and throws on invalid options', () => {
    const host = el();
    expect(() => mount(host, { apiBaseUrl: 'not a url', incidentId: '42', authToken: '' })).toThrow(
      TabOptionsError,
    );
    const box = host.querySelector('[data-testid="pm-options-error"]');
    expect(box?.textContent).toContain('invalid options');
    expect(box?.textContent).toContain('apiBaseUrl');
    expect(box?.textContent).toContain('incidentId');
    expect(box?.textContent).toContain('authToken');
  });

  it('lists the incident postmortems and tears down on unmount', async () => {
    installStubApi({ postmortems: [pm()] });
    const host = el();
    const handle = mount(host, { apiBaseUrl: API, incidentId: INCIDENT_ID, authToken: 'tok' });
    await flushPromises();
    const rows = host.querySelectorAll('[data-testid="pm-postmortem-row"]');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toContain('Checkout API returns 500s');
    expect(rows[0]!.textContent).toContain('Standard postmortem'); // template name resolved
    expect(rows[0]!.textContent).toContain('Sam Standard');
    handle.unmount();
    expect(host.innerHTML).toBe('');
  });

  it('sends the auth token to the API', async () => {
    installStubApi();
    const host = el();
    mount(host, { apiBaseUrl: API, incidentId: INCIDENT_ID, authToken: 'secret-token' });
    await flushPromises();
    const calls = vi.mocked(fetch).mock.calls as unknown as [string, RequestInit][];
    expect(calls.length).toBeGreaterThan(0);
    for (const [, init] of calls)
      expect((init.headers as Record<string, string>).authorization).toBe('Bearer secret-token');
    expect(host.querySelector('[data-testid="pm-empty"]')).not.toBeNull();
  });

  it('reloads when update() switches the incident, and rejects invalid updates', async () => {
    installStubApi({
      postmortems: [
        pm(),
        pm({
          id: 'c0000000-0000-4000-8000-000000000002',
          incidentId: OTHER_INCIDENT_ID,
          title: 'Other incident PM',
        }),
      ],
    });
    const host = el();
    const handle = mount(host, { apiBaseUrl: API, incidentId: INCIDENT_ID, authToken: 'tok' });
    await flushPromises();
    expect(host.textContent).toContain('Checkout API');
    handle.update({ incidentId: OTHER_INCIDENT_ID });
    await flushPromises();
    expect(host.textContent).toContain('Other incident PM');
    expect(host.textContent).not.toContain('Checkout API');
    expect(() => handle.update({ incidentId: 'nope' })).toThrow(TabOptionsError);
    handle.unmount();
  });

  it('hides the generate button from read-only users', async () => {
    installStubApi({
      me: {
        id: 'b0000000-0000-4000-8000-000000000003',
        email: 'readonly@example.com',
        name: 'Rita Reader',
        handle: 'rita',
        role: 'read_only',
        permissions: ['incidents_read', 'notebooks_read'],
      },
    });
    const host = el();
    mount(host, { apiBaseUrl: API, incidentId: INCIDENT_ID, authToken: 'tok' });
    await flushPromises();
    expect(host.querySelector('[data-testid="pm-generate"]')).toBeNull();
  });
});
