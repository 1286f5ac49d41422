import type { Postmortem } from '../src/index.js';

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
