import { describe, expect, it } from 'vitest';
import { canSeeIncidentRule, incidentAccessChannel } from './incident-access.js';

const standard = ['incidents_read', 'incidents_write', 'notebooks_read', 'notebooks_write'];
const admin = [...standard, 'private_incidents_global_access'];

describe('canSeeIncidentRule', () => {
  it('lets anyone with incidents_read see an organization incident', () => {
    expect(canSeeIncidentRule({ permissions: standard }, { visibility: 'organization' })).toBe(true);
  });
  it('hides everything from a user without incidents_read', () => {
    expect(canSeeIncidentRule({ permissions: [] }, { visibility: 'organization' })).toBe(false);
  });
  it('shows a private incident only to global access holders and responders', () => {
    const incident = { visibility: 'private', responderIds: ['u-responder'] };
    expect(canSeeIncidentRule({ permissions: new Set(admin), userId: 'x' }, incident)).toBe(true);
    expect(canSeeIncidentRule({ permissions: standard, userId: 'u-responder' }, incident)).toBe(true);
    expect(canSeeIncidentRule({ permissions: standard, userId: 'u-outsider' }, incident)).toBe(false);
    expect(canSeeIncidentRule({ permissions: standard }, { visibility: 'private' })).toBe(false);
  });
  it('names the channel under the Redis prefix', () => {
    expect(incidentAccessChannel()).toBe('pm:incident-access');
    expect(incidentAccessChannel('t1')).toBe('t1:incident-access');
  });
});
