import { IncidentListQuerySchema } from '@pm/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './errors.js';
import { UuidParam, ZodPipe } from './zod.js';

const failure = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a validation failure');
};

describe('ZodPipe', () => {
  it('names the path parameter of a bad id', () => {
    const err = failure(() => UuidParam.transform('not-a-uuid', { type: 'param', data: 'id' }));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.message).toBe('path.id: Invalid UUID');
    expect(err.details).toEqual({
      issues: [{ in: 'path', path: 'id', message: 'Invalid UUID', code: 'invalid_format' }],
    });
  });

  it('names the query parameter', () => {
    const err = failure(() =>
      new ZodPipe(IncidentListQuerySchema).transform({ status: 'bogus' }, { type: 'query' }),
    );
    expect(err.message).toMatch(/^query\.status: /);
  });

  it('names the body field, nested fields with dots', () => {
    const schema = z.object({ title: z.string().min(1), confluence: z.object({ spaceKey: z.string() }) });
    const err = failure(() => new ZodPipe(schema).transform({ title: '', confluence: {} }, { type: 'body' }));
    expect(err.message).toMatch(/^body\.title: /);
    const paths = (err.details as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toEqual(['title', 'confluence.spaceKey']);
  });

  it('says `body` when the whole body is wrong', () => {
    const err = failure(() => new ZodPipe(z.object({ a: z.string() })).transform('x', { type: 'body' }));
    expect(err.message).toMatch(/^body: /);
  });

  it('uses the source it was built with when called by hand (a header)', () => {
    const pipe = new ZodPipe(z.string().min(8), { in: 'header', name: 'idempotency-key' });
    expect(failure(() => pipe.transform('short')).message).toMatch(/^header\.idempotency-key: /);
  });

  it('passes valid values through, transformed', () => {
    expect(new ZodPipe(z.coerce.number()).transform('3', { type: 'query', data: 'n' })).toBe(3);
  });
});
