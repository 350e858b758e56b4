import { Module, type DynamicModule } from '@nestjs/common';
import { AgentController } from './agent/agent.controller';
import { AgentDesk } from './agent/agent-desk';
import { AgentConversationsController } from './agent/agent-conversations.controller';
import { ClaimConversationUseCase } from './agent/claim-conversation/claim-conversation.use-case';
import { CloseConversationUseCase } from './agent/close-conversation/close-conversation.use-case';
import { ListConversationsUseCase } from './agent/list-conversations/list-conversations.use-case';
import { ListQueueUseCase } from './agent/list-queue/list-queue.use-case';
import { ReadTranscriptUseCase } from './agent/read-transcript/read-transcript.use-case';
import { ReleaseConversationUseCase } from './agent/release-conversation/release-conversation.use-case';
import { SendAgentReplyUseCase } from './agent/send-agent-reply/send-agent-reply.use-case';
import { UpdateAvailabilityUseCase } from './agent/update-availability/update-availability.use-case';
import { AutoAssignUseCase } from './assignment/auto-assign/auto-assign.use-case';
import { AuthController } from './auth/auth.controller';
import { LoginThrottle } from './auth/login-throttle';
import { LoginUseCase } from './auth/login/login.use-case';
import { PasswordHasher } from './auth/password-hasher';
import { SeedUsersUseCase } from './auth/seed-users/seed-users.use-case';
import { RefreshSessionController } from './auth/refresh-session/refresh-session.controller';
import { RefreshSessionUseCase } from './auth/refresh-session/refresh-session.use-case';
import { ConsoleController } from './console/console.controller';
import { HandoffRequestedConsumer } from './consumers/handoff-requested.consumer';
import { HANDOFF_FEATURE_CONFIG, type HandoffFeatureConfig } from './handoff-feature.config';
import { AgentLiveGateway } from './live/agent-live.gateway';
import { LiveUpdatesConsumer } from './live/live-updates.consumer';
import { HandoffMetrics } from './metrics/handoff.metrics';

/**
 * The handoff service's feature: agent login, the agent API, the agent console (GET
 * /console from UI_DIR) and its live updates (socket.io at /api/v1/agent/socket),
 * seeding of the SEED_* (and, standalone, demo) users, and the `handoff.requested`
 * consumer (summaries, auto-assignment). Needs PlatformModule (TypeORM with the conversations and handoff
 * entities, the bus, the metrics Registry) and AuthModule.forRoot in the app.
 */
@Module({})
export class HandoffFeatureModule {
  static register(config: HandoffFeatureConfig): DynamicModule {
    return {
      module: HandoffFeatureModule,
      controllers: [AuthController, RefreshSessionController, AgentConversationsController, AgentController, ConsoleController],
      providers: [
        { provide: HANDOFF_FEATURE_CONFIG, useValue: config },
        PasswordHasher,
        LoginThrottle,
        HandoffMetrics,
        LoginUseCase,
        SeedUsersUseCase,
        ListConversationsUseCase,
        ReadTranscriptUseCase,
        ClaimConversationUseCase,
        SendAgentReplyUseCase,
        ReleaseConversationUseCase,
        CloseConversationUseCase,
        ListQueueUseCase,
        UpdateAvailabilityUseCase,
        AutoAssignUseCase,
        HandoffRequestedConsumer,
        RefreshSessionUseCase,
        AgentLiveGateway,
        LiveUpdatesConsumer,
        AgentDesk,
      ],
      // AgentDesk: the Slack app (feature-slack) acts through the same use cases.
      exports: [HandoffMetrics, AgentDesk],
    };
  }
}
