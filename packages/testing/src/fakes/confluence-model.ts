/** A page stored by the Confluence fake (inspection shape). */
export interface FakeConfluencePage {
  id: string;
  spaceKey: string;
  title: string;
  parentId?: string;
  version: number;
  /** The storage-format body as last written. */
  body: string;
  labels: string[];
  /** Content properties: key → { value, version }. */
  properties: Record<string, { value: unknown; version: number }>;
  createdAt: number;
  updatedAt: number;
}

/** A space known to the fake. */
export interface FakeConfluenceSpace {
  id: number;
  key: string;
  name: string;
}

/** Where links point: `base` is origin + context path, `flavor` picks the webui shape. */
export interface LinkContext {
  base: string;
  contextPath: string;
  flavor: 'cloud' | 'datacenter';
}

/** The `_links` of a page as Confluence Cloud / Data Center return them. */
export function pageLinks(page: FakeConfluencePage, ctx: LinkContext): Record<string, string> {
  const slug = encodeURIComponent(page.title).replace(/%20/g, '+');
  const webui =
    ctx.flavor === 'cloud'
      ? `/spaces/${page.spaceKey}/pages/${page.id}/${slug}`
      : `/pages/viewpage.action?pageId=${page.id}`;
  return {
    webui,
    edit: `/pages/resumedraft.action?draftId=${page.id}`,
    tinyui: `/x/${Buffer.from(page.id).toString('base64url')}`,
    self: `${ctx.base}/rest/api/content/${page.id}`,
    base: ctx.base,
    context: ctx.contextPath,
  };
}

/** A page as the v1 content API returns it; `expand` decides which optional parts are present. */
export function pageJson(
  page: FakeConfluencePage,
  space: FakeConfluenceSpace,
  ctx: LinkContext,
  expand: Set<string>,
  parents: { id: string; title: string }[],
): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: page.id,
    type: 'page',
    status: 'current',
    title: page.title,
    space: { id: space.id, key: space.key, name: space.name, type: 'global', status: 'current' },
    version: {
      number: page.version,
      when: new Date(page.updatedAt).toISOString(),
      minorEdit: false,
      message: '',
    },
    ancestors: parents.map((p) => ({ id: p.id, type: 'page', status: 'current', title: p.title })),
    extensions: { position: 'none' },
    _links: pageLinks(page, ctx),
    _expandable: {
      children: `/rest/api/content/${page.id}/child`,
      history: `/rest/api/content/${page.id}/history`,
    },
  };
  if (expand.has('body.storage') || expand.has('body')) {
    json.body = { storage: { value: page.body, representation: 'storage' } };
  }
  if (expand.has('metadata.labels') || expand.has('metadata')) {
    const results = page.labels.map((name, i) => ({
      prefix: 'global',
      name,
      id: String(1000 + i),
      label: name,
    }));
    json.metadata = { labels: { results, start: 0, limit: 200, size: results.length } };
  }
  return json;
}

/** One `field = "value"` clause of the small CQL subset the fake understands. */
export interface CqlClause {
  field: 'space' | 'label' | 'title' | 'type' | 'id' | 'ancestor' | 'parent';
  value: string;
}

const CQL_FIELDS = new Set(['space', 'label', 'title', 'type', 'id', 'ancestor', 'parent']);

/**
 * Parses `field = "value" AND field = "value"` (also `space.key`, single quotes, `~` treated as `=` for title).
 * Returns an error message for anything else, as Confluence answers 400 for CQL it cannot parse.
 */
export function parseCql(cql: string): CqlClause[] | string {
  const clauses: CqlClause[] = [];
  for (const raw of cql.split(/\s+and\s+/i)) {
    const m = /^\s*([a-z.]+)\s*(=|~)\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([\w-]+))\s*$/i.exec(raw);
    if (!m) return `Could not parse cql : ${cql}`;
    const field = m[1]!.toLowerCase().replace(/^space\.key$/, 'space');
    if (!CQL_FIELDS.has(field))
      return `Unsupported CQL field ${m[1]} (this fake knows ${[...CQL_FIELDS].join(', ')})`;
    const value = (m[3] ?? m[4] ?? m[5] ?? '').replace(/\\(.)/g, '$1');
    clauses.push({ field: field as CqlClause['field'], value });
  }
  return clauses;
}

/** Whether a page satisfies every clause. */
export function matchesCql(
  page: FakeConfluencePage,
  clauses: CqlClause[],
  ancestorsOf: (id: string) => string[],
): boolean {
  return clauses.every((c) => {
    switch (c.field) {
      case 'space':
        return page.spaceKey === c.value;
      case 'label':
        return page.labels.includes(c.value);
      case 'title':
        return page.title === c.value;
      case 'type':
        return c.value === 'page';
      case 'id':
        return page.id === c.value;
      case 'parent':
        return page.parentId === c.value;
      case 'ancestor':
        return ancestorsOf(page.id).includes(c.value);
    }
  });
}

/** The list envelope of v1 search / content listing. */
export function listJson(results: unknown[], base: string, path: string): Record<string, unknown> {
  return {
    results,
    start: 0,
    limit: 25,
    size: results.length,
    _links: { base, context: '', self: `${base}${path}` },
  };
}
