/**
 * True when `href` may be emitted as a link: an absolute http(s) or mailto URL, nothing else
 * (no javascript:, data:, vbscript:, file:, protocol-relative or relative URLs).
 * Control characters and whitespace are stripped before the scheme check, the way browsers do,
 * so `java\tscript:` or ` javascript:` cannot slip through.
 */
export function isSafeHref(href: unknown): href is string {
  if (typeof href !== 'string' || href.length === 0 || href.length > 4096) return false;
  // eslint-disable-next-line no-control-regex
  const normalized = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(normalized);
  if (!scheme) return false;
  return scheme[1] === 'http' || scheme[1] === 'https' || scheme[1] === 'mailto';
}
