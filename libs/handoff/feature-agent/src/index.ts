export { HandoffFeatureModule } from './lib/handoff-feature.module';
export { HANDOFF_FEATURE_CONFIG, type AuthConfig, type HandoffFeatureConfig } from './lib/handoff-feature.config';
export { HandoffMetrics, TIME_TO_HUMAN_METRIC } from './lib/metrics/handoff.metrics';
export { AgentDesk } from './lib/agent/agent-desk';
export type { QueueItem } from './lib/agent/list-queue/list-queue.use-case';
export type { Transcript, TranscriptMessage } from './lib/agent/read-transcript/read-transcript.use-case';
