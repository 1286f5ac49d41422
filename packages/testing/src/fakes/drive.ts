import { randomBytes } from 'node:crypto';
import { escapeHtml, FakeHttpServer, type FakeRequest, type FakeResponse } from './fake-http.js';
import { parseDriveQuery, parseMultipartRelated, pickFields, type FakeDriveFile } from './drive-model.js';
import {
  createFakeServiceAccount,
  FakeTokenIssuer,
  type FakeOAuthClient,
  type FakeServiceAccount,
} from './google-oauth.js';

const FOLDER = 'application/vnd.google-apps.folder';
const GOOGLE_DOC = 'application/vnd.google-apps.document';
/** Media types Drive converts to a Google Doc when the metadata asks for one. */
const CONVERTIBLE = new Set([
  'text/html',
  'text/plain',
  'application/rtf',
  'application/vnd.oasis.opendocument.text',
]);

/** Options of {@link FakeDrive}. */
export interface FakeDriveOptions {
  /** Upload bodies above this answer 413 (default 5 MiB, the documented multipart upload limit). */
  maxUploadBytes?: number;
  /** A static access token accepted besides those the token endpoint issues. */
  staticAccessToken?: string;
}

/**
 * A local Google Drive v3 + OAuth 2.0 token endpoint: `POST /token` (service-account JWT bearer or refresh token),
 * `POST /upload/drive/v3/files?uploadType=multipart` (with conversion to a Google Doc when the metadata's
 * `mimeType` is `application/vnd.google-apps.document`), `PATCH /upload/drive/v3/files/{id}` and
 * `PATCH /drive/v3/files/{id}`, `GET /drive/v3/files/{id}`, `GET /drive/v3/files?q=…` (appProperties / parents /
 * trashed / name / mimeType). Bearer checked on every API call (401), 404 for an unknown parent or file, 413 over
 * the upload limit, Drive's error shape `{ error: { code, message, errors: [{ reason }] } }`, the faults of
 * {@link FakeHttpServer}, and `GET /document/d/{id}/edit` (the `webViewLink`) showing the document.
 */
export class FakeDrive extends FakeHttpServer {
  readonly tokens = new FakeTokenIssuer();
  private readonly fileMap = new Map<string, FakeDriveFile>();

  constructor(options: FakeDriveOptions = {}) {
    super();
    this.maxBodyBytes = options.maxUploadBytes ?? 5 * 1024 * 1024;
    if (options.staticAccessToken) this.tokens.issued.add(options.staticAccessToken);
    this.registerRoutes();
  }

  /** The token endpoint (what a key file's `token_uri` names). */
  get tokenUrl(): string {
    return `${this.url}/token`;
  }

  /** Registers a new service account (fresh RSA key) and returns it with its JSON key file. */
  createServiceAccount(clientEmail?: string): FakeServiceAccount {
    const sa = createFakeServiceAccount(this.tokenUrl, clientEmail);
    this.tokens.serviceAccounts.push(sa);
    return sa;
  }

  /** Registers an OAuth client with a refresh token. */
  createOAuthClient(): FakeOAuthClient {
    const c = {
      clientId: `${randomBytes(6).toString('hex')}.apps.googleusercontent.com`,
      clientSecret: randomBytes(12).toString('hex'),
      refreshToken: `1//${randomBytes(16).toString('hex')}`,
    };
    this.tokens.oauthClients.push(c);
    return c;
  }

  /** Adds a folder and returns its id. */
  addFolder(name = 'Postmortems', id = randomBytes(12).toString('base64url')): string {
    this.store({ id, name, mimeType: FOLDER, parents: [], appProperties: {}, content: '' });
    return id;
  }

  /** Every stored file (folders excluded), in creation order. */
  files(): FakeDriveFile[] {
    return [...this.fileMap.values()].filter((f) => f.mimeType !== FOLDER);
  }

  /** One stored file by id. */
  file(id: string): FakeDriveFile | undefined {
    return this.fileMap.get(id);
  }

  protected override errorBody(status: number, message: string, reason = 'invalid'): unknown {
    return { error: { code: status, message, errors: [{ domain: 'global', reason, message }] } };
  }

  private store(
    f: Omit<FakeDriveFile, 'version' | 'trashed' | 'createdTime' | 'modifiedTime'>,
  ): FakeDriveFile {
    const now = new Date().toISOString();
    const file: FakeDriveFile = { ...f, version: 1, trashed: false, createdTime: now, modifiedTime: now };
    this.fileMap.set(file.id, file);
    return file;
  }

  private resource(f: FakeDriveFile): Record<string, unknown> {
    return {
      kind: 'drive#file',
      id: f.id,
      name: f.name,
      mimeType: f.mimeType,
      parents: f.parents,
      appProperties: f.appProperties,
      trashed: f.trashed,
      version: String(f.version),
      createdTime: f.createdTime,
      modifiedTime: f.modifiedTime,
      webViewLink: `${this.url}/document/d/${f.id}/edit?usp=drivesdk`,
    };
  }

  /** Bearer checked on every API call; the token endpoint and the document views need none. */
  protected override authorize(req: FakeRequest): FakeResponse | undefined {
    if (req.path === '/token' || req.path.startsWith('/document/')) return undefined;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (bearer && this.tokens.issued.has(bearer)) return undefined;
    return this.error(
      401,
      'Request had invalid authentication credentials. Expected OAuth 2 access token.',
      'authError',
    );
  }

