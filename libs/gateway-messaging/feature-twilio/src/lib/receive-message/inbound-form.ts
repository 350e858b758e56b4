import { z } from 'zod';
import type { FormParams } from '../webhook/twilio-request';

/** Twilio allows at most 10 media on one inbound message. */
export const MAX_INBOUND_MEDIA = 10;
/** conversation.inbound v1 carries at most 20,000 characters. */
export const MAX_INBOUND_TEXT = 20_000;

const one = z.string().max(2_000);
export const inboundFormSchema = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, 'a Twilio MessageSid (SM/MM + 32 hex)'),
  From: one.min(1),
  To: one.min(1),
  Body: z.string().optional(),
  NumMedia: z
    .string()
    .regex(/^\d{1,2}$/)
    .transform(Number)
    .pipe(z.number().max(MAX_INBOUND_MEDIA))
    .optional(),
});

export interface InboundMedia {
  contentType: string;
  url: string | null;
}

/** MediaUrl0…, MediaContentType0…: the media Twilio says came with the message. */
export function inboundMedia(params: FormParams, count: number): InboundMedia[] {
  const media: InboundMedia[] = [];
  for (let i = 0; i < count; i++) {
    const url = params[`MediaUrl${i}`];
    const type = params[`MediaContentType${i}`];
    const urlText = typeof url === 'string' && /^https?:\/\//i.test(url) && url.length <= 2_000 ? url : null;
    const typeText = typeof type === 'string' && /^[\w.+-]+\/[\w.+-]+/.test(type) ? type.slice(0, 255) : 'application/octet-stream';
    if (urlText || typeof type === 'string') media.push({ contentType: typeText, url: urlText });
  }
  return media;
}
