import { write, type Cell, type RouteRule } from '../rule-helpers.js';

/** The first timeline entry of the cell's incident (as the admin, who sees every incident). */
const firstEntry = async (c: Cell) => {
  const { items } = await c.asAdmin('GET', `/incidents/${c.incidentId}/timeline`);
  return { entryId: items[0].id as string };
};

/** Timeline curation (issue 15.5): tagging an entry is a write on the incident. */
export const rules: Record<string, RouteRule> = {
  'PUT /incidents/:id/timeline/:entryId/tags': {
    permission: 'Incidents Write',
    expect: write(200),
    params: firstEntry,
    body: { tags: ['key_moment'] },
  },
};
