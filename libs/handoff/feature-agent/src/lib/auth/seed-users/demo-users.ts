import type { UserRole } from '@pegamento/handoff-data-access';
import type { HandoffFeatureConfig } from '../../handoff-feature.config';

export interface DemoUser {
  role: UserRole;
  email: string;
  password: string;
  displayName: string;
}

/**
 * The demo accounts of `npm start` (standalone only, DEMO_USERS, default true there): public
 * credentials so the console can be tried at once. `.test` is a reserved top-level domain.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  { role: 'agent', email: 'agent@demo.pegamento.test', password: 'demo-agent-2026', displayName: 'Demo Agent' },
  { role: 'admin', email: 'admin@demo.pegamento.test', password: 'demo-admin-2026', displayName: 'Demo Admin' },
];

/**
 * Whether the demo account of a role may be used: only when DEMO_USERS is on (no distributed
 * schema has it) and no real user of that role is configured (SEED_<ROLE>_EMAIL).
 */
export function demoUserActive(config: Pick<HandoffFeatureConfig, 'DEMO_USERS' | 'SEED_AGENT_EMAIL' | 'SEED_ADMIN_EMAIL'>, role: UserRole): boolean {
  if (config.DEMO_USERS !== true) return false;
  return !(role === 'agent' ? config.SEED_AGENT_EMAIL : config.SEED_ADMIN_EMAIL);
}
