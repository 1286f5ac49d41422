/** A file stored by the Drive fake (inspection shape). */
export interface FakeDriveFile {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  appProperties: Record<string, string>;
  /** The uploaded media as text (HTML for a converted document). */
  content: string;
  /** The media type that was uploaded (before conversion). */
  uploadedMimeType?: string;
  version: number;
  trashed: boolean;
  createdTime: string;
  modifiedTime: string;
}

/** A parsed `multipart/related` upload: JSON metadata part and media part. */
export interface MultipartUpload {
  metadata: Record<string, unknown>;
  mediaType: string;
  media: Buffer;
}

/** Parses a Drive multipart upload body (RFC 2387 `multipart/related`, metadata first, then the media). */
export function parseMultipartRelated(contentType: string, body: Buffer): MultipartUpload | string {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!/^multipart\/related/i.test(contentType) || !boundary)
    return 'Content-Type must be multipart/related with a boundary';
  const parts = body.toString('latin1').split(`--${boundary}`).slice(1, -1);
  if (parts.length !== 2) return `Expected 2 parts (metadata, media), got ${parts.length}`;
  const parsed = parts.map((raw) => {
    const text = raw.replace(/^\r?\n/, '').replace(/\r?\n$/, '');
    const sep = text.search(/\r?\n\r?\n/);
    const head = sep < 0 ? '' : text.slice(0, sep);
    const content = sep < 0 ? text : text.slice(sep).replace(/^\r?\n\r?\n/, '');
    const type = /content-type:\s*([^\r\n;]+)/i.exec(head)?.[1]?.trim() ?? 'application/octet-stream';
    return { type, content: Buffer.from(content, 'latin1') };
  });
  let metadata: Record<string, unknown>;
  try {
    metadata = JSON.parse(parsed[0]!.content.toString('utf8')) as Record<string, unknown>;
  } catch {
    return 'Metadata part is not JSON';
  }
  return { metadata, mediaType: parsed[1]!.type, media: parsed[1]!.content };
}

/** One clause of the Drive `q` subset the fake understands. */
type Clause = (f: FakeDriveFile) => boolean;

/**
 * Parses `q` clauses joined by `and`: `appProperties has { key='k' and value='v' }`, `'id' in parents`,
 * `trashed = false|true`, `name = '…'`, `mimeType = '…'`. Anything else → an error message (Drive answers 400).
 */
export function parseDriveQuery(q: string): Clause[] | string {
  const clauses: Clause[] = [];
  const str = `'((?:[^'\\\\]|\\\\.)*)'`;
  const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
  let rest = q.trim();
  while (rest.length > 0) {
    let m: RegExpExecArray | null;
    if (
      (m = new RegExp(
        `^appProperties\\s+has\\s*\\{\\s*key\\s*=\\s*${str}\\s+and\\s+value\\s*=\\s*${str}\\s*\\}`,
        'i',
      ).exec(rest))
    ) {
      const [k, v] = [unescape(m[1]!), unescape(m[2]!)];
      clauses.push((f) => f.appProperties[k] === v);
    } else if ((m = new RegExp(`^${str}\\s+in\\s+parents`, 'i').exec(rest))) {
      const id = unescape(m[1]!);
      clauses.push((f) => f.parents.includes(id));
    } else if ((m = /^trashed\s*=\s*(true|false)/i.exec(rest))) {
      const t = m[1]!.toLowerCase() === 'true';
      clauses.push((f) => f.trashed === t);
    } else if ((m = new RegExp(`^(name|mimeType)\\s*=\\s*${str}`, 'i').exec(rest))) {
      const [field, v] = [m[1]!, unescape(m[2]!)];
      clauses.push((f) => (field === 'name' ? f.name : f.mimeType) === v);
    } else {
      return `Invalid Value: q (cannot parse at "${rest.slice(0, 40)}")`;
    }
    rest = rest.slice(m[0].length).trim();
    if (rest.length === 0) break;
    const and = /^and\s+/i.exec(rest);
    if (!and) return `Invalid Value: q (expected "and" at "${rest.slice(0, 40)}")`;
    rest = rest.slice(and[0].length);
  }
  return clauses;
}

/** Keeps only the fields asked for with `fields=` (top-level names; `files(a,b)` for lists). */
export function pickFields(file: Record<string, unknown>, fields: string | null): Record<string, unknown> {
  const wanted = fields
    ? fields
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : ['kind', 'id', 'name', 'mimeType'];
  if (wanted.includes('*')) return file;
  return Object.fromEntries(wanted.filter((k) => k in file).map((k) => [k, file[k]]));
}
