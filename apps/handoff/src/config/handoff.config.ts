import { authEnv, distributedSchema, encryptionEnv, slackEnv, twilioEnv, uiEnv, webChatEnv } from '@pegamento/util-config';

/** handoff's environment, validated at boot (every bad variable listed at once). */
export const handoffConfigSchema = distributedSchema({
  ...authEnv,
  ...webChatEnv,
  ...uiEnv,
  ...encryptionEnv,
  // The Slack app for agents (SLACK_*; unset = off).
  ...slackEnv,
  // The agent API enforces WhatsApp's window and sends the approved templates.
  WHATSAPP_WINDOW_HOURS: twilioEnv.WHATSAPP_WINDOW_HOURS,
  WHATSAPP_TEMPLATES: twilioEnv.WHATSAPP_TEMPLATES,
});
export type HandoffConfig = ReturnType<typeof handoffConfigSchema.parse>;
