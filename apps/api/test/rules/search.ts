import { signedIn, type RouteRule } from '../rule-helpers.js';

/**
 * Search and insights are not under an incident: every signed-in user holds Incidents Read (Read Only included),
 * and private incidents are filtered out of the answer (search.int.spec.ts proves the filtering).
 */
export const rules: Record<string, RouteRule> = {
  'GET /search': {
    permission: 'incidents_read (private incidents filtered out)',
    expect: signedIn(200),
    query: 'q=checkout',
  },
  'GET /insights': {
    permission: 'incidents_read (private incidents filtered out)',
    expect: signedIn(200),
    query: 'groupBy=severity',
  },
  'GET /insights.csv': {
    permission: 'incidents_read (private incidents filtered out)',
    expect: signedIn(200),
  },
};
