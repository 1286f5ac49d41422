import type { EntityManager } from '@mikro-orm/core';

/**
 * Plain SQL through the ORM's connection and the readers of its raw rows, shared by the modules that skip entity
 * hydration (search, insights, the hot incident/postmortem reads). Values arrive per dialect: SQLite gives 0/1,
 * epoch milliseconds and JSON text; PostgreSQL booleans, Dates and parsed JSON. These read both.
 */
export type Row = Record<string, unknown>;

/** Runs in `em`'s transaction when it has one (on SQLite a second connection use inside it would wait for itself). */
export const runSql = async (em: EntityManager, sql: string, params: unknown[] = []): Promise<Row[]> =>
  (await em.getConnection().execute(sql, params as never[], 'all', em.getTransactionContext())) as Row[];

/** Reads a datetime column value of a raw row. */
export function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'number') return new Date(v);
  const s = String(v);
  if (/^\d+$/.test(s)) return new Date(Number(s));
  // PostgreSQL text: `2026-03-10 10:00:00+00`; SQLite text (if ever): no zone, stored in UTC
  const iso = s.replace(' ', 'T');
  return new Date(/([zZ]|[+-]\d\d(:?\d\d)?)$/.test(iso) ? iso.replace(/([+-]\d\d)$/, '$1:00') : `${iso}Z`);
}

export const str = (v: unknown): string => String(v);
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
export const bool = (v: unknown): boolean => v === true || v === 1 || v === '1';
export const isoOrNull = (v: unknown): string | null => toDate(v)?.toISOString() ?? null;
/** A JSON column's value (`empty` when SQL NULL). */
export const jsonOr = <T>(v: unknown, empty: T): T =>
  v === null || v === undefined ? empty : typeof v === 'string' ? (JSON.parse(v) as T) : (v as T);

/** The columns {@link personAt} reads, for a users table joined as `a`. */
export const personColumns = (a: string) =>
  `${a}.id as ${a}_id, ${a}.name as ${a}_name, ${a}.email as ${a}_email, ${a}.handle as ${a}_handle`;

/** The user joined as `a` (null when the join found none). */
export const personAt = (r: Row, a: string) =>
  r[`${a}_id`]
    ? {
        id: str(r[`${a}_id`]),
        name: str(r[`${a}_name`]),
        email: str(r[`${a}_email`]),
        handle: str(r[`${a}_handle`]),
      }
    : null;

/** An incident's custom field values of defined fields only (a deleted definition hides its old values). */
export function definedFieldValues(raw: unknown, fields: Row[]): Record<string, unknown> {
  const values = jsonOr<Record<string, unknown>>(raw, {});
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[str(f.name)];
    if (v !== undefined && v !== null) out[str(f.name)] = v;
  }
  return out;
}
