import { describe, expect, it } from 'vitest';
import {
  CreateIncidentSchema,
  documentIdFromName,
  documentNameFor,
  ERROR_STATUS,
  IdempotencyKeySchema,
  JOB_NAMES,
  JOBS,
  queueOf,
  QUEUE_NAMES,
  ROLE_PERMISSIONS,
  TabMountOptionsSchema,
} from './index.js';

describe('contracts', () => {
  it('maps every error code to an HTTP error status', () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
    }
    expect(ERROR_STATUS.POSTMORTEM_NOT_FOUND).toBe(404);
    expect(ERROR_STATUS.QUEUE_UNAVAILABLE).toBe(503);
  });

  it('derives each job queue from the job name prefix and accepts ids only', () => {
    for (const name of JOB_NAMES) expect(QUEUE_NAMES).toContain(queueOf(name));
    const schema = JOBS['postmortem.generate'];
    expect(schema.safeParse({ postmortemId: '6f1c1c36-4d4e-4a40-9d2f-2b8b9f0c1a11' }).success).toBe(true);
    expect(schema.safeParse({ postmortemId: 'x' }).success).toBe(false);
    // extra fields (e.g. incident text smuggled into Redis) are refused
    expect(
      schema.safeParse({ postmortemId: '6f1c1c36-4d4e-4a40-9d2f-2b8b9f0c1a11', title: 't' }).success,
    ).toBe(false);
  });

  it('round-trips collab document names and rejects foreign ones', () => {
    const id = '6f1c1c36-4d4e-4a40-9d2f-2b8b9f0c1a11';
    expect(documentIdFromName(documentNameFor(id))).toBe(id);
    expect(documentIdFromName(`other:${id}`)).toBeNull();
    expect(documentIdFromName(`postmortem:${id}/../x`)).toBeNull();
  });

  it('gives read-only users no write permission and admins every permission', () => {
    expect(ROLE_PERMISSIONS.read_only).not.toContain('incidents_write');
    expect(ROLE_PERMISSIONS.read_only).not.toContain('notebooks_write');
    expect(ROLE_PERMISSIONS.admin).toContain('jobs_admin');
    // Publishing outside the organisation is an admin decision by default.
    expect(ROLE_PERMISSIONS.admin).toContain('postmortems_publish');
    expect(ROLE_PERMISSIONS.standard).not.toContain('postmortems_publish');
    expect(ROLE_PERMISSIONS.read_only).not.toContain('postmortems_publish');
  });

  it('validates incident input and idempotency keys', () => {
    expect(CreateIncidentSchema.safeParse({ title: '  ' }).success).toBe(false);
    expect(CreateIncidentSchema.parse({ title: 'x' })).toMatchObject({
      severity: 'UNKNOWN',
      status: 'active',
    });
    expect(IdempotencyKeySchema.safeParse('abc').success).toBe(false);
    expect(IdempotencyKeySchema.safeParse('key with spaces!').success).toBe(false);
    expect(IdempotencyKeySchema.safeParse('7d9f0f8e-5c8b-4c2a-9f34-1b2c3d4e5f60').success).toBe(true);
  });

  it('validates the tab mount options a host passes', () => {
    const ok = TabMountOptionsSchema.safeParse({
      apiBaseUrl: 'http://127.0.0.1:3000',
      incidentId: '6f1c1c36-4d4e-4a40-9d2f-2b8b9f0c1a11',
      authToken: 't',
    });
    expect(ok.success).toBe(true);
    const bad = TabMountOptionsSchema.safeParse({ apiBaseUrl: 'nope', incidentId: '1', authToken: '' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path[0])).toEqual(
      expect.arrayContaining(['apiBaseUrl', 'incidentId', 'authToken']),
    );
  });
});
