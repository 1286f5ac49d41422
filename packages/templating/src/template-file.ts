import { parseDocument, stringify } from 'yaml';

/** Front-matter fields of a template file (everything but the Markdown body). */
export interface TemplateFileMeta {
  name: string;
  incidentType?: string | null;
  destination?: string;
  confluence?: unknown;
  googleDocs?: unknown;
  isDefault?: boolean;
}

/** A template as code: front matter + Markdown body. */
export interface TemplateFileData extends TemplateFileMeta {
  content: string;
}

const FENCE = '---';

/**
 * Writes a template as a Markdown file with YAML front matter, e.g.
 * `---\nname: Classic\ndestination: notebook\n---\n# {{incident.title}}`. Null/undefined fields are omitted.
 */
export function toMarkdownFile(t: TemplateFileData): string {
  const meta: Record<string, unknown> = {};
  for (const key of [
    'name',
    'incidentType',
    'destination',
    'confluence',
    'googleDocs',
    'isDefault',
  ] as const) {
    const value = t[key];
    if (value !== null && value !== undefined) meta[key] = value;
  }
  return `${FENCE}\n${stringify(meta).trimEnd()}\n${FENCE}\n${t.content}`;
}

/**
 * Parses a Markdown file with YAML front matter back into its fields. Throws with a readable message when the
 * front matter is missing or not a YAML mapping. YAML is parsed in its safe core schema (no custom tags), and the
 * result is copied into a null-prototype object so `__proto__` keys stay plain data.
 */
export function parseMarkdownFile(text: string): Record<string, unknown> & { content: string } {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  if (!normalized.startsWith(`${FENCE}\n`))
    throw new Error('template file must start with "---" front matter');
  const end = normalized.indexOf(`\n${FENCE}`, FENCE.length);
  if (end < 0) throw new Error('template file front matter is not closed with "---"');
  const yamlText = normalized.slice(FENCE.length + 1, end);
  let bodyStart = end + FENCE.length + 1;
  if (normalized[bodyStart] === '\n') bodyStart++;
  const doc = parseDocument(yamlText, { schema: 'core', customTags: [], uniqueKeys: true });
  if (doc.errors.length) throw new Error(`front matter: ${doc.errors[0]!.message}`);
  const meta: unknown = doc.toJS({ maxAliasCount: 10 });
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta))
    throw new Error('front matter must be a mapping of fields');
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(meta)) out[k] = v;
  out['content'] = normalized.slice(bodyStart);
  return out as Record<string, unknown> & { content: string };
}
