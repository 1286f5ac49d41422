import { labelRoute, propertyRoute } from './confluence-props.js';
import { escapeHtml, FakeHttpServer, type FakeRequest, type FakeResponse } from './fake-http.js';
import {
  listJson,
  matchesCql,
  pageJson,
  parseCql,
  type FakeConfluencePage,
  type FakeConfluenceSpace,
  type LinkContext,
} from './confluence-model.js';

/** Options of {@link FakeConfluence}. */
export interface FakeConfluenceOptions {
  /** `cloud`: REST under `/wiki/rest/api`, Basic `email:apiToken`. `datacenter`: under `/rest/api`, Bearer PAT. */
  flavor?: 'cloud' | 'datacenter';
  email?: string;
  apiToken?: string;
  personalAccessToken?: string;
  /** Space keys that exist (more with {@link FakeConfluence.addSpace}). */
  spaces?: string[];
  /** Request bodies above this answer 413 (default 5 MiB). */
  maxBodyBytes?: number;
}

/**
 * A local Confluence speaking the v1 content REST API the destination client uses: create a page in a space (by
 * key) under an optional parent (`ancestors`), storage-format body, `metadata.labels` / `metadata.properties` on
 * create, update with `version.number` = current + 1, lookup by `spaceKey` + `title`, CQL search (a small subset),
 * content properties and labels. 401 on bad credentials, 404 on unknown space / parent / page, 409 on a duplicate
 * title in a space or a stale version, 413 over the size limit, plus the faults of {@link FakeHttpServer}.
 * `GET <webui>` answers a small HTML view of the page so a link produced by an export opens.
 */
export class FakeConfluence extends FakeHttpServer {
  readonly flavor: 'cloud' | 'datacenter';
  readonly email: string;
  readonly apiToken: string;
  readonly personalAccessToken: string;
  private readonly spaces = new Map<string, FakeConfluenceSpace>();
  private readonly pageMap = new Map<string, FakeConfluencePage>();
  private nextId = 65_537;

  constructor(options: FakeConfluenceOptions = {}) {
    super();
    this.maxBodyBytes = options.maxBodyBytes ?? 5 * 1024 * 1024;
    this.flavor = options.flavor ?? 'cloud';
    this.email = options.email ?? 'exporter@example.com';
    this.apiToken = options.apiToken ?? 'fake-api-token';
    this.personalAccessToken = options.personalAccessToken ?? 'fake-personal-access-token';
    for (const key of options.spaces ?? ['ENG']) this.addSpace(key);
    this.registerRoutes();
  }

  /** `/wiki` on Cloud, empty on Data Center. */
  get contextPath(): string {
    return this.flavor === 'cloud' ? '/wiki' : '';
  }

  /** The base URL a user would configure: the site (Cloud, `/wiki` appended by the client) or the DC base URL. */
  get siteUrl(): string {
    return this.url;
  }

  /** Adds a space. */
  addSpace(key: string, name = `${key} space`): FakeConfluenceSpace {
    const space = { id: 1000 + this.spaces.size, key, name };
    this.spaces.set(key, space);
    return space;
  }

  /** Seeds a page (e.g. a parent page) and returns it. */
  addPage(spaceKey: string, title: string, body = '<p>seeded</p>', parentId?: string): FakeConfluencePage {
    const now = Date.now();
    const page: FakeConfluencePage = {
      id: String(this.nextId++),
      spaceKey,
      title,
      parentId,
      version: 1,
      body,
      labels: [],
      properties: {},
      createdAt: now,
      updatedAt: now,
    };
    this.pageMap.set(page.id, page);
    return page;
  }

  /** Every stored page, in creation order. */
  pages(): FakeConfluencePage[] {
    return [...this.pageMap.values()];
  }

  /** One stored page by id. */
  page(id: string): FakeConfluencePage | undefined {
    return this.pageMap.get(id);
  }

  protected override errorBody(status: number, message: string, reason?: string): unknown {
    return {
      statusCode: status,
      data: { authorized: status !== 401, valid: false, errors: [], successful: false },
      message,
      reason,
    };
  }

  private authorized(req: FakeRequest): boolean {
    const h = req.headers.authorization ?? '';
    if (this.flavor === 'cloud') {
      return h === `Basic ${Buffer.from(`${this.email}:${this.apiToken}`).toString('base64')}`;
    }
    return h === `Bearer ${this.personalAccessToken}`;
  }

