import type { JSONContent } from '@pm/doc-model';
import type { Destination } from '@pm/contracts';
import { UNSUPPORTED_KEYS, VARIABLE_DESTINATIONS, VARIABLE_KEYS } from './catalog.js';
import type { IncidentContext } from './context.js';
import { BLOCK_SEPARATOR, createEngine, escapeValue, LIMITS, taggedFilter } from './engine.js';
import { liquidErrorPosition, TemplateError } from './errors.js';
import { markdownToDoc } from './markdown-to-doc.js';
import { newCardMarker, withCardNodes, withMarkerNodes } from './incident-card.js';
import { IncidentDataMarks } from './incident-data.js';
import { AI_SINK, AiSections } from './ai-section.js';
import { buildScope, defineOwn } from './values.js';
import { analysisEngine, checkRef, knownKeys, variableRefs } from './validate.js';
import { escapeMarkdown, INCIDENT_DATA_SOURCES } from '@pm/doc-model';

/** Options of {@link renderTemplate}. */
export interface RenderOptions {
  /** Cap of entries `{{incident.timeline}}` lists (default 1000); a note says how many were left out. */
  maxTimelineEntries?: number;
  /** `{{incident.timeline}}` lists only entries marked important. */
  importantOnly?: boolean;
  /** Declared custom property fields: those without a value on this incident render "—", not literal text. */
  customFieldNames?: readonly string[];
  /** Destination the document is rendered for: variables that only work elsewhere add a warning. */
  destination?: Destination;
}

/** Result of {@link renderTemplate}. */
export interface RenderResult {
  /** Tiptap JSON of doc-model's schema. */
  doc: JSONContent;
  /** The rendered Markdown the document was parsed from. */
  markdown: string;
  /** Non-fatal problems (unknown or unsupported variables) for the preview. */
  warnings: string[];
}

/**
 * Gives every unknown `incident.*` reference a value that prints the reference itself (unknown
 * variables stay as literal text, with a warning, as in the reference product), so strict mode does not abort the render.
 * Keys are defined as own properties: `incident.__proto__` can never reach Object.prototype.
 */
function literalUnknowns(
  source: string,
  incident: Record<string, unknown>,
  customFields: string[],
  warnings: string[],
  destination: Destination | undefined,
): void {
  const known = knownKeys(customFields);
  for (const ref of variableRefs(analysisEngine().parse(source))) {
    const issue = checkRef(ref, known);
    const [root, key] = ref.segments;
    if (issue) warnings.push(`line ${ref.line}:${ref.col}: ${issue.message}; left as text`);
    else if (root === 'incident' && typeof key === 'string' && UNSUPPORTED_KEYS.has(key)) {
      warnings.push(`line ${ref.line}:${ref.col}: incident.${key} has no data in this system; rendered "—"`);
    } else if (destination && root === 'incident' && typeof key === 'string') {
      const where = VARIABLE_DESTINATIONS.get(key);
      if (where && !where.includes(destination)) {
        warnings.push(
          `line ${ref.line}:${ref.col}: incident.${key} is not supported in ${destination} documents (${where.join(', ')} only); a static copy is rendered`,
        );
      }
    }
    if (!issue || root !== 'incident' || typeof key !== 'string' || VARIABLE_KEYS.has(key)) continue;
    let target = incident;
    const path = ref.segments.slice(1);
    path.forEach((seg, idx) => {
      const name = String(seg);
      const last = idx === path.length - 1;
      const existing = Object.prototype.hasOwnProperty.call(target, name) ? target[name] : undefined;
      if (last) {
        if (existing === undefined) defineOwn(target, name, new LiteralText(`{{${ref.segments.join('.')}}}`));
      } else {
        if (existing === undefined || typeof existing !== 'object' || existing === null)
          defineOwn(target, name, {});
        target = target[name] as Record<string, unknown>;
      }
    });
  }
}

/** Text printed as-is (escaped) rather than as a missing value. */
class LiteralText {
  constructor(readonly text: string) {}
}

/**
 * Renders a template for an incident: Liquid (strict, sandboxed) → Markdown → Tiptap JSON.
 * Every incident value is escaped before Markdown parsing, so incident text can never become markup.
 * Throws {@link TemplateError} on syntax errors and when limits are exceeded.
 */
