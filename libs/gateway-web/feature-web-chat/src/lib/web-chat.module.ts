import { Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { ConversationAccess } from './conversation-access';
import { DemoTenantSeeder } from './demo-tenant/demo-tenant.seeder';
import { FlagAnswerUseCase } from './flag-answer/flag-answer.use-case';
import { RequestHandoffUseCase } from './request-handoff/request-handoff.use-case';
import { SendCustomerMessageUseCase } from './send-customer-message/send-customer-message.use-case';
import { StartConversationUseCase } from './start-conversation/start-conversation.use-case';
import { WebChatController } from './web-chat.controller';
import { WEB_CHAT_CONFIG, type WebChatConfig } from './web-chat.config';
import { WebChatEvents } from './web-chat.events';
import { WebChatCorsMiddleware, WidgetOrigins } from './web-cors.middleware';
import { WebInfoController } from './web-info/web-info.controller';
import { WebInfoQuery } from './web-info/web-info.query';
import { WebPushConsumer } from './web-push.consumer';
import { WidgetAssetsController } from './widget-assets/widget-assets.controller';
import { WidgetPagesController } from './widget-assets/widget-pages.controller';

/** gateway-web: the customer's web chat (REST + socket.io), the widget's script and gateway-web's pages. */
@Module({})
export class WebChatModule implements NestModule {
  static register(config: WebChatConfig): DynamicModule {
    return {
      module: WebChatModule,
      controllers: [WebChatController, WebInfoController, WidgetAssetsController, WidgetPagesController],
      providers: [
        { provide: WEB_CHAT_CONFIG, useValue: config },
        ConversationAccess,
        StartConversationUseCase,
        SendCustomerMessageUseCase,
        RequestHandoffUseCase,
        FlagAnswerUseCase,
        WebChatEvents,
        WebPushConsumer,
        WebInfoQuery,
        DemoTenantSeeder,
        WidgetOrigins,
      ],
    };
  }

  /** The widget calls the API from the organisation's own sites: CORS for the allowed origins on the web chat routes. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(WebChatCorsMiddleware).forRoutes({ path: 'api/v1/web/*path', method: RequestMethod.ALL });
  }
}
