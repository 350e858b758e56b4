import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { MODEL_ENDPOINT_AUDIT_ACTION, PLATFORM_AUDIT_TENANT } from '@pegamento/shared-domain';

export interface ChannelCompliance {
  channel: string;
  conversations: number;
  /** Conversations whose first outbound message was the AI disclosure (R01). */
  disclosedAtFirstInteraction: number;
  disclosureShare: number | null;
  humanRequests: number;
  humanRequestsAnswered: number;
  /** Requests for a person that no person has answered yet. */
  unansweredRequests: number;
  /** From a request for a person to a person's first message. */
  timeToHumanSeconds: { median: number | null; p90: number | null };
  flaggedAnswers: number;
}

/** One model endpoint the assistant used, as each ai-responder recorded it at start (R21). */
export interface ModelEndpointRecord {
  /** null: no model was configured (answers from the knowledge base alone; nothing left the platform). */
  host: string | null;
  /** On the EU allow-list (MODEL_EU_HOSTS). */
  inEuAllowList: boolean;
  /** MODEL_ALLOW_NON_EU=true was set. */
  nonEuAllowed: boolean;
  /** The last start with this endpoint up to the end of the period. */
  lastStartedAt: string;
}

export interface ModelEndpointCompliance {
  /** The endpoint in effect when the period began and every one started during it, oldest first. */
  endpoints: ModelEndpointRecord[];
  /** An endpoint outside the EU allow-list was in use: the transfer must be documented (R21). */
  outsideEu: boolean;
}

export interface ComplianceReport {
  from: string;
  to: string;
  channels: ChannelCompliance[];
  totals: Omit<ChannelCompliance, 'channel'>;
  /** Where the model ran (R21); the same for every tenant of the deployment. */
  modelEndpoint: ModelEndpointCompliance;
}

const CHANNELS = ['web', 'whatsapp', 'sms', 'email'];

interface Row {
  channel: string;
  conversations: number;
  disclosed: number;
  requests: number;
  answered: number;
  median: number | null;
  p90: number | null;
  flagged: number;
}

