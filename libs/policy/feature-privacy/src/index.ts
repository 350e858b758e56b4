export { PrivacyModule } from './lib/privacy.module';
export { PRIVACY_CONFIG, type PrivacyConfig } from './lib/privacy.config';
export { RetentionJob, type RetentionRunView } from './lib/retention/retention.job';
export { CONVERSATION_STORES } from './lib/erasure/erase-stores';
