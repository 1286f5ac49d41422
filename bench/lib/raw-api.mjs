// The A1 baseline: a raw node:http server answering the API's three read routes with the same JSON, from the raw
// driver (db.mjs). It does the same essential work per request — resolve the bearer token's session and user,
// apply the private-incident rule, run the queries, shape the DTOs — and nothing else (no framework, no ORM).
import { createServer } from 'node:http';
import { hashOpaqueToken } from '@pm/auth';
import { ROLE_PERMISSIONS } from '@pm/contracts';
import { bool, iso, json } from './db.mjs';

const PERSON = (a) =>
  `${a}.id as ${a}_id, ${a}.name as ${a}_name, ${a}.email as ${a}_email, ${a}.handle as ${a}_handle`;
const INCIDENT_SELECT = `select i.*, ${PERSON('c')}, ${PERSON('cb')},
  t.id as t_id, t.name as t_name, t.description as t_description, t.is_default as t_is_default
  from incidents i left join users c on c.id = i.commander_id left join users cb on cb.id = i.created_by_id
  left join incident_types t on t.id = i.incident_type_id`;
// Organization incidents, or private ones the user responds to (users with global access see all).
const VISIBLE = `(i.visibility = 'organization' or exists
  (select 1 from incident_responders r where r.incident_id = i.id and r.user_id = ?))`;

const person = (r, a) =>
  r[`${a}_id`]
    ? { id: r[`${a}_id`], name: r[`${a}_name`], email: r[`${a}_email`], handle: r[`${a}_handle`] }
    : null;

function incidentDto(r) {
  const commander = person(r, 'c');
  return {
    id: r.id,
    publicId: Number(r.public_id),
    title: r.title,
    severity: r.severity,
    status: r.status,
    visibility: r.visibility,
    summary: r.summary,
    commanderName: commander?.name ?? null,
    commander,
    createdBy: person(r, 'cb'),
    incidentType: r.t_id
      ? { id: r.t_id, name: r.t_name, description: r.t_description, isDefault: bool(r.t_is_default) }
      : null,
    chatChannelUrl: r.chat_channel_url,
    meetingUrl: r.meeting_url,
    createdAt: iso(r.created_at),
    detectedAt: iso(r.detected_at),
    resolvedAt: iso(r.resolved_at),
    updatedAt: iso(r.updated_at),
  };
}

