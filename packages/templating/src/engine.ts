import { Liquid } from 'liquidjs';
import { escapeMarkdown } from '@pm/doc-model';
import { EM_DASH } from './format.js';
import { registerAiTag } from './ai-section.js';

/** Limits that keep a hostile or runaway template from stalling the worker or the browser. */
export const LIMITS = {
  /** Max template source length (characters) the parser accepts. */
  parseChars: 400_000,
  /** Max wall time of one Liquid render (ms). */
  renderMs: 2_000,
  /** Max bytes Liquid may allocate for strings/arrays in one render. */
  memory: 20_000_000,
  /** Max rendered Markdown length (characters). */
  outputChars: 5_000_000,
} as const;

/**
 * Paragraph placed around block values (lists, tables) so two adjacent lists never merge into one
 * (CommonMark joins consecutive lists with the same bullet). A private-use character: dropped again
 * when the Markdown is turned into a document, and stripped from incident values.
 */
export const BLOCK_SEPARATOR = '\uE000';

/** Hook deciding how a value is written into Markdown (our own block values bypass escaping). */
export type OutputHook = (value: unknown) => string;

/** Data values become literal Markdown text: escaped, missing → em dash, lists joined. */
export function escapeValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return EM_DASH;
  if (Array.isArray(value)) return value.length ? value.map((x) => escapeValue(x)).join(', ') : EM_DASH;
  if (typeof value === 'object') return EM_DASH; // objects have no text form; never "[object Object]"
  return escapeMarkdown(String(value as string | number | boolean).replaceAll(BLOCK_SEPARATOR, ''));
}

/**
 * A LiquidJS engine locked down for untrusted templates: strict variables, own properties only,
 * no file system (include/render/layout removed, empty in-memory template map), every `{{ }}` output
 * passed through `hook` (the `raw` filter is replaced so it cannot skip escaping), and time/memory limits.
 */
export function createEngine(hook: OutputHook): Liquid {
  const liquid = new Liquid({
    strictVariables: true,
    ownPropertyOnly: true,
    lenientIf: true,
    strictFilters: true,
    templates: {},
    relativeReference: false,
    dynamicPartials: false,
    outputEscape: hook,
    parseLimit: LIMITS.parseChars,
    renderLimit: LIMITS.renderMs,
    memoryLimit: LIMITS.memory,
    cache: false,
  });
  for (const tag of ['include', 'render', 'layout', 'block'])
    delete (liquid.tags as Record<string, unknown>)[tag];
  liquid.registerFilter('tagged', taggedFilter);
  // Built-in `raw` is flagged to bypass outputEscape; a plain identity filter is escaped like any other.
  liquid.registerFilter('raw', (v: unknown) => v);
  registerAiTag(liquid);
  return liquid;
}

/**
 * `list | tagged: "repair"` (several arguments = any of them): the items whose `tags` contain one of the tags.
 * Anything that is not a list gives an empty list, so a typo never aborts a render.
 */
export function taggedFilter(list: unknown, ...tags: unknown[]): object[] {
  if (!Array.isArray(list)) return [];
  const wanted = new Set(tags.map((t) => String(t).trim().toLowerCase()));
  return list.filter((item): item is object => {
    const own = (item as { tags?: unknown } | null)?.tags;
    return Array.isArray(own) && own.some((t) => wanted.has(String(t)));
  });
}
