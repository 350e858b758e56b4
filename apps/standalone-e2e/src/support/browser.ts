import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const root = resolve(__dirname, '..', '..', '..', '..');

/** Debian's Chromium (installed by .ci/run); CHROMIUM_PATH overrides. Playwright never downloads one. */
export function chromiumPath(): string {
  const candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`no Chromium found (tried ${candidates.join(', ')}); install Debian's chromium or set CHROMIUM_PATH`);
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

/** A fresh browser context (axe needs a page of browser.newContext()); English UI unless told. */
export async function newPage(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  return { context, page };
}

/**
 * Bundles the widget and console into a directory of this test file's own (so parallel
 * test files never see each other's half-written bundles) and returns it, for UI_DIR.
 */
export function buildUiForTest(): string {
  const outdir = join(mkdtempSync(join(tmpdir(), 'pegamento-ui-')), 'ui');
  execFileSync(process.execPath, [join(root, 'tools', 'ui', 'build.mjs'), '--outdir', outdir, '--quiet'], { cwd: root, stdio: 'inherit' });
  return outdir;
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe-core on the page (or on the part `include` selects) with the WCAG 2.0–2.2 A/AA
 * tags and fails with every violation, its impact and its nodes, when there is any.
 */
export async function expectNoAxeViolations(page: Page, label: string, include?: string): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(AXE_TAGS);
  if (include) builder = builder.include(include);
  const result = await builder.analyze();
  if (result.violations.length === 0) return;
  const lines = result.violations.map(
    (v) => `- ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`.replace(/\n/g, ' ')).join('\n')}`,
  );
  throw new Error(`axe found ${result.violations.length} violation(s) on ${label}:\n${lines.join('\n')}`);
}

/** Saves a screenshot under test-output/screenshots/<name>.png (CI keeps test-output/). */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const dir = join(root, 'test-output', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
