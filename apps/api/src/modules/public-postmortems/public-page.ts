import { createHash } from 'node:crypto';
import {
  EXPORT_CSS,
  jsonToHtmlDocument,
  redactPublicText,
  type JSONContent,
  type PublicRedactionRules,
} from '@pm/doc-model';

/** The hash source of the page's one inline stylesheet (the exporter's `<style>` holds EXPORT_CSS verbatim). */
export const PUBLIC_STYLE_HASH = `'sha256-${createHash('sha256').update(EXPORT_CSS, 'utf8').digest('base64')}'`;

/**
 * The policy of public pages (header and meta): nothing runs or loads except the hashed stylesheet and inline
 * images; no base URL, no form target, no framing.
 */
export const PUBLIC_CSP = [
  "default-src 'none'",
  `style-src ${PUBLIC_STYLE_HASH}`,
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** `frame-ancestors` is ignored in a meta element: the meta copy leaves it out (the header carries it). */
const META_CSP = PUBLIC_CSP.replace("; frame-ancestors 'none'", '');

/**
 * The complete static page of a public postmortem, rendered by the document model's one HTML exporter. The title
 * goes through the same rules; a document whose chosen sections do not start with a title gets one.
 */
export function publicPage(doc: JSONContent, title: string, rules: PublicRedactionRules): string {
  const publicTitle = redactPublicText(title, rules) || 'Postmortem';
  const first = doc.content?.[0];
  const hasTitle = first?.type === 'heading' && Number(first.attrs?.['level'] ?? 1) === 1;
  const content: JSONContent[] = [
    ...(hasTitle
      ? []
      : [{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: publicTitle }] }]),
    ...(doc.content ?? []),
    { type: 'horizontalRule' },
    {
      type: 'paragraph',
      content: [
        {
          type: 'text',
          marks: [{ type: 'italic' }],
          text: 'Published postmortem: people are named by their role and internal details are removed.',
        },
      ],
    },
  ];
  return jsonToHtmlDocument({ type: 'doc', content }, { title: publicTitle, csp: META_CSP });
}

/** The page of an unknown or revoked link: the same frame and policy, nothing about what was there. */
export const NOT_FOUND_PAGE = jsonToHtmlDocument(
  {
    type: 'doc',
    content: [
      {
        type: 'heading',
        attrs: { level: 1 },
        content: [{ type: 'text', text: 'This postmortem is not available' }],
      },
      {
        type: 'paragraph',
        content: [{ type: 'text', text: 'The link is wrong, or the page was taken down.' }],
      },
    ],
  },
  { title: 'Not available', csp: META_CSP },
);
