import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors.js';
import { assertTimestamps, assertTransition, checkFieldValue, resolvedAtAfter } from './incident-rules.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as AppError).code;
  }
  return 'ok';
};

describe('incident rules', () => {
  it('allows the forward path, reopening and un-completing, and rejects skips past resolution', () => {
    for (const [a, b] of [
      ['active', 'stable'],
      ['stable', 'resolved'],
      ['resolved', 'completed'],
      ['resolved', 'active'],
      ['completed', 'resolved'],
      ['active', 'active'],
    ] as const)
      expect(code(() => assertTransition(a, b))).toBe('ok');
    for (const [a, b] of [
      ['active', 'completed'],
      ['stable', 'completed'],
      ['completed', 'active'],
      ['completed', 'stable'],
    ] as const)
      expect(code(() => assertTransition(a, b))).toBe('INVALID_STATUS_TRANSITION');
  });

  it('sets resolvedAt on the last move into resolution and clears it on reopen', () => {
    const now = new Date('2026-01-02T00:00:00Z');
    const earlier = new Date('2026-01-01T00:00:00Z');
    expect(resolvedAtAfter('active', 'resolved', null, now)).toBe(now);
    expect(resolvedAtAfter('resolved', 'completed', earlier, now)).toBe(earlier);
    expect(resolvedAtAfter('resolved', 'active', earlier, now)).toBeNull();
  });

  it('rejects detected after declared, resolved before declared and future times', () => {
    const d = (s: string) => new Date(s);
    const declaredAt = d('2026-01-01T10:00:00Z');
    expect(
      code(() => assertTimestamps({ declaredAt, detectedAt: d('2026-01-01T09:00:00Z'), resolvedAt: null })),
    ).toBe('ok');
    expect(
      code(() => assertTimestamps({ declaredAt, detectedAt: d('2026-01-01T11:00:00Z'), resolvedAt: null })),
    ).toBe('TIMESTAMPS_INCONSISTENT');
    expect(
      code(() => assertTimestamps({ declaredAt, detectedAt: null, resolvedAt: d('2026-01-01T09:00:00Z') })),
    ).toBe('TIMESTAMPS_INCONSISTENT');
    expect(
      code(() =>
        assertTimestamps({ declaredAt: d('2999-01-01T00:00:00Z'), detectedAt: null, resolvedAt: null }),
      ),
    ).toBe('TIMESTAMPS_INCONSISTENT');
  });

  it('checks custom field values by type', () => {
    const select = { name: 'detection_method', type: 'single_select' as const, options: ['Monitor'] };
    expect(checkFieldValue(select, 'Monitor')).toBe('Monitor');
    expect(code(() => checkFieldValue(select, 'Pager'))).toBe('FIELD_VALUE_INVALID');
    expect(code(() => checkFieldValue({ name: 'n', type: 'number', options: [] }, '3'))).toBe(
      'FIELD_VALUE_INVALID',
    );
    expect(checkFieldValue({ name: 't', type: 'multi_select', options: ['a', 'b'] }, ['a', 'a'])).toEqual([
      'a',
    ]);
    expect(checkFieldValue({ name: 'd', type: 'datetime', options: [] }, '2026-01-01T00:00:00+02:00')).toBe(
      '2025-12-31T22:00:00.000Z',
    );
  });
});
