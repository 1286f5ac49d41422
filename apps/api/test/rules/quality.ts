import { admin, defaultType, read, type RouteRule } from '../rule-helpers.js';

const LEVELS = {
  impact_quantified: 'warning',
  follow_ups_complete: 'warning',
  timeline_present: 'warning',
  required_sections: 'warning',
  blameless_wording: 'warning',
};

/** Quality checks (issue 15.2): running them is a read of the postmortem; their configuration is admin's. */
export const rules: Record<string, RouteRule> = {
  'POST /postmortems/:id/quality-checks': { permission: 'incidents_read + visibility', expect: read(200) },
  'GET /incident-types/:typeId/quality-checks': {
    permission: 'incident_settings_manage',
    expect: admin(200),
    params: defaultType,
  },
  // The defaults written back, so the other cells and specs see an unchanged configuration.
  'PUT /incident-types/:typeId/quality-checks': {
    permission: 'incident_settings_manage',
    expect: admin(200),
    params: defaultType,
    body: { levels: LEVELS, blamingPhrases: null },
  },
};
