/**
 * Generates a TypeORM migration for one library's entities, the way `typeorm
 * migration:generate` does: it applies the library's existing migrations to a
 * scratch database, diffs the entities against it and writes the missing DDL as
 * `<lib>/src/migrations/<timestamp>-<Name>.ts`. Review the file, then add the class
 * to that folder's index.ts.
 *
 *   npm run db:migration:generate -- <library> <PascalCaseName>
 *   (library: bus | conversations | handoff | policy | knowledge | crm)
 *
 * Uses DATABASE_URL's server, else postgres://postgres@127.0.0.1:5432/postgres.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { busEntities, busMigrations } from '../../libs/shared/data-access-bus/src/lib/bus-schema';
import { conversationsEntities, conversationsMigrations } from '../../libs/shared/data-access-conversations/src/index';
import { handoffEntities, handoffMigrations } from '../../libs/handoff/data-access/src/index';
import { policyEntities, policyMigrations } from '../../libs/policy/data-access/src/index';
import { dataSourceOptions } from '../../libs/shared/util-db/src/index';
import { knowledgeEntities, knowledgeMigrations } from '../../libs/ai-responder/data-access-knowledge/src/index';
import { crmEntities, crmMigrations } from '../../libs/crm-sync/data-access-crm/src/lib/crm-schema';

const libraries = {
  bus: { dir: 'libs/shared/data-access-bus/src/migrations', entities: busEntities, migrations: busMigrations },
  conversations: { dir: 'libs/shared/data-access-conversations/src/migrations', entities: conversationsEntities, migrations: conversationsMigrations },
  handoff: { dir: 'libs/handoff/data-access/src/migrations', entities: handoffEntities, migrations: handoffMigrations },
  policy: { dir: 'libs/policy/data-access/src/migrations', entities: policyEntities, migrations: policyMigrations },
  knowledge: { dir: 'libs/ai-responder/data-access-knowledge/src/migrations', entities: knowledgeEntities, migrations: knowledgeMigrations },
  crm: { dir: 'libs/crm-sync/data-access-crm/src/migrations', entities: crmEntities, migrations: crmMigrations },
} as const;

async function main(): Promise<void> {
  const [lib, name] = process.argv.slice(2);
  const target = libraries[lib as keyof typeof libraries];
  if (!target || !name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    console.error(`usage: generate-migration <${Object.keys(libraries).join('|')}> <PascalCaseName>`);
    process.exit(2);
  }
  const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const scratch = `migration_scratch_${Date.now()}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${scratch}`);
  const url = new URL(serverUrl);
  url.pathname = `/${scratch}`;
  const ds = new DataSource(
    dataSourceOptions({ url: url.toString(), applicationName: 'generate-migration', entities: [...target.entities], migrations: [...target.migrations] }),
  );
  try {
    await ds.initialize();
    await ds.runMigrations();
    const sql = await ds.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      console.log('No changes: the entities match the migrations.');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const q = (s: string) => '`' + s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
    const line = (x: { query: string; parameters?: unknown[] }) =>
      `    await queryRunner.query(${q(x.query)}${x.parameters?.length ? `, ${JSON.stringify(x.parameters)}` : ''});`;
    const up = sql.upQueries.map(line).join('\n');
    const down = [...sql.downQueries].reverse().map(line).join('\n');
    const file = join(target.dir, `${timestamp}-${name}.ts`);
    writeFileSync(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\n` +
        `export class ${className} implements MigrationInterface {\n  name = '${className}';\n\n` +
        `  public async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n` +
        `  public async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
    );
    console.log(`Wrote ${file}`);
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${scratch}`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
