import { mergeAttributes, Node } from '@tiptap/core';

/** The tones a callout can have, in the order the editor offers them. */
export const CALLOUT_TONES = ['info', 'warning', 'danger', 'success'] as const;
export type CalloutTone = (typeof CALLOUT_TONES)[number];

export const CALLOUT = 'callout';

/** The stored tone, or `info` for anything else (documents come from peers and old versions). */
export function calloutTone(attrs: Record<string, unknown> | undefined): CalloutTone {
  const tone = attrs?.['tone'];
  return (CALLOUT_TONES as readonly unknown[]).includes(tone) ? (tone as CalloutTone) : 'info';
}

/** Short label of each tone: the callout's visible heading in plain-text and Markdown exports. */
export const CALLOUT_LABEL: Record<CalloutTone, string> = {
  info: 'Note',
  warning: 'Warning',
  danger: 'Important',
  success: 'Tip',
};

/**
 * A highlighted box of ordinary blocks (paragraphs, lists…) with a tone. Its content stays normal document content,
 * so it collaborates, comments and exports like the rest; exporters map it to each format's own notion of a callout
 * (GFM alert, Confluence info/note/warning/tip macro, a styled `<div>` in HTML and PDF).
 */
export const Callout = Node.create({
  name: CALLOUT,
  group: 'block',
  content: 'block+',
  defining: true,
  addAttributes() {
    type El = { getAttribute(name: string): string | null };
    return {
      tone: {
        default: 'info',
        parseHTML: (el: El) => calloutTone({ tone: el.getAttribute('data-tone') }),
        renderHTML: () => null,
      },
    };
  },
  parseHTML() {
    return [{ tag: 'div[data-type="callout"]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const tone = calloutTone(node.attrs);
    return [
      'div',
      mergeAttributes(HTMLAttributes, {
        'data-type': 'callout',
        'data-tone': tone,
        class: `pm-callout pm-callout--${tone}`,
        role: 'note',
      }),
      0,
    ];
  },
});
