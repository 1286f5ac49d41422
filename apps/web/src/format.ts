export { formatDateTime, type DateFormatOptions } from '@pm/contracts';

/** Human status label. */
export const statusLabel = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
