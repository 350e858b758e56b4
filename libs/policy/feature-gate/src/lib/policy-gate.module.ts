import { Module } from '@nestjs/common';
import { AnnounceStatusUseCase } from './announce-status/announce-status.use-case';
import { AuditLogConsumer } from './audit-log.consumer';
import { ComplianceController } from './compliance-report/compliance.controller';
import { ComplianceReportQuery } from './compliance-report/compliance-report.query';
import { CustomerNotifier } from './customer-notifier';
import { DeliverAgentReplyUseCase } from './deliver-agent-reply/deliver-agent-reply.use-case';
import { DeliverAiDraftUseCase } from './deliver-ai-draft/deliver-ai-draft.use-case';
import { EvaluateInboundUseCase } from './evaluate-inbound/evaluate-inbound.use-case';
import { PolicyGateConsumer } from './policy-gate.consumer';

/** policy: the gate (disclosure, labels, escalation, opening hours), the evidence log and its report. */
@Module({
  controllers: [ComplianceController],
  providers: [
    CustomerNotifier,
    EvaluateInboundUseCase,
    DeliverAiDraftUseCase,
    DeliverAgentReplyUseCase,
    AnnounceStatusUseCase,
    PolicyGateConsumer,
    AuditLogConsumer,
    ComplianceReportQuery,
  ],
})
export class PolicyGateModule {}
