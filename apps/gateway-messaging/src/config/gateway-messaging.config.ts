import { distributedPlatformSchema } from '@pegamento/util-config';

/** gateway-messaging's environment, validated at boot (every bad variable listed at once). */
export const gatewayMessagingConfigSchema = distributedPlatformSchema;
export type GatewayMessagingConfig = ReturnType<typeof gatewayMessagingConfigSchema.parse>;
