import { write, type RouteRule } from '../rule-helpers.js';

/**
 * "Refresh from incident": Incidents Write + visibility. The matrix's postmortem is an attached link (no notebook
 * document), so every subject allowed in reaches DOCUMENT_NOT_FOUND (404); Read Only is refused first (403).
 */
export const rules: Record<string, RouteRule> = {
  'POST /postmortems/:id/refresh/preview': { permission: 'incidents_write + visibility', expect: write(404) },
  'POST /postmortems/:id/refresh': {
    permission: 'incidents_write + visibility',
    expect: write(404),
    body: { updated: [], kept: [] },
  },
};
