import { docExtensions } from '@pm/doc-model';
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pollingCardSource } from '../src/editor/card-source.js';
import { liveIncidentCard } from '../src/editor/incident-card.js';
import { incidentDetail, pm } from './api-fixtures.js';
import type { IncidentDetail, Postmortem } from '@pm/api-client';

type Severity = IncidentDetail['severity'];
type IncidentStatus = IncidentDetail['status'];

const INCIDENT = '11111111-1111-4111-8111-111111111111';

type State = { severity: Severity; status: IncidentStatus; pmStatus: Postmortem['status'] };

/** The two calls the card source makes, answering with fixtures typed by the generated API types. */
function fakeApi(state: State) {
  return {
    getIncident: vi.fn(async () =>
      incidentDetail({
        id: INCIDENT,
        title: 'Checkout outage',
        severity: state.severity,
        status: state.status,
        impacts: [
          {
            id: '22222222-2222-4222-8222-222222222222',
            description: 'Checkout failed',
            startAt: '2026-01-01T00:00:00.000Z',
            endAt: null,
          },
        ],
      }),
    ),
    getPostmortem: vi.fn(async () =>
      pm({ incidentId: INCIDENT, status: state.pmStatus, ownerName: 'Sam Standard' }),
    ),
  };
}

afterEach(() => vi.useRealTimers());

describe('live incident card', () => {
  it('shows live incident and postmortem values and refreshes them while the document is open', async () => {
    vi.useFakeTimers();
    const state: State = { severity: 'SEV-2', status: 'active', pmStatus: 'draft' };
    const api = fakeApi(state);
    const source = pollingCardSource(() => api, 'pm-1', 10_000);
    const element = document.body.appendChild(document.createElement('div'));
    const editor = new Editor({
      element,
      extensions: [...docExtensions().filter((e) => e.name !== 'incidentCard'), liveIncidentCard(source)],
      content: {
        type: 'doc',
        content: [
          {
            type: 'incidentCard',
            attrs: {
              incidentId: INCIDENT,
              title: 'Snapshot title',
              severity: 'SEV-3',
              status: 'stable',
              impact: '',
              postmortemStatus: 'Draft',
              owner: '—',
            },
          },
        ],
      },
    });
    const cell = (field: string) =>
      element.querySelector(`[data-testid="pm-incident-card"] td[data-field="${field}"]`)?.textContent;
    expect(cell('severity')).toBe('SEV-3'); // snapshot until live data arrives
    await vi.advanceTimersByTimeAsync(0);
    expect(cell('severity')).toBe('SEV-2');
    expect(cell('impact')).toBe('Checkout failed');
    expect(cell('postmortemStatus')).toBe('Draft');
    expect(cell('owner')).toBe('Sam Standard');

    state.severity = 'SEV-1';
    state.pmStatus = 'in_review';
    await vi.advanceTimersByTimeAsync(10_000);
    expect(cell('severity')).toBe('SEV-1');
    expect(cell('postmortemStatus')).toBe('In Review');
    // live values are display-only: the stored document keeps its snapshot
    expect(editor.getJSON().content![0]!.attrs!['severity']).toBe('SEV-3');

    source.dispose();
    editor.destroy();
    const calls = api.getIncident.mock.calls.length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(api.getIncident.mock.calls.length).toBe(calls); // polling stops with the document
  });
});
