/**
 * RFC 4180 CSV cells and rows, safe to open in a spreadsheet: a cell starting with `=`, `+`, `-`, `@` (or a tab /
 * carriage return, which some spreadsheets skip before reading a formula) is prefixed with `'` so it is shown as
 * text instead of being run as a formula (OWASP "CSV injection"); every cell holding a comma, quote or line break
 * is quoted with its quotes doubled.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s =
    typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (CRLF-terminated, as RFC 4180 says). */
export const csvRow = (cells: readonly unknown[]): string => `${cells.map(csvCell).join(',')}\r\n`;
