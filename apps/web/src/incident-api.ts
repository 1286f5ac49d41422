import type {
  AddResponderInput,
  CreateImpactInput,
  CreateTimelineEntryInput,
  Impact,
  IncidentDetail,
  IncidentField,
  Responder,
  ResponderType,
  TimelineEntry,
  UpdateIncidentInput,
  UpdateResponderInput,
  User,
} from '@pm/contracts';
import { useApi } from './api.js';

const enc = encodeURIComponent;
type Items<T> = { items: T[] };

/** Incident writes and lookups the shell needs beyond @pm/api-client's generic ones (all over its `request`). */
export const incidentApi = {
  patch: (id: string, body: UpdateIncidentInput) =>
    useApi().request<IncidentDetail>(`/incidents/${enc(id)}`, { method: 'PATCH', body }),
  addNote: (id: string, body: Partial<CreateTimelineEntryInput> & { content: string }) =>
    useApi().request<TimelineEntry>(`/incidents/${enc(id)}/timeline`, { method: 'POST', body }),
  updateEntry: (id: string, entryId: string, body: { important?: boolean; content?: string }) =>
    useApi().request<TimelineEntry>(`/incidents/${enc(id)}/timeline/${enc(entryId)}`, {
      method: 'PATCH',
      body,
    }),
  deleteEntry: (id: string, entryId: string) =>
    useApi().request<void>(`/incidents/${enc(id)}/timeline/${enc(entryId)}`, { method: 'DELETE' }),
  responders: (id: string) => useApi().request<Items<Responder>>(`/incidents/${enc(id)}/responders`),
  addResponder: (id: string, body: Partial<AddResponderInput> & { userId: string }) =>
    useApi().request<Responder>(`/incidents/${enc(id)}/responders`, { method: 'POST', body }),
  setRole: (id: string, userId: string, body: UpdateResponderInput) =>
    useApi().request<Responder>(`/incidents/${enc(id)}/responders/${enc(userId)}`, { method: 'PATCH', body }),
  removeResponder: (id: string, userId: string) =>
    useApi().request<void>(`/incidents/${enc(id)}/responders/${enc(userId)}`, { method: 'DELETE' }),
  addImpact: (id: string, body: CreateImpactInput) =>
    useApi().request<Impact>(`/incidents/${enc(id)}/impacts`, { method: 'POST', body }),
  users: () => useApi().request<Items<User>>('/users'),
  responderTypes: () => useApi().request<Items<ResponderType>>('/responder-types'),
  fields: () => useApi().request<Items<IncidentField>>('/incident-fields'),
};
