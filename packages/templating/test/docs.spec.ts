import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMarkdownFile, toMarkdownFile, variablesMarkdown, VARIABLES } from '../src/index.js';

describe('docs/TEMPLATE_VARIABLES.md', () => {
  it('is exactly what the catalog generates (run `pnpm --filter @pm/templating run docs` after catalog edits)', () => {
    const committed = readFileSync(new URL('../../../docs/TEMPLATE_VARIABLES.md', import.meta.url), 'utf8');
    expect(committed).toBe(variablesMarkdown());
  });

  it('lists every catalog variable', () => {
    const md = variablesMarkdown();
    for (const v of VARIABLES) expect(md).toContain(`{{${v.name}}}`);
  });
});

describe('template files (Markdown with front matter)', () => {
  it('round trips name, type, destination, settings and content', () => {
    const file = {
      name: 'Classic: "RCA"',
      incidentType: null,
      destination: 'confluence',
      confluence: { accountId: 'a', spaceKey: 'ENG', parentPageId: '393217' },
      isDefault: true,
      content: '---\n# {{incident.title}}\n\n---\n',
    };
    const text = toMarkdownFile(file);
    expect(text.startsWith('---\nname: ')).toBe(true);
    const back = parseMarkdownFile(text);
    expect({ ...back }).toEqual({
      name: file.name,
      destination: 'confluence',
      confluence: file.confluence,
      isDefault: true,
      content: file.content,
    });
  });

  it('refuses files without front matter and keeps __proto__ keys as plain data', () => {
    expect(() => parseMarkdownFile('# no front matter')).toThrow(/front matter/);
    expect(() => parseMarkdownFile('---\nname: x\n')).toThrow(/not closed/);
    const parsed = parseMarkdownFile('---\nname: x\n__proto__:\n  polluted: yes\n---\nbody');
    expect(Object.getPrototypeOf(parsed)).toBeNull();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(parsed.content).toBe('body');
  });
});
