import { jsonToHtml, validateDoc, type JSONContent } from '@pm/doc-model';
import type { TimelineEntry } from '@pm/api-client';
import { mount as mountComponent, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseLinkInput, applyLink, LINK_REFUSED } from '../src/editor/formatting/link-rule.js';
import { filterSlashItems, SLASH_ITEMS, type SlashContext } from '../src/editor/formatting/slash-items.js';
import { installSlashMenu } from '../src/editor/formatting/slash-menu.js';
import { timelineSnapshot } from '../src/editor/formatting/timeline-snapshot.js';
import EditorToolbar from '../src/components/EditorToolbar.vue';
import { collabEditor, docOf, nodeTypes, p, press, type, json } from './formatting-helpers.js';

const INCIDENT = '11111111-1111-4111-8111-111111111111';
const entry = (over: Partial<TimelineEntry>): TimelineEntry => ({
  id: '22222222-2222-4222-8222-222222222222',
  kind: 'note',
  content: 'Alert fired',
  important: false,
  authorName: 'Ada',
  occurredAt: '2026-11-30T10:02:00.000Z',
  ...over,
});
const ctx = (over: Partial<SlashContext> = {}): SlashContext => ({
  incidentId: INCIDENT,
  cardValues: () => ({ title: 'Checkout outage', severity: 'SEV-2' }),
  loadTimeline: async () => [],
  ...over,
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('slash menu', () => {
  it('filters by title and keywords, titles that start with the query first', () => {
    expect(filterSlashItems('').map((i) => i.id)).toEqual(SLASH_ITEMS.map((i) => i.id));
    expect(
      filterSlashItems('h')
        .slice(0, 3)
        .map((i) => i.id),
    ).toEqual(['heading-1', 'heading-2', 'heading-3']);
    expect(filterSlashItems('h2').map((i) => i.id)).toEqual(['heading-2']);
    expect(filterSlashItems('todo').map((i) => i.id)).toEqual(['task-list']);
    expect(filterSlashItems('TAB')[0]!.id).toBe('table');
    expect(filterSlashItems('follow ups').map((i) => i.id)).toEqual(['follow-ups']);
    expect(filterSlashItems('hr').map((i) => i.id)).toContain('divider');
    expect(filterSlashItems('zzz')).toEqual([]);
  });

  it('opens on "/" at the start of a line or after a space, filters as you type, and inserts with Enter', () => {
    const { editor } = collabEditor(docOf(p('and')));
    const { state } = installSlashMenu(editor, ctx());
    editor.commands.setTextSelection(4);
    type(editor, '/or');
    expect(state.open).toBe(false); // inside a word ("and/or") "/" is text
    type(editor, ' /tab');
    expect(state.open).toBe(true);
    expect(state.items[0]!.id).toBe('table');
    expect(press(editor, 'Enter')).toBe(true);
    expect(state.open).toBe(false);
    expect(editor.getText()).not.toContain('/tab');
    expect(nodeTypes(editor)).toContain('table');
  });

  it('moves with the arrow keys, closes with Escape and leaves the text as typed', () => {
    const { editor } = collabEditor(docOf(p()));
    const { state } = installSlashMenu(editor, ctx());
    editor.commands.setTextSelection(1);
    type(editor, '/');
    expect(state.items).toHaveLength(SLASH_ITEMS.length);
    press(editor, 'ArrowDown');
    press(editor, 'ArrowDown');
    expect(state.index).toBe(2);
    press(editor, 'ArrowUp');
    expect(state.index).toBe(1);
    press(editor, 'ArrowUp');
    press(editor, 'ArrowUp');
    expect(state.index).toBe(SLASH_ITEMS.length - 1); // wraps around
    press(editor, 'Escape');
    expect(state.open).toBe(false);
    expect(editor.getText()).toBe('/');
  });

  it('inserts the product blocks: incident card (with snapshot), follow-ups, callout and a timeline snapshot', async () => {
    const { editor } = collabEditor(docOf(p()));
    const loadTimeline = vi.fn(async () => [
      entry({ content: 'Mitigated', occurredAt: '2026-11-30T11:00:00.000Z', important: true }),
      entry({ kind: 'update', content: 'Investigating\nDB', authorName: null }),
    ]);
    const { state } = installSlashMenu(editor, ctx({ loadTimeline }));
    for (const q of ['/incident', '/follow', '/callout', '/timeline']) {
      editor.commands.focus('end');
      editor.commands.enter();
      type(editor, q);
      expect(state.open, q).toBe(true);
      press(editor, 'Enter');
    }
    await vi.waitFor(() => expect(nodeTypes(editor)).toContain('table'));
    const doc = json(editor);
    expect(validateDoc(doc)).toEqual({ ok: true });
    const byType = (t: string) => doc.content!.find((n) => n.type === t)!;
    expect(byType('incidentCard').attrs).toMatchObject({
      incidentId: INCIDENT,
      title: 'Checkout outage',
      severity: 'SEV-2',
    });
    expect(byType('followUps').attrs).toMatchObject({ incidentId: INCIDENT });
    expect(byType('callout').attrs).toEqual({ tone: 'info' });
    const html = jsonToHtml(doc);
    // Oldest first, UTC, important in bold, updates labelled, newlines flattened.
    expect(html).toMatch(
      /2026-11-30 10:02 UTC.*Incident update: .*Investigating DB.*2026-11-30 11:00 UTC.*<strong>Mitigated<\/strong>/,
    );
    expect(loadTimeline).toHaveBeenCalledTimes(1);
    expect(editor.getText()).not.toMatch(/\/(incident|follow|callout|timeline)/);
  });

  it('reports a timeline that cannot be loaded instead of inserting half a block', async () => {
    const { editor } = collabEditor(docOf(p()));
    const onError = vi.fn();
    const { state } = installSlashMenu(
      editor,
      ctx({ loadTimeline: async () => Promise.reject(new Error('Forbidden')) }),
      onError,
    );
    editor.commands.setTextSelection(1);
    type(editor, '/timeline');
    press(editor, 'Enter');
    await vi.waitFor(() => expect(state.error).toBe('Forbidden'));
    expect(onError).toHaveBeenCalledWith('Forbidden');
    expect(nodeTypes(editor)).not.toContain('table');
  });

  it('timeline snapshot of an empty timeline says so and is valid content', () => {
    const content: JSONContent[] = timelineSnapshot([], new Date('2026-11-30T12:00:00Z'));
    expect(validateDoc(docOf(...content))).toEqual({ ok: true });
    expect(jsonToHtml(docOf(...content))).toContain('No timeline entries.');
  });
});

describe('links', () => {
  it('accepts http(s) and mailto, completes bare hosts and addresses, refuses every other scheme', () => {
    expect(parseLinkInput('https://status.example.com/x')).toEqual({
      ok: true,
      href: 'https://status.example.com/x',
    });
    expect(parseLinkInput(' example.com/runbook ')).toEqual({
      ok: true,
      href: 'https://example.com/runbook',
    });
    expect(parseLinkInput('ops@example.com')).toEqual({ ok: true, href: 'mailto:ops@example.com' });
    expect(parseLinkInput('mailto:ops@example.com')).toEqual({ ok: true, href: 'mailto:ops@example.com' });
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,x',
      'file:///etc/passwd',
      'vbscript:x',
    ])
      expect(parseLinkInput(bad), bad).toEqual({ ok: false, message: LINK_REFUSED });
    expect(parseLinkInput('').ok).toBe(false);
    expect(parseLinkInput('not a link').ok).toBe(false);
  });

  it('links the selection, or inserts the address as linked text; the schema refuses a javascript: href too', () => {
    const { editor } = collabEditor(docOf(p('runbook')));
    editor.commands.setTextSelection({ from: 1, to: 8 });
    expect(applyLink(editor, 'https://example.com/rb')).toBe(true);
    expect(json(editor).content![0]!.content![0]!.marks).toMatchObject([
      { type: 'link', attrs: { href: 'https://example.com/rb' } },
    ]);
    editor.commands.setTextSelection(8);
    editor.commands.unsetMark('link');
    editor.commands.insertContent(' ');
    expect(applyLink(editor, 'mailto:ops@example.com')).toBe(true);
    expect(editor.getText()).toBe('runbook mailto:ops@example.com');
    editor.commands.setTextSelection({ from: 1, to: 8 });
    expect(editor.commands.setLink({ href: 'javascript:alert(1)' })).toBe(false);
  });
});

