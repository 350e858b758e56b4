import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createEvent } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import { EU_OPENAI_BASE_URL, type ModelConfig, type ModelResidency } from '@pegamento/ai-responder-data-access-model';
import { DEFAULT_MODEL_EU_HOSTS, MODEL_ENDPOINT_AUDIT_ACTION, PLATFORM_AUDIT_TENANT, hostOf, isAllowedModelHost } from '@pegamento/shared-domain';
import { RESPONDER_CONFIG, type ResponderConfig } from '../responder.config';

/** The conversation id of the platform-wide evidence row (not a conversation). */
export const PLATFORM_EVIDENCE_KEY = 'platform';

/** Where the model endpoint is; for a config built by hand (tests) it is worked out from the base URL and the default list. */
export function residencyOf(model: ModelConfig | null): ModelResidency | null {
  if (!model) return null;
  if (model.residency) return model.residency;
  const baseUrl = model.baseUrl ?? EU_OPENAI_BASE_URL;
  return { host: hostOf(baseUrl), inEuAllowList: isAllowedModelHost(baseUrl, DEFAULT_MODEL_EU_HOSTS), nonEuAllowed: false };
}

/**
 * Records at every start which model endpoint this ai-responder uses, and whether it is on
 * the EU allow-list (R21), as platform-wide evidence (`audit.recorded`, tenant
 * {@link PLATFORM_AUDIT_TENANT}). The policy service writes it to the evidence log and the
 * compliance report of every tenant shows it: in the distributed deployment the policy
 * service does not know the model config, so the fact travels as an event. An endpoint
 * outside the list (accepted with MODEL_ALLOW_NON_EU=true) is also logged as a warning.
 */
@Injectable()
export class ModelEndpointRecorder implements OnApplicationBootstrap {
  private readonly logger = new Logger(ModelEndpointRecorder.name);

  constructor(
    @Inject(RESPONDER_CONFIG) private readonly config: ResponderConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const residency = residencyOf(this.config.model);
    const inEu = residency === null || residency.inEuAllowList;
    if (residency && !inEu) {
      this.logger.warn(
        { modelHost: residency.host },
        `the model endpoint ${residency.host} is outside the EU allow-list (MODEL_EU_HOSTS); MODEL_ALLOW_NON_EU=true accepts it: record the transfer and its safeguards (R21, docs/privacy)`,
      );
    }
    await this.dataSource.transaction((manager) =>
      appendToOutbox(manager, [
        createEvent('audit.recorded', {
          tenantId: PLATFORM_AUDIT_TENANT,
          conversationId: PLATFORM_EVIDENCE_KEY,
          payload: {
            action: MODEL_ENDPOINT_AUDIT_ACTION,
            actor: { type: 'system', id: null },
            reason: residency === null ? 'no model configured: answers from the knowledge base alone' : inEu ? 'endpoint on the EU allow-list' : 'MODEL_ALLOW_NON_EU=true',
            details: {
              configured: residency !== null,
              host: residency?.host ?? null,
              inEuAllowList: inEu,
              nonEuAllowed: residency?.nonEuAllowed ?? false,
            },
          },
        }),
      ]),
    );
  }
}
