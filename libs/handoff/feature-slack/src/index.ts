export { SlackAgentModule, type SlackAgentModuleOptions } from './lib/slack-agent.module';
export { SLACK_AGENT_DESK, type SlackAgentDesk, type DeskQueueItem } from './lib/agent-desk.port';
export { resolveSlackSettings, SLACK_EVENTS_PATH, type SlackFeatureConfig, type SlackSettings } from './lib/slack.config';
