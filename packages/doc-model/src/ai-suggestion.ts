import { mergeAttributes, Node, type JSONContent } from '@tiptap/core';

export const AI_SUGGESTION = 'aiSuggestion';

/** Longest provider answer kept (characters); the rest is cut with an ellipsis. */
export const AI_TEXT_LIMIT = 20_000;

/** Attributes of an {@link AiSuggestion} block. */
export interface AiSuggestionAttrs {
  /** The template's instruction (`{% ai "…" %}`). */
  instruction: string;
  /** Names of the incident fields sent to the provider (empty when nothing was sent). */
  sources: string[];
  /** Provider and model that answered, e.g. `openai_compatible:gpt-4o-mini` ('' when none). */
  provider: string;
  /** `pending` (preview), `ready`, `unavailable` (see AI_SUGGESTION_STATES in @pm/contracts). */
  state: string;
}

const stringList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** The attributes of a stored block, with safe fallbacks (documents come from peers and old versions). */
export function aiSuggestionAttrs(attrs: Record<string, unknown> | undefined): AiSuggestionAttrs {
  const str = (k: string) => (typeof attrs?.[k] === 'string' ? (attrs[k] as string) : '');
  return {
    instruction: str('instruction'),
    sources: stringList(attrs?.['sources']),
    provider: str('provider'),
    state: str('state') || 'pending',
  };
}

/**
 * An AI first draft awaiting a person's decision: plain-text paragraphs (the schema allows nothing else inside, so
 * a provider's HTML or Markdown can never become markup or links), with the instruction, the fields sent and the
 * provider as attributes. The editor shows it as a marked box with Accept (the paragraphs replace the block) and
 * Discard. Exporters skip it: only accepted text, which is then ordinary paragraphs, leaves the system.
 */
export const AiSuggestion = Node.create({
  name: AI_SUGGESTION,
  group: 'block',
  content: 'paragraph+',
  defining: true,
  isolating: true,
  addAttributes() {
    type El = { getAttribute(name: string): string | null };
    const text = (name: string) => ({
      default: '',
      parseHTML: (el: El) => el.getAttribute(`data-${name}`) ?? '',
      renderHTML: () => null,
    });
    return {
      instruction: text('instruction'),
      provider: text('provider'),
      state: { ...text('state'), default: 'pending' },
      sources: {
        default: [],
        parseHTML: (el: El) =>
          (el.getAttribute('data-sources') ?? '')
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        renderHTML: () => null,
      },
    };
  },
  parseHTML() {
    return [{ tag: 'div[data-type="ai-suggestion"]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const a = aiSuggestionAttrs(node.attrs);
    const sources =
      a.state === 'pending'
        ? 'the incident fields an administrator allows'
        : a.sources.length
          ? a.sources.join(', ')
          : 'none';
    return [
      'div',
      mergeAttributes(HTMLAttributes, {
        'data-type': 'ai-suggestion',
        'data-state': a.state,
        'data-instruction': a.instruction,
        'data-sources': a.sources.join(','),
        'data-provider': a.provider,
        class: 'pm-ai-suggestion',
        role: 'note',
      }),
      ['p', { class: 'pm-ai-suggestion__label' }, `AI suggestion: ${a.instruction}`],
      ['p', { class: 'pm-ai-suggestion__sources' }, `Sources: ${sources}`],
      ['div', { class: 'pm-ai-suggestion__body' }, 0],
    ];
  },
});

/** Control characters other than tab / newline are dropped; the text stays text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029\ue000-\uf8ff]/g;

/**
 * Paragraphs of plain text: blank lines separate paragraphs, single newlines become hard breaks. Nothing is parsed:
 * `<b>` or `[x](javascript:…)` stay the characters they are.
 */
export function plainTextParagraphs(text: string): JSONContent[] {
  let clean = text.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
  if (clean.length > AI_TEXT_LIMIT) clean = `${clean.slice(0, AI_TEXT_LIMIT)}…`;
  const paragraphs = clean
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p): JSONContent => {
      const content: JSONContent[] = [];
      p.split('\n').forEach((line, i) => {
        if (i > 0) content.push({ type: 'hardBreak' });
        if (line) content.push({ type: 'text', text: line });
      });
      return { type: 'paragraph', content };
    });
  return paragraphs.length ? paragraphs : [{ type: 'paragraph' }];
}

/** A suggestion block. */
export function aiSuggestionNode(attrs: AiSuggestionAttrs, text: string): JSONContent {
  return {
    type: AI_SUGGESTION,
    attrs: { ...attrs, sources: [...attrs.sources] },
    content: plainTextParagraphs(text),
  };
}

/**
 * The document without AI suggestions that nobody accepted: what exports and the search text see. An
 * accepted suggestion is no longer a suggestion (its paragraphs replaced it), so nothing accepted is lost.
 */
export function withoutAiSuggestions(json: JSONContent): JSONContent {
  const walk = (n: JSONContent): JSONContent => {
    if (!n.content) return n;
    const kept = n.content.filter((c) => c.type !== AI_SUGGESTION).map(walk);
    // A container left empty keeps an empty paragraph, so the document stays valid.
    return { ...n, content: kept.length || !n.content.length ? kept : [{ type: 'paragraph' }] };
  };
  return walk(json);
}
