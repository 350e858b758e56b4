import { TwilioSender } from '@pegamento/gateway-messaging-data-access-twilio';
import type { TwilioSettings } from '../twilio-messaging.config';

/** The SDK client the send and deletion workers use, against TWILIO_API_BASE_URL; null with Twilio off. */
export function twilioSenderFor(settings: TwilioSettings): TwilioSender | null {
  if (!settings.enabled) return null;
  return new TwilioSender({ accountSid: settings.accountSid, authToken: settings.authToken, baseUrl: settings.apiBaseUrl, timeoutMs: settings.send.timeoutMs });
}