/** R07 evidence in figures, per channel, for one tenant and period. */
@Injectable()
export class ComplianceReportQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run(tenantId: string, from: Date, to: Date): Promise<ComplianceReport> {
    const rows = (await this.dataSource.query(
      `
      WITH channels AS (SELECT unnest($4::text[]) AS channel),
      conv AS (
        SELECT c.id, c.channel,
               (SELECT m.id FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'outbound'
                 ORDER BY m.created_at, m.id LIMIT 1) AS first_outbound_id
          FROM conversations c
         WHERE c.tenant_id = $1 AND c.created_at >= $2 AND c.created_at < $3),
      disclosures AS (
        SELECT DISTINCT details->>'messageId' AS message_id FROM audit_log
         WHERE tenant_id = $1 AND action = 'disclosure.shown'),
      req AS (
        SELECT channel, requested_at, first_human_reply_at,
               EXTRACT(EPOCH FROM (first_human_reply_at - requested_at)) AS seconds
          FROM handoff_requests
         WHERE tenant_id = $1 AND trigger <> 'agent_initiated' AND requested_at >= $2 AND requested_at < $3),
      flags AS (
        SELECT c.channel, count(*)::int AS flagged FROM messages m JOIN conversations c ON c.id = m.conversation_id
         WHERE m.tenant_id = $1 AND m.flagged AND m.author_type = 'ai' AND m.created_at >= $2 AND m.created_at < $3
         GROUP BY c.channel)
      SELECT ch.channel,
             (SELECT count(*)::int FROM conv WHERE conv.channel = ch.channel) AS conversations,
             (SELECT count(*)::int FROM conv JOIN disclosures d ON d.message_id = conv.first_outbound_id::text
               WHERE conv.channel = ch.channel) AS disclosed,
             (SELECT count(*)::int FROM req WHERE req.channel = ch.channel) AS requests,
             (SELECT count(*)::int FROM req WHERE req.channel = ch.channel AND first_human_reply_at IS NOT NULL) AS answered,
             (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FROM req WHERE req.channel = ch.channel AND seconds IS NOT NULL) AS median,
             (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) FROM req WHERE req.channel = ch.channel AND seconds IS NOT NULL) AS p90,
             COALESCE((SELECT flagged FROM flags WHERE flags.channel = ch.channel), 0) AS flagged
        FROM channels ch`,
      [tenantId, from, to, CHANNELS],
    )) as Row[];
    const [totals] = (await this.dataSource.query(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY s) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY s) AS p90
         FROM (SELECT EXTRACT(EPOCH FROM (first_human_reply_at - requested_at)) AS s FROM handoff_requests
                WHERE tenant_id = $1 AND trigger <> 'agent_initiated' AND requested_at >= $2 AND requested_at < $3
                  AND first_human_reply_at IS NOT NULL) x`,
      [tenantId, from, to],
    )) as { median: number | null; p90: number | null }[];
    const modelEndpoint = await this.modelEndpoint(from, to);
    const channels = rows.map(toChannel);
    const sum = (pick: (c: ChannelCompliance) => number) => channels.reduce((n, c) => n + pick(c), 0);
    const conversations = sum((c) => c.conversations);
    const disclosed = sum((c) => c.disclosedAtFirstInteraction);
    const requests = sum((c) => c.humanRequests);
    const answered = sum((c) => c.humanRequestsAnswered);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      channels,
      totals: {
        conversations,
        disclosedAtFirstInteraction: disclosed,
        disclosureShare: conversations ? disclosed / conversations : null,
        humanRequests: requests,
        humanRequestsAnswered: answered,
        unansweredRequests: requests - answered,
        timeToHumanSeconds: { median: num(totals?.median), p90: num(totals?.p90) },
        flaggedAnswers: sum((c) => c.flaggedAnswers),
      },
      modelEndpoint,
    };
  }

  /**
   * The ai-responder records its model endpoint at every start as platform-wide evidence
   * (tenant {@link PLATFORM_AUDIT_TENANT}); the policy service, which does not know the
   * model config in the distributed deployment, reads it from its evidence log. Rows whose
   * details were erased by retention are skipped.
   */
  private async modelEndpoint(from: Date, to: Date): Promise<ModelEndpointCompliance> {
    const rows = (await this.dataSource.query(
      `
      WITH starts AS (
        SELECT details, occurred_at FROM audit_log
         WHERE tenant_id = $1 AND action = $2 AND occurred_at < $4 AND details ? 'inEuAllowList'),
      in_effect AS (
        (SELECT details, occurred_at FROM starts WHERE occurred_at < $3 ORDER BY occurred_at DESC LIMIT 1)
        UNION ALL
        SELECT details, occurred_at FROM starts WHERE occurred_at >= $3)
      SELECT details->>'host' AS host,
             (details->>'inEuAllowList')::boolean AS "inEuAllowList",
             COALESCE((details->>'nonEuAllowed')::boolean, false) AS "nonEuAllowed",
             max(occurred_at) AS "lastStartedAt"
        FROM in_effect
       GROUP BY 1, 2, 3
       ORDER BY max(occurred_at)`,
      [PLATFORM_AUDIT_TENANT, MODEL_ENDPOINT_AUDIT_ACTION, from, to],
    )) as { host: string | null; inEuAllowList: boolean; nonEuAllowed: boolean; lastStartedAt: Date }[];
    const endpoints = rows.map((r) => ({ host: r.host, inEuAllowList: r.inEuAllowList, nonEuAllowed: r.nonEuAllowed, lastStartedAt: new Date(r.lastStartedAt).toISOString() }));
    return { endpoints, outsideEu: endpoints.some((e) => !e.inEuAllowList) };
  }
}

function num(value: number | string | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10;
}

function toChannel(r: Row): ChannelCompliance {
  return {
    channel: r.channel,
    conversations: r.conversations,
    disclosedAtFirstInteraction: r.disclosed,
    disclosureShare: r.conversations ? r.disclosed / r.conversations : null,
    humanRequests: r.requests,
    humanRequestsAnswered: r.answered,
    unansweredRequests: r.requests - r.answered,
    timeToHumanSeconds: { median: num(r.median), p90: num(r.p90) },
    flaggedAnswers: r.flagged,
  };
}
