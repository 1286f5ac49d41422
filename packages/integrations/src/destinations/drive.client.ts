import { drive, type drive_v3 } from '@googleapis/drive';
import type { NetGuardOptions } from '@pm/net-guard';
import { withRetry, type RetryOptions } from '../outbound/index.js';
import { DestinationError } from './destination-error.js';
import type { FetchLike } from './fetch-like.js';
import { createGoogleAuth, type GoogleAccount } from './google-auth.js';
import { byteLength, type PublishInput, type PublishResult } from './publish.js';

/** The appProperties key that records which export created a file. */
export const MARKER_APP_PROPERTY = 'pmExportMarker';
const GOOGLE_DOC = 'application/vnd.google-apps.document';

/** Options of {@link DriveClient}. */
export interface DriveClientOptions {
  account: GoogleAccount;
  /** The folder documents are created in. */
  folderId: string;
  /** API root (default `https://www.googleapis.com/`); tests point it at the fake. */
  rootUrl?: string;
  /** Guard for the credential's token URL. */
  guard?: NetGuardOptions;
  /** Transport of the token exchange (default: guarded fetch). */
  tokenFetch?: FetchLike;
  /** Transport of the Drive API calls (default: global fetch; the API host is ours to configure, not a user's). */
  fetchImplementation?: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  retry?: RetryOptions;
  /** Per-request timeout (default 60 s). */
  requestTimeoutMs?: number;
  /** Largest HTML uploaded (default 5 MiB, Drive's limit for a multipart upload); larger fails before any request. */
  maxBytes?: number;
}

/**
 * Publishes HTML to a Drive folder as a Google Doc through the official client: files.create (multipart upload,
 * converted by asking for the Google Doc mimeType) with the marker in `appProperties`, files.list by that marker
 * before creating (so a retry after a lost response finds the file), files.update for a later export.
 * The client's own retries are off: {@link withRetry} applies the same rules as for Confluence.
 */
export class DriveClient {
  private readonly api: drive_v3.Drive;
  private readonly rootUrl: string;

  constructor(private readonly options: DriveClientOptions) {
    this.rootUrl = options.rootUrl ?? 'https://www.googleapis.com/';
    const auth = createGoogleAuth(options.account, { guard: options.guard, fetch: options.tokenFetch });
    this.api = drive({ version: 'v3', auth, rootUrl: this.rootUrl });
  }

  /** Creates or updates the document; see {@link PublishInput}. Throws {@link DestinationError}. */
  async publish(input: PublishInput): Promise<PublishResult> {
    const limit = this.options.maxBytes ?? 5 * 1024 * 1024;
    const size = byteLength(input.body);
    if (size > limit) {
      throw new DestinationError('DESTINATION_TOO_LARGE', {
        target: `POST ${this.rootUrl}upload/drive/v3/files`,
        reason: `document is ${size} bytes; this destination accepts at most ${limit}`,
        attempts: 0,
      });
    }
    return withRetry(() => this.publishOnce(input), this.options.retry);
  }

  /** "Test connection": reads the folder (proves credentials, token URL and folder id). */
  async testConnection(): Promise<{ folderId: string; folderName: string }> {
    const res = await withRetry(
      () =>
        this.call('GET files/{folderId}', () =>
          this.api.files.get(
            { fileId: this.options.folderId, fields: 'id,name', supportsAllDrives: true },
            this.callOptions(),
          ),
        ),
      { ...this.options.retry, maxAttempts: 1 },
    );
    return { folderId: res.data.id ?? this.options.folderId, folderName: res.data.name ?? '' };
  }

  private callOptions() {
    return {
      rootUrl: this.rootUrl,
      retry: false,
      timeout: this.options.requestTimeoutMs ?? 60_000,
      ...(this.options.fetchImplementation ? { fetchImplementation: this.options.fetchImplementation } : {}),
    };
  }

  private async publishOnce(input: PublishInput): Promise<PublishResult> {
    const requestBody = { name: input.title, appProperties: { [MARKER_APP_PROPERTY]: input.marker } };
    const media = { mimeType: 'text/html', body: input.body };
    const fields = 'id,webViewLink';
    if (input.existingExternalId) {
      const fileId = input.existingExternalId;
      try {
        const res = await this.call('PATCH upload/drive/v3/files/{fileId}', () =>
          this.api.files.update(
            { fileId, requestBody, media, fields, supportsAllDrives: true },
            this.callOptions(),
          ),
        );
        return this.result(res.data, 'updated');
      } catch (e) {
        // Deleted in Drive since the last export: create a new document rather than fail the export.
        if (!(e instanceof DestinationError && e.status === 404)) throw e;
      }
    }
    const q = `appProperties has { key='${MARKER_APP_PROPERTY}' and value='${quote(input.marker)}' } and '${quote(this.options.folderId)}' in parents and trashed = false`;
    const found = await this.call('GET drive/v3/files', () =>
      this.api.files.list(
        {
          q,
          fields: 'files(id,webViewLink)',
          pageSize: 1,
          supportsAllDrives: true,
          includeItemsFromAllDrives: true,
        },
        this.callOptions(),
      ),
    );
    const existing = found.data.files?.[0];
    if (existing) return this.result(existing, 'found');
    const created = await this.call('POST upload/drive/v3/files', () =>
      this.api.files.create(
        {
          requestBody: { ...requestBody, mimeType: GOOGLE_DOC, parents: [this.options.folderId] },
          media,
          fields,
          supportsAllDrives: true,
        },
        this.callOptions(),
      ),
    );
    return this.result(created.data, 'created');
  }

  private result(file: drive_v3.Schema$File, outcome: PublishResult['outcome']): PublishResult {
    if (!file.id)
      throw DestinationError.fromAnswer({
        target: `${this.rootUrl}drive/v3/files`,
        status: 502,
        reason: 'Drive answered without a file id',
      });
    return {
      externalId: file.id,
      url: file.webViewLink ?? `https://docs.google.com/document/d/${file.id}/edit`,
      outcome,
    };
  }

  /** Runs one API call and turns a GaxiosError into a classified {@link DestinationError}. */
  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw toFailure(`${what.split(' ')[0]} ${this.rootUrl}${what.split(' ')[1]}`, e);
    }
  }
}

/** Drive `q` string literals escape `\` and `'` with a backslash. */
function quote(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

interface GaxiosLike {
  message?: string;
  code?: string | number;
  status?: number;
  response?: { status?: number; headers?: { get?(name: string): string | null }; data?: unknown };
}

function toFailure(target: string, e: unknown): unknown {
  if (e instanceof DestinationError || !(e instanceof Error)) return e;
  const g = e as Error & GaxiosLike;
  const status = g.response?.status ?? g.status;
  if (status === undefined) return DestinationError.fromTransport(target, e);
  const data = g.response?.data as
    | { error?: { message?: string; errors?: { reason?: string }[] } | string; error_description?: string }
    | undefined;
  const apiError = typeof data?.error === 'object' ? data.error : undefined;
  const reason =
    apiError?.message ??
    (typeof data?.error === 'string' ? `${data.error}: ${data.error_description ?? ''}` : g.message);
  return DestinationError.fromAnswer({
    target,
    status,
    headers: { get: (name) => g.response?.headers?.get?.(name) ?? null },
    reason: reason ?? 'request failed',
    apiReason: apiError?.errors?.[0]?.reason,
  });
}
