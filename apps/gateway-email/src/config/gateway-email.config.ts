import { distributedSchema, emailEnv, encryptionEnv } from '@pegamento/util-config';

/** gateway-email's environment, validated at boot (every bad variable listed at once). */
export const gatewayEmailConfigSchema = distributedSchema({ ...emailEnv, ...encryptionEnv });
export type GatewayEmailConfig = ReturnType<typeof gatewayEmailConfigSchema.parse>;
