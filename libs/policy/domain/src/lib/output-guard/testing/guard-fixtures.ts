import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Loading and filling the output guard's labelled fixtures (specs only; not built).
 *
 * Fixture texts may hold placeholders, filled from the prompt and marker under test, so the
 * files do not go stale when the prompt's wording changes:
 * {{ORG}}, {{PROMPT}}, {{PROMPT_LINES:a-b}} (1-based, inclusive), {{CANARY}} and its
 * disguises {{CANARY_LOWER}}, {{CANARY_SPACED}}, {{CANARY_NODASH}}, {{CANARY_DOTTED}},
 * {{CANARY_REVERSED}}, {{CANARY_BASE64}}, {{CANARY_ROT13}}.
 */

export const FIXTURES_DIR = join(__dirname, '..', 'fixtures');

export function loadJsonl<T>(file: string, schema: z.ZodType<T>): T[] {
  return readFileSync(join(FIXTURES_DIR, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line, i) => {
      const parsed = schema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export function readFixture(file: string): string {
  return readFileSync(join(FIXTURES_DIR, file), 'utf8');
}

export interface PlaceholderValues {
  readonly prompt: string;
  readonly canary: string;
  readonly org: string;
}

function rot13(text: string): string {
  return text.replace(/[a-z]/gi, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  const { prompt, canary, org } = values;
  const lines = prompt.split('\n');
  const filled = text
    .replace(/\{\{PROMPT_LINES:(\d+)-(\d+)\}\}/g, (_, from: string, to: string) => {
      const slice = lines.slice(Number(from) - 1, Number(to));
      if (slice.length === 0) throw new Error(`no prompt lines ${from}-${to}`);
      return slice.join('\n');
    })
    .replaceAll('{{PROMPT}}', prompt)
    .replaceAll('{{ORG}}', org)
    .replaceAll('{{CANARY_LOWER}}', canary.toLowerCase())
    .replaceAll('{{CANARY_SPACED}}', [...canary].join(' '))
    .replaceAll('{{CANARY_NODASH}}', canary.replace(/-/g, ''))
    .replaceAll('{{CANARY_DOTTED}}', [...canary].join('.'))
    .replaceAll('{{CANARY_REVERSED}}', [...canary].reverse().join(''))
    .replaceAll('{{CANARY_BASE64}}', Buffer.from(canary, 'utf8').toString('base64'))
    .replaceAll('{{CANARY_ROT13}}', rot13(canary))
    .replaceAll('{{CANARY}}', canary);
  const left = /\{\{[A-Z_:0-9-]+\}\}/.exec(filled);
  if (left) throw new Error(`unknown placeholder ${left[0]}`);
  return filled;
}
