import { distributedSchema, encryptionEnv, uiEnv, webChatEnv } from '@pegamento/util-config';

/** gateway-web's environment, validated at boot (every bad variable listed at once). */
export const gatewayWebConfigSchema = distributedSchema({ ...webChatEnv, ...uiEnv, ...encryptionEnv });
export type GatewayWebConfig = ReturnType<typeof gatewayWebConfigSchema.parse>;
