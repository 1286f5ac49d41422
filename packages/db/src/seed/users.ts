import type { Role } from '@pm/contracts';

/** Password of every demo user (documented in the README; change it outside demos). */
export const DEMO_PASSWORD = 'postmortem-demo';

/**
 * The demo accounts: one per role first (admin, standard, read only), then three engineers (Standard) who command
 * and respond to the demo incidents. Marco is a responder on the private demo incident; Sam is not, so signing in as
 * each shows what private visibility hides.
 */
export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; handle: string; role: Role }> = [
  { email: 'admin@example.com', name: 'Ada Admin', handle: 'ada', role: 'admin' },
  { email: 'standard@example.com', name: 'Sam Standard', handle: 'sam', role: 'standard' },
  { email: 'readonly@example.com', name: 'Rita Reader', handle: 'rita', role: 'read_only' },
  { email: 'priya@example.com', name: 'Priya Natarajan', handle: 'priya', role: 'standard' },
  { email: 'marco@example.com', name: 'Marco Silva', handle: 'marco', role: 'standard' },
  { email: 'lena@example.com', name: 'Lena Vogel', handle: 'lena', role: 'standard' },
];
