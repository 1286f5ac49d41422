import { createEngine } from './engine.js';

/** Plain-text form of a value: missing → empty, lists joined, objects have no text form. */
function textValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(textValue).join(', ');
  if (typeof value === 'object') return '';
  return String(value as string | number | boolean);
}

/**
 * Renders one short template (a tracker field mapping such as `[{{ incident_title }}] {{ follow_up_title }}`) to
 * plain text with the same locked-down Liquid engine as documents: no file system, time and memory limits, own
 * properties only. Values are written as text, not Markdown, because the receiving field (a Jira summary, a label)
 * is plain text; the tracker client puts it into its own inert format. Unknown variables fail the render
 * (strict variables) so a typo in a mapping surfaces as an export error instead of an empty field.
 */
export async function renderText(template: string, vars: Record<string, unknown>): Promise<string> {
  const engine = createEngine(textValue);
  const out: unknown = await engine.parseAndRender(template, vars);
  return textValue(out).trim();
}
