export { HandoffFeatureModule } from './lib/handoff-feature.module';
export { HANDOFF_FEATURE_CONFIG, type AuthConfig, type HandoffFeatureConfig } from './lib/handoff-feature.config';
export { HandoffMetrics, TIME_TO_HUMAN_METRIC } from './lib/metrics/handoff.metrics';
