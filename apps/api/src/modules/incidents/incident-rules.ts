import { canTransition, type FieldType, type IncidentStatus } from '@pm/contracts';
import { AppError } from '../../common/errors.js';

/** Clock skew tolerated for "not in the future" checks. */
const SKEW_MS = 60_000;

const issue = (path: string, message: string, code: string) => ({ path, message, code });

/** Throws INVALID_STATUS_TRANSITION for a move STATUS_TRANSITIONS does not allow. */
export function assertTransition(from: IncidentStatus, to: IncidentStatus): void {
  if (!canTransition(from, to)) {
    throw new AppError('INVALID_STATUS_TRANSITION', `status: cannot move from ${from} to ${to}`, {
      issues: [issue('status', `cannot move from ${from} to ${to}`, 'invalid_transition')],
      from,
      to,
    });
  }
}

const isResolved = (s: IncidentStatus) => s === 'resolved' || s === 'completed';

/**
 * The resolved timestamp after a status move: set when moving from active/stable into resolved/completed (the
 * "last move into resolved"), kept for resolved ⇄ completed, cleared when the incident is reopened.
 */
export function resolvedAtAfter(
  from: IncidentStatus,
  to: IncidentStatus,
  current: Date | null,
  now: Date,
): Date | null {
  if (!isResolved(to)) return null;
  if (isResolved(from)) return current ?? now;
  return now;
}

/** Times that must be ordered: detected ≤ declared ≤ resolved, none in the future. */
export function assertTimestamps(t: { declaredAt: Date; detectedAt: Date | null; resolvedAt: Date | null }) {
  const now = Date.now() + SKEW_MS;
  const issues = [];
  for (const [path, d] of Object.entries(t)) {
    if (d && d.getTime() > now) issues.push(issue(path, 'cannot be in the future', 'future'));
  }
  if (t.detectedAt && t.detectedAt > t.declaredAt)
    issues.push(issue('detectedAt', 'must not be after the declaration time', 'order'));
  if (t.resolvedAt && t.resolvedAt < t.declaredAt)
    issues.push(issue('resolvedAt', 'must not be before the declaration time', 'order'));
  if (issues.length) {
    throw new AppError('TIMESTAMPS_INCONSISTENT', `${issues[0]!.path}: ${issues[0]!.message}`, { issues });
  }
}

/** Impact end must not precede its start. */
export function assertImpactTimes(startAt: Date, endAt: Date | null): void {
  if (endAt && endAt < startAt) {
    throw new AppError('TIMESTAMPS_INCONSISTENT', 'endAt: must not be before startAt', {
      issues: [issue('endAt', 'must not be before startAt', 'order')],
    });
  }
}

/** A back-dated note may be any past time, but not in the future. */
export function assertNotFuture(path: string, d: Date): void {
  if (d.getTime() > Date.now() + SKEW_MS) {
    throw new AppError('TIMESTAMPS_INCONSISTENT', `${path}: cannot be in the future`, {
      issues: [issue(path, 'cannot be in the future', 'future')],
    });
  }
}

/** Checks a custom field value against its definition; returns the normalised value (null = unset). */
export function checkFieldValue(
  field: { name: string; type: FieldType; options: string[] },
  value: unknown,
): unknown {
  const bad = (message: string): never => {
    throw new AppError('FIELD_VALUE_INVALID', `customFields.${field.name}: ${message}`, {
      issues: [issue(`customFields.${field.name}`, message, 'invalid_value')],
    });
  };
  if (value === null) return null;
  switch (field.type) {
    case 'text':
      return typeof value === 'string' ? value : bad('expected text');
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : bad('expected a number');
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) && /T/.test(value)
        ? new Date(value).toISOString()
        : bad('expected an ISO-8601 date-time');
    case 'single_select':
      return typeof value === 'string' && field.options.includes(value)
        ? value
        : bad(`expected one of: ${field.options.join(', ')}`);
    case 'multi_select':
      return Array.isArray(value) && value.every((v) => field.options.includes(v as string))
        ? [...new Set(value as string[])]
        : bad(`expected a list of: ${field.options.join(', ')}`);
    case 'text_array':
      return Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? value
        : bad('expected a list of text');
  }
}
