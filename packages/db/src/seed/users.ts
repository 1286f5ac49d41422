import type { Role } from '@pm/contracts';

/** Password of every demo user (documented in the README; change it outside demos). */
export const DEMO_PASSWORD = 'postmortem-demo';

/** The three demo accounts, one per role. */
export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; handle: string; role: Role }> = [
  { email: 'admin@example.com', name: 'Ada Admin', handle: 'ada', role: 'admin' },
  { email: 'standard@example.com', name: 'Sam Standard', handle: 'sam', role: 'standard' },
  { email: 'readonly@example.com', name: 'Rita Reader', handle: 'rita', role: 'read_only' },
];
