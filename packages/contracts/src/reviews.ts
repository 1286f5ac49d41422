import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common.js';

/**
 * Required reviewers and approvals (issue 15.1). A rule lives on the incident type and can be overridden per
 * postmortem. Completed is refused (`REVIEW_INCOMPLETE`) until the rule is met; a Completed postmortem is frozen.
 */
export const REVIEWERS_MAX = 20;

export const ReviewRuleSchema = z
  .object({
    /** Users asked to review when the postmortem moves to In Review; only they can approve. */
    reviewerIds: z.array(IdSchema).max(REVIEWERS_MAX),
    /** Fresh approvals needed; null = every listed reviewer. */
    minApprovals: z.number().int().min(1).max(REVIEWERS_MAX).nullable(),
    /** May the postmortem's owner approve their own postmortem? */
    allowSelfApproval: z.boolean(),
    /** An edit of the document after an approval makes that approval stale (not counted). */
    staleOnEdit: z.boolean(),
  })
  .strict();
export type ReviewRule = z.infer<typeof ReviewRuleSchema>;

export const EMPTY_REVIEW_RULE: ReviewRule = {
  reviewerIds: [],
  minApprovals: null,
  allowSelfApproval: false,
  staleOnEdit: true,
};

/** Input of the rule routes: missing flags take the defaults (self-approval off, stale-on-edit on). */
export const ReviewRuleInputSchema = z
  .object({
    reviewerIds: z
      .array(IdSchema)
      .max(REVIEWERS_MAX)
      .refine((ids) => new Set(ids).size === ids.length, 'a reviewer is listed twice'),
    minApprovals: z.number().int().min(1).max(REVIEWERS_MAX).nullable().default(null),
    allowSelfApproval: z.boolean().default(false),
    staleOnEdit: z.boolean().default(true),
  })
  .strict();
export type ReviewRuleInput = z.input<typeof ReviewRuleInputSchema>;

/** `PUT /postmortems/:id/review-rule`: `rule: null` goes back to the incident type's rule. */
export const PostmortemReviewRuleInputSchema = z.object({ rule: ReviewRuleInputSchema.nullable() }).strict();
export type PostmortemReviewRuleInput = z.input<typeof PostmortemReviewRuleInputSchema>;

export const REVIEW_DECISIONS = ['pending', 'approved', 'changes_requested'] as const;
export const ReviewDecisionSchema = z.enum(REVIEW_DECISIONS);
export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;

/** `POST /postmortems/:id/review/decisions`: a comment is required when requesting changes. */
export const ReviewDecisionInputSchema = z
  .object({
    decision: z.enum(['approved', 'changes_requested']),
    comment: z.string().trim().max(5000).default(''),
  })
  .strict()
  .refine((v) => v.decision !== 'changes_requested' || v.comment.length > 0, {
    message: 'say what should change',
    path: ['comment'],
  });
export type ReviewDecisionInput = z.input<typeof ReviewDecisionInputSchema>;

export const ReviewerStateSchema = z.object({
  userId: IdSchema,
  name: z.string(),
  decision: ReviewDecisionSchema,
  comment: z.string(),
  decidedAt: IsoDateSchema.nullable(),
  /** An approval given before the document last changed (not counted). */
  stale: z.boolean(),
});
export type ReviewerState = z.infer<typeof ReviewerStateSchema>;

/** `GET /postmortems/:id/review` (also embedded as a summary in the postmortem list). */
export const ReviewStateSchema = z.object({
  rule: ReviewRuleSchema,
  /** `postmortem` when this postmortem overrides its incident type's rule. */
  source: z.enum(['incident_type', 'postmortem']),
  reviewers: z.array(ReviewerStateSchema),
  approvals: z.number().int().min(0),
  needed: z.number().int().min(0),
  /** Reviewers without a fresh approval. */
  missing: z.array(z.object({ userId: IdSchema, name: z.string() })),
  met: z.boolean(),
});
export type ReviewState = z.infer<typeof ReviewStateSchema>;

/** The compact review state in the postmortem list (null when no review is required). */
export const ReviewSummarySchema = z.object({
  approvals: z.number().int().min(0),
  needed: z.number().int().min(0),
  /** Names of the reviewers without a fresh approval. */
  missing: z.array(z.string()),
  /** Approvals made stale by a later edit. */
  stale: z.number().int().min(0),
  changesRequested: z.number().int().min(0),
  met: z.boolean(),
});
export type ReviewSummary = z.infer<typeof ReviewSummarySchema>;

/** One stored decision, as the pure evaluation reads it. */
export interface ReviewRecord {
  reviewerId: string;
  decision: ReviewDecision;
  /** The document version the decision was made on (null for attached postmortems). */
  docVersion: number | null;
}

export interface ReviewEvaluation {
  approvals: number;
  needed: number;
  /** Reviewers (rule order) without a fresh approval. */
  missing: string[];
  /** Reviewers whose approval is stale. */
  stale: string[];
  /** Reviewers whose request for changes still stands. */
  changesRequested: string[];
  met: boolean;
}

/**
 * The rule, as one pure function: `reviewerIds` are the reviewers who still have access (a reviewer removed from
 * the incident drops out of the rule). An approval counts when the document has not changed since
 * (`staleOnEdit`). The rule is met when enough approvals are fresh and no request for changes stands.
 */
export function evaluateReview(
  rule: ReviewRule,
  records: readonly ReviewRecord[],
  currentDocVersion: number | null,
): ReviewEvaluation {
  const byReviewer = new Map(records.map((r) => [r.reviewerId, r]));
  const missing: string[] = [];
  const stale: string[] = [];
  const changesRequested: string[] = [];
  let approvals = 0;
  for (const id of rule.reviewerIds) {
    const r = byReviewer.get(id);
    if (r?.decision === 'approved') {
      const isStale =
        rule.staleOnEdit &&
        currentDocVersion !== null &&
        r.docVersion !== null &&
        r.docVersion < currentDocVersion;
      if (isStale) stale.push(id);
      else {
        approvals++;
        continue;
      }
    }
    if (r?.decision === 'changes_requested') changesRequested.push(id);
    missing.push(id);
  }
  const needed = Math.min(rule.minApprovals ?? rule.reviewerIds.length, rule.reviewerIds.length);
  return {
    approvals,
    needed,
    missing,
    stale,
    changesRequested,
    met: approvals >= needed && changesRequested.length === 0,
  };
}
