import { admin, read, signedIn, write, type Cell, type RouteRule } from '../rule-helpers.js';

/** A factor of the cell's postmortem, made by the admin (who sees every incident), for the cell to change. */
const factor = async (c: Cell) => {
  const f = await c.asAdmin('POST', `/postmortems/${c.postmortemId}/contributing-factors`, {
    category: 'Change',
    description: `Matrix ${c.unique}`,
  });
  return { factorId: f.id as string };
};

/** Contributing factors (issue 15.5): read with the postmortem, write with Incidents Write; the list is admin's. */
export const rules: Record<string, RouteRule> = {
  'GET /contributing-factor-categories': { permission: 'Incidents Read', expect: signedIn(200) },
  // The defaults written back, so the other cells see an unchanged list.
  'PUT /contributing-factor-categories': {
    permission: 'Incident Settings Manage',
    expect: admin(200),
    body: {
      categories: [
        'Change',
        'Dependency',
        'Capacity',
        'Monitoring gap',
        'Process',
        'Configuration',
        'Testing gap',
      ],
    },
  },
  'GET /postmortems/:id/contributing-factors': { permission: 'Incidents Read', expect: read(200) },
  'POST /postmortems/:id/contributing-factors': {
    permission: 'Incidents Write',
    expect: write(201),
    body: (c: Cell) => ({ category: 'Process', description: `Matrix ${c.unique}` }),
  },
  'PATCH /postmortems/:id/contributing-factors/:factorId': {
    permission: 'Incidents Write',
    expect: write(200),
    params: factor,
    body: { description: 'Edited by the matrix' },
  },
  'DELETE /postmortems/:id/contributing-factors/:factorId': {
    permission: 'Incidents Write',
    expect: write(204),
    params: factor,
  },
};
