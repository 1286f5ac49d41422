import { describe, expect, it } from 'vitest';
import { readTrackerEvent } from './tracker-events.js';

const buf = (v: unknown) => Buffer.from(JSON.stringify(v));
const gh = (action: string) => buf({ action, issue: { number: 7 }, repository: { full_name: 'octo/app' } });
const jira = (event: string, category: string, items = [{ field: 'status' }]) =>
  buf({
    webhookEvent: event,
    timestamp: 1,
    issue: { key: 'OPS-3', fields: { status: { statusCategory: { key: category } } } },
    changelog: { items },
  });

describe('readTrackerEvent', () => {
  it('maps GitHub closed / reopened / deleted issues and ignores other events', () => {
    const h = { 'X-GitHub-Event': 'issues' };
    expect(readTrackerEvent('github', h, gh('closed'))).toEqual({ key: 'octo/app#7', change: 'done' });
    expect(readTrackerEvent('github', h, gh('reopened'))).toEqual({ key: 'octo/app#7', change: 'open' });
    expect(readTrackerEvent('github', h, gh('deleted'))?.change).toBe('deleted');
    expect(readTrackerEvent('github', h, gh('edited'))).toBeNull();
    expect(readTrackerEvent('github', { 'x-github-event': 'push' }, gh('closed'))).toBeNull();
    expect(readTrackerEvent('github', h, Buffer.from('not json'))).toBeNull();
  });

  it('maps a Jira status change by category, and ignores changes that leave the status alone', () => {
    expect(readTrackerEvent('jira', {}, jira('jira:issue_updated', 'done'))).toEqual({
      key: 'OPS-3',
      change: 'done',
    });
    expect(readTrackerEvent('jira', {}, jira('jira:issue_updated', 'indeterminate'))?.change).toBe('open');
    expect(
      readTrackerEvent('jira', {}, jira('jira:issue_updated', 'done', [{ field: 'summary' }])),
    ).toBeNull();
    expect(readTrackerEvent('jira', {}, jira('jira:issue_deleted', 'new'))?.change).toBe('deleted');
    expect(readTrackerEvent('jira', {}, jira('jira:issue_created', 'new'))).toBeNull();
  });
});
