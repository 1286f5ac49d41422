import type { Export, Postmortem } from '../src/index.js';

type GenerationState = Postmortem['generationState'];

export const PM_ID = '6f1c8a52-1b7e-4f55-9d4c-3c9d2a1e0b01';
export const INCIDENT_ID = '0b9e8f6a-5c1d-4e2b-8a7f-112233445566';

export const postmortem = (generationState: GenerationState, progress: number): Postmortem => ({
  id: PM_ID,
  incidentId: INCIDENT_ID,
  templateId: null,
  title: 'Postmortem',
  destination: 'notebook',
  kind: 'generated',
  templateName: null,
  removedAt: null,
  commentCount: 0,
  openFollowUps: 0,
  lastEditorName: null,
  review: null,
  generationState,
  progress,
  failureReason: null,
  status: 'draft',
  ownerId: null,
  ownerName: 'Sam Standard',
  documentId: null,
  url: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

export const EXPORT_ID = 'e0000000-0000-4000-8000-000000000001';

export const exportRow = (state: Export['state'], progress: number): Export => ({
  id: EXPORT_ID,
  postmortemId: PM_ID,
  kind: 'markdown',
  state,
  progress,
  externalId: null,
  url: null,
  fileName: state === 'ready' ? 'Postmortem.md' : null,
  size: state === 'ready' ? 12 : null,
  error: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: null,
  finishedAt: state === 'ready' ? '2026-01-01T00:00:01.000Z' : null,
});