export async function startRawApi(db) {
  const canSee = (user, r) =>
    user.global || r.visibility === 'organization' || json(r.responder_ids ?? '[]').includes(user.id);

  async function authenticate(req) {
    const h = req.headers.authorization;
    if (!h?.startsWith('Bearer ')) return null;
    const [u] = await db.all(
      `select u.id, u.role, s.expires_at from sessions s join users u on u.id = s.user_id where s.token_hash = ?`,
      [hashOpaqueToken(h.slice(7))],
    );
    if (!u || (u.expires_at !== null && new Date(u.expires_at).getTime() < Date.now())) return null;
    return { id: u.id, global: ROLE_PERMISSIONS[u.role].includes('private_incidents_global_access') };
  }

  async function list(user) {
    const where = user.global ? '1 = 1' : VISIBLE;
    const params = user.global ? [] : [user.id];
    const [rows, [count]] = await Promise.all([
      db.all(`${INCIDENT_SELECT} where ${where} order by i.created_at desc limit 200`, params),
      db.all(`select count(*) as n from incidents i where ${where}`, params),
    ]);
    return { items: rows.map(incidentDto), total: Number(count.n) };
  }

  async function detail(user, id) {
    const [r] = await db.all(`${INCIDENT_SELECT} where i.id = ?`, [id]);
    if (!r || !canSee(user, r)) return null;
    const [timeline, impacts, responders, fields] = await Promise.all([
      db.all(
        'select * from timeline_entries where incident_id = ? order by occurred_at asc, created_at asc',
        [id],
      ),
      db.all('select * from incident_impacts where incident_id = ? order by start_at asc', [id]),
      db.all(
        `select r.*, ${PERSON('u')}, ct.name as ct_name from incident_responders r join users u on u.id = r.user_id
         left join responder_types ct on ct.id = r.custom_type_id where r.incident_id = ? order by r.created_at asc`,
        [id],
      ),
      db.all('select name from incident_fields'),
    ]);
    const values = json(r.custom_fields ?? '{}');
    const customFields = {};
    for (const f of fields)
      if (values[f.name] !== undefined && values[f.name] !== null) customFields[f.name] = values[f.name];
    return {
      ...incidentDto(r),
      timeline: timeline.map((t) => ({
        id: t.id,
        kind: t.kind,
        content: t.content,
        important: bool(t.important),
        authorName: t.author_name,
        authorId: t.author_id ?? null,
        occurredAt: iso(t.occurred_at),
        tags: json(t.tags ?? '[]'),
      })),
      impacts: impacts.map((i) => ({
        id: i.id,
        description: i.description,
        startAt: iso(i.start_at),
        endAt: iso(i.end_at),
      })),
      responders: responders.map((x) => ({
        user: person(x, 'u'),
        role: x.role,
        roleName:
          x.role === 'incident_commander'
            ? 'Incident Commander'
            : x.role === 'custom' && x.ct_name
              ? x.ct_name
              : 'Responder',
        customTypeId: x.custom_type_id ?? null,
        postmortemId: null,
        addedAt: iso(x.created_at),
        lastActivityAt: iso(x.last_activity_at),
      })),
      customFields,
    };
  }

  // The review rule that applies to a postmortem: its own, else its incident type's (the default type's when the
  // incident has none); a rule naming no reviewer means no review summary (the API's `review: null`).
  async function typeRule(incidentTypeId) {
    const [t] = incidentTypeId
      ? await db.all('select review_rule from incident_types where id = ?', [incidentTypeId])
      : await db.all('select review_rule from incident_types where is_default');
    return json(t?.review_rule ?? null);
  }

  async function postmortems(user, id) {
    const [i] = await db.all(
      'select visibility, responder_ids, incident_type_id from incidents where id = ?',
      [id],
    );
    if (!i || !canSee(user, i)) return null;
    const [rows, [open], rule] = await Promise.all([
      db.all(
        `select p.*, o.name as owner_name, t.name as t_name, d.comment_count, d.last_editor_name from postmortems p
         left join users o on o.id = p.owner_id left join templates t on t.id = p.template_id
         left join documents d on d.id = p.document_id
         where p.incident_id = ? and p.removed_at is null order by p.created_at desc`,
        [id],
      ),
      db.all(`select count(*) as n from follow_ups where incident_id = ? and status = 'open'`, [id]),
      typeRule(i.incident_type_id),
    ]);
    return {
      items: rows.map((p) => {
        const own = json(p.review_rule ?? null);
        if ((own ?? rule)?.reviewerIds?.length) throw new Error('the A1 baseline does not evaluate reviews');
        return {
          id: p.id,
          incidentId: p.incident_id,
          templateId: p.template_id ?? null,
          title: p.title,
          destination: p.destination,
          generationState: p.generation_state,
          progress: Number(p.progress),
          failureReason: p.failure_reason,
          status: p.status,
          ownerId: p.owner_id ?? null,
          ownerName: p.owner_name ?? null,
          documentId: p.document_id ?? null,
          url: p.url,
          createdAt: iso(p.created_at),
          updatedAt: iso(p.updated_at),
          kind: p.destination === 'link' ? 'attached' : 'generated',
          templateName: p.template_name ?? p.t_name ?? null,
          removedAt: iso(p.removed_at),
          commentCount: Number(p.comment_count ?? 0),
          openFollowUps: Number(open.n),
          lastEditorName: p.last_editor_name ?? null,
          review: null,
        };
      }),
    };
  }

  const server = createServer(async (req, res) => {
    const send = (status, body) => {
      const s = JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(s),
      });
      res.end(s);
    };
    try {
      const user = await authenticate(req);
      if (!user) return send(401, { code: 'UNAUTHENTICATED' });
      const path = req.url.split('?')[0];
      const m = /^\/incidents(?:\/([0-9a-f-]{36})(\/postmortems)?)?$/.exec(path);
      if (!m) return send(404, { code: 'NOT_FOUND' });
      const body = !m[1] ? await list(user) : m[2] ? await postmortems(user, m[1]) : await detail(user, m[1]);
      if (!body) return send(404, { code: 'INCIDENT_NOT_FOUND' });
      send(200, body);
    } catch (e) {
      send(500, { code: 'INTERNAL', message: e.message });
    }
  });
  server.keepAliveTimeout = 65_000;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => server.close(r)),
  };
}

// Run as a child process (`node raw-api.mjs '<target json>'`) so the load generator does not share its thread.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { openRaw } = await import('./db.mjs');
  const db = openRaw(JSON.parse(process.argv[2]), { readOnly: true });
  const { url } = await startRawApi(db);
  process.stdout.write(`${url}\n`);
  process.on('SIGTERM', () => process.exit(0));
}
