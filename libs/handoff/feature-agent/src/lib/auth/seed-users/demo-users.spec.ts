import { DEMO_USERS, demoUserActive } from './demo-users';

describe('demo users', () => {
  it('are active only when DEMO_USERS is on and no real user of the role is configured', () => {
    expect(demoUserActive({ DEMO_USERS: true }, 'agent')).toBe(true);
    expect(demoUserActive({ DEMO_USERS: true }, 'admin')).toBe(true);
    expect(demoUserActive({ DEMO_USERS: true, SEED_AGENT_EMAIL: 'sanne@example.test' }, 'agent')).toBe(false);
    expect(demoUserActive({ DEMO_USERS: true, SEED_AGENT_EMAIL: 'sanne@example.test' }, 'admin')).toBe(true);
    expect(demoUserActive({ DEMO_USERS: false }, 'agent')).toBe(false);
  });

  it('are never active when the config has no DEMO_USERS at all (a distributed service)', () => {
    expect(demoUserActive({}, 'agent')).toBe(false);
    expect(demoUserActive({}, 'admin')).toBe(false);
  });

  it('have passwords long enough for the SEED_* rule and addresses under a reserved test domain', () => {
    for (const user of DEMO_USERS) {
      expect(user.password.length).toBeGreaterThanOrEqual(10);
      expect(user.email).toMatch(/@demo\.pegamento\.test$/);
    }
  });
});
