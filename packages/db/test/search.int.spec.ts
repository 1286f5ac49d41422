import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument, storeDocumentState } from '../src/documents.js';
import {
  FollowUp,
  Incident,
  IncidentType,
  Postmortem,
  Responder,
  User,
  type Document,
} from '../src/entities/index.js';
import { insightsCsv, loadInsights } from '../src/insights.js';
import { searchPostmortems, searchWords, type SearchViewer } from '../src/search.js';
import { KINDS, openTestDb, type TestDb } from './helpers.js';

const READ = ['incidents_read', 'notebooks_read'];
const GLOBAL = [...READ, 'private_incidents_global_access'];
const H = 3_600_000;

/** The same cases on both dialects: FTS5 on SQLite, tsvector on PostgreSQL. */
describe.each(KINDS)('search and insights on %s', (kind) => {
  let db: TestDb;
  let outsider: SearchViewer;
  let responder: SearchViewer;
  let admin: SearchViewer;
  let ids: Record<string, string> = {};
  let docId: string;
  const t0 = new Date('2026-03-10T10:00:00Z');

  beforeAll(async () => {
    db = await openTestDb(kind);
    const em = db.orm.em.fork();
    const mk = (h: string) =>
      em.create(User, {
        email: `${h}@example.com`,
        name: `User ${h}`,
        handle: h,
        role: 'standard',
        passwordHash: 'x',
      });
    const [out, resp, adm, owner] = [mk('out'), mk('resp'), mk('adm'), mk('owner')];
    const type = em.create(IncidentType, { name: 'Security', isDefault: false });
    const inc = (n: number, title: string, extra: Partial<Incident>) =>
      em.create(Incident, {
        publicId: n,
        title,
        severity: 'SEV-2',
        status: 'resolved',
        createdAt: t0,
        resolvedAt: new Date(t0.getTime() + 2 * H),
        ...extra,
      } as never);
    const open = inc(1, 'Checkout outage', { customFields: { team: 'payments', service: 'checkout' } });
    const priv = inc(2, 'Leaked invoices', { visibility: 'private', severity: 'SEV-1', incidentType: type });
    const old = inc(3, 'Old DNS issue', {
      severity: 'SEV-3',
      createdAt: new Date('2025-01-05T00:00:00Z'),
      customFields: { team: 'platform' },
    });
    em.create(Responder, { incident: priv, user: resp });
    const doc = (text: string): Document =>
      createDocument(em, { yState: new Uint8Array([0]), json: { type: 'doc' }, text });
    const d1 = doc('The database failover took eleven minutes because the replica lagged.');
    const d2 = doc('An authorization bug exposed invoices; the zebracorn cache keyed by tenant was wrong.');
    const pm = (
      incident: Incident,
      title: string,
      document: Document | null,
      extra: Partial<Postmortem> = {},
    ) =>
      em.create(Postmortem, {
        incident,
        title,
        destination: document ? 'notebook' : 'link',
        document,
        url: document ? null : 'https://wiki.example.com/x',
        requestedBy: owner,
        owner,
        generationState: 'ready',
        ...extra,
      } as never);
    const p1 = pm(open, 'Checkout postmortem', d1, {
      status: 'completed',
      completedAt: new Date(t0.getTime() + 26 * H),
    });
    const p2 = pm(priv, 'Invoices postmortem', d2);
    const p3 = pm(old, 'Confluence DNS review', null, { status: 'in_review' });
    pm(old, 'Removed zebracorn link', null, { removedAt: new Date() });
    em.create(FollowUp, {
      incident: open,
      content: 'on time',
      dueDate: '2026-03-20',
      status: 'done',
      completedAt: new Date('2026-03-19T12:00:00Z'),
    });
    em.create(FollowUp, {
      incident: open,
      content: 'late',
      dueDate: '2026-03-20',
      status: 'done',
      completedAt: new Date('2026-03-22T12:00:00Z'),
    });
    em.create(FollowUp, { incident: open, content: 'overdue', dueDate: '2026-04-01' });
    em.create(FollowUp, { incident: priv, content: 'private overdue', dueDate: '2026-04-01' });
    await em.flush();
    outsider = { userId: out.id, permissions: READ };
    responder = { userId: resp.id, permissions: READ };
    admin = { userId: adm.id, permissions: GLOBAL };
    ids = { p1: p1.id, p2: p2.id, p3: p3.id, open: open.id, type: type.id, owner: owner.id };
    docId = d1.id;
  });
  afterAll(() => db?.dispose());

  const titles = async (q: string, viewer: SearchViewer, facets = {}) =>
    (await searchPostmortems(db.orm.em.fork(), { q, viewer, facets })).items.map((i) => i.title);

  it('finds a postmortem by a word of its body, with a highlighted snippet', async () => {
    const res = await searchPostmortems(db.orm.em.fork(), { q: 'Failover', viewer: outsider });
    expect(res.items.map((i) => i.title)).toEqual(['Checkout postmortem']);
    expect(res.total).toBe(1);
    expect(res.items[0]!.snippet.filter((s) => s.hit).map((s) => s.text.toLowerCase())).toEqual(['failover']);
    expect(res.items[0]!.snippet.map((s) => s.text).join('')).toContain('took eleven minutes');
    expect(res.items[0]!.incident).toMatchObject({ publicId: 1, severity: 'SEV-2' });
  });

  it('finds a linked postmortem (no stored text) by its title, and never a removed one', async () => {
    expect(await titles('confluence', outsider)).toEqual(['Confluence DNS review']);
    expect(await titles('removed', admin)).toEqual([]);
  });

  it('never returns a private incident’s postmortem to an outsider; does to a responder and global access', async () => {
    expect(await titles('zebracorn', outsider)).toEqual([]);
    expect(await titles('invoices', outsider)).toEqual([]);
    expect((await searchPostmortems(db.orm.em.fork(), { q: 'zebracorn', viewer: outsider })).total).toBe(0);
    expect(await titles('zebracorn', responder)).toEqual(['Invoices postmortem']);
    expect(await titles('zebracorn', admin)).toEqual(['Invoices postmortem']);
    // nor through facet counts or an empty query
    const all = await searchPostmortems(db.orm.em.fork(), { viewer: outsider });
    expect(all.items.map((i) => i.title).sort()).toEqual(['Checkout postmortem', 'Confluence DNS review']);
    expect(all.facets.severity.map((f) => f.value)).not.toContain('SEV-1');
    expect(all.facets.incidentType).toEqual([]);
    // without Incidents Read: nothing at all
    expect(await titles('failover', { userId: outsider.userId, permissions: [] })).toEqual([]);
  });

  it('narrows by facets and counts them', async () => {
    expect(await titles('', admin, { severity: ['SEV-1'] })).toEqual(['Invoices postmortem']);
    expect(await titles('', admin, { status: ['in_review'] })).toEqual(['Confluence DNS review']);
    expect(await titles('', admin, { incidentTypeId: [ids['type']] })).toEqual(['Invoices postmortem']);
    expect(await titles('', admin, { fields: [{ name: 'service', value: 'checkout' }] })).toEqual([
      'Checkout postmortem',
    ]);
    expect(await titles('', admin, { from: new Date('2026-01-01T00:00:00Z') })).toHaveLength(2);
    expect(await titles('', admin, { to: new Date('2026-01-01T00:00:00Z') })).toEqual([
      'Confluence DNS review',
    ]);
    expect(
      await titles('postmortem', admin, { incidentStatus: ['resolved'], ownerId: [ids['owner']] }),
    ).toHaveLength(2);
    const res = await searchPostmortems(db.orm.em.fork(), { q: 'postmortem', viewer: admin });
    expect(res.facets.severity).toEqual([
      { value: 'SEV-1', label: 'SEV-1', count: 1 },
      { value: 'SEV-2', label: 'SEV-2', count: 1 },
    ]);
  });

  it('reads quotes and operators as plain words, never as syntax', async () => {
    for (const q of [
      '"failover',
      'failover OR',
      'NEAR(failover',
      '-failover',
      'fail*',
      'a:b',
      "o'brien",
      '"',
      '()',
    ]) {
      await expect(searchPostmortems(db.orm.em.fork(), { q, viewer: admin })).resolves.toBeDefined();
    }
    expect(await titles('"failover"', admin)).toEqual(['Checkout postmortem']);
    expect(searchWords('"x" OR y -z')).toEqual(['x', 'or', 'y', 'z']);
  });

  it('stays in sync when the document is stored again', async () => {
    await storeDocumentState(db.orm.em, docId, {
      yState: new Uint8Array([1]),
      json: { type: 'doc' },
      text: 'Rewritten: the quokka incident.',
    });
    expect(await titles('quokka', outsider)).toEqual(['Checkout postmortem']);
    expect(await titles('failover', outsider)).toEqual([]);
  });

  it('stores a document with megabytes of text and still finds it by an early word', async () => {
    // PostgreSQL refuses a tsvector over 1 MB; the generated vector is capped, so the store must not fail.
    const words = Array.from({ length: 300_000 }, (_, i) => `w${i.toString(36)}`).join(' ');
    const text = `Wombat outage. ${words}`;
    expect(text.length).toBeGreaterThan(1_500_000);
    await storeDocumentState(db.orm.em, docId, { yState: new Uint8Array([2]), json: { type: 'doc' }, text });
    expect(await titles('wombat', outsider)).toEqual(['Checkout postmortem']);
  });

  it('pages with a cursor', async () => {
    const first = await searchPostmortems(db.orm.em.fork(), { viewer: admin, limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBe('2');
    const second = await searchPostmortems(db.orm.em.fork(), { viewer: admin, limit: 2, offset: 2 });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
  });

  it('computes the insights, respecting private incidents', async () => {
    const now = new Date('2026-04-10T00:00:00Z');
    const ins = await loadInsights(db.orm.em.fork(), { viewer: outsider, groupBy: 'team', now });
    expect(ins.rows).toEqual([
      expect.objectContaining({
        group: 'payments',
        incidents: 1,
        withPostmortem: 1,
        medianHoursToCompleted: 24,
        followUpsDoneOnTime: 1,
        followUpsDoneLate: 1,
        followUpsOverdue: 1,
      }),
      expect.objectContaining({
        group: 'platform',
        incidents: 1,
        withPostmortem: 1,
        medianHoursToCompleted: null,
      }),
    ]);
    expect(ins.totals).toMatchObject({ incidents: 2, followUpsOverdue: 1 });
    const all = await loadInsights(db.orm.em.fork(), { viewer: admin, groupBy: 'severity', now });
    expect(all.totals).toMatchObject({ incidents: 3, followUpsOverdue: 2 });
    expect(all.rows.map((r) => r.group)).toEqual(['SEV-1', 'SEV-2', 'SEV-3']);
    const ranged = await loadInsights(db.orm.em.fork(), {
      viewer: admin,
      groupBy: 'month',
      from: new Date('2026-01-01T00:00:00Z'),
      now,
    });
    expect(ranged.rows.map((r) => r.group)).toEqual(['2026-03']);
    expect(ranged.topContributingFactors).toEqual([]);
    const csv = insightsCsv(ranged);
    expect(csv.split('\r\n')[0]).toBe(
      '"month","incidents","with_postmortem","without_postmortem","median_hours_to_completed","p90_hours_to_completed","follow_ups_done_on_time","follow_ups_done_late","follow_ups_overdue"',
    );
    expect(csv).toContain('"2026-03","2","2","0","24","24","1","1","2"');
  });
});
