// The G1 lean same-work baseline: what a generate job must do, done plainly — read the incident context and the
// template with the raw driver (db.mjs), render with @pm/templating, build the doc-model JSON's Yjs state and text
// with @pm/doc-model, and insert the document and mark a row ready with the raw driver, in one transaction. No
// framework, no ORM, no progress steps. Follow-ups are read (the seeded incidents have none; an item would render as
// the worker renders it).
import { jsonToText, jsonToYState } from '@pm/doc-model';
import { renderTemplate } from '@pm/templating';
import { bool, iso, json } from './db.mjs';

const PERSON = (a) => `${a}.name as ${a}_name, ${a}.email as ${a}_email, ${a}.handle as ${a}_handle`;
const person = (r, a) =>
  r[`${a}_name`] === null || r[`${a}_name`] === undefined
    ? null
    : { name: r[`${a}_name`], email: r[`${a}_email`], handle: r[`${a}_handle`] };

async function loadContext(db, incidentId) {
  const [i] = await db.all(
    `select i.*, ${PERSON('c')}, ${PERSON('cb')} from incidents i left join users c on c.id = i.commander_id
     left join users cb on cb.id = i.created_by_id where i.id = ?`,
    [incidentId],
  );
  const [timeline, impacts, responders, fields, followUps] = await Promise.all([
    db.all('select * from timeline_entries where incident_id = ? order by occurred_at asc', [incidentId]),
    db.all('select * from incident_impacts where incident_id = ? order by start_at asc', [incidentId]),
    db.all(
      `select r.role, ct.name as ct_name, ${PERSON('u')} from incident_responders r join users u on u.id = r.user_id
       left join responder_types ct on ct.id = r.custom_type_id where r.incident_id = ? order by r.created_at asc`,
      [incidentId],
    ),
    db.all('select name from incident_fields'),
    db.all(
      'select id, content, due_date, status from follow_ups where incident_id = ? order by position asc, created_at asc',
      [incidentId],
    ),
  ]);
  const values = json(i.custom_fields ?? '{}');
  const customFields = {};
  for (const f of fields)
    if (values[f.name] !== undefined && values[f.name] !== null) customFields[f.name] = values[f.name];
  const ctx = {
    incident: {
      id: i.id,
      publicId: Number(i.public_id),
      title: i.title,
      severity: i.severity,
      status: i.status,
      visibility: i.visibility,
      summary: i.summary,
      commander: person(i, 'c'),
      createdBy: person(i, 'cb'),
      createdAt: iso(i.created_at),
      detectedAt: iso(i.detected_at),
      resolvedAt: iso(i.resolved_at),
      timeline: timeline.map((t) => ({
        content: t.content,
        important: bool(t.important),
        kind: t.kind,
        authorName: t.author_name,
        occurredAt: iso(t.occurred_at),
      })),
      impacts: impacts.map((x) => ({
        description: x.description,
        startAt: iso(x.start_at),
        endAt: iso(x.end_at),
      })),
      responders: responders.map((r) => ({
        ...person(r, 'u'),
        role:
          r.role === 'incident_commander'
            ? 'Incident Commander'
            : r.role === 'custom' && r.ct_name
              ? r.ct_name
              : 'Responder',
      })),
      customFields,
      followUps: followUps.map((f) => ({
        id: f.id,
        content: f.content,
        assignee: null,
        dueDate: f.due_date,
        done: f.status === 'done',
      })),
    },
    timeZone: 'UTC',
    generatedAt: new Date().toISOString(),
  };
  return { ctx, customFieldNames: fields.map((f) => f.name) };
}

/** One lean generate job: returns the new document's id. `rowId` is the row marked ready (in `table`). */
export async function leanGenerate(db, { incidentId, templateId, rowId, table }) {
  const [t] = await db.all('select content, destination from templates where id = ?', [templateId]);
  const { ctx, customFieldNames } = await loadContext(db, incidentId);
  const { doc } = renderTemplate(t.content, ctx, { customFieldNames, destination: t.destination });
  const yState = jsonToYState(doc);
  const text = jsonToText(doc);
  const id = crypto.randomUUID();
  const now = db.kind === 'sqlite' ? Date.now() : new Date();
  await db.transaction(async (tx) => {
    await tx.run(
      `insert into documents (id, created_at, updated_at, y_state, json, text, version, comment_count)
       values (?, ?, ?, ?, ?, ?, 1, 0)`,
      [id, now, now, db.kind === 'sqlite' ? yState : Buffer.from(yState), JSON.stringify(doc), text],
    );
    await tx.run(`update ${table} set document_id = ?, state = 'ready' where id = ?`, [id, rowId]);
  });
  return id;
}