export function renderTemplate(source: string, ctx: IncidentContext, opts: RenderOptions = {}): RenderResult {
  const warnings: string[] = [];
  if (opts.customFieldNames?.length) {
    const customFields: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const name of opts.customFieldNames) customFields[name] = null;
    Object.assign(customFields, ctx.incident.customFields ?? {});
    ctx = { ...ctx, incident: { ...ctx.incident, customFields } };
  }
  // Notebooks get a live incident card node for {{incident.card}}; other destinations keep the static table.
  const cardMarker = opts.destination === 'notebook' ? newCardMarker() : undefined;
  // Likewise a live followUps block for {{incident.follow-ups}} (a static checklist elsewhere).
  const followUpsMarker = opts.destination === 'notebook' ? newCardMarker('followups') : undefined;
  const scope = buildScope(ctx, {
    maxTimelineEntries: Math.max(0, opts.maxTimelineEntries ?? 1000),
    importantOnly: opts.importantOnly ?? false,
    cardMarker,
    followUpsMarker,
  });
  // Notebooks mark the output of incident-data block variables, so "Refresh from incident" can re-render it.
  const marks =
    opts.destination === 'notebook' ? new IncidentDataMarks(newCardMarker('incidentdata')) : undefined;
  // `{% ai %}` sections become pending aiSuggestion blocks (notebooks only: elsewhere nobody could accept them).
  const ai = new AiSections(newCardMarker('aisection'));
  Object.defineProperty(scope.vars, AI_SINK, { value: ai, enumerable: false });
  const incidentVars = scope.vars['incident'] as Record<string, unknown>;
  const sourceOf = new Map<unknown, string>();
  for (const key of INCIDENT_DATA_SOURCES) sourceOf.set(incidentVars[key], key);
  const hook = (value: unknown): string => {
    if (value instanceof LiteralText) return escapeMarkdown(value.text.replaceAll(BLOCK_SEPARATOR, ''));
    if (typeof value === 'object' && value !== null) {
      let md = scope.markdown.get(value);
      const source = sourceOf.get(value);
      if (md !== undefined && marks && source) md = marks.wrap(source, md);
      // Block values start on their own line so a list/table is never glued to preceding text.
      if (md !== undefined) return `\n\n${BLOCK_SEPARATOR}\n\n${md}\n\n${BLOCK_SEPARATOR}\n\n`;
    }
    return escapeValue(value);
  };
  const engine = createEngine(hook);
  // Here the filter also gives its output the timeline's Markdown, so `{{ incident.timeline | tagged: "repair" }}`
  // prints a timeline block like `{{ incident.timeline }}` (loops over it work either way).
  engine.registerFilter('tagged', (list: unknown, ...tags: unknown[]) => {
    const out = taggedFilter(list, ...tags);
    scope.markdown.set(out, scope.timelineMarkdownOf(out));
    return out;
  });
  let markdown: string;
  try {
    literalUnknowns(
      source,
      scope.vars['incident'] as Record<string, unknown>,
      Object.keys(ctx.incident.customFields ?? {}),
      warnings,
      opts.destination,
    );
    markdown = engine.parseAndRenderSync(source, scope.vars) as string;
  } catch (e) {
    if (e instanceof TemplateError) throw e;
    const { line, col, message } = liquidErrorPosition(e);
    const limit = /limit exceeded/i.test(message);
    throw new TemplateError(
      limit ? 'TEMPLATE_LIMIT' : /undefined variable/i.test(message) ? 'UNKNOWN_VARIABLE' : 'TEMPLATE_SYNTAX',
      `${message} (line ${line}, col ${col})`,
      line,
      col,
    );
  }
  if (markdown.length > LIMITS.outputChars) {
    throw new TemplateError(
      'TEMPLATE_LIMIT',
      `rendered document is larger than ${LIMITS.outputChars} characters`,
    );
  }
  let doc = markdownToDoc(markdown);
  if (cardMarker) {
    doc = withCardNodes(doc, cardMarker, scope.card);
    markdown = markdown.replaceAll(cardMarker, '');
  }
  if (followUpsMarker) {
    const { incidentId } = scope.followUps;
    // No undefined fields: node attributes travel through Yjs, which keeps only JSON values.
    const items = scope.followUps.items.map((f) => ({
      ...(f.id ? { id: f.id } : {}),
      content: f.content,
      assignee: f.assignee ?? null,
      dueDate: f.dueDate ?? null,
      done: f.done,
    }));
    doc = withMarkerNodes(doc, followUpsMarker, { type: 'followUps', attrs: { incidentId, items } });
    markdown = markdown.replaceAll(followUpsMarker, scope.followUps.markdown);
  }
  if (ai.instructions.length) {
    doc = ai.apply(doc, opts.destination === undefined || opts.destination === 'notebook' ? 'keep' : 'drop');
    if (opts.destination && opts.destination !== 'notebook')
      warnings.push(
        `AI sections are drafted in notebook documents only; left out of this ${opts.destination} document`,
      );
    markdown = markdown.replace(new RegExp(`${ai.marker}\\d+\\n*`, 'g'), '');
  }
  if (marks) {
    doc = marks.apply(doc);
    markdown = markdown.replace(new RegExp(`${marks.marker}[se]\\d+\\n*`, 'g'), '');
  }
  return { doc, markdown, warnings };
}
