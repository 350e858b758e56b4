import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { DeadLetterService } from '@pegamento/data-access-bus';
import { conversationsEntities, conversationsMigrations, encryptionStatus, reencryptAll, reindexLookups } from '@pegamento/data-access-conversations';
import { policyEntities, policyMigrations, verifyAuditChain } from '@pegamento/policy-data-access';
import { openAdminDatabase } from './admin-database';
import { runAuditCommand } from './audit.command';
import { loadAdminCliConfig, resolveAdminKeyRing, resolveDatabase } from './config/admin-cli.config';
import { EXIT_FAILED, EXIT_USAGE, runDeadLettersCommand } from './dead-letters.command';
import { runKeysCommand } from './keys.command';

const USAGE = `Usage: admin-cli dead-letters <command>   (run 'admin-cli dead-letters help' for the commands)
       admin-cli audit <command>          (run 'admin-cli audit help' for the commands)
       admin-cli keys <command>           (run 'admin-cli keys help' for the commands)\n`;

/**
 * Operator commands, run beside the platform (they need only its database):
 *   node -r ./tools/runtime/register-paths.cjs dist/apps/admin-cli/src/main.js <dead-letters|audit|keys> <command>
 * or `npm run dead-letters -- <command>`, `npm run audit -- <command>`, `npm run keys -- <command>`.
 * See apps/admin-cli/README.md.
 */
async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  let dataSource: DataSource | undefined;
  const open = async (parts?: Parameters<typeof openAdminDatabase>[1]) => {
    const database = await resolveDatabase(loadAdminCliConfig());
    dataSource = await openAdminDatabase(database, parts);
    return dataSource;
  };
  try {
    switch (command) {
      case 'dead-letters':
        return await runDeadLettersCommand(rest, {
          // Opened only when the subcommand needs it (not for help or a usage error).
          service: async () => new DeadLetterService(await open()),
          stdout: process.stdout,
          stderr: process.stderr,
        });
      case 'audit':
        return await runAuditCommand(rest, {
          verify: async (tenantId) => verifyAuditChain(await open({ entities: policyEntities, migrations: policyMigrations }), tenantId),
          stdout: process.stdout,
          stderr: process.stderr,
        });
      case 'keys': {
        // The keys are resolved before the database is opened: a missing key is the clearer error.
        const keys = () => resolveAdminKeyRing(loadAdminCliConfig());
        const conversations = () => open({ entities: conversationsEntities, migrations: conversationsMigrations });
        return await runKeysCommand(rest, {
          status: async () => {
            const ring = keys();
            return encryptionStatus(await conversations(), ring);
          },
          rotate: async (batchSize, onBatch) => {
            const ring = keys();
            return reencryptAll(await conversations(), ring, { batchSize, onBatch });
          },
          reindex: async (batchSize, onBatch) => {
            const ring = keys();
            return reindexLookups(await conversations(), ring, { batchSize, onBatch });
          },
          stdout: process.stdout,
          stderr: process.stderr,
        });
      }
      default:
        process.stderr.write(`${command === undefined ? 'Error: a command is missing' : `Error: unknown command '${command}'`}.\n${USAGE}`);
        return EXIT_USAGE;
    }
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