  private ctx(): LinkContext {
    return { base: `${this.url}${this.contextPath}`, contextPath: this.contextPath, flavor: this.flavor };
  }

  private ancestors(page: FakeConfluencePage): FakeConfluencePage[] {
    const out: FakeConfluencePage[] = [];
    for (
      let p = page.parentId ? this.pageMap.get(page.parentId) : undefined;
      p;
      p = p.parentId ? this.pageMap.get(p.parentId) : undefined
    ) {
      out.unshift(p);
    }
    return out;
  }

  private json(page: FakeConfluencePage, expand: string | null): Record<string, unknown> {
    const space = this.spaces.get(page.spaceKey)!;
    const set = new Set((expand ?? '').split(',').map((s) => s.trim()));
    return pageJson(page, space, this.ctx(), set, this.ancestors(page));
  }

  /** 401 for an API call with wrong credentials; the page views need none. */
  protected override authorize(req: FakeRequest): FakeResponse | undefined {
    if (!req.path.startsWith(`${this.contextPath}/rest/api/`) || this.authorized(req)) return undefined;
    return this.error(401, 'Unauthorized; scope does not match', 'Unauthorized');
  }

  private registerRoutes(): void {
    const api = (rest: string) => new RegExp(`^${this.contextPath}/rest/api${rest}$`);
    const withPage =
      (then: (page: FakeConfluencePage, req: FakeRequest, key?: string) => FakeResponse) =>
      (req: FakeRequest, [id = '', key]: string[]) => {
        const page = this.pageMap.get(id);
        if (!page) return this.error(404, `No content found with id : ContentId{id=${id}}`, 'Not Found');
        return then(page, req, key || undefined);
      };
    const err = (status: number, message: string, reason?: string) => this.error(status, message, reason);
    this.route('GET', api('/space/([^/]+)'), (_req, [key = '']) => {
      const s = this.spaces.get(key);
      return s
        ? { status: 200, body: { ...s, type: 'global' } }
        : this.error(404, `No space with key : ${key}`, 'Not Found');
    });
    // The caller as Confluence sees it: Cloud answers an account id and e-mail, Data Center a user name.
    this.route('GET', api('/user/current'), () => ({
      status: 200,
      body:
        this.flavor === 'cloud'
          ? { type: 'known', accountId: 'fake-account-id', email: this.email, displayName: 'Fake Exporter' }
          : { type: 'known', username: 'exporter', userKey: 'fake-user-key', displayName: 'Fake Exporter' },
    }));
    this.route('POST', api('/content'), (req) => this.create(req));
    this.route('GET', api('/content'), (req) => this.list(req));
    this.route('GET', api('/content/search'), (req) => this.search(req));
    this.route(
      'GET',
      api('/content/([^/]+)'),
      withPage((page, req) => ({ status: 200, body: this.json(page, req.query.get('expand')) })),
    );
    this.route(
      'PUT',
      api('/content/([^/]+)'),
      withPage((page, req) => this.update(page, req)),
    );
    for (const method of ['GET', 'POST', 'PUT']) {
      this.route(
        method,
        api('/content/([^/]+)/property(?:/([^/]+))?'),
        withPage((page, req, key) => propertyRoute(page, req, key, this.ctx().base, err)),
      );
    }
    for (const method of ['GET', 'POST']) {
      this.route(
        method,
        api('/content/([^/]+)/label'),
        withPage((page, req) => labelRoute(page, req, this.ctx().base, err)),
      );
    }
    this.route('GET', new RegExp(`^(?!${this.contextPath}/rest/api/)`), (req) => this.view(req));
  }

  private parse(req: FakeRequest): Record<string, unknown> | FakeResponse {
    if (req.body && typeof req.body === 'object') return req.body as Record<string, unknown>;
    return this.error(400, 'Request body is not valid JSON', 'Bad Request');
  }

