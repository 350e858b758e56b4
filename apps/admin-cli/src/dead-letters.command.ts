import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { DeadLetterError, type DeadLetterService, type DeadLetterView } from '@pegamento/data-access-bus';

/**
 * `dead-letters`: lists and replays the events consumer groups gave up on. The logic
 * (parse → run → output) lives here, free of process and database handling, so tests
 * drive it with a real service and captured output; main.ts opens and closes the database.
 */

/** What the command needs of DeadLetterService. */
export type DeadLetterOperations = Pick<DeadLetterService, 'list' | 'replay'>;

export interface Output {
  write(text: string): unknown;
}

export interface DeadLettersCommandDeps {
  /** The service, or a function that opens it: called only when a subcommand needs the database. */
  service: DeadLetterOperations | (() => Promise<DeadLetterOperations>);
  stdout: Output;
  stderr: Output;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Largest page the service returns. */
const MAX_LIMIT = 1_000;
const DEFAULT_LIMIT = 100;
const ERROR_COLUMN_WIDTH = 120;

export const DEAD_LETTERS_USAGE = `Usage: dead-letters <command> [options]      (npm run dead-letters -- <command> [options])

Dead letters are events a consumer group gave up on after its retries. Replaying one puts
the original event back on its topic through the outbox: the running services publish it,
the group that failed gets it again, and groups that already handled it skip it.

Commands:
  list [--group G] [--all] [--limit N] [--json]
      Open dead letters, oldest first.
        --group G   only those of consumer group G
        --all       include dead letters that were already replayed
        --limit N   at most N (1-${MAX_LIMIT}, default ${DEFAULT_LIMIT})
        --json      full records as JSON instead of a table
  replay <id>
      Replay one dead letter (its id from \`list\`).
  replay --all [--group G]
      Replay every open dead letter (of consumer group G). Dead letters that are not valid
      events cannot be replayed; they are reported and left in place.
  help
      Show this text.

Environment:
  DATABASE_URL  PostgreSQL of the platform. Without it, the embedded PostgreSQL that a
                running \`npm start\` keeps under DATA_DIR.
  DATA_DIR      Data directory of \`npm start\` (default ./data).

Exit codes: 0 done, 1 failed, 2 usage error.
`;

class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type DeadLettersInvocation =
  | { command: 'help' }
  | { command: 'list'; group: string | undefined; includeReplayed: boolean; limit: number; json: boolean }
  | { command: 'replay'; id: string }
  | { command: 'replay-all'; group: string | undefined };

interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Options of one subcommand (each also takes --help / -h). */
function parse(args: readonly string[], options: ParseArgsOptionsConfig): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    // Node's own messages, without their advice on `--` (which does not apply here).
    const message = (error as Error).message.split('. ')[0] ?? String(error);
    throw new UsageError(message);
  }
}

function groupOption(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.startsWith('-')) {
    throw new UsageError('--group needs a consumer group name');
  }
  return value;
}

function limitOption(value: unknown): number {
  if (value === undefined) return DEFAULT_LIMIT;
  const limit = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new UsageError(`--limit must be a whole number from 1 to ${MAX_LIMIT}, not '${String(value)}'`);
  }
  return limit;
}

