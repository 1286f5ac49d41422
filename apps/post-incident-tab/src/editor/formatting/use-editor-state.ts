import type { Editor } from '@tiptap/core';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import { onBeforeUnmount, ref, type Ref } from 'vue';

/**
 * A counter that changes whenever the editor's state may look different to a toolbar: every transaction (typing,
 * selection, a remote edit), focus changes, editability, and the Yjs undo stack (which can change without a
 * ProseMirror transaction). Computed values read it to re-evaluate `isActive` / `can()`; the editor itself stays
 * out of Vue's reactivity (proxies would break ProseMirror's identity checks).
 */
export function useEditorTick(editor: Editor): Ref<number> {
  const tick = ref(0);
  const bump = () => tick.value++;
  const events = ['transaction', 'focus', 'blur', 'update'] as const;
  for (const ev of events) editor.on(ev, bump);
  const undoManager = yUndoPluginKey.getState(editor.state)?.undoManager;
  undoManager?.on('stack-item-added', bump);
  undoManager?.on('stack-item-popped', bump);
  undoManager?.on('stack-cleared', bump);
  onBeforeUnmount(() => {
    for (const ev of events) editor.off(ev, bump);
    undoManager?.off('stack-item-added', bump);
    undoManager?.off('stack-item-popped', bump);
    undoManager?.off('stack-cleared', bump);
  });
  return tick;
}
