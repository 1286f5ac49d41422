// A small typed client over fetch rather than confluence.js: we use six endpoints, and every call must go through
// the SSRF-guarded fetch (connect-time DNS check, hand-followed redirects) and the shared retry rules; confluence.js
// brings its own axios transport and error types, so neither would apply uniformly.
import { createGuardedFetch, type NetGuardOptions } from '@pm/net-guard';
import { withRetry, type RetryOptions } from '../outbound/index.js';
import { DestinationError } from './destination-error.js';
import { requestJson, type FetchLike } from './fetch-like.js';
import { byteLength, type PublishInput, type PublishResult } from './publish.js';

/** A connected Confluence: Cloud (site URL + account e-mail + API token) or Data Center (base URL + PAT). */
export type ConfluenceAccount =
  | { kind: 'cloud'; siteUrl: string; email: string; apiToken: string }
  | { kind: 'datacenter'; baseUrl: string; personalAccessToken: string };

/** Options of {@link ConfluenceClient}. */
export interface ConfluenceClientOptions {
  account: ConfluenceAccount;
  /** Space key pages go to, and optional parent page id. */
  spaceKey: string;
  parentPageId?: string;
  /** Guard settings (tests: `{ allowLoopbackForTests: true }`); ignored when `fetch` is given. */
  guard?: NetGuardOptions;
  /** Transport; defaults to the SSRF-guarded fetch. */
  fetch?: FetchLike;
  retry?: RetryOptions;
  /** Per-request timeout (default 30 s). */
  requestTimeoutMs?: number;
  /** Largest storage body sent (default 5 MiB); larger fails before any request. */
  maxBodyBytes?: number;
}

/** Content property that records which export created a page. */
export const MARKER_PROPERTY = 'pm-export';

/** The label form of a marker: labels are lowercase `[a-z0-9_-]`, so the marker is normalised. */
export function markerLabel(marker: string): string {
  return `pm-export-${marker.toLowerCase().replace(/[^a-z0-9_-]/g, '-')}`.slice(0, 255);
}

interface Content {
  id: string;
  title: string;
  version?: { number: number };
  metadata?: { labels?: { results: { name: string }[] } };
  _links: { base?: string; webui: string };
}

/**
 * Publishes pages to one Confluence space: creates (in the space, under the parent, storage format, with the
 * marker as a label and a content property), finds a page its own lost attempt created, or updates an earlier
 * export's page (version + 1).
 */
export class ConfluenceClient {
  private readonly fetch: FetchLike;
  private readonly apiBase: string;
  private readonly auth: string;

  constructor(private readonly options: ConfluenceClientOptions) {
    this.fetch = options.fetch ?? createGuardedFetch(options.guard);
    const a = options.account;
    const base = (a.kind === 'cloud' ? `${trim(a.siteUrl)}/wiki` : trim(a.baseUrl)).replace(
      /\/wiki\/wiki$/,
      '/wiki',
    );
    this.apiBase = `${base}/rest/api`;
    this.auth =
      a.kind === 'cloud'
        ? `Basic ${Buffer.from(`${a.email}:${a.apiToken}`).toString('base64')}`
        : `Bearer ${a.personalAccessToken}`;
  }

  /** Creates or updates the page; see {@link PublishInput}. Throws {@link DestinationError}. */
  async publish(input: PublishInput): Promise<PublishResult> {
    const limit = this.options.maxBodyBytes ?? 5 * 1024 * 1024;
    const size = byteLength(input.body);
    if (size > limit) {
      throw new DestinationError('DESTINATION_TOO_LARGE', {
        target: `POST ${this.apiBase}/content`,
        reason: `storage body is ${size} bytes; this destination accepts at most ${limit}`,
        attempts: 0,
      });
    }
    return withRetry(() => this.publishOnce(input), this.options.retry);
  }

  /** "Test connection": reads the configured space (proves URL, credentials and space key). */
  async testConnection(): Promise<{ spaceKey: string; spaceName: string }> {
    const s = await withRetry(
      () =>
        this.call<{ key: string; name: string }>(
          'GET',
          `/space/${encodeURIComponent(this.options.spaceKey)}`,
        ),
      { ...this.options.retry, maxAttempts: 1 },
    );
    return { spaceKey: s.key, spaceName: s.name };
  }

