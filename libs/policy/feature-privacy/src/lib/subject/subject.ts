// The full metadata: the default (min) build checks lengths only and takes 12345 for a Dutch number.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';

/** A data subject as an admin names them: an e-mail address, a phone number, or both. */
export interface Subject {
  /** Lower-cased. */
  email: string | null;
  /** E.164 (matched in any notation: the blind indexes are of the E.164 form). */
  phone: string | null;
}

export const subjectQuerySchema = z
  .object({
    email: z.email().max(320).optional(),
    phone: z.string().min(3).max(40).optional(),
  })
  .strict()
  .refine((s) => s.email !== undefined || s.phone !== undefined, { message: 'give an email or a phone' });

export class InvalidSubjectError extends Error {
  override readonly name = 'InvalidSubjectError';
}

/** Normalises what the admin typed; a phone number is read as Dutch unless it has a country code. */
export function toSubject(input: z.infer<typeof subjectQuerySchema>, defaultCountry: 'NL' = 'NL'): Subject {
  let phone: string | null = null;
  if (input.phone !== undefined) {
    const parsed = parsePhoneNumberFromString(input.phone.replace(/^whatsapp:/, '').replace(/^00/, '+'), defaultCountry);
    if (!parsed?.isValid()) throw new InvalidSubjectError(`"${input.phone}" is not a valid phone number`);
    phone = parsed.number;
  }
  return { email: input.email?.trim().toLowerCase() ?? null, phone };
}
