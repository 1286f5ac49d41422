import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { acceptRequestId, METRICS_ENV, requestIdFrom } from './operations.js';
import { parseEnv } from './env.js';

describe('request ids', () => {
  it('accepts up to 128 characters of letters, digits and . _ : -', () => {
    for (const id of ['a', 'req-1', 'trace:span.01_x', 'A'.repeat(128), '0ff1ce:42'])
      expect(acceptRequestId(id)).toBe(id);
  });

  it('rejects empty, too long, non-string or unsafe ids (spaces, newlines, quotes, slashes, unicode)', () => {
    for (const id of [
      '',
      'A'.repeat(129),
      'a b',
      'a\nb',
      'a"b',
      'a/b',
      'a,b',
      'é',
      '<script>',
      undefined,
      42,
      ['a'],
    ])
      expect(acceptRequestId(id)).toBeUndefined();
  });

  it('keeps a good id and replaces a bad or missing one with a fresh UUID', () => {
    expect(requestIdFrom('keep-me')).toBe('keep-me');
    const generated = [requestIdFrom('bad id'), requestIdFrom(undefined)];
    for (const id of generated) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated[0]).not.toBe(generated[1]);
  });
});

describe('METRICS_TOKEN', () => {
  const schema = z.object({ ...METRICS_ENV });
  it('is optional and must be at least 16 characters when set', () => {
    expect(parseEnv(schema, {})).toEqual({ ok: true, data: {} });
    expect(parseEnv(schema, { METRICS_TOKEN: '' })).toEqual({ ok: true, data: {} });
    const short = parseEnv(schema, { METRICS_TOKEN: 'short' });
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.problems[0]).toMatch(/^METRICS_TOKEN: /);
  });
});
