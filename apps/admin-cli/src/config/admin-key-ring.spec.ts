import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveFieldKeyRing } from '@pegamento/util-crypto';
import { testFieldKeyEnv } from '@pegamento/util-crypto/testing';
import { loadAdminCliConfig, resolveAdminKeyRing } from './admin-cli.config';

describe('the admin CLI key ring', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'admin-cli-keys-'));
  });
  afterEach(async () => rm(dataDir, { recursive: true, force: true }));

  it('takes the services\' DATA_ENCRYPTION_KEYS and BLIND_INDEX_KEY when set', () => {
    const ring = resolveAdminKeyRing(loadAdminCliConfig({ DATA_DIR: dataDir, ...testFieldKeyEnv(['new', 'old']) }));
    expect(ring.currentKid).toBe('new');
    expect(ring.kids).toEqual(['new', 'old']);
  });

  it('otherwise reads the keys npm start generated under DATA_DIR, and never creates any', () => {
    expect(() => resolveAdminKeyRing(loadAdminCliConfig({ DATA_DIR: dataDir }))).toThrow(/DATA_ENCRYPTION_KEYS is not set and .*secrets\/data-encryption-keys does not exist: set DATA_ENCRYPTION_KEYS and BLIND_INDEX_KEY as the services have them, or DATA_DIR/);
    const standalone = resolveFieldKeyRing({}, dataDir);
    const ring = resolveAdminKeyRing(loadAdminCliConfig({ DATA_DIR: dataDir }));
    expect(ring.currentKid).toBe(standalone.currentKid);
    expect(ring.decrypt(standalone.encrypt('hallo', 'messages.text'), 'messages.text')).toBe('hallo');
  });
});