describe('pasted HTML', () => {
  it('is cleaned to the schema: no scripts, event handlers, unsafe links or unknown tags survive', () => {
    const { editor } = collabEditor(docOf(p()));
    editor.commands.setTextSelection(1);
    editor.view.pasteHTML(
      '<h2 onclick="alert(1)">Impact</h2><script>alert(1)</script>' +
        '<p style="color:red">Hello <img src=x onerror="alert(1)"><a href="javascript:alert(1)">js link</a> ' +
        '<a href="https://example.com/ok" onmouseover="alert(1)">ok link</a> <marquee>moving</marquee>' +
        '<svg onload="alert(1)"><text>vector</text></svg><b>bold</b></p>' +
        '<ul data-type="taskList"><li data-type="taskItem" data-checked="true"><p>done</p></li></ul>',
    );
    const doc = json(editor);
    expect(validateDoc(doc)).toEqual({ ok: true });
    const dump = JSON.stringify(doc);
    expect(dump).not.toMatch(/script|onerror|onclick|onmouseover|onload|javascript|svg|marquee|style|image/i);
    expect(dump).toContain('"href":"https://example.com/ok"');
    expect(editor.getText()).toContain('js link'); // text kept, link dropped
    expect(editor.getText()).toContain('moving');
    expect(nodeTypes(editor)).toEqual(expect.arrayContaining(['heading', 'taskItem']));
    const html = editor.getHTML();
    expect(html).not.toMatch(/<script|onerror|javascript:|<svg|<img/i);
    expect(editor.view.dom.querySelector('script, img, svg, [onerror], [onclick], [onload]')).toBeNull();
  });
});

