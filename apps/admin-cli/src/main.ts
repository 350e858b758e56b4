import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { DeadLetterService } from '@pegamento/data-access-bus';
import { openAdminDatabase } from './admin-database';
import { loadAdminCliConfig, resolveDatabase } from './config/admin-cli.config';
import { EXIT_FAILED, EXIT_USAGE, runDeadLettersCommand } from './dead-letters.command';

/**
 * Operator commands, run beside the platform (they need only its database):
 *   node -r ./tools/runtime/register-paths.cjs dist/apps/admin-cli/src/main.js dead-letters <command>
 * or `npm run dead-letters -- <command>`. See apps/admin-cli/README.md.
 */
async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'dead-letters') {
    process.stderr.write(
      `${command === undefined ? 'Error: a command is missing' : `Error: unknown command '${command}'`}.\n` +
        `Usage: admin-cli dead-letters <command>   (run 'admin-cli dead-letters help' for the commands)\n`,
    );
    return EXIT_USAGE;
  }
  let dataSource: DataSource | undefined;
  try {
    return await runDeadLettersCommand(rest, {
      // Opened only when the subcommand needs it (not for help or a usage error).
      service: async () => {
        const database = await resolveDatabase(loadAdminCliConfig());
        dataSource = await openAdminDatabase(database);
        return new DeadLetterService(dataSource);
      },
      stdout: process.stdout,
      stderr: process.stderr,
    });
  } finally {
    await dataSource?.destroy().catch(() => undefined);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT_FAILED;
  },
);
