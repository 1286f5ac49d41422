import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DEMO_CHECKOUT_INCIDENT_TITLE } from '@pm/db';
import { cleanRedisPrefix, testConfig } from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Harness } from './harness.js';
import {
  EXTRA_ROUTES,
  ROUTE_RULES,
  SUBJECTS,
  type Cell,
  type RouteRule,
  type Subject,
} from './route-rules.js';

/** `METHOD /path` of every route Nest registered (Swagger UI's static routes and catch-all middleware excluded). */
function registeredRoutes(h: Harness): string[] {
  const router = (
    h.app.getHttpAdapter().getInstance() as {
      router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
    }
  ).router;
  const out: string[] = [];
  for (const layer of router.stack) {
    const r = layer.route;
    if (!r || r.path.startsWith('/api/docs') || r.path.includes('*')) continue;
    for (const m of Object.keys(r.methods)) out.push(`${m.toUpperCase()} ${r.path}`);
  }
  return out;
}

describe.each(['sqlite', 'postgresql'] as const)('authorization matrix on %s', (kind) => {
  let h: Harness;
  let base: string;
  const tokens = {} as Record<Exclude<Subject, 'anonymous'>, string>;
  const users: Record<string, string> = {};
  let org: { incidentId: string; postmortemId: string };
  let priv: { incidentId: string; postmortemId: string };
  let templateId: string;

  const call = async (method: string, path: string, token: string | null, body?: unknown) => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const ctl = new AbortController();
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: ctl.signal,
    });
    // Read small bodies; SSE streams are left open, so stop after the headers.
    const isStream = res.headers.get('content-type')?.includes('text/event-stream');
    const text = isStream ? '' : await res.text();
    ctl.abort();
    return { status: res.status, text };
  };
  const setup = (token: string) => async (method: string, path: string, body?: unknown) => {
    const r = await call(method, path, token, body);
    if (r.status >= 300) throw new Error(`setup ${method} ${path} → ${r.status} ${r.text}`);
    return r.text ? JSON.parse(r.text) : undefined;
  };

  beforeAll(async () => {
    h = await startApi(kind, { OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS: 'true' });
    base = `http://127.0.0.1:${(h.app.getHttpServer().address() as AddressInfo).port}`;
    const emails = {
      admin: 'admin',
      standard: 'standard',
      readOnly: 'readonly',
      outsider: 'standard',
      responder: 'marco',
    };
    for (const [s, e] of Object.entries(emails))
      tokens[s as keyof typeof tokens] = await h.login(`${e}@example.com`);
    const asAdmin = setup(tokens.admin);
    for (const u of (await asAdmin('GET', '/users')).items) users[u.handle] = u.id;
    const list = (await asAdmin('GET', '/incidents')).items as Array<{
      id: string;
      title: string;
      visibility: string;
    }>;
    const attach = async (incidentId: string) => ({
      incidentId,
      postmortemId: (
        await asAdmin('POST', `/incidents/${incidentId}/postmortems/attachments`, {
          title: 'Fixture',
          url: 'https://docs.example.com/f',
        })
      ).id,
    });
    org = await attach(list.find((i) => i.title === DEMO_CHECKOUT_INCIDENT_TITLE)!.id);
    priv = await attach(list.find((i) => i.visibility === 'private')!.id);
    templateId = (await asAdmin('GET', '/templates')).items.find(
      (t: { isDefault: boolean }) => t.isDefault,
    ).id;
  });
  afterAll(async () => {
    const redis = new Redis(testConfig().redisUrl);
    await cleanRedisPrefix(redis, `{${h.prefix}}`);
    redis.disconnect();
    await h?.close();
  });

  it('has a rule for every registered route (a new route without a rule fails here)', () => {
    const missing = registeredRoutes(h).filter((r) => !ROUTE_RULES[r]);
    expect(missing, 'add these to apps/api/test/route-rules.ts').toEqual([]);
    const stale = Object.keys(ROUTE_RULES).filter((r) => !registeredRoutes(h).includes(r));
    expect(stale, 'rules for routes that no longer exist').toEqual([]);
  });

  const cellFor = (subject: Subject): Cell => {
    const target = subject === 'outsider' || subject === 'responder' ? priv : org;
    const asAdmin = setup(tokens.admin);
    return {
      subject,
      ...target,
      templateId,
      users,
      unique: randomUUID().slice(0, 8),
      asAdmin,
      asSubject: setup(subject === 'anonymous' ? tokens.admin : tokens[subject]),
      freshIncident: async () => {
        const inc = await asAdmin('POST', '/incidents', {
          title: 'Matrix fresh incident',
          visibility: target === priv ? 'private' : 'organization',
        });
        if (target === priv)
          await asAdmin('POST', `/incidents/${inc.id}/responders`, { userId: users.marco });
        return inc.id;
      },
    };
  };

  const run = async (key: string, rule: RouteRule) => {
    const [method, pattern] = key.split(' ') as [string, string];
    const got = {} as Record<Subject, number>;
    for (const subject of SUBJECTS) {
      const cell = cellFor(subject);
      const params: Record<string, string> = { ...(await rule.params?.(cell)) };
      const path = pattern.replace(/:(\w+)/g, (_, name: string) => {
        if (params[name]) return params[name];
        if (name === 'id' && pattern.startsWith('/incidents/')) return cell.incidentId;
        if (name === 'id' && pattern.startsWith('/postmortems/')) return cell.postmortemId;
        throw new Error(`${key}: no value for :${name}; give the rule a params() hook`);
      });
      const body = typeof rule.body === 'function' ? rule.body(cell) : rule.body;
      let token: string | null = subject === 'anonymous' ? null : tokens[subject];
      if (rule.freshSession && subject !== 'anonymous') {
        const email = {
          admin: 'admin',
          standard: 'standard',
          readOnly: 'readonly',
          outsider: 'standard',
          responder: 'marco',
        }[subject];
        token = await h.login(`${email}@example.com`);
      }
      got[subject] = (await call(method, path + (rule.query ? `?${rule.query}` : ''), token, body)).status;
    }
    return got;
  };

  it('answers every route × subject with the expected status', async () => {
    const mismatches: string[] = [];
    for (const [key, rule] of Object.entries({ ...ROUTE_RULES, ...EXTRA_ROUTES })) {
      const got = await run(key, rule);
      for (const s of SUBJECTS)
        if (got[s] !== rule.expect[s])
          mismatches.push(`${key} as ${s}: expected ${rule.expect[s]}, got ${got[s]}`);
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
