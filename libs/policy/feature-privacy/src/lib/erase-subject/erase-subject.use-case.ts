import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createEvent } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import type { AgentPrincipal } from '@pegamento/util-auth';
import { addCounts, eraseContacts, eraseConversations, type ErasureCounts } from '../erasure/erase-stores';
import { findSubjectScope } from '../subject/subject-scope';
import type { Subject } from '../subject/subject';

export interface DeletionReport {
  erasedAt: string;
  /** Rows erased per store. */
  erased: ErasureCounts;
  /** Stores the platform cannot reach row by row, and how the person's data leaves them. */
  notes: string[];
}

/**
 * POST /api/v1/privacy/subjects/erase (R20): removes one person from every store of the
 * admin's tenant in one transaction, and answers with a deletion report. The evidence of
 * the erasure holds counts only.
 */
@Injectable()
export class EraseSubjectUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async execute(admin: AgentPrincipal, subject: Subject): Promise<DeletionReport> {
    const erased = await this.dataSource.transaction(async (manager) => {
      const scope = await findSubjectScope(manager, admin.tenantId, subject);
      const counts = await eraseConversations(manager, admin.tenantId, scope.conversationIds);
      addCounts(counts, await eraseContacts(manager, admin.tenantId, scope.contactIds, scope.identityIds));
      await appendToOutbox(manager, [
        createEvent('audit.recorded', {
          tenantId: admin.tenantId,
          conversationId: admin.tenantId,
          payload: { action: 'privacy.subject.erased', actor: { type: admin.role, id: admin.userId }, reason: 'data subject request (GDPR art. 17)', details: { ...counts } },
        }),
      ]);
      return counts;
    });
    return {
      erasedAt: new Date().toISOString(),
      erased,
      notes: [
        "Events already published to Kafka stay in its log until the topics' retention, but their contents were sealed under the conversations' event keys, now deleted: no copy can be read any more (ADR 0018, docs/privacy/erasure.md).",
        'Database backups keep erased data until they expire; restore procedures re-apply erasures (docs/privacy/erasure.md).',
      ],
    };
  }
}
