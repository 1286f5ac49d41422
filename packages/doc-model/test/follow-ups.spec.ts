import { describe, expect, it } from 'vitest';
import {
  followUpsIncidentIds,
  jsonToConfluenceStorage,
  jsonToHtml,
  jsonToMarkdown,
  jsonToText,
  jsonToYState,
  validateDoc,
  withFollowUpsSnapshot,
  yStateToJson,
  type JSONContent,
} from '../src/index.js';

const INCIDENT = '11111111-1111-4111-8111-111111111111';
const block = (items: unknown[]): JSONContent => ({
  type: 'doc',
  content: [{ type: 'followUps', attrs: { incidentId: INCIDENT, items } }],
});

describe('followUps node', () => {
  it('is part of the schema and survives the Yjs round trip with its snapshot', () => {
    const doc = block([
      { id: 'a', content: 'Add alert', assignee: 'Ada', dueDate: '2027-01-15', done: false },
    ]);
    expect(validateDoc(doc).ok).toBe(true);
    expect(yStateToJson(jsonToYState(doc))).toEqual(doc);
  });

  it('exports the snapshot as a checklist to Markdown, HTML, Confluence and text, with hostile content inert', () => {
    const doc = block([
      {
        content: '<script>alert(1)</script> rotate | keys',
        assignee: 'Ada Admin',
        dueDate: '2027-01-15',
        done: false,
      },
      { content: 'Write runbook', assignee: null, dueDate: null, done: true },
    ]);
    const md = jsonToMarkdown(doc);
    expect(md).toContain(
      '- [ ] \\<script\\>alert(1)\\</script\\> rotate \\| keys (Ada Admin, due 2027-01-15)',
    );
    expect(md).toContain('- [x] Write runbook');
    const html = jsonToHtml(doc);
    expect(html).toContain('data-type="follow-ups"');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<li data-checked="true">☑ Write runbook</li>');
    const storage = jsonToConfluenceStorage(doc);
    expect(storage).toContain(
      '<ac:task-status>complete</ac:task-status><ac:task-body>Write runbook</ac:task-body>',
    );
    expect(storage).toContain('&lt;script&gt;');
    expect(jsonToText(doc)).toContain('[x] Write runbook');
    expect(jsonToMarkdown(block([])).trim()).toBe('_No follow-ups._');
  });

  it('takes the list as it is at export time, so a deleted item does not come back from an old snapshot', () => {
    const restored = block([
      { id: 'gone', content: 'Deleted since', done: false },
      { id: 'kept', content: 'Still here', done: false },
    ]);
    expect(followUpsIncidentIds(restored)).toEqual([INCIDENT]);
    const now = withFollowUpsSnapshot(restored, (id) =>
      id === INCIDENT ? [{ id: 'kept', content: 'Still here', done: true }] : undefined,
    );
    const md = jsonToMarkdown(now);
    expect(md.trim()).toBe('- [x] Still here');
    expect(md).not.toContain('Deleted since');
    // an incident the exporter could not load keeps its snapshot rather than showing an empty list
    expect(withFollowUpsSnapshot(restored, () => undefined)).toEqual(restored);
  });

  it('ignores malformed snapshot entries from peers', () => {
    const doc = block([null, 42, { content: 7 }, { content: 'ok', done: 'yes' }]);
    expect(jsonToMarkdown(doc).trim()).toBe('- [ ] ok');
  });
});
