import type { IncidentContext } from '../src/index.js';

/** A resolved incident with a short timeline, impacts and follow-ups. */
export function makeCtx(
  overrides: Partial<IncidentContext['incident']> = {},
  timeZone?: string,
): IncidentContext {
  return {
    incident: {
      id: 'inc_1',
      publicId: 123,
      title: 'DB outage',
      severity: 'SEV-2',
      status: 'resolved',
      visibility: 'organization',
      summary: 'Checkout failed for some users.',
      commander: { name: 'Ada Lovelace', email: 'ada@example.com', handle: '@ada' },
      createdAt: '2024-05-01T10:00:00.000Z',
      detectedAt: '2024-05-01T09:55:00.000Z',
      resolvedAt: '2024-05-01T12:10:00.000Z',
      timeline: [
        {
          content: 'Rolled back deploy',
          important: true,
          kind: 'note',
          authorName: 'Ada Lovelace',
          occurredAt: '2024-05-01T10:30:00.000Z',
        },
        {
          content: 'Alert fired',
          important: false,
          kind: 'update',
          authorName: null,
          occurredAt: '2024-05-01T09:55:00.000Z',
        },
        {
          content: 'Post-checks OK',
          important: false,
          kind: 'note',
          authorName: 'Grace',
          occurredAt: '2024-05-02T08:00:00.000Z',
        },
      ],
      impacts: [
        {
          description: 'checkout slow',
          startAt: '2024-05-01T10:00:00.000Z',
          endAt: '2024-05-01T11:00:00.000Z',
        },
        {
          description: 'login errors',
          startAt: '2024-05-01T10:30:00.000Z',
          endAt: '2024-05-01T12:00:00.000Z',
        },
      ],
      responders: [{ name: 'Ada Lovelace', role: 'Commander' }, { name: 'Grace' }],
      customFields: { root_cause_category: 'config', services: ['api', 'db'] },
      followUps: [
        { content: 'Add alert', assignee: 'Ada', dueDate: '2024-05-10', done: false },
        { content: 'Write runbook', done: true },
      ],
      ...overrides,
    },
    timeZone,
    generatedAt: '2024-05-03T00:00:00.000Z',
  };
}

/** Every text node of a document, with its marks, flattened. */
export function textNodes(doc: {
  content?: unknown[];
}): Array<{ text: string; marks?: Array<{ type: string }> }> {
  const out: Array<{ text: string; marks?: Array<{ type: string }> }> = [];
  const walk = (n: {
    type?: string;
    text?: string;
    marks?: Array<{ type: string }>;
    content?: unknown[];
  }) => {
    if (n.type === 'text') out.push({ text: n.text ?? '', ...(n.marks ? { marks: n.marks } : {}) });
    for (const c of n.content ?? []) walk(c as typeof n);
  };
  walk(doc as never);
  return out;
}
