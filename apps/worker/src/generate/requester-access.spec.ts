import { describe, expect, it } from 'vitest';
import { requesterMayGenerate } from './requester-access.js';

const user = (id: string, role: 'admin' | 'standard' | 'read_only') => ({ id, role });

describe('requesterMayGenerate', () => {
  it('needs Incidents Write', () => {
    expect(
      requesterMayGenerate(user('u1', 'read_only'), { visibility: 'organization', responderIds: [] }),
    ).toBe(false);
    expect(
      requesterMayGenerate(user('u1', 'standard'), { visibility: 'organization', responderIds: [] }),
    ).toBe(true);
  });

  it('admits responders and global-access holders on private incidents, nobody else', () => {
    const priv = { visibility: 'private' as const, responderIds: ['u2'] };
    expect(requesterMayGenerate(user('u1', 'standard'), priv)).toBe(false);
    expect(requesterMayGenerate(user('u2', 'standard'), priv)).toBe(true);
    expect(requesterMayGenerate(user('u3', 'admin'), priv)).toBe(true);
  });
});
