import { Inject, Module, Optional, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { KnowledgeRepository } from '@pegamento/ai-responder-data-access-knowledge';
import { ANSWER_MODEL, createAnswerModel, type AnswerModel } from '@pegamento/ai-responder-data-access-model';
import { DraftReplyConsumer } from './draft-reply.consumer';
import { HandoffSummaryConsumer } from './handoff-summary.consumer';
import { DemoKnowledgeLoader } from './knowledge/demo-knowledge.loader';
import { KnowledgeController } from './knowledge/knowledge.controller';
import { KnowledgeService } from './knowledge/knowledge.service';
import { ModelEndpointRecorder } from './privacy/model-endpoint.recorder';
import { RESPONDER_CONFIG, type ResponderConfig } from './responder.config';

/** Ends the model client's kept-alive connections when the service stops. */
class ModelLifecycle implements OnApplicationShutdown {
  constructor(@Optional() @Inject(ANSWER_MODEL) private readonly model: (AnswerModel & { close?: () => void }) | null) {}

  onApplicationShutdown(): void {
    this.model?.close?.();
  }
}

/** ai-responder: the knowledge base and the assistant's drafts (with or without a model). */
@Module({})
export class ResponderModule {
  static register(config: ResponderConfig): DynamicModule {
    return {
      module: ResponderModule,
      controllers: [KnowledgeController],
      providers: [
        { provide: RESPONDER_CONFIG, useValue: config },
        { provide: ANSWER_MODEL, useFactory: () => createAnswerModel(config.model) },
        KnowledgeRepository,
        KnowledgeService,
        DraftReplyConsumer,
        HandoffSummaryConsumer,
        DemoKnowledgeLoader,
        ModelLifecycle,
        ModelEndpointRecorder,
      ],
    };
  }
}
