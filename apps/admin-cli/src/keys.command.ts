import { parseArgs } from 'node:util';
import type { EncryptionStatus, ReindexResult } from '@pegamento/data-access-conversations';
import { newBlindIndexKey, newDataKeyEntry } from '@pegamento/util-crypto';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type Output } from './dead-letters.command';

/**
 * `keys`: the application-level encryption's maintenance (ADR 0015). `status` counts the
 * values per key id in every encrypted column; `rotate` re-encrypts every value that is not
 * under the current (first) key of DATA_ENCRYPTION_KEYS, plaintext included; `reindex`
 * recomputes the blind indexes from the decrypted values; `new-key` prints fresh keys.
 * Parsing and output live here; main.ts opens the database and the keys.
 */
export interface KeysCommandDeps {
  status: () => Promise<EncryptionStatus>;
  rotate: (batchSize: number, onBatch: (table: string, rows: number) => void) => Promise<Record<string, number>>;
  reindex: (batchSize: number, onBatch: (table: string, rows: number) => void) => Promise<ReindexResult>;
  stdout: Output;
  stderr: Output;
}

/** Rows per transaction of rotate and reindex. */
export const KEYS_DEFAULT_BATCH = 500;
export const KEYS_MAX_BATCH = 10_000;
/** `status` found values that `rotate` would still re-encrypt, or `reindex` found conflicting addresses. */
export const EXIT_INCOMPLETE = 3;

export const KEYS_USAGE = `Usage: keys <command> [options]      (npm run keys -- <command> [options])

Message texts, names, e-mail addresses, phone numbers and channel addresses are encrypted
in the application (AES-256-GCM). DATA_ENCRYPTION_KEYS lists the keys as kid:base64key,
the first one encrypts, every one listed decrypts. Look-ups by e-mail or phone use blind
indexes keyed by BLIND_INDEX_KEY.

Commands:
  status [--json]
      Values per key id in every encrypted column ("plaintext": written before encryption
      was switched on), and blind indexes still missing. Exit 3 while any value is not
      under the current key or an index is missing.
  rotate [--batch N]
      Re-encrypt every value that is not under the current key (and encrypt plaintext), in
      transactions of N rows (1-${KEYS_MAX_BATCH}, default ${KEYS_DEFAULT_BATCH}). Idempotent: run it again after an
      interruption; values already under the current key are left alone.
  reindex [--batch N]
      Recompute every blind index (contacts' e-mail and phone, channel addresses, the
      identifiers in customers' messages) with BLIND_INDEX_KEY. Once after upgrading, and
      after BLIND_INDEX_KEY changed. Exit 3 when two identities turn out to share an address.
  new-key [--kid ID]
      Print a new DATA_ENCRYPTION_KEYS entry and a new BLIND_INDEX_KEY (nothing is stored).
  help
      Show this text.

Rotating the data key, without downtime:
  1. Add the new key LAST to DATA_ENCRYPTION_KEYS of every service and restart them
     (they can now read it).
  2. Move it FIRST and restart again (new values are written with it).
  3. npm run keys -- rotate; npm run keys -- status shows only the new key id.
  4. Remove the old key.
  Standalone: the keys are in DATA_DIR/secrets/data-encryption-keys (same format); put the
  new entry first, restart npm start, then rotate.

Environment: DATA_ENCRYPTION_KEYS and BLIND_INDEX_KEY (those of the services), or the keys
\`npm start\` keeps under DATA_DIR/secrets; DATABASE_URL or DATA_DIR as for dead-letters.

Exit codes: 0 done, 1 failed, 2 usage error, 3 incomplete (see status and reindex).
`;

type Invocation =
  | { command: 'help' }
  | { command: 'status'; json: boolean }
  | { command: 'rotate' | 'reindex'; batch: number }
  | { command: 'new-key'; kid: string | undefined };

const COMMANDS = ['status', 'rotate', 'reindex', 'new-key', 'help'];

