import { describe, expect, it } from 'vitest';
import { VARIABLES, validateTemplate } from '../src/index.js';

describe('validateTemplate', () => {
  it('accepts Datadog templates unchanged, including custom fields and incident.follow-ups', () => {
    const r = validateTemplate(
      '# {{incident.title}}\n{{incident.follow-ups}}\n{{ incident.root_cause }}\n{% for e in incident.timeline %}{{ e.content }}{% endfor %}',
      { customFields: ['root_cause'] },
    );
    expect(r).toEqual({ ok: true, errors: [], warnings: [] });
  });

  it('reports an unknown variable with line:col and a suggestion', () => {
    const r = validateTemplate('# Title\n\nSeverity: {{incident.severty}}');
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([
      {
        line: 3,
        col: 13,
        code: 'UNKNOWN_VARIABLE',
        message: 'unknown variable incident.severty — did you mean incident.severity?',
        suggestion: 'incident.severity',
      },
    ]);
  });

  it('reports undeclared custom fields and non-incident variables without a far-fetched suggestion', () => {
    const r = validateTemplate('{{incident.zzzzzzzz}} {{ user.name }}');
    expect(r.errors.map((e) => [e.code, e.suggestion])).toEqual([
      ['UNKNOWN_VARIABLE', undefined],
      ['UNKNOWN_VARIABLE', undefined],
    ]);
  });

  it('reports syntax errors with line:col', () => {
    const r = validateTemplate('line one\n\n{% if %}');
    expect(r.ok).toBe(false);
    expect(r.errors[0]).toMatchObject({ code: 'TEMPLATE_SYNTAX', line: 3 });
    expect(r.errors[0]!.col).toBeGreaterThan(0);
    expect(validateTemplate('{% for x in incident.timeline %}').errors[0]).toMatchObject({
      code: 'TEMPLATE_SYNTAX',
      line: 1,
    });
  });

  it('warns about variables this system cannot fill', () => {
    expect(validateTemplate('{{incident.ai_summary}}').warnings[0]).toMatch(/incident\.ai_summary/);
  });
});

describe('VARIABLES', () => {
  it('covers the spec catalog with unique names and examples', () => {
    const names = VARIABLES.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of [
      'incident.id',
      'incident.title',
      'incident.severity',
      'incident.status',
      'incident.timeline',
      'incident.follow-ups',
      'incident.commander',
      'incident.customer_impact_duration',
      'incident.zoom_link',
      'incident.ai_summary',
    ]) {
      expect(names).toContain(n);
    }
    expect(VARIABLES.every((v) => v.description && v.example && v.destinations.length > 0)).toBe(true);
  });
});
