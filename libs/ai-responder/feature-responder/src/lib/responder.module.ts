import { Module, type DynamicModule } from '@nestjs/common';
import { KnowledgeRepository } from '@pegamento/ai-responder-data-access-knowledge';
import { DraftReplyConsumer } from './draft-reply.consumer';
import { DemoKnowledgeLoader } from './knowledge/demo-knowledge.loader';
import { KnowledgeController } from './knowledge/knowledge.controller';
import { RESPONDER_CONFIG, type ResponderConfig } from './responder.config';

/** ai-responder: the knowledge base and the assistant's drafts. */
@Module({})
export class ResponderModule {
  static register(config: ResponderConfig): DynamicModule {
    return {
      module: ResponderModule,
      controllers: [KnowledgeController],
      providers: [{ provide: RESPONDER_CONFIG, useValue: config }, KnowledgeRepository, DraftReplyConsumer, DemoKnowledgeLoader],
    };
  }
}