  private create(req: FakeRequest): FakeResponse {
    const b = this.parse(req);
    if ('status' in b && typeof b.status === 'number') return b as FakeResponse;
    const input = b as ContentInput;
    if (input.type !== 'page')
      return this.error(400, 'Only type "page" is supported by this fake', 'Bad Request');
    const title = typeof input.title === 'string' ? input.title.trim() : '';
    if (!title) return this.error(400, 'Title cannot be empty', 'Bad Request');
    const storage = input.body?.storage;
    if (storage?.representation !== 'storage' || typeof storage.value !== 'string') {
      return this.error(400, 'body.storage with representation "storage" is required', 'Bad Request');
    }
    const spaceKey = input.space?.key ?? '';
    if (!this.spaces.has(spaceKey)) return this.error(404, `No space with key : ${spaceKey}`, 'Not Found');
    const parentId = input.ancestors?.[0]?.id;
    if (parentId !== undefined) {
      const parent = this.pageMap.get(String(parentId));
      if (!parent || parent.spaceKey !== spaceKey) {
        return this.error(
          404,
          `Could not find parent content with id ${parentId} in space ${spaceKey}`,
          'Not Found',
        );
      }
    }
    const dup = this.titleTaken(spaceKey, title);
    if (dup)
      return this.error(
        409,
        `A page with this title already exists: A page already exists with the title ${title} in the space with key ${spaceKey}`,
        'Conflict',
      );
    const page = this.addPage(
      spaceKey,
      title,
      storage.value,
      parentId === undefined ? undefined : String(parentId),
    );
    page.labels = (input.metadata?.labels ?? []).map((l) => l.name);
    for (const [key, p] of Object.entries(input.metadata?.properties ?? {}))
      page.properties[key] = { value: p.value, version: 1 };
    return { status: 200, body: this.json(page, 'body.storage,metadata.labels') };
  }

  private update(page: FakeConfluencePage, req: FakeRequest): FakeResponse {
    const b = this.parse(req);
    if ('status' in b && typeof b.status === 'number') return b as FakeResponse;
    const input = b as ContentInput;
    const next = input.version?.number;
    if (next !== page.version + 1) {
      return this.error(
        409,
        `Version must be incremented on update. Current version is: ${page.version}`,
        'Conflict',
      );
    }
    const title = typeof input.title === 'string' && input.title.trim() ? input.title.trim() : page.title;
    const dup = this.titleTaken(page.spaceKey, title);
    if (dup && dup.id !== page.id)
      return this.error(409, `A page with this title already exists: ${title}`, 'Conflict');
    const storage = input.body?.storage;
    if (storage !== undefined) {
      if (storage.representation !== 'storage' || typeof storage.value !== 'string') {
        return this.error(400, 'body.storage with representation "storage" is required', 'Bad Request');
      }
      page.body = storage.value;
    }
    page.title = title;
    page.version = next;
    page.updatedAt = Date.now();
    return { status: 200, body: this.json(page, 'body.storage') };
  }

  private titleTaken(spaceKey: string, title: string): FakeConfluencePage | undefined {
    return this.pages().find((p) => p.spaceKey === spaceKey && p.title === title);
  }

  private list(req: FakeRequest): FakeResponse {
    const spaceKey = req.query.get('spaceKey');
    const title = req.query.get('title');
    const found = this.pages().filter(
      (p) => (!spaceKey || p.spaceKey === spaceKey) && (!title || p.title === title),
    );
    const results = found.map((p) => this.json(p, req.query.get('expand')));
    return { status: 200, body: listJson(results, this.ctx().base, `/rest/api/content`) };
  }

  private search(req: FakeRequest): FakeResponse {
    const clauses = parseCql(req.query.get('cql') ?? '');
    if (typeof clauses === 'string') return this.error(400, clauses, 'Bad Request');
    const ancestorsOf = (id: string) => this.ancestors(this.pageMap.get(id)!).map((p) => p.id);
    const found = this.pages().filter((p) => matchesCql(p, clauses, ancestorsOf));
    const results = found.map((p) => this.json(p, req.query.get('expand')));
    return { status: 200, body: listJson(results, this.ctx().base, `/rest/api/content/search`) };
  }

  /** A tiny HTML view at the page's `webui` link, so an exported link opens in a browser. */
  private view(req: FakeRequest): FakeResponse {
    const id = req.query.get('pageId') ?? /\/pages\/(\d+)/.exec(req.path)?.[1];
    const page = id ? this.pageMap.get(id) : undefined;
    if (!page || req.method !== 'GET') return { status: 404, body: '<h1>Page not found</h1>' };
    return {
      status: 200,
      body: `<!doctype html><title>${escapeHtml(page.title)}</title><h1>${escapeHtml(page.title)}</h1><pre>${escapeHtml(page.body)}</pre>`,
    };
  }
}

interface ContentInput {
  type?: string;
  title?: string;
  space?: { key?: string };
  ancestors?: { id: string | number }[];
  body?: { storage?: { value?: unknown; representation?: string } };
  version?: { number?: number };
  metadata?: {
    labels?: { name: string; prefix?: string }[];
    properties?: Record<string, { value: unknown }>;
  };
}
