import type { Editor, Range } from '@tiptap/core';
import { PluginKey, type Plugin } from '@tiptap/pm/state';
import { Suggestion } from '@tiptap/suggestion';
import { reactive } from 'vue';
import { filterSlashItems, type SlashContext, type SlashItem } from './slash-items.js';

/** What the slash menu component shows: plain data, updated by the suggestion plugin's render hooks. */
export interface SlashMenuState {
  open: boolean;
  query: string;
  items: SlashItem[];
  /** Index of the highlighted item (arrow keys, mouse hover). */
  index: number;
  /** Where the "/" is on screen (viewport coordinates), for a fixed-position list. */
  anchor: { left: number; top: number; bottom: number } | null;
  /** Chooses an item (mouse click); set while the menu is open. */
  choose: ((item: SlashItem) => void) | null;
  /** Last failure of an item that loads data (the timeline). */
  error: string | null;
}

export const SLASH_PLUGIN_KEY = new PluginKey('pmSlashMenu');

/**
 * The "/" command menu as a @tiptap/suggestion plugin: "/" at the start of a line or after a space opens it, the
 * text typed after it filters the list, ↑/↓ move, Enter or Tab picks, Escape closes (the plugin's own handling).
 * The keyboard never leaves the editor, so typing continues where it was; the list is only a view of `state`.
 */
export function slashMenuPlugin(
  editor: Editor,
  ctx: SlashContext,
  onError: (message: string) => void = () => {},
): { plugin: Plugin; state: SlashMenuState } {
  const state = reactive<SlashMenuState>({
    open: false,
    query: '',
    items: [],
    index: 0,
    anchor: null,
    choose: null,
    error: null,
  });
  const place = (rect: DOMRect | null | undefined) => {
    state.anchor = rect ? { left: rect.left, top: rect.top, bottom: rect.bottom } : null;
  };
  const run = async (item: SlashItem, range: Range) => {
    try {
      state.error = null;
      await item.run(editor, range, ctx);
    } catch (err) {
      state.error = err instanceof Error ? err.message : String(err);
      onError(state.error);
    }
  };
  const plugin = Suggestion<SlashItem, SlashItem>({
    editor,
    pluginKey: SLASH_PLUGIN_KEY,
    char: '/',
    allowSpaces: false,
    startOfLine: false,
    // "/" inside a word (a URL, "and/or") is text, not a command; inside code it is always text.
    allowedPrefixes: [' ', '\u00a0'],
    allow: ({ state: s, range }) => {
      const $from = s.doc.resolve(range.from);
      return !$from.parent.type.spec.code && !$from.marks().some((m) => m.type.name === 'code');
    },
    items: ({ query }) => filterSlashItems(query),
    command: ({ range, props }) => void run(props, range),
    render: () => ({
      // The list is filtered here, synchronously, rather than taken from props.items: the plugin fetches items
      // asynchronously and passes an empty list while "loading", which would flash "no match" on every keystroke.
      onStart(props) {
        Object.assign(state, {
          open: true,
          query: props.query,
          items: filterSlashItems(props.query),
          index: 0,
        });
        state.choose = (item) => props.command(item);
        place(props.clientRect?.());
      },
      onUpdate(props) {
        if (props.query !== state.query) state.index = 0;
        Object.assign(state, { query: props.query, items: filterSlashItems(props.query) });
        state.choose = (item) => props.command(item);
        place(props.clientRect?.());
      },
      onExit() {
        Object.assign(state, { open: false, items: [], choose: null, anchor: null });
      },
      onKeyDown({ event }) {
        if (!state.open || state.items.length === 0) return false;
        const n = state.items.length;
        if (event.key === 'ArrowDown') state.index = (state.index + 1) % n;
        else if (event.key === 'ArrowUp') state.index = (state.index - 1 + n) % n;
        else if (event.key === 'Enter' || event.key === 'Tab') state.choose?.(state.items[state.index]!);
        else return false;
        return true;
      },
    }),
  });
  return { plugin, state };
}

/**
 * Adds the slash menu to a running editor. The plugin goes FIRST: registerPlugin appends by default, and then the
 * editor's own keymaps (Enter splits the paragraph, arrows move the cursor) would see the keys before the menu.
 */
export function installSlashMenu(
  editor: Editor,
  ctx: SlashContext,
  onError?: (message: string) => void,
): { state: SlashMenuState; uninstall(): void } {
  const { plugin, state } = slashMenuPlugin(editor, ctx, onError);
  editor.registerPlugin(plugin, (p, plugins) => [p, ...plugins]);
  return {
    state,
    uninstall: () => {
      if (!editor.isDestroyed) editor.unregisterPlugin(SLASH_PLUGIN_KEY);
    },
  };
}
