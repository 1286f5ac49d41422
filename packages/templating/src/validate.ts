import { TEMPLATE_MAX_BYTES } from '@pm/contracts';
import type { Liquid, Template } from 'liquidjs';
import { BLOCK_KEYS, UNSUPPORTED_KEYS, VARIABLE_KEYS } from './catalog.js';
import { createEngine, escapeValue } from './engine.js';
import { liquidErrorPosition, type TemplateIssue } from './errors.js';
import { closest } from './levenshtein.js';

/** Result of {@link validateTemplate}. `warnings` are informational (unsupported variables). */
export interface ValidateTemplateResult {
  ok: boolean;
  errors: TemplateIssue[];
  warnings: string[];
}

/** Options: custom property field names declared in this installation (valid as `incident.<name>`). */
export interface ValidateOptions {
  customFields?: readonly string[];
}

/** A reference to a variable found by static analysis. */
export interface VariableRef {
  segments: Array<string | number>;
  line: number;
  col: number;
}

let sharedEngine: Liquid | undefined;
/** Engine used for parsing/analysis only (its output hook never runs). */
export function analysisEngine(): Liquid {
  sharedEngine ??= createEngine(escapeValue);
  return sharedEngine;
}

/** Global variable references of a parsed template (loop/assign locals excluded), in source order. */
export function variableRefs(templates: Template[]): VariableRef[] {
  const analysis = analysisEngine().analyzeSync(templates, { partials: false });
  const refs: VariableRef[] = [];
  for (const vars of Object.values(analysis.globals)) {
    for (const v of vars) {
      const segments: Array<string | number> = [];
      for (const s of v.segments) {
        if (typeof s === 'string' || typeof s === 'number') segments.push(s);
        else break; // dynamic lookup (incident[x]): only the static prefix can be checked
      }
      refs.push({ segments, line: v.location.row, col: v.location.col });
    }
  }
  return refs.sort((a, b) => a.line - b.line || a.col - b.col);
}

/** Checks one reference; returns an issue for an unknown variable. */
export function checkRef(ref: VariableRef, known: ReadonlySet<string>): TemplateIssue | null {
  const [root, key, sub] = ref.segments;
  const path = ref.segments.join('.');
  if (root !== 'incident') {
    return {
      line: ref.line,
      col: ref.col,
      code: 'UNKNOWN_VARIABLE',
      message: `unknown variable ${path}: variables start with "incident."`,
    };
  }
  if (key === undefined || typeof key === 'number') return null;
  if (!known.has(key)) {
    const near = closest(key, known);
    return {
      line: ref.line,
      col: ref.col,
      code: 'UNKNOWN_VARIABLE',
      message: `unknown variable incident.${key}${near ? ` — did you mean incident.${near}?` : ''}`,
      ...(near ? { suggestion: `incident.${near}` } : {}),
    };
  }
  if (sub !== undefined && !BLOCK_KEYS.has(key) && sub !== 'size') {
    return {
      line: ref.line,
      col: ref.col,
      code: 'UNKNOWN_VARIABLE',
      message: `incident.${key} is a text value and has no property ${String(sub)}`,
    };
  }
  return null;
}

/** Known `incident.*` keys: the catalog plus declared custom fields. */
export function knownKeys(customFields: readonly string[] = []): Set<string> {
  return new Set([...VARIABLE_KEYS, ...customFields]);
}

/**
 * Validates a template: Liquid syntax errors and unknown variables, each with 1-based line:col and,
 * for near misses (edit distance ≤ 2), a suggestion like `incident.severity`.
 */
export function validateTemplate(source: string, opts: ValidateOptions = {}): ValidateTemplateResult {
  const errors: TemplateIssue[] = [];
  const warnings: string[] = [];
  if (new TextEncoder().encode(source).length > TEMPLATE_MAX_BYTES) {
    errors.push({
      line: 1,
      col: 1,
      code: 'TEMPLATE_SYNTAX',
      message: `template is larger than ${TEMPLATE_MAX_BYTES} bytes`,
    });
    return { ok: false, errors, warnings };
  }
  let templates: Template[];
  try {
    templates = analysisEngine().parse(source);
  } catch (e) {
    const { line, col, message } = liquidErrorPosition(e);
    errors.push({ line, col, code: 'TEMPLATE_SYNTAX', message });
    return { ok: false, errors, warnings };
  }
  const known = knownKeys(opts.customFields);
  for (const ref of variableRefs(templates)) {
    const issue = checkRef(ref, known);
    if (issue) errors.push(issue);
    const key = ref.segments[1];
    if (ref.segments[0] === 'incident' && typeof key === 'string' && UNSUPPORTED_KEYS.has(key)) {
      warnings.push(
        `line ${ref.line}:${ref.col}: incident.${key} has no data in this system and renders "—"`,
      );
    }
  }
  return { ok: errors.length === 0, errors, warnings };
}
