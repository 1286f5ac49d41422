import type { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { parseSecretKeys, SecretBox } from '@pm/auth';
import type { ConnectedAccountCredentials } from '@pm/contracts';
import { ConnectedAccount, loadIncidentContext, openAccountCredentials } from '@pm/db';
import {
  AI_SUGGESTION,
  aiSuggestionAttrs,
  aiSuggestionNode,
  withoutAiSuggestions,
  type JSONContent,
} from '@pm/doc-model';
import { OpenAiCompatibleProvider, type AiProvider } from '@pm/integrations';
import { WORKER_CONFIG, type WorkerConfig } from '../config.js';
import { aiFacts } from './ai-facts.js';

type AiCredentials = Extract<ConnectedAccountCredentials, { kind: 'openai_compatible' }>;

/** At most this many AI sections are drafted per document (each has its own time budget). */
export const MAX_AI_SECTIONS = 10;

/**
 * Fills the pending `aiSuggestion` blocks of a freshly rendered document. Not configured (no `openai_compatible`
 * account): the blocks are removed and nothing is contacted. A private incident the admin did not allow, a provider
 * failure or a timeout: the block stays, saying why it has no draft, and the document is generated anyway.
 */
@Injectable()
export class AiDrafts {
  private readonly log = new Logger('AiDrafts');
  private readonly box: SecretBox;

  constructor(@Inject(WORKER_CONFIG) private readonly cfg: WorkerConfig) {
    this.box = new SecretBox(parseSecretKeys(cfg.SECRET_KEYS));
  }

  async fill(em: EntityManager, incidentId: string, doc: JSONContent): Promise<JSONContent> {
    if (!hasAiBlock(doc)) return doc;
    // The provider is the first account of the kind by name (one is expected; the name order keeps it stable).
    const account = await em.findOne(
      ConnectedAccount,
      { kind: 'openai_compatible' },
      { orderBy: { name: 'asc', id: 'asc' } },
    );
    if (!account) return withoutAiSuggestions(doc);
    let credentials: AiCredentials;
    try {
      const opened = await openAccountCredentials(em, this.box, account.id);
      if (opened.credentials.kind !== 'openai_compatible') return withoutAiSuggestions(doc);
      credentials = opened.credentials;
    } catch (e) {
      this.log.warn(`AI provider account ${account.id} cannot be opened: ${(e as Error).message}`);
      return mapAiBlocks(doc, async (attrs) =>
        unavailable(attrs, '', 'No AI draft: the AI provider account cannot be read (ask an administrator).'),
      );
    }
    const provider: AiProvider = new OpenAiCompatibleProvider({
      baseUrl: credentials.baseUrl,
      model: credentials.model,
      apiKey: credentials.apiKey,
      maxTokens: credentials.maxTokens,
      timeoutMs: credentials.timeoutMs,
      stream: credentials.stream,
      guard: { allowLoopbackForTests: this.cfg.OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS },
    });
    const { ctx } = await loadIncidentContext(em, incidentId);
    if (ctx.incident.visibility === 'private' && !credentials.allowPrivate) {
      return mapAiBlocks(doc, async (attrs) =>
        unavailable(
          attrs,
          provider.label,
          'No AI draft: this incident is private, and sending private incidents to the AI provider is not allowed.',
        ),
      );
    }
    const { facts, sources } = aiFacts(ctx, credentials.allowedFields);
    let drafted = 0;
    return mapAiBlocks(doc, async (attrs) => {
      if (++drafted > MAX_AI_SECTIONS)
        return unavailable(
          attrs,
          provider.label,
          `No AI draft: at most ${MAX_AI_SECTIONS} AI sections per document.`,
        );
      const result = await provider.draft({ instruction: attrs.instruction, facts });
      if (!result.ok) {
        this.log.warn(`AI draft for incident ${incidentId} unavailable (${result.reason})`);
        return aiSuggestionNode(
          { ...attrs, sources, provider: provider.label, state: 'unavailable' },
          `AI draft unavailable: ${result.message}.`,
        );
      }
      return aiSuggestionNode({ ...attrs, sources, provider: provider.label, state: 'ready' }, result.text);
    });
  }
}

function hasAiBlock(n: JSONContent): boolean {
  return n.type === AI_SUGGESTION || (n.content ?? []).some(hasAiBlock);
}

function unavailable(
  attrs: ReturnType<typeof aiSuggestionAttrs>,
  provider: string,
  text: string,
): JSONContent {
  return aiSuggestionNode({ ...attrs, sources: [], provider, state: 'unavailable' }, text);
}

/** Replaces every pending AI block, in document order, one at a time (the provider is asked sequentially). */
async function mapAiBlocks(
  doc: JSONContent,
  fn: (attrs: ReturnType<typeof aiSuggestionAttrs>) => Promise<JSONContent>,
): Promise<JSONContent> {
  const walk = async (n: JSONContent): Promise<JSONContent> => {
    if (n.type === AI_SUGGESTION) {
      const attrs = aiSuggestionAttrs(n.attrs);
      return attrs.state === 'pending' ? fn(attrs) : n;
    }
    if (!n.content) return n;
    const content: JSONContent[] = [];
    for (const c of n.content) content.push(await walk(c));
    return { ...n, content };
  };
  return walk(doc);
}
