import type { Editor } from '@tiptap/core';
// Type-only imports: they bring each extension's command declarations (toggleBold, insertTable, undo…) into scope.
import type {} from '@tiptap/starter-kit';
import type {} from '@tiptap/extension-table';
import type {} from '@tiptap/extension-list';
import type {} from '@tiptap/extension-collaboration';

/**
 * One toolbar / bubble-menu button: a stable id (test ids, keys), an accessible name, a short visible glyph, the
 * keyboard shortcut shown in its tooltip, whether it is "on" at the cursor (aria-pressed) and what it does.
 * Commands go through Tiptap's chains, so undo groups them and Collaboration syncs them like typing.
 */
export interface FormatAction {
  id: string;
  label: string;
  glyph: string;
  shortcut?: string;
  /** Toggles have a pressed state; one-shot commands (insert table, undo) do not. */
  toggle: boolean;
  isActive(editor: Editor): boolean;
  /** Whether the command applies here (e.g. no bold inside a code block, nothing to undo). */
  canRun(editor: Editor): boolean;
  run(editor: Editor): boolean;
}

const mark = (
  id: 'bold' | 'italic' | 'strike' | 'code',
  label: string,
  glyph: string,
  shortcut: string,
): FormatAction => {
  const cmd = `toggle${id[0]!.toUpperCase()}${id.slice(1)}` as
    'toggleBold' | 'toggleItalic' | 'toggleStrike' | 'toggleCode';
  return {
    id,
    label,
    glyph,
    shortcut,
    toggle: true,
    isActive: (e) => e.isActive(id),
    canRun: (e) => e.can().chain().focus()[cmd]().run(),
    run: (e) => e.chain().focus()[cmd]().run(),
  };
};

/** Inline marks: the toolbar's first group and the bubble menu (link is separate: it opens the link prompt). */
export const MARK_ACTIONS: FormatAction[] = [
  mark('bold', 'Bold', 'B', 'Ctrl+B'),
  mark('italic', 'Italic', 'I', 'Ctrl+I'),
  mark('strike', 'Strikethrough', 'S', 'Ctrl+Shift+S'),
  mark('code', 'Inline code', '</>', 'Ctrl+E'),
];

const heading = (level: 1 | 2 | 3): FormatAction => ({
  id: `heading-${level}`,
  // The name contains the visible glyph (WCAG 2.5.3 "label in name": speech users say what they see).
  label: `H${level} (heading ${level})`,
  glyph: `H${level}`,
  shortcut: `Ctrl+Alt+${level}`,
  toggle: true,
  isActive: (e) => e.isActive('heading', { level }),
  canRun: (e) => e.can().chain().focus().toggleHeading({ level }).run(),
  run: (e) => e.chain().focus().toggleHeading({ level }).run(),
});

/** Block types: headings, lists, quote, code block. */
export const BLOCK_ACTIONS: FormatAction[] = [
  heading(1),
  heading(2),
  heading(3),
  {
    id: 'bullet-list',
    label: 'Bulleted list',
    glyph: '•',
    shortcut: 'Ctrl+Shift+8',
    toggle: true,
    isActive: (e) => e.isActive('bulletList'),
    canRun: (e) => e.can().chain().focus().toggleBulletList().run(),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    id: 'ordered-list',
    label: '1. Numbered list',
    glyph: '1.',
    shortcut: 'Ctrl+Shift+7',
    toggle: true,
    isActive: (e) => e.isActive('orderedList'),
    canRun: (e) => e.can().chain().focus().toggleOrderedList().run(),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  {
    id: 'task-list',
    label: 'Task list',
    glyph: '☑',
    shortcut: 'Ctrl+Shift+9',
    toggle: true,
    isActive: (e) => e.isActive('taskList'),
    canRun: (e) => e.can().chain().focus().toggleTaskList().run(),
    run: (e) => e.chain().focus().toggleTaskList().run(),
  },
  {
    id: 'blockquote',
    label: 'Quote',
    glyph: '❝',
    shortcut: 'Ctrl+Shift+B',
    toggle: true,
    isActive: (e) => e.isActive('blockquote'),
    canRun: (e) => e.can().chain().focus().toggleBlockquote().run(),
    run: (e) => e.chain().focus().toggleBlockquote().run(),
  },
  {
    id: 'code-block',
    label: 'Code block',
    glyph: '{ }',
    shortcut: 'Ctrl+Alt+C',
    toggle: true,
    isActive: (e) => e.isActive('codeBlock'),
    canRun: (e) => e.can().chain().focus().toggleCodeBlock().run(),
    run: (e) => e.chain().focus().toggleCodeBlock().run(),
  },
];

const oneShot = (
  id: string,
  label: string,
  glyph: string,
  run: (e: Editor) => boolean,
  canRun: (e: Editor) => boolean,
  shortcut?: string,
): FormatAction => ({
  id,
  label,
  glyph,
  ...(shortcut ? { shortcut } : {}),
  toggle: false,
  isActive: () => false,
  canRun,
  run,
});

/** Inserts: a 3×3 table with a header row, a divider. */
export const INSERT_ACTIONS: FormatAction[] = [
  oneShot(
    'table',
    'Insert table',
    '⊞',
    (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
    (e) => e.can().insertTable({ rows: 3, cols: 3, withHeaderRow: true }),
  ),
  oneShot(
    'divider',
    'Divider',
    '―',
    (e) => e.chain().focus().setHorizontalRule().run(),
    (e) => e.can().setHorizontalRule(),
  ),
];

/** Row / column controls, shown while the cursor is inside a table. */
export const TABLE_ACTIONS: FormatAction[] = [
  oneShot(
    'row-add',
    'Add row below',
    '+ Row',
    (e) => e.chain().focus().addRowAfter().run(),
    (e) => e.can().addRowAfter(),
  ),
  oneShot(
    'row-delete',
    'Delete row',
    '− Row',
    (e) => e.chain().focus().deleteRow().run(),
    (e) => e.can().deleteRow(),
  ),
  oneShot(
    'column-add',
    'Add column right',
    '+ Col',
    (e) => e.chain().focus().addColumnAfter().run(),
    (e) => e.can().addColumnAfter(),
  ),
  oneShot(
    'column-delete',
    'Delete column',
    '− Col',
    (e) => e.chain().focus().deleteColumn().run(),
    (e) => e.can().deleteColumn(),
  ),
  oneShot(
    'table-delete',
    'Delete table',
    '✕ Table',
    (e) => e.chain().focus().deleteTable().run(),
    (e) => e.can().deleteTable(),
  ),
];

/** Undo and redo act on the Y.Doc directly (their transaction is never dispatched), so focus is restored after. */
function afterFocus(e: Editor, ok: boolean): boolean {
  e.commands.focus();
  return ok;
}

/**
 * Undo / redo through Collaboration's commands, which drive the Yjs UndoManager: only this user's own changes are
 * undone, never a collaborator's (ProseMirror's history is off because it cannot tell them apart).
 */
export const HISTORY_ACTIONS: FormatAction[] = [
  oneShot(
    'undo',
    'Undo',
    '↶',
    (e) => afterFocus(e, e.commands.undo()),
    (e) => e.can().undo(),
    'Ctrl+Z',
  ),
  oneShot(
    'redo',
    'Redo',
    '↷',
    (e) => afterFocus(e, e.commands.redo()),
    (e) => e.can().redo(),
    'Ctrl+Shift+Z',
  ),
];

/** Whether the cursor is inside a table (the toolbar then shows {@link TABLE_ACTIONS}). */
export const inTable = (editor: Editor): boolean => editor.isActive('table');
