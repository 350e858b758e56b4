import { distributedSchema, webChatEnv } from '@pegamento/util-config';

/** gateway-web's environment, validated at boot (every bad variable listed at once). */
export const gatewayWebConfigSchema = distributedSchema(webChatEnv);
export type GatewayWebConfig = ReturnType<typeof gatewayWebConfigSchema.parse>;
