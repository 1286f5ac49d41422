import { describe, expect, it } from 'vitest';
import { renderText } from './render-text.js';

describe('renderText', () => {
  it('renders variables as plain text, without Markdown escaping', async () => {
    const out = await renderText('[{{ sev }}] {{ title }} *{{ tags }}*', {
      sev: 'SEV-1',
      title: 'Fix <b>_cache_</b>',
      tags: ['a', 'b'],
    });
    expect(out).toBe('[SEV-1] Fix <b>_cache_</b> *a, b*');
  });

  it('fails on an unknown variable instead of rendering an empty field', async () => {
    await expect(renderText('{{ nope }}', {})).rejects.toThrow(/nope/);
  });

  it('cannot read files', async () => {
    await expect(renderText("{% include '/etc/passwd' %}", {})).rejects.toThrow();
  });
});