describe('toolbar component', () => {
  it('reflects the selection with aria-pressed, shows table tools inside a table and disables when read-only', async () => {
    const { editor } = collabEditor(docOf(p('root cause')));
    const wrapper = mountComponent(EditorToolbar, {
      props: { editor, ctx: ctx() },
      attachTo: document.body,
    });
    const bold = () => wrapper.get('[data-testid="pm-fmt-bold"]');
    expect(bold().attributes('aria-label')).toBe('Bold');
    expect(bold().attributes('aria-pressed')).toBe('false');
    editor.commands.setTextSelection({ from: 1, to: 5 });
    await bold().trigger('click');
    expect(bold().attributes('aria-pressed')).toBe('true');
    expect(editor.isActive('bold')).toBe(true);
    expect(wrapper.find('[data-testid="pm-table-tools"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="pm-fmt-undo"]').attributes('disabled')).toBeUndefined();
    await wrapper.get('[data-testid="pm-fmt-table"]').trigger('click');
    expect(wrapper.find('[data-testid="pm-table-tools"]').exists()).toBe(true);
    await wrapper.get('[data-testid="pm-fmt-row-add"]').trigger('click');
    expect(json(editor).content!.find((n) => n.type === 'table')!.content).toHaveLength(4);
    editor.setEditable(false);
    await flushPromises();
    expect(bold().attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-testid="pm-fmt-link"]').attributes('disabled')).toBeDefined();
    wrapper.unmount();
  });

  it('link prompt refuses a javascript: address with a message and applies an https one', async () => {
    const { editor } = collabEditor(docOf(p('runbook')));
    editor.view.coordsAtPos = () => ({ left: 10, right: 10, top: 10, bottom: 20 });
    const wrapper = mountComponent(EditorToolbar, { props: { editor, ctx: ctx() }, attachTo: document.body });
    editor.commands.setTextSelection({ from: 1, to: 8 });
    await wrapper.get('[data-testid="pm-fmt-link"]').trigger('click');
    await wrapper.get('[data-testid="pm-link-input"]').setValue('javascript:alert(1)');
    await wrapper.get('[data-testid="pm-link-prompt"]').trigger('submit');
    expect(wrapper.get('[data-testid="pm-link-error"]').text()).toBe(LINK_REFUSED);
    expect(editor.isActive('link')).toBe(false);
    await wrapper.get('[data-testid="pm-link-input"]').setValue('https://example.com/rb');
    await wrapper.get('[data-testid="pm-link-prompt"]').trigger('submit');
    expect(wrapper.find('[data-testid="pm-link-prompt"]').exists()).toBe(false);
    expect(editor.getAttributes('link')).toMatchObject({ href: 'https://example.com/rb' });
    wrapper.unmount();
  });
});
