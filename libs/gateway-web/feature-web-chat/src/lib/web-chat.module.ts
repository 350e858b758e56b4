import { Module, type DynamicModule } from '@nestjs/common';
import { ConversationAccess } from './conversation-access';
import { FlagAnswerUseCase } from './flag-answer/flag-answer.use-case';
import { RequestHandoffUseCase } from './request-handoff/request-handoff.use-case';
import { SendCustomerMessageUseCase } from './send-customer-message/send-customer-message.use-case';
import { StartConversationUseCase } from './start-conversation/start-conversation.use-case';
import { WebChatController } from './web-chat.controller';
import { WEB_CHAT_CONFIG, type WebChatConfig } from './web-chat.config';
import { WebChatEvents } from './web-chat.events';
import { WebPushConsumer } from './web-push.consumer';

/** gateway-web: the customer's web chat (REST + socket.io). */
@Module({})
export class WebChatModule {
  static register(config: WebChatConfig): DynamicModule {
    return {
      module: WebChatModule,
      controllers: [WebChatController],
      providers: [
        { provide: WEB_CHAT_CONFIG, useValue: config },
        ConversationAccess,
        StartConversationUseCase,
        SendCustomerMessageUseCase,
        RequestHandoffUseCase,
        FlagAnswerUseCase,
        WebChatEvents,
        WebPushConsumer,
      ],
    };
  }
}
