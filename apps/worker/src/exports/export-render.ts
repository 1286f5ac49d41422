import { DOWNLOAD_FORMATS, EXPORT_MAX_FILE_BYTES } from '@pm/contracts';
import { jsonToHtmlDocument, jsonToMarkdown, type JSONContent } from '@pm/doc-model';

/** A rendered download, ready to be stored on the export row. */
export interface RenderedFile {
  bytes: Buffer;
  contentType: string;
  fileName: string;
}

/** The part of the PDF renderer an export needs (the real one is shared by every job of the process). */
export interface PdfPrinter {
  render(html: string): Promise<Buffer>;
}

/** A rendered file over the stored-file limit: permanent, the same document would be as large next time. */
export class ExportTooLargeError extends Error {
  readonly code = 'EXPORT_TOO_LARGE';
}

/**
 * A safe download name from the title: letters, digits, spaces, dots, dashes and underscores only (so the
 * Content-Disposition header needs no escaping), at most 100 characters, never empty.
 */
export function fileNameFor(title: string, extension: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^\w .-]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 100)
    .trim();
  return `${base || 'postmortem'}.${extension}`;
}

/**
 * Renders a notebook document as Markdown, a self-contained HTML page, or a PDF printed from that same page.
 * Every format escapes the document's text, so markup and `javascript:` links in incident data stay inert.
 */
export async function renderDownload(
  kind: keyof typeof DOWNLOAD_FORMATS,
  json: JSONContent,
  title: string,
  pdf: PdfPrinter,
  maxBytes = EXPORT_MAX_FILE_BYTES,
): Promise<RenderedFile> {
  const format = DOWNLOAD_FORMATS[kind];
  let bytes: Buffer;
  switch (kind) {
    case 'markdown':
      bytes = Buffer.from(jsonToMarkdown(json), 'utf8');
      break;
    case 'html':
      bytes = Buffer.from(jsonToHtmlDocument(json, { title }), 'utf8');
      break;
    case 'pdf':
      bytes = await pdf.render(jsonToHtmlDocument(json, { title }));
      break;
    default: {
      const never: never = kind;
      throw new Error(`no renderer for ${String(never)}`);
    }
  }
  if (bytes.length > maxBytes)
    throw new ExportTooLargeError(
      `the ${kind} file is ${bytes.length} bytes; at most ${maxBytes} can be stored`,
    );
  return { bytes, contentType: format.contentType, fileName: fileNameFor(title, format.extension) };
}
