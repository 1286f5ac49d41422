import { describe, expect, it } from 'vitest';
import { evaluateReview, type ReviewRule } from './reviews.js';

const rule = (r: Partial<ReviewRule> = {}): ReviewRule => ({
  reviewerIds: ['a', 'b'],
  minApprovals: null,
  allowSelfApproval: false,
  staleOnEdit: true,
  ...r,
});

describe('evaluateReview', () => {
  it('needs every reviewer by default and names who is missing, in rule order', () => {
    const e = evaluateReview(rule(), [{ reviewerId: 'b', decision: 'approved', docVersion: 3 }], 3);
    expect(e).toMatchObject({ approvals: 1, needed: 2, missing: ['a'], met: false });
  });
  it('is met with minApprovals fresh approvals', () => {
    const e = evaluateReview(
      rule({ minApprovals: 1 }),
      [{ reviewerId: 'a', decision: 'approved', docVersion: 3 }],
      3,
    );
    expect(e).toMatchObject({ approvals: 1, needed: 1, missing: ['b'], met: true });
  });
  it('does not count an approval made before the last edit, unless staleOnEdit is off', () => {
    const records = [
      { reviewerId: 'a', decision: 'approved' as const, docVersion: 2 },
      { reviewerId: 'b', decision: 'approved' as const, docVersion: 3 },
    ];
    expect(evaluateReview(rule(), records, 3)).toMatchObject({ approvals: 1, stale: ['a'], met: false });
    expect(evaluateReview(rule({ staleOnEdit: false }), records, 3)).toMatchObject({
      approvals: 2,
      met: true,
    });
  });
  it('blocks on a standing request for changes even when enough approvals are in', () => {
    const e = evaluateReview(
      rule({ minApprovals: 1 }),
      [
        { reviewerId: 'a', decision: 'approved', docVersion: 1 },
        { reviewerId: 'b', decision: 'changes_requested', docVersion: 1 },
      ],
      1,
    );
    expect(e).toMatchObject({ approvals: 1, changesRequested: ['b'], met: false });
  });
  it('ignores decisions of people who are not (or no longer) reviewers; no reviewers means met', () => {
    const e = evaluateReview(
      rule({ reviewerIds: ['a'] }),
      [{ reviewerId: 'x', decision: 'approved', docVersion: 1 }],
      1,
    );
    expect(e).toMatchObject({ approvals: 0, needed: 1, met: false });
    expect(evaluateReview(rule({ reviewerIds: [] }), [], 1)).toMatchObject({ needed: 0, met: true });
  });
  it('clamps minApprovals to the reviewers left (a removed reviewer cannot block forever)', () => {
    const e = evaluateReview(
      rule({ reviewerIds: ['a'], minApprovals: 2 }),
      [{ reviewerId: 'a', decision: 'approved', docVersion: null }],
      5,
    );
    expect(e).toMatchObject({ approvals: 1, needed: 1, met: true });
  });
});