/** Reads the command line (after `dead-letters`); throws UsageError on anything it does not understand. */
export function parseDeadLettersArgs(argv: readonly string[]): DeadLettersInvocation {
  const [subcommand, ...rest] = argv;
  switch (subcommand) {
    case undefined:
      throw new UsageError('a command is missing (list, replay or help)');
    case 'help':
    case '--help':
    case '-h':
      return { command: 'help' };
    case 'list': {
      const { values, positionals } = parse(rest, {
        group: { type: 'string' },
        all: { type: 'boolean' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
      });
      if (values['help']) return { command: 'help' };
      if (positionals.length > 0) throw new UsageError(`list takes no arguments, got '${positionals[0]}'`);
      return {
        command: 'list',
        group: groupOption(values['group']),
        includeReplayed: values['all'] === true,
        limit: limitOption(values['limit']),
        json: values['json'] === true,
      };
    }
    case 'replay': {
      const { values, positionals } = parse(rest, { all: { type: 'boolean' }, group: { type: 'string' } });
      if (values['help']) return { command: 'help' };
      const group = groupOption(values['group']);
      if (values['all']) {
        if (positionals.length > 0) throw new UsageError('replay takes either an id or --all, not both');
        return { command: 'replay-all', group };
      }
      if (group !== undefined) throw new UsageError('--group goes with replay --all');
      if (positionals.length === 0) throw new UsageError('replay needs the id of a dead letter (see list), or --all');
      if (positionals.length > 1) throw new UsageError('replay takes one id at a time (or --all)');
      const id = positionals[0]!.trim();
      if (id === '') throw new UsageError('replay needs the id of a dead letter (see list), or --all');
      return { command: 'replay', id };
    }
    default:
      throw new UsageError(`unknown command '${subcommand}' (expected list, replay or help)`);
  }
}

/** Runs `dead-letters <argv>`; returns the exit code. Never throws. */
export async function runDeadLettersCommand(argv: readonly string[], deps: DeadLettersCommandDeps): Promise<number> {
  let invocation: DeadLettersInvocation;
  try {
    invocation = parseDeadLettersArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    deps.stderr.write(`Error: ${error.message}.\nRun 'dead-letters help' for the commands.\n`);
    return EXIT_USAGE;
  }
  if (invocation.command === 'help') {
    deps.stdout.write(DEAD_LETTERS_USAGE);
    return EXIT_OK;
  }
  try {
    const service = typeof deps.service === 'function' ? await deps.service() : deps.service;
    switch (invocation.command) {
      case 'list':
        return await list(service, invocation, deps);
      case 'replay':
        return await replayOne(service, invocation.id, deps);
      case 'replay-all':
        return await replayAll(service, invocation.group, deps);
    }
  } catch (error) {
    deps.stderr.write(`Error: ${describeError(error)}\n`);
    return EXIT_FAILED;
  }
}

async function list(
  service: DeadLetterOperations,
  options: Extract<DeadLettersInvocation, { command: 'list' }>,
  { stdout, stderr }: DeadLettersCommandDeps,
): Promise<number> {
  const letters = await service.list({ group: options.group, includeReplayed: options.includeReplayed, limit: options.limit });
  if (options.json) {
    stdout.write(`${JSON.stringify(letters, null, 2)}\n`);
  } else if (letters.length === 0) {
    const which = options.includeReplayed ? 'dead letters' : 'open dead letters';
    stdout.write(`No ${which}${options.group === undefined ? '' : ` in group ${clean(options.group)}`}.\n`);
  } else {
    stdout.write(table(letters, options.includeReplayed));
  }
  if (letters.length === options.limit) {
    stderr.write(`Showing the first ${options.limit}; there may be more (--limit, up to ${MAX_LIMIT}).\n`);
  }
  return EXIT_OK;
}

async function replayOne(service: DeadLetterOperations, id: string, { stdout }: DeadLettersCommandDeps): Promise<number> {
  const letter = await service.replay(id);
  const again = letter.replayCount > 1 ? ` (replay number ${letter.replayCount})` : '';
  stdout.write(
    `Replayed dead letter ${letter.id}${again}: event ${letter.eventId} (${clean(letter.eventType ?? '?')}) is in the outbox ` +
      `for ${clean(letter.topic)}; the running services publish it and group ${clean(letter.consumerGroup)} gets it again.\n`,
  );
  return EXIT_OK;
}

/**
 * Replays the open dead letters one by one (each in its own transaction), reporting
 * each; one that is not replayable is reported and skipped, the others still go.
 */
async function replayAll(service: DeadLetterOperations, group: string | undefined, { stdout, stderr }: DeadLettersCommandDeps): Promise<number> {
  const seen = new Set<string>();
  let replayed = 0;
  let skipped = 0;
  for (;;) {
    // Replayed letters leave the open list; skipped ones stay, hence `seen`.
    const page = await service.list({ group, limit: MAX_LIMIT });
    const fresh = page.filter((letter) => !seen.has(letter.id));
    for (const letter of fresh) {
      seen.add(letter.id);
      try {
        const done = await service.replay(letter.id);
        replayed += 1;
        stdout.write(`Replayed ${done.id}  ${clean(done.consumerGroup)}  ${clean(done.eventType ?? '?')}  event ${done.eventId}\n`);
      } catch (error) {
        if (!(error instanceof DeadLetterError)) {
          stderr.write(`Stopped after ${replayed} replayed, at dead letter ${letter.id}.\n`);
          throw error;
        }
        // not_found: replayed (and cleaned up) by someone else meanwhile.
        skipped += 1;
        stderr.write(`Skipped ${letter.id}: ${clean(error.message)}\n`);
      }
    }
    if (fresh.length === 0 || page.length < MAX_LIMIT) break;
  }
  const where = group === undefined ? '' : ` in group ${clean(group)}`;
  if (replayed === 0 && skipped === 0) {
    stdout.write(`No open dead letters${where} to replay.\n`);
  } else {
    stdout.write(
      `Replayed ${replayed} dead letter${replayed === 1 ? '' : 's'}${where}` +
        `${skipped > 0 ? `, skipped ${skipped} that cannot be replayed` : ''}. The running services publish them from the outbox.\n`,
    );
  }
  return EXIT_OK;
}

// ---------------------------------------------------------------------------------------
// Output

/** Control characters (terminal escapes among them) from stored data never reach the terminal. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

function firstLine(text: string, width: number): string {
  const line = clean(text.split(/\r?\n/, 1)[0] ?? '').trim();
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

function timestamp(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, 'Z');
}

function table(letters: readonly DeadLetterView[], withReplayed: boolean): string {
  const header = ['ID', 'GROUP', 'TYPE', 'CONVERSATION', 'ATTEMPTS', 'DEAD-LETTERED AT', ...(withReplayed ? ['REPLAYED AT'] : []), 'ERROR'];
  const rows = letters.map((l) => [
    l.id,
    clean(l.consumerGroup),
    l.eventType === null ? '(not an event)' : clean(l.eventType),
    clean(l.conversationId),
    String(l.attempts),
    timestamp(l.deadLetteredAt),
    ...(withReplayed ? [l.replayedAt === null ? '-' : timestamp(l.replayedAt)] : []),
    firstLine(l.error, ERROR_COLUMN_WIDTH),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [header, ...rows].map(format).join('\n') + '\n';
}

function describeError(error: unknown): string {
  if (error instanceof DeadLetterError) return error.message;
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  if (error instanceof Error) return error.message || (error as NodeJS.ErrnoException).code || error.name;
  return String(error);
}
