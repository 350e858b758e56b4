import type { ServiceDefinition } from '@pegamento/feature-platform';
import { StandaloneModule } from './standalone.module';
import { standaloneConfigSchema, type StandaloneConfig } from './config/standalone.config';

export const standalone: ServiceDefinition<StandaloneConfig> = {
  name: 'standalone',
  schema: standaloneConfigSchema,
  allowEmbeddedDatabase: true,
  module: (config, databaseUrl) => StandaloneModule.register(config, databaseUrl),
};
