import { incidentDataNode, type JSONContent } from '@pm/doc-model';

/**
 * Marks the output of block variables generated from incident data (`{{incident.timeline}}`, the card, …) as
 * `incidentData` blocks. The escape hook writes a start and an end marker paragraph around such a value; after the
 * Markdown is parsed, every start/end pair that ended up side by side in the same parent is wrapped into one marked
 * block (with the hash of its content), and any other marker paragraph (a variable inside a list item, a loop) is
 * dropped, leaving the output unmarked but intact.
 */
export class IncidentDataMarks {
  private readonly sources: string[] = [];

  constructor(readonly marker: string) {}

  /** Markdown around `md` (a block value of `source`). */
  wrap(source: string, md: string): string {
    const n = this.sources.push(source) - 1;
    return `${this.marker}s${n}\n\n${md}\n\n${this.marker}e${n}`;
  }

  /** The document with every marker pair wrapped into an `incidentData` node. */
  apply(doc: JSONContent): JSONContent {
    const markerOf = (node: JSONContent): { kind: 's' | 'e'; n: number } | null => {
      if (node.type !== 'paragraph' || node.content?.length !== 1) return null;
      const text = node.content[0]!.type === 'text' ? (node.content[0]!.text ?? '').trim() : '';
      if (!text.startsWith(this.marker)) return null;
      const m = /^([se])(\d+)$/.exec(text.slice(this.marker.length));
      return m ? { kind: m[1] as 's' | 'e', n: Number(m[2]) } : null;
    };
    const walk = (nodes: JSONContent[]): JSONContent[] => {
      const out: JSONContent[] = [];
      for (let i = 0; i < nodes.length; i++) {
        const node = nodes[i]!;
        const mark = markerOf(node);
        if (!mark) {
          out.push(node.content ? { ...node, content: walk(node.content) } : node);
          continue;
        }
        if (mark.kind === 'e') continue; // an end without its start here: drop the marker
        const end = nodes.findIndex(
          (x, j) => j > i && markerOf(x)?.kind === 'e' && markerOf(x)?.n === mark.n,
        );
        if (end < 0) continue;
        const inner = walk(nodes.slice(i + 1, end));
        if (inner.length) out.push(incidentDataNode(this.sources[mark.n] ?? '', inner));
        i = end;
      }
      // A parent never ends up empty: a block whose only child was a marker keeps an empty paragraph.
      return out.length ? out : [{ type: 'paragraph' }];
    };
    return { ...doc, content: walk(doc.content ?? []) };
  }
}
