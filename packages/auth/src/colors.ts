import { createHash } from 'node:crypto';

/** Cursor colours: saturated enough to see on white, dark enough for white label text. */
export const USER_COLORS = [
  '#d32f2f',
  '#c2185b',
  '#7b1fa2',
  '#512da8',
  '#303f9f',
  '#1976d2',
  '#0277bd',
  '#00796b',
  '#2e7d32',
  '#4e6a14',
  '#bf360c',
  '#6d4c41',
] as const;

/** A stable colour for a user: the same id always gets the same palette entry. */
export function colorForUser(userId: string): string {
  const n = createHash('sha256').update(userId, 'utf8').digest().readUInt32BE(0);
  return USER_COLORS[n % USER_COLORS.length]!;
}
