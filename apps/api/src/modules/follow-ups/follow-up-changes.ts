import type { UpdateFollowUpInput } from '@pm/contracts';
import type { FollowUp, User } from '@pm/db';

/** Longest excerpt of a follow-up's content quoted in a timeline entry (the entry stays one readable line). */
const QUOTE_MAX = 120;

/** `"content"` shortened for the timeline. */
export function quote(content: string): string {
  const one = content.replace(/\s+/g, ' ').trim();
  return `"${one.length > QUOTE_MAX ? `${one.slice(0, QUOTE_MAX - 1)}…` : one}"`;
}

/** Names of assignees for the timeline, or null when nobody is assigned. */
const names = (ids: readonly string[], nameOf: (id: string) => string): string | null =>
  ids.length ? ids.map(nameOf).join(', ') : null;

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Applies a PATCH to a follow-up and returns one timeline sentence per kind of change (edited, assigned, due date,
 * done / reopened, which also sets or clears who completed it and when); nothing for no-op fields, so re-sending the same value leaves no trace. `nameOf` resolves an
 * assignee id (already checked to exist) to a display name.
 */
export function applyFollowUpPatch(
  f: FollowUp,
  input: UpdateFollowUpInput,
  nameOf: (id: string) => string,
  actor: User,
  now: Date,
): string[] {
  const out: string[] = [];
  if (input.content !== undefined && input.content !== f.content) {
    out.push(`Follow-up ${quote(f.content)} edited to ${quote(input.content)}`);
    f.content = input.content;
  }
  if (input.assigneeIds !== undefined && !sameList(input.assigneeIds, f.assigneeIds)) {
    const who = names(input.assigneeIds, nameOf);
    out.push(
      who ? `Follow-up ${quote(f.content)} assigned to ${who}` : `Follow-up ${quote(f.content)} unassigned`,
    );
    f.assigneeIds = [...input.assigneeIds];
  }
  if (input.dueDate !== undefined && input.dueDate !== f.dueDate) {
    out.push(
      input.dueDate
        ? `Follow-up ${quote(f.content)} due date set to ${input.dueDate}`
        : `Follow-up ${quote(f.content)} due date cleared`,
    );
    f.dueDate = input.dueDate;
  }
  if (input.status !== undefined && input.status !== f.status) {
    out.push(`Follow-up ${quote(f.content)} ${input.status === 'done' ? 'marked done' : 'reopened'}`);
    f.status = input.status;
    f.completedAt = input.status === 'done' ? now : null;
    f.completedBy = input.status === 'done' ? actor : null;
  }
  if (input.position !== undefined) f.position = input.position;
  return out;
}
