import { describe, expect, it } from 'vitest';
import { AI_PENDING_TEXT, renderTemplate, TemplateError, validateTemplate } from '../src/index.js';
import { makeCtx } from './fixtures.js';

const source =
  '# {{incident.title}}\n\n## Impact\n\n{% ai "Summarize the customer impact" %}\n\n## Lessons\n\n{% ai \'List <lessons>\' %}\n';

describe('{% ai %} sections', () => {
  it('become pending aiSuggestion blocks carrying the instruction (notebook and preview)', () => {
    for (const destination of ['notebook', undefined] as const) {
      const { doc, markdown } = renderTemplate(source, makeCtx(), { destination });
      const blocks = (doc.content ?? []).filter((n) => n.type === 'aiSuggestion');
      expect(blocks.map((b) => b.attrs?.['instruction'])).toEqual([
        'Summarize the customer impact',
        'List <lessons>',
      ]);
      expect(blocks[0]!.attrs).toMatchObject({ state: 'pending', sources: [], provider: '' });
      expect(blocks[0]!.content?.[0]?.content?.[0]?.text).toBe(AI_PENDING_TEXT);
      expect(markdown).not.toMatch(/pmaisection/);
    }
  });

  it('are left out, with a warning, where nobody could accept them', () => {
    const { doc, warnings } = renderTemplate(source, makeCtx(), { destination: 'confluence' });
    expect(JSON.stringify(doc)).not.toContain('aiSuggestion');
    expect(JSON.stringify(doc)).not.toContain('pmaisection');
    expect(warnings.join()).toMatch(/notebook documents only/);
  });

  it('take one quoted literal instruction', () => {
    expect(validateTemplate('{% ai "ok" %}').ok).toBe(true);
    for (const bad of [
      '{% ai %}',
      '{% ai incident.title %}',
      '{% ai "" %}',
      `{% ai "${'x'.repeat(1001)}" %}`,
    ]) {
      expect(validateTemplate(bad).ok).toBe(false);
      expect(() => renderTemplate(bad, makeCtx(), {})).toThrow(TemplateError);
    }
  });
});
