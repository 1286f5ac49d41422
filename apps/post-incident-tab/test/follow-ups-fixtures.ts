import type { FollowUp } from '@pm/api-client';
import { apiErrorResponse, jsonResponse, stubApi } from '@pm/api-client/testing';
import { vi } from 'vitest';
import { INCIDENT_ID, ME, USERS } from './api-fixtures.js';

let seq = 0;
/** A follow-up typed by the generated API types. */
export const followUp = (over: Partial<FollowUp> = {}): FollowUp => {
  seq += 1;
  return {
    id: `f0000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    incidentId: INCIDENT_ID,
    content: `Follow-up ${seq}`,
    assignees: [],
    dueDate: null,
    status: 'open',
    completedAt: null,
    completedBy: null,
    createdAt: `2026-01-01T00:00:${String(seq % 60).padStart(2, '0')}.000Z`,
    createdBy: null,
    modifiedAt: '2026-01-01T00:00:00.000Z',
    modifiedBy: null,
    position: seq,
    tracker: null,
    ...over,
  };
};

export interface FollowUpApiState {
  items: FollowUp[];
  calls: { route: string; body: unknown }[];
}

/** Stubs fetch with the follow-up endpoints over an in-memory list (plus /me and /users). */
export function installFollowUpApi(items: FollowUp[], me = ME): FollowUpApiState {
  const state: FollowUpApiState = { items, calls: [] };
  const person = (id: string) => {
    const u = USERS.find((x) => x.id === id)!;
    return { id: u.id, name: u.name, email: u.email, handle: u.handle };
  };
  const { fetch } = stubApi({
    '/me': { get: () => me },
    '/users': { get: () => ({ items: USERS }) },
    '/incidents/{id}/follow-ups': {
      get: () => ({ items: state.items }),
      post: ({ body }) => {
        state.calls.push({ route: 'POST', body });
        const f = followUp({
          content: body!.content,
          assignees: (body!.assigneeIds ?? []).map(person),
          position: state.items.length + 100,
        });
        state.items.push(f);
        return jsonResponse(201, f);
      },
    },
    '/follow-ups/{id}': {
      patch: ({ path, body }) => {
        state.calls.push({ route: `PATCH ${path.id}`, body });
        const f = state.items.find((x) => x.id === path.id);
        if (!f)
          return apiErrorResponse(404, { code: 'FOLLOW_UP_NOT_FOUND', message: 'Follow-up was not found' });
        if (body!.status) f.status = body!.status;
        if (body!.content) f.content = body!.content;
        if (body!.dueDate !== undefined) f.dueDate = body!.dueDate;
        if (body!.assigneeIds) f.assignees = body!.assigneeIds.map(person);
        return { ...f };
      },
      delete: ({ path }) => {
        state.calls.push({ route: `DELETE ${path.id}`, body: null });
        state.items = state.items.filter((x) => x.id !== path.id);
        return new Response(null, { status: 204 });
      },
    },
  });
  vi.stubGlobal('fetch', vi.fn(fetch));
  return state;
}
