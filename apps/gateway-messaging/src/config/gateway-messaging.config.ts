import { distributedSchema, encryptionEnv, twilioEnv } from '@pegamento/util-config';

/** gateway-messaging's environment, validated at boot (every bad variable listed at once). */
export const gatewayMessagingConfigSchema = distributedSchema({ ...twilioEnv, ...encryptionEnv });
export type GatewayMessagingConfig = ReturnType<typeof gatewayMessagingConfigSchema.parse>;
