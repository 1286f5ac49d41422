import type { FollowUp } from '@pm/api-client';
import { FollowUps, followUpMeta, followUpSnapshot } from '@pm/doc-model';
import { isOverdue } from '../stores/follow-ups.js';
import type { LiveFollowUpsSource } from './follow-ups-source.js';

type El = HTMLElement;
/** A new element with properties set (text via `textContent`, never `innerHTML`). */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<'className' | 'textContent' | 'type' | 'value' | 'placeholder', string>> & {
    checked?: boolean;
    disabled?: boolean;
    maxLength?: number;
    contentEditable?: string;
  } = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  return node;
}

/** One live item: done checkbox, text (double-click or Edit to change), assignee picker, due date. */
function liveRow(f: FollowUp, source: LiveFollowUpsSource): El {
  const li = el('li', {
    className: `fu${f.status === 'done' ? ' done' : ''}${isOverdue(f) ? ' overdue' : ''}`,
  });
  li.dataset['testid'] = 'pm-block-follow-up';
  li.dataset['id'] = f.id;
  li.dataset['status'] = f.status;
  const write = source.canWrite();
  const done = el('input', { type: 'checkbox', checked: f.status === 'done', disabled: !write });
  done.dataset['testid'] = 'pm-block-follow-up-done';
  done.setAttribute('aria-label', `${f.status === 'done' ? 'Reopen' : 'Mark done'}: ${f.content}`);
  done.addEventListener('change', () => void source.update(f.id, { status: done.checked ? 'done' : 'open' }));
  const text = el('span', { className: 'content', textContent: f.content }); // textContent: never parsed as HTML
  text.dataset['testid'] = 'pm-block-follow-up-content';
  const meta = el('span', { className: 'meta', textContent: f.assignees.map((a) => a.name).join(', ') });
  li.append(done, text, meta);
  if (!write) {
    if (f.dueDate) li.append(el('span', { className: 'meta', textContent: `due ${f.dueDate}` }));
    return li;
  }
  const edit = el('button', { type: 'button', className: 'link', textContent: 'Edit' });
  edit.addEventListener('click', () => {
    const input = el('input', { value: f.content, maxLength: 2000 });
    input.setAttribute('aria-label', 'Follow-up text');
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && input.value.trim()) void source.update(f.id, { content: input.value.trim() });
      if (e.key === 'Escape' || e.key === 'Enter') input.replaceWith(text);
    });
    text.replaceWith(input);
    input.focus();
  });
  const assign = el('select');
  assign.setAttribute('aria-label', `Assign ${f.content}`);
  assign.append(el('option', { value: '', textContent: 'Assign…' }));
  const ids = f.assignees.map((a) => a.id);
  for (const u of source.users())
    if (!ids.includes(u.id)) assign.append(el('option', { value: u.id, textContent: u.name }));
  assign.addEventListener('change', () => {
    if (assign.value) void source.update(f.id, { assigneeIds: [...ids, assign.value] });
  });
  const due = el('input', { type: 'date', value: f.dueDate ?? '' });
  due.setAttribute('aria-label', `Due date of ${f.content}`);
  due.addEventListener('change', () => void source.update(f.id, { dueDate: due.value || null }));
  li.append(assign, due, edit);
  return li;
}

/** The add field of a block (Enter adds). */
function addForm(incidentId: string, source: LiveFollowUpsSource): El {
  const form = el('form', { className: 'add' });
  const input = el('input', { placeholder: 'Add a follow-up and press Enter', maxLength: 2000 });
  input.dataset['testid'] = 'pm-block-follow-up-new';
  input.setAttribute('aria-label', 'New follow-up');
  form.append(input, el('button', { type: 'submit', className: 'link', textContent: 'Add' }));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const content = input.value.trim();
    if (content) void source.add(incidentId, content).then((ok) => ok && (input.value = ''));
  });
  return form;
}

/**
 * The doc-model `followUps` node with a DOM node view that shows the incident's LIVE follow-ups (the stored snapshot
 * only until the list has loaded, or for another incident's block) and changes them through the API. The view never
 * writes to the document, so an old version restored into it cannot resurrect a deleted item, and peers never
 * fight over the list. Events inside the block are kept from the editor (typing there is not document text).
 */
export function liveFollowUps(source: LiveFollowUpsSource) {
  return FollowUps.extend({
    addNodeView() {
      return ({ node }) => {
        const dom = el('div', { className: 'pm-follow-ups', contentEditable: 'false' });
        dom.dataset['testid'] = 'pm-follow-ups-block';
        const incidentId = (node.attrs['incidentId'] as string | null) ?? '';
        const title = el('strong', { textContent: 'Incident follow-ups (live)' });
        const list = el('ul');
        // Built once and kept across renders, so a push arriving while someone types does not eat their text.
        const form = incidentId ? addForm(incidentId, source) : null;
        dom.append(title, list);
        const render = () => {
          const live = incidentId ? source.items(incidentId) : undefined;
          dom.dataset['live'] = String(live !== undefined);
          const rows: El[] = live
            ? live.map((f) => liveRow(f, source))
            : followUpSnapshot(node.attrs).map((f) =>
                el('li', { textContent: `${f.done ? '☑' : '☐'} ${f.content}${followUpMeta(f)}` }),
              );
          if (!rows.length) rows.push(el('li', { className: 'empty', textContent: 'No follow-ups.' }));
          list.replaceChildren(...rows);
          if (form && live && source.canWrite()) dom.append(form);
          else form?.remove();
        };
        render();
        const off = source.subscribe(render);
        return { dom, destroy: off, ignoreMutation: () => true, stopEvent: () => true };
      };
    },
  });
}
