import { Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import { SLACK_AGENT_DESK, type SlackAgentDesk } from './agent-desk.port';
import { SlackHandoffConsumer } from './consumers/slack-handoff.consumer';
import { SlackInteractions } from './interactions/slack-interactions';
import { SlackClient } from './send-queue/slack-client';
import { SlackSendWorker } from './send-queue/slack-send-worker';
import { SlackBolt } from './slack-bolt';
import { resolveSlackSettings, SLACK_SETTINGS, type SlackFeatureConfig } from './slack.config';
import { SlackEventsController } from './slack-events.controller';

export interface SlackAgentModuleOptions {
  /** The module that provides (and exports) the desk: HandoffFeatureModule. */
  imports: NonNullable<ModuleMetadata['imports']>;
  /** The class of the agent API's use cases (feature-agent's AgentDesk). */
  desk: Type<SlackAgentDesk>;
}

/**
 * The Slack app for agents (handoff): POST /slack/events through Bolt, cards and threads
 * through a durable send queue, and the agent API's use cases behind every action.
 * With SLACK_* unset the route exists and answers 503, and nothing is posted. Needs
 * PlatformModule (TypeORM with the conversations and handoff entities, the bus).
 */
@Module({})
export class SlackAgentModule {
  static register(config: SlackFeatureConfig, options: SlackAgentModuleOptions): DynamicModule {
    const settings = resolveSlackSettings(config);
    return {
      module: SlackAgentModule,
      imports: options.imports,
      controllers: [SlackEventsController],
      providers: [
        { provide: SLACK_SETTINGS, useValue: settings },
        // Made inside Nest, so its log lines go through the app's logger.
        { provide: SlackClient, useFactory: () => new SlackClient(settings) },
        { provide: SLACK_AGENT_DESK, useExisting: options.desk },
        SlackSendWorker,
        SlackInteractions,
        SlackBolt,
        SlackHandoffConsumer,
      ],
    };
  }
}