function parseKeysArgs(argv: readonly string[]): Invocation | string {
  const [subcommand, ...rest] = argv;
  if (subcommand === undefined) return `a command is missing (${COMMANDS.join(', ')})`;
  if (['help', '--help', '-h'].includes(subcommand)) return { command: 'help' };
  if (!COMMANDS.includes(subcommand)) return `unknown command '${subcommand}' (expected ${COMMANDS.join(', ')})`;
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: { json: { type: 'boolean' }, batch: { type: 'string' }, kid: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) return { command: 'help' };
    if (positionals.length > 0) return `${subcommand} takes no arguments, got '${positionals[0]}'`;
    const misplaced = (Object.keys(values) as (keyof typeof values)[]).find(
      (option) => !({ status: ['json'], rotate: ['batch'], reindex: ['batch'], 'new-key': ['kid'] } as Record<string, string[]>)[subcommand]!.includes(option),
    );
    if (misplaced) return `${subcommand} does not take --${misplaced}`;
    if (subcommand === 'status') return { command: 'status', json: values.json === true };
    if (subcommand === 'new-key') {
      if (values.kid !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(values.kid)) return `--kid needs 1-32 of A-Z a-z 0-9 _ -, not '${values.kid}'`;
      return { command: 'new-key', kid: values.kid };
    }
    const batch = values.batch === undefined ? KEYS_DEFAULT_BATCH : Number(values.batch);
    if (!Number.isInteger(batch) || batch < 1 || batch > KEYS_MAX_BATCH) return `--batch needs a whole number from 1 to ${KEYS_MAX_BATCH}, not '${values.batch}'`;
    return { command: subcommand as 'rotate' | 'reindex', batch };
  } catch (error) {
    return (error as Error).message.split('. ')[0] ?? String(error);
  }
}

function printStatus(status: EncryptionStatus, out: Output): void {
  out.write(`current key: ${status.currentKid}\n`);
  if (status.columns.length === 0) out.write('No encrypted values yet.\n');
  const width = Math.max(...status.columns.map((c) => c.column.length), ...status.missingBlindIndexes.map((m) => m.column.length), 6);
  const kidWidth = Math.max(...status.columns.map((c) => c.kid.length), 'missing'.length);
  for (const c of status.columns) out.write(`${c.column.padEnd(width)}  ${c.kid.padEnd(kidWidth)}  ${c.rows}${c.kid === status.currentKid ? '' : '  (rotate)'}\n`);
  for (const m of status.missingBlindIndexes) out.write(`${m.column.padEnd(width)}  ${'missing'.padEnd(kidWidth)}  ${m.rows}  (reindex)\n`);
  out.write(
    status.pending === 0 && status.missingBlindIndexes.length === 0
      ? `Every value is under key ${status.currentKid} and indexed.\n`
      : `${status.pending} value(s) not under key ${status.currentKid}${status.missingBlindIndexes.length ? '; blind indexes missing' : ''}.\n`,
  );
}

/** Runs `keys <argv>`; returns the exit code. Never throws. */
export async function runKeysCommand(argv: readonly string[], deps: KeysCommandDeps): Promise<number> {
  const invocation = parseKeysArgs(argv);
  if (typeof invocation === 'string') {
    deps.stderr.write(`Error: ${invocation}.\nRun 'keys help' for the commands.\n`);
    return EXIT_USAGE;
  }
  if (invocation.command === 'help') {
    deps.stdout.write(KEYS_USAGE);
    return EXIT_OK;
  }
  if (invocation.command === 'new-key') {
    deps.stdout.write(`DATA_ENCRYPTION_KEYS entry: ${newDataKeyEntry(invocation.kid)}\nBLIND_INDEX_KEY: ${newBlindIndexKey()}\n`);
    return EXIT_OK;
  }
  try {
    if (invocation.command === 'status') {
      const status = await deps.status();
      if (invocation.json) deps.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
      else printStatus(status, deps.stdout);
      return status.pending === 0 && status.missingBlindIndexes.length === 0 ? EXIT_OK : EXIT_INCOMPLETE;
    }
    const progress = (table: string, rows: number) => deps.stderr.write(`${table}: ${rows} row(s)\n`);
    if (invocation.command === 'rotate') {
      const changed = await deps.rotate(invocation.batch, progress);
      for (const [table, rows] of Object.entries(changed)) deps.stdout.write(`re-encrypted  ${table}  ${rows}\n`);
      deps.stdout.write(`Done: ${Object.values(changed).reduce((a, b) => a + b, 0)} row(s) re-encrypted with the current key.\n`);
      return EXIT_OK;
    }
    const result = await deps.reindex(invocation.batch, progress);
    deps.stdout.write(
      `reindexed  contacts ${result.contacts}  channel identities ${result.channelIdentities}  customer messages ${result.customerMessages}\n`,
    );
    for (const conflict of result.conflicts) deps.stdout.write(`CONFLICT  ${conflict}\n`);
    if (result.conflicts.length > 0) {
      deps.stdout.write('Two channel identities share an address: merge or delete one, then run reindex again.\n');
      return EXIT_INCOMPLETE;
    }
    return EXIT_OK;
  } catch (error) {
    deps.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILED;
  }
}
