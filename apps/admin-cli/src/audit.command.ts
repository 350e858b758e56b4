import { parseArgs } from 'node:util';
import type { AuditChainReport } from '@pegamento/policy-data-access';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type Output } from './dead-letters.command';

/**
 * `audit verify`: recomputes the evidence log's hash chains and reports every row that
 * was changed or removed, and each tenant's head (seq and hash). Record the heads outside
 * the database (a ticket, a log shipper) to notice later that a chain's tail was cut off.
 */
export interface AuditCommandDeps {
  /** Verifies the chains (of one tenant when given); opened only when the command needs it. */
  verify: (tenantId: string | undefined) => Promise<AuditChainReport>;
  stdout: Output;
  stderr: Output;
}

/** Exit code when the log was tampered with (distinct from a failure to check it). */
export const EXIT_TAMPERED = 3;

export const AUDIT_USAGE = `Usage: audit <command> [options]      (npm run audit -- <command> [options])

The evidence log (audit_log) is append-only and hash-chained per tenant: each row carries
the hash of the one before. Database triggers refuse changes; this checks nobody got past them.

Commands:
  verify [--tenant T] [--json]
      Recompute every chain (or tenant T's) and list each row that does not fit,
      then each chain's head: record the heads elsewhere to detect a cut-off tail later.
  help
      Show this text.

Environment: DATABASE_URL, or DATA_DIR of a running \`npm start\` (as for dead-letters).

Exit codes: 0 intact, 1 failed to check, 2 usage error, 3 tampering found.
`;

type Invocation = { command: 'help' } | { command: 'verify'; tenant: string | undefined; json: boolean };

function parseAuditArgs(argv: readonly string[]): Invocation | string {
  const [subcommand, ...rest] = argv;
  if (subcommand === undefined) return 'a command is missing (verify or help)';
  if (['help', '--help', '-h'].includes(subcommand)) return { command: 'help' };
  if (subcommand !== 'verify') return `unknown command '${subcommand}' (expected verify or help)`;
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: { tenant: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) return { command: 'help' };
    if (positionals.length > 0) return `verify takes no arguments, got '${positionals[0]}'`;
    const tenant = values.tenant;
    if (tenant !== undefined && !/^[a-z0-9][a-z0-9-]{0,63}$/.test(tenant)) return `--tenant needs a tenant id, not '${tenant}'`;
    return { command: 'verify', tenant, json: values.json === true };
  } catch (error) {
    return (error as Error).message.split('. ')[0] ?? String(error);
  }
}

/** Runs `audit <argv>`; returns the exit code. Never throws. */
export async function runAuditCommand(argv: readonly string[], deps: AuditCommandDeps): Promise<number> {
  const invocation = parseAuditArgs(argv);
  if (typeof invocation === 'string') {
    deps.stderr.write(`Error: ${invocation}.\nRun 'audit help' for the commands.\n`);
    return EXIT_USAGE;
  }
  if (invocation.command === 'help') {
    deps.stdout.write(AUDIT_USAGE);
    return EXIT_OK;
  }
  let report: AuditChainReport;
  try {
    report = await deps.verify(invocation.tenant);
  } catch (error) {
    deps.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILED;
  }
  if (invocation.json) {
    deps.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    for (const p of report.problems) deps.stdout.write(`TAMPERED  tenant ${p.tenantId}  row ${p.seq} (${p.rowId}): ${p.problem}\n`);
    if (report.heads.length === 0) deps.stdout.write(`No evidence log rows${invocation.tenant ? ` for tenant ${invocation.tenant}` : ''}.\n`);
    for (const h of report.heads) deps.stdout.write(`head  tenant ${h.tenantId}  rows ${h.rows}  seq ${h.headSeq}  hash ${h.headHash}\n`);
    deps.stdout.write(report.ok ? 'The evidence log is intact.\n' : `The evidence log was changed: ${report.problems.length} problem(s) above.\n`);
  }
  return report.ok ? EXIT_OK : EXIT_TAMPERED;
}
