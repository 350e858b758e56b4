import type { DataSource } from 'typeorm';
import { policyEntities, policyMigrations, verifyAuditChain } from '@pegamento/policy-data-access';
import { createTestDatabase, type TestDatabase } from '@pegamento/util-testing';
import { openAdminDatabase } from './admin-database';
import { EXIT_TAMPERED, runAuditCommand } from './audit.command';

class Captured {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

describe('audit verify command', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    // The CLI's own way in, with the policy tables.
    ds = await openAdminDatabase({ url: db.url, source: 'DATABASE_URL' }, { entities: policyEntities, migrations: policyMigrations });
    for (const [tenant, action] of [['shop-a', 'disclosure.shown'], ['shop-a', 'escalation.requested'], ['shop-b', 'disclosure.shown']]) {
      await ds.query(`INSERT INTO audit_log (tenant_id, action, actor_type, details, occurred_at) VALUES ($1, $2, 'system', '{"v":1}', now())`, [tenant, action]);
    }
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  async function run(argv: string[]) {
    const stdout = new Captured();
    const stderr = new Captured();
    const code = await runAuditCommand(argv, { verify: (tenant) => verifyAuditChain(ds, tenant), stdout, stderr });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  it('reports an intact log with each tenant’s head, and exits 0', async () => {
    const r = await run(['verify']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/head {2}tenant shop-a {2}rows 2 {2}seq 2 {2}hash [0-9a-f]{64}/);
    expect(r.stdout).toMatch(/head {2}tenant shop-b {2}rows 1 {2}seq 1/);
    expect(r.stdout).toContain('The evidence log is intact.');
    const json = await run(['verify', '--tenant', 'shop-b', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, problems: [], heads: [{ tenantId: 'shop-b', rows: 1, headSeq: 1 }] });
  });

  it('names the changed row and exits 3 after a superuser edits the log behind the triggers', async () => {
    await ds.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`UPDATE audit_log SET action = 'nothing.to.see' WHERE tenant_id = 'shop-a' AND seq = 1`);
    });
    const r = await run(['verify']);
    expect(r.code).toBe(EXIT_TAMPERED);
    expect(r.stdout).toMatch(/TAMPERED {2}tenant shop-a {2}row 1 \([0-9a-f-]{36}\): the row was changed/);
    expect(r.stdout).toContain('The evidence log was changed: 1 problem(s) above.');
    // Only the tenant asked about is checked.
    expect((await run(['verify', '--tenant', 'shop-b'])).code).toBe(0);
  });

  it('answers usage errors with exit 2 and the help text with 0', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['repair'])).stderr).toContain("unknown command 'repair'");
    expect((await run(['verify', '--tenant', 'Not A Tenant'])).code).toBe(2);
    expect((await run(['verify', 'extra'])).code).toBe(2);
    const help = await run(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('hash-chained');
  });

  it('exits 1 with the reason when the check itself fails', async () => {
    const stderr = new Captured();
    const code = await runAuditCommand(['verify'], { verify: () => Promise.reject(new Error('connection refused')), stdout: new Captured(), stderr });
    expect(code).toBe(1);
    expect(stderr.text).toContain('connection refused');
  });
});
