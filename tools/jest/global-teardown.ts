import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { STARTED_MARK } from './global-setup';

/** Stops the infrastructure the global setup started; leaves alone what was already running. */
export default async function globalTeardown(): Promise<void> {
  if (!existsSync(STARTED_MARK) || process.env['PEGAMENTO_KEEP_INFRA'] === '1') return;
  rmSync(STARTED_MARK);
  execFileSync('bash', [join(__dirname, '..', 'infra', 'down.sh')], { stdio: 'inherit' });
}
