import { admin, type Cell, type RouteRule } from '../rule-helpers.js';

/** Outbound webhook endpoints: Integrations Manage (admins) only. URLs use loopback (the matrix API allows it). */
const endpointBody = (c: Cell) => ({
  url: `http://127.0.0.1:9/hook-${c.unique}`,
  eventTypes: ['postmortem.status_changed'],
});
const endpoint = async (c: Cell) => ({
  endpointId: (await c.asAdmin('POST', '/webhook-endpoints', endpointBody(c))).endpoint.id as string,
});
const delivery = async (c: Cell) => {
  const { endpointId } = await endpoint(c);
  const d = await c.asAdmin('POST', `/webhook-endpoints/${endpointId}/test`);
  return { endpointId, deliveryId: d.id as string };
};

export const rules: Record<string, RouteRule> = {
  'GET /webhook-endpoints': { permission: 'Integrations Manage', expect: admin(200) },
  'POST /webhook-endpoints': { permission: 'Integrations Manage', expect: admin(201), body: endpointBody },
  'GET /webhook-endpoints/:endpointId': {
    permission: 'Integrations Manage',
    expect: admin(200),
    params: endpoint,
  },
  'PATCH /webhook-endpoints/:endpointId': {
    permission: 'Integrations Manage',
    expect: admin(200),
    params: endpoint,
    body: { description: 'changed' },
  },
  'DELETE /webhook-endpoints/:endpointId': {
    permission: 'Integrations Manage',
    expect: admin(204),
    params: endpoint,
  },
  'POST /webhook-endpoints/:endpointId/rotate-secret': {
    permission: 'Integrations Manage',
    expect: admin(200),
    params: endpoint,
    body: {},
  },
  'GET /webhook-endpoints/:endpointId/deliveries': {
    permission: 'Integrations Manage',
    expect: admin(200),
    params: endpoint,
  },
  'POST /webhook-endpoints/:endpointId/deliveries/:deliveryId/redeliver': {
    permission: 'Integrations Manage',
    expect: admin(202),
    params: delivery,
  },
  'POST /webhook-endpoints/:endpointId/test': {
    permission: 'Integrations Manage',
    expect: admin(202),
    params: endpoint,
  },
};
