import { z } from 'zod';
import { ALWAYS_OPEN, openingHoursSchema } from './opening-hours';

/** Sensitive topics that hand a conversation to a person (crisis always does; it is not a setting). */
export const HANDOFF_TOPICS = ['complaint', 'cancellation', 'bereavement', 'payment_trouble', 'medical', 'legal'] as const;

/**
 * A tenant's settings (tenants.settings), with defaults for everything. The AI
 * disclosure is deliberately not among them: a tenant cannot switch it off (R02).
 */
export const tenantSettingsSchema = z
  .object({
    /** When people answer; outside these hours a request for a person becomes a ticket (R12). Default: always staffed. */
    openingHours: openingHoursSchema.default(ALWAYS_OPEN),
    /** The organisation's other human channels, shown to customers (R11). */
    humanRoutes: z
      .object({ phone: z.string().max(40).nullable().default(null), email: z.email().nullable().default(null) })
      .default({ phone: null, email: null }),
    /** The organisation's privacy notice (AI use, sub-processors; R23). Null: the platform's own page, /privacy. */
    privacyNoticeUrl: z.url({ protocol: /^https?$/ }).max(2_000).nullable().default(null),
    /** The organisation's accessibility statement (R27). Null: the platform's own page, /accessibility. */
    accessibilityStatementUrl: z.url({ protocol: /^https?$/ }).max(2_000).nullable().default(null),
    triggers: z
      .object({
        /** Answers in a row the assistant could not ground before a person takes over; 0 turns it off. */
        ungroundedAnswers: z.number().int().min(0).max(10).default(2),
        frustration: z.boolean().default(true),
        sensitiveTopics: z.array(z.enum(HANDOFF_TOPICS)).default([...HANDOFF_TOPICS]),
      })
      .default({ ungroundedAnswers: 2, frustration: true, sensitiveTopics: [...HANDOFF_TOPICS] }),
    /**
     * Sites that embed the widget (`https://www.example.nl`, scheme and host only): the web
     * chat API answers CORS for these origins only, besides the platform's own (R22).
     */
    widgetOrigins: z
      .array(z.url({ protocol: /^https?$/ }).refine((v) => new URL(v).origin === v, 'an origin: scheme, host and port only, e.g. https://www.example.nl'))
      .max(50)
      .default([]),
    /**
     * The legal basis (in words, e.g. "Zvw art. 87") on which the organisation may keep a
     * customer's BSN, or special-category data (GDPR art. 9/10). Null: such data in a
     * customer's message is masked before it is stored or shown to an agent (R16).
     */
    legalBasis: z
      .object({ bsn: z.string().min(3).max(500).nullable().default(null), specialCategories: z.string().min(3).max(500).nullable().default(null) })
      .default({ bsn: null, specialCategories: null }),
    /** Days conversations are kept after their last activity (R19); null: the platform's RETENTION_DAYS. */
    retentionDays: z.number().int().min(1).max(3_650).nullable().default(null),
    /** Give waiting conversations to the least-busy available agent (off: agents claim). */
    autoAssign: z.boolean().default(false),
  })
  .strict();

export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

/** Reads stored settings; anything unreadable falls back to the defaults rather than failing a customer's message. */
export function parseTenantSettings(raw: unknown): TenantSettings {
  const parsed = tenantSettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : tenantSettingsSchema.parse({});
}
