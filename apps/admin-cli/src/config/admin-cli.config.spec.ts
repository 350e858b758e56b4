import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { embeddedConnectionFile } from '@pegamento/util-db';
import { ConfigError } from '@pegamento/util-config';
import { DatabaseNotFoundError, loadAdminCliConfig, resolveDatabase } from './admin-cli.config';

describe('admin CLI config', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'admin-cli-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  async function announce(content: string): Promise<void> {
    const file = embeddedConnectionFile(dataDir);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
  }

  it('defaults DATA_DIR to ./data and rejects a DATABASE_URL that is not PostgreSQL', () => {
    expect(loadAdminCliConfig({})).toEqual({ DATA_DIR: './data' });
    expect(() => loadAdminCliConfig({ DATABASE_URL: 'mysql://x/y' })).toThrow(ConfigError);
  });

  it('uses DATABASE_URL when it is set, whatever DATA_DIR holds', async () => {
    await announce(JSON.stringify({ url: 'postgres://embedded/db' }));
    const config = loadAdminCliConfig({ DATABASE_URL: 'postgres://u:p@db:5432/pegamento', DATA_DIR: dataDir });
    await expect(resolveDatabase(config)).resolves.toEqual({ url: 'postgres://u:p@db:5432/pegamento', source: 'DATABASE_URL' });
  });

  it('uses the embedded PostgreSQL a running platform announced under DATA_DIR', async () => {
    await announce(JSON.stringify({ url: 'postgres://pegamento:s@127.0.0.1:54321/pegamento', pid: 123 }));
    await expect(resolveDatabase(loadAdminCliConfig({ DATA_DIR: dataDir }))).resolves.toEqual({
      url: 'postgres://pegamento:s@127.0.0.1:54321/pegamento',
      source: 'embedded',
      dataDir,
    });
  });

  it('asks to start the platform or set DATABASE_URL when the embedded PostgreSQL was stopped', async () => {
    await announce(JSON.stringify({ url: null }));
    const resolving = resolveDatabase(loadAdminCliConfig({ DATA_DIR: dataDir }));
    await expect(resolving).rejects.toThrow(DatabaseNotFoundError);
    await expect(resolving).rejects.toThrow(/is not running; start the platform \(npm start\) or set DATABASE_URL/);
  });

  it('asks to start the platform or set DATABASE_URL when it never ran under DATA_DIR', async () => {
    await expect(resolveDatabase(loadAdminCliConfig({ DATA_DIR: dataDir }))).rejects.toThrow(
      /no embedded PostgreSQL has been started under .*; start the platform \(npm start\) or set DATABASE_URL/,
    );
  });

  it('reports a damaged connection file', async () => {
    await announce('{not json');
    await expect(resolveDatabase(loadAdminCliConfig({ DATA_DIR: dataDir }))).rejects.toThrow(/is not valid JSON/);
  });
});