  private async publishOnce(input: PublishInput): Promise<PublishResult> {
    if (input.existingExternalId) {
      const updated = await this.updateIfExists(input.existingExternalId, input);
      if (updated) return updated;
    }
    const found = await this.findByMarker(input);
    if (found) return { externalId: found.id, url: this.link(found), outcome: 'found' };
    const created = await this.call<Content>('POST', '/content', {
      type: 'page',
      title: input.title,
      space: { key: this.options.spaceKey },
      ...(this.options.parentPageId ? { ancestors: [{ id: this.options.parentPageId }] } : {}),
      body: { storage: { value: input.body, representation: 'storage' } },
      metadata: {
        labels: [{ prefix: 'global', name: markerLabel(input.marker) }],
        properties: { [MARKER_PROPERTY]: { key: MARKER_PROPERTY, value: { marker: input.marker } } },
      },
    });
    return { externalId: created.id, url: this.link(created), outcome: 'created' };
  }

  /** Updates an earlier export's page; `undefined` when it was deleted meanwhile (a new one is created then). */
  private async updateIfExists(id: string, input: PublishInput): Promise<PublishResult | undefined> {
    let current: Content;
    try {
      current = await this.call<Content>('GET', `/content/${encodeURIComponent(id)}?expand=version`);
    } catch (e) {
      if (e instanceof Error && 'status' in e && e.status === 404) return undefined;
      throw e;
    }
    const updated = await this.call<Content>('PUT', `/content/${encodeURIComponent(id)}`, {
      type: 'page',
      title: input.title,
      version: { number: (current.version?.number ?? 1) + 1 },
      body: { storage: { value: input.body, representation: 'storage' } },
    });
    return { externalId: updated.id, url: this.link(updated), outcome: 'updated' };
  }

  /**
   * Finds the page an earlier attempt of this export created. By title first (a direct lookup, consistent at
   * once, unlike the search index), accepted only if it carries our marker label; then by the label through CQL
   * (the title may have been edited). A same-titled page without the marker is someone else's: Confluence would
   * refuse the duplicate title, so that is reported as a conflict now.
   */
  private async findByMarker(input: PublishInput): Promise<Content | undefined> {
    const label = markerLabel(input.marker);
    const space = encodeURIComponent(this.options.spaceKey);
    const byTitle = await this.call<{ results: Content[] }>(
      'GET',
      `/content?spaceKey=${space}&title=${encodeURIComponent(input.title)}&expand=version,metadata.labels`,
    );
    const same = byTitle.results[0];
    if (same) {
      if (same.metadata?.labels?.results.some((l) => l.name === label)) return same;
      throw new DestinationError('DESTINATION_CONFLICT', {
        target: `${this.apiBase}/content`,
        reason: `a page titled "${input.title}" already exists in space ${this.options.spaceKey} (${this.link(same)}) and was not created by this export`,
        attempts: 1,
      });
    }
    const cql = `type = page and space = "${this.options.spaceKey}" and label = "${label}"`;
    const byLabel = await this.call<{ results: Content[] }>(
      'GET',
      `/content/search?cql=${encodeURIComponent(cql)}`,
    );
    return byLabel.results[0];
  }

  private link(c: Content): string {
    return `${c._links.base ?? this.apiBase.replace(/\/rest\/api$/, '')}${c._links.webui}`;
  }

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return requestJson<T>(
      this.fetch,
      method,
      `${this.apiBase}${path}`,
      { authorization: this.auth, accept: 'application/json' },
      body,
      this.options.requestTimeoutMs ?? 30_000,
      (json, text) => {
        const m = json && typeof json === 'object' && 'message' in json ? json.message : undefined;
        return typeof m === 'string' && m ? m : text.slice(0, 300) || 'no message';
      },
    );
  }
}

function trim(url: string): string {
  return url.replace(/\/+$/, '');
}
