import { admin, type RouteRule } from '../rule-helpers.js';

/** The audit trail: admins only (Audit Read); the per-incident view also needs the incident to be visible. */
export const rules: Record<string, RouteRule> = {
  'GET /audit': { permission: 'audit_read', expect: admin(200), query: 'type=postmortem.attached&limit=5' },
  'GET /audit/export': { permission: 'audit_read', expect: admin(200), query: 'format=csv' },
  'GET /incidents/:id/audit': { permission: 'audit_read + visibility', expect: admin(200) },
};
