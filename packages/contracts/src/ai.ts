import { z } from 'zod';

/**
 * AI first drafts (optional, off until an admin adds an `openai_compatible` connected account). The incident
 * fields an admin may allow to be sent to the provider, by the name shown in the AI block's "sources".
 */
export const AI_DRAFT_FIELDS = [
  'title',
  'severity',
  'status',
  'summary',
  'timeline',
  'customer_impact',
  'custom_fields',
  'responders',
] as const;
export const AiDraftFieldSchema = z.enum(AI_DRAFT_FIELDS);
export type AiDraftField = z.infer<typeof AiDraftFieldSchema>;

/** Defaults of a new provider account: the minimal field set, never private incidents, a small budget. */
export const AI_DRAFT_DEFAULTS = {
  allowedFields: ['title', 'severity', 'summary', 'timeline'] as readonly AiDraftField[],
  allowPrivate: false,
  maxTokens: 600,
  timeoutMs: 30_000,
} as const;

/**
 * State of an `aiSuggestion` block: `pending` (rendered by the template, not asked yet: the preview), `ready` (the
 * provider's text is inside), `unavailable` (not asked or no answer; the block's text says why).
 */
export const AI_SUGGESTION_STATES = ['pending', 'ready', 'unavailable'] as const;
export type AiSuggestionState = (typeof AI_SUGGESTION_STATES)[number];
