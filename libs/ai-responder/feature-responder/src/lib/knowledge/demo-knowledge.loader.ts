import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { parseMarkdownArticle } from '@pegamento/ai-responder-data-access-knowledge';
import { KnowledgeService } from './knowledge.service';
import { RESPONDER_CONFIG, type ResponderConfig } from '../responder.config';
import { DEMO_KNOWLEDGE } from './demo-knowledge';

/** Loads the demo knowledge base on the first start of a tenant that has none (standalone; KNOWLEDGE_DEMO=false turns it off). */
@Injectable()
export class DemoKnowledgeLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoKnowledgeLoader.name);

  constructor(
    private readonly knowledge: KnowledgeService,
    @Inject(RESPONDER_CONFIG) private readonly config: ResponderConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.loadDemoKnowledge) return;
    const tenantId = this.config.DEFAULT_TENANT_ID;
    if ((await this.knowledge.repository.count(tenantId)) > 0) return;
    for (const demo of DEMO_KNOWLEDGE) {
      const { title, body } = parseMarkdownArticle(demo.markdown)!;
      await this.knowledge.create({ tenantId, locale: demo.locale, title, body, url: demo.url, origin: 'demo' });
    }
    this.logger.log(`loaded the demo knowledge base (${DEMO_KNOWLEDGE.length} articles) for tenant ${tenantId}`);
  }
}
