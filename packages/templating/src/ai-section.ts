import { AI_SUGGESTION, type JSONContent } from '@pm/doc-model';
import type { Liquid, TagToken } from 'liquidjs';
import { BLOCK_SEPARATOR } from './engine.js';

/** Longest instruction an `{% ai %}` tag may carry (characters). */
export const AI_INSTRUCTION_MAX = 1000;

/** Text of an AI block until the worker asks the provider (what the preview shows). */
export const AI_PENDING_TEXT =
  'An AI first draft for this section is requested when the postmortem is generated, if an administrator configured an AI provider.';

/** Scope key under which a render collects its AI sections (a symbol: no template can reach it). */
export const AI_SINK = Symbol('pm.aiSections');

/** Per render: the instructions of the `{% ai %}` tags met, and the marker their paragraphs carry. */
export class AiSections {
  readonly instructions: string[] = [];
  constructor(readonly marker: string) {}

  /** Markdown standing for one section: a paragraph of its own holding the marker and the section's number. */
  add(instruction: string): string {
    const n = this.instructions.push(instruction) - 1;
    return `\n\n${BLOCK_SEPARATOR}\n\n${this.marker}${n}\n\n${BLOCK_SEPARATOR}\n\n`;
  }

  /**
   * Replaces each marker paragraph with a pending `aiSuggestion` block (`keep`), or drops it (`drop`: destinations
   * where a suggestion cannot be accepted). A marker inside a list item or table cell is dropped either way.
   */
  apply(doc: JSONContent, mode: 'keep' | 'drop'): JSONContent {
    const indexOf = (n: JSONContent): number | null => {
      if (n.type !== 'paragraph' || n.content?.length !== 1 || n.content[0]!.type !== 'text') return null;
      const text = (n.content[0]!.text ?? '').trim();
      if (!text.startsWith(this.marker)) return null;
      const m = /^\d+$/.exec(text.slice(this.marker.length));
      return m ? Number(m[0]) : null;
    };
    const walk = (nodes: JSONContent[], top: boolean): JSONContent[] => {
      const out: JSONContent[] = [];
      for (const n of nodes) {
        const i = indexOf(n);
        if (i === null) {
          out.push(n.content ? { ...n, content: walk(n.content, false) } : n);
          continue;
        }
        const instruction = this.instructions[i];
        if (mode === 'drop' || !top || instruction === undefined) continue;
        out.push(pendingAiBlock(instruction));
      }
      return out.length || !nodes.length ? out : [{ type: 'paragraph' }];
    };
    return { ...doc, content: walk(doc.content ?? [], true) };
  }
}

/** A block waiting for the worker: no sources, no provider yet. */
export function pendingAiBlock(instruction: string): JSONContent {
  return {
    type: AI_SUGGESTION,
    attrs: { instruction, sources: [], provider: '', state: 'pending' },
    content: [{ type: 'paragraph', content: [{ type: 'text', text: AI_PENDING_TEXT }] }],
  };
}

/** The quoted instruction of `{% ai "…" %}`; anything else is a syntax error at parse time. */
function parseInstruction(args: string): string {
  const m = /^\s*(?:"([^"]*)"|'([^']*)')\s*$/s.exec(args);
  const text = (m?.[1] ?? m?.[2] ?? '').trim();
  if (!m || !text)
    throw new Error('{% ai %} takes one quoted instruction, e.g. {% ai "Summarize the customer impact" %}');
  if (text.length > AI_INSTRUCTION_MAX)
    throw new Error(`the {% ai %} instruction is longer than ${AI_INSTRUCTION_MAX} characters`);
  return text;
}

/**
 * `{% ai "instruction" %}`: an AI section. The instruction is a literal (never a variable), so what the template
 * asks is fixed by its author and shown on the block. Renders nothing outside the document render (analysis,
 * plain-text renders); the document render collects it through {@link AI_SINK}.
 */
export function registerAiTag(liquid: Liquid): void {
  liquid.registerTag('ai', {
    parse(token: TagToken) {
      this['instruction'] = parseInstruction(token.args);
    },
    render(ctx) {
      const scope = ctx.environments as Record<symbol, unknown>;
      const sink = scope[AI_SINK];
      return sink instanceof AiSections ? sink.add(String(this['instruction'] ?? '')) : '';
    },
  });
}