  private registerRoutes(): void {
    this.route('POST', /^\/token$/, (req) => {
      const r = this.tokens.grant(new URLSearchParams(req.rawBody.toString('utf8')), this.tokenUrl);
      return r.ok
        ? {
            status: 200,
            body: { access_token: r.accessToken, expires_in: r.expiresIn, token_type: 'Bearer' },
          }
        : { status: r.status, body: { error: r.error, error_description: r.description } };
    });
    this.route('GET', /^\/document\/d\/([^/]+)\/edit$/, (_req, [id = '']) => this.view(id));
    this.route('POST', /^\/upload\/drive\/v3\/files$/, (req) => this.create(req, req.query.get('fields')));
    this.route('GET', /^\/drive\/v3\/files$/, (req) => this.list(req));
    const withFile =
      (then: (file: FakeDriveFile, req: FakeRequest, upload: boolean) => FakeResponse) =>
      (req: FakeRequest, [upload, id = '']: string[]) => {
        const file = this.fileMap.get(id);
        if (!file) return this.error(404, `File not found: ${id}.`, 'notFound');
        return then(file, req, Boolean(upload));
      };
    this.route(
      'GET',
      /^\/(upload\/)?drive\/v3\/files\/([^/]+)$/,
      withFile((file, req, upload) =>
        upload
          ? this.error(404, `Not Found: ${req.method} ${req.path}`, 'notFound')
          : { status: 200, body: pickFields(this.resource(file), req.query.get('fields')) },
      ),
    );
    this.route(
      'PATCH',
      /^\/(upload\/)?drive\/v3\/files\/([^/]+)$/,
      withFile((file, req, upload) => this.update(file, req, upload, req.query.get('fields'))),
    );
  }

  private create(req: FakeRequest, fields: string | null): FakeResponse {
    if (req.query.get('uploadType') !== 'multipart')
      return this.error(400, 'This fake supports uploadType=multipart only', 'badRequest');
    const up = parseMultipartRelated(String(req.headers['content-type'] ?? ''), req.rawBody);
    if (typeof up === 'string') return this.error(400, up, 'badContent');
    const md = up.metadata;
    const parents = Array.isArray(md.parents) ? md.parents.map(String) : [];
    for (const p of parents) {
      if (this.fileMap.get(p)?.mimeType !== FOLDER)
        return this.error(404, `File not found: ${p}.`, 'notFound');
    }
    const wanted = typeof md.mimeType === 'string' ? md.mimeType : up.mediaType;
    if (wanted === GOOGLE_DOC && !CONVERTIBLE.has(up.mediaType)) {
      return this.error(400, `Cannot convert ${up.mediaType} to a Google Doc`, 'badContent');
    }
    const file = this.store({
      id: randomBytes(16).toString('base64url'),
      name: typeof md.name === 'string' ? md.name : 'Untitled',
      mimeType: wanted,
      parents,
      appProperties: stringMap(md.appProperties),
      content: up.media.toString('utf8'),
      uploadedMimeType: up.mediaType,
    });
    return { status: 200, body: pickFields(this.resource(file), fields) };
  }

  private update(
    file: FakeDriveFile,
    req: FakeRequest,
    withMedia: boolean,
    fields: string | null,
  ): FakeResponse {
    let md: Record<string, unknown>;
    if (withMedia) {
      const up = parseMultipartRelated(String(req.headers['content-type'] ?? ''), req.rawBody);
      if (typeof up === 'string') return this.error(400, up, 'badContent');
      md = up.metadata;
      file.content = up.media.toString('utf8');
      file.uploadedMimeType = up.mediaType;
    } else {
      md = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
    }
    if (typeof md.name === 'string') file.name = md.name;
    file.appProperties = { ...file.appProperties, ...stringMap(md.appProperties) };
    file.version += 1;
    file.modifiedTime = new Date().toISOString();
    return { status: 200, body: pickFields(this.resource(file), fields) };
  }

  private list(req: FakeRequest): FakeResponse {
    const clauses = parseDriveQuery(req.query.get('q') ?? '');
    if (typeof clauses === 'string') return this.error(400, clauses, 'invalid');
    const found = [...this.fileMap.values()].filter((f) => clauses.every((c) => c(f)));
    const inner = /^files\(([^)]*)\)$/.exec(req.query.get('fields') ?? '')?.[1] ?? null;
    return {
      status: 200,
      body: {
        kind: 'drive#fileList',
        incompleteSearch: false,
        files: found.map((f) => pickFields(this.resource(f), inner)),
      },
    };
  }

  private view(id: string): FakeResponse {
    const f = this.fileMap.get(id);
    if (!f) return { status: 404, body: '<h1>Not found</h1>' };
    return {
      status: 200,
      body: `<!doctype html><title>${escapeHtml(f.name)}</title><h1>${escapeHtml(f.name)}</h1><pre>${escapeHtml(f.content)}</pre>`,
    };
  }
}

function stringMap(v: unknown): Record<string, string> {
  if (!v || typeof v !== 'object') return {};
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]));
}
