/**
 * The AI provider seam: one call that turns an instruction plus incident facts into a draft. Implementations must
 * never throw for a provider problem (rate limit, timeout, refusal): the postmortem is generated anyway and the AI
 * block says why its draft is missing.
 */
export interface AiDraftRequest {
  /** The template's instruction. */
  instruction: string;
  /** Incident facts by field name, already limited to what the admin allowed (scrubbed by the provider). */
  facts: Record<string, string>;
}

export type AiDraftResult =
  | { ok: true; text: string }
  | {
      ok: false;
      reason: 'rate_limited' | 'timeout' | 'refused' | 'unreachable' | 'bad_answer';
      message: string;
    };

export interface AiProvider {
  /** `<kind>:<model>`, shown on the block. */
  readonly label: string;
  draft(request: AiDraftRequest): Promise<AiDraftResult>;
}

/** The system prompt: plain text only, placeholders stay placeholders. */
export const AI_SYSTEM_PROMPT = [
  'You draft one section of a blameless incident postmortem from the incident facts given.',
  'Answer in plain text paragraphs only: no HTML, no Markdown, no links. Do not invent facts.',
  'Values like [REDACTED_SECRET_1] were removed on purpose; never guess or reconstruct them.',
].join(' ');
