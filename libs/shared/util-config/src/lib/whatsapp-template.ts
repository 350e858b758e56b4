import type { WhatsappTemplate } from './env-schemas';

export type TemplateRenderResult = { ok: true; text: string } | { ok: false; missing: string[]; unknown: string[] };

const PLACEHOLDER = /\{\{\s*(\d{1,2})\s*\}\}/g;

/** The `{{1}}`, `{{2}}`, … a template's text asks for, in order of first appearance. */
export function templatePlaceholders(template: Pick<WhatsappTemplate, 'text'>): string[] {
  return [...new Set([...template.text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * An approved WhatsApp template's text with its placeholders filled in: every
 * placeholder needs a value, and no value may name a placeholder the text lacks.
 */
export function renderWhatsappTemplate(template: Pick<WhatsappTemplate, 'text'>, variables: Readonly<Record<string, string>> = {}): TemplateRenderResult {
  const wanted = templatePlaceholders(template);
  const missing = wanted.filter((n) => variables[n] === undefined || variables[n] === '');
  const unknown = Object.keys(variables).filter((n) => !wanted.includes(n));
  if (missing.length > 0 || unknown.length > 0) return { ok: false, missing, unknown };
  return { ok: true, text: template.text.replace(PLACEHOLDER, (_all, n: string) => variables[n]!) };
}
