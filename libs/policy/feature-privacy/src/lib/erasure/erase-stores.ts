import type { EntityManager } from 'typeorm';

/** Rows erased per store, named after the table (and column, where a row is emptied rather than deleted). */
export type ErasureCounts = Record<string, number>;

/** Every store that holds a conversation's personal data, in the order they are erased. */
export const CONVERSATION_STORES = [
  'twilio_deletions',
  'message_deliveries',
  'slack_deletions',
  'slack_posts',
  'slack_threads',
  'slack_events',
  'email_messages',
  'message_identifiers',
  'messages',
  'handoff_requests',
  'crm_syncs',
  'crm_records',
  'outbox',
  'event_keys',
  'dead_letters',
  'audit_log.details',
  'conversations',
] as const;

/** Runs a DELETE/UPDATE and returns how many rows it touched. */
export async function affectedRows(manager: EntityManager, sql: string, parameters: unknown[]): Promise<number> {
  // TypeORM answers a DELETE/UPDATE on PostgreSQL with [rows, rowCount].
  const result = (await manager.query(sql, parameters)) as unknown;
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[1];
  return Array.isArray(result) ? result.length : 0;
}

/**
 * Erases these conversations of one tenant from every store the platform keeps, in the
 * caller's transaction: Twilio's and Slack's copies queued for deletion through their APIs,
 * the send queue, messages (texts, attachments' URLs) and the blind indexes of the e-mail
 * addresses and phone numbers written in them, handoff
 * requests and their summaries, events not yet published (outbox) or given up on (dead
 * letters), the details of their evidence rows (the rows themselves stay: the hash chain
 * and the facts "a disclosure was shown" hold no personal data), and the conversations.
 * Events already on Kafka cannot be deleted one by one: their payloads were sealed under the
 * conversation's event key, deleted here, so no copy can be read any more (ADR 0018).
 */
export async function eraseConversations(manager: EntityManager, tenantId: string, conversationIds: readonly string[]): Promise<ErasureCounts> {
  const counts: ErasureCounts = Object.fromEntries(CONVERSATION_STORES.map((s) => [s, 0]));
  if (conversationIds.length === 0) return counts;
  const ids = [...conversationIds];
  await manager.query(`SELECT 1 FROM conversations WHERE tenant_id = $1 AND id = ANY($2::uuid[]) FOR UPDATE`, [tenantId, ids]);
  // Twilio keeps every SMS/WhatsApp message (and an inbound one's media) in its logs: each is
  // queued for deletion by its MessageSid alone (R20: DELETE /Messages/{Sid} by gateway-messaging,
  // ADR 0012), before the rows that name them go. The customer's messages carry the SID Twilio
  // posted; each part of a reply the SID Twilio answered (an outbound message keeps its first).
  // Locking the parts first waits for a send recording Twilio's answer right now, so its SID
  // is seen; a send that answers after this erasure queues its SID itself (TwilioSendWorker).
  await manager.query(`SELECT 1 FROM message_deliveries WHERE tenant_id = $1 AND conversation_id = ANY($2::uuid[]) FOR UPDATE`, [tenantId, ids]);
  counts['twilio_deletions'] = await affectedRows(
    manager,
    `INSERT INTO twilio_deletions (tenant_id, message_sid)
     SELECT m.tenant_id, m.channel_message_id FROM messages m JOIN conversations c ON c.id = m.conversation_id
      WHERE m.tenant_id = $1 AND m.conversation_id = ANY($2::uuid[]) AND c.channel IN ('sms', 'whatsapp')
        AND m.channel_message_id ~ '^(SM|MM)[0-9a-fA-F]{32}$'
     UNION
     SELECT d.tenant_id, d.provider_message_id FROM message_deliveries d
      WHERE d.tenant_id = $1 AND d.conversation_id = ANY($2::uuid[]) AND d.channel IN ('sms', 'whatsapp')
        AND d.provider_message_id ~ '^(SM|MM)[0-9a-fA-F]{32}$'
     ON CONFLICT (message_sid) DO NOTHING
     RETURNING 1`,
    [tenantId, ids],
  );
  counts['message_deliveries'] = await affectedRows(manager, `DELETE FROM message_deliveries WHERE tenant_id = $1 AND conversation_id = ANY($2::uuid[]) RETURNING 1`, [tenantId, ids]);
  // The Slack app's tables (ADR 0017; handoff's, so present only once the handoff service has
  // migrated the database): the posted cards and thread messages are queued for deletion from
  // Slack by channel and ts (R20: chat.delete by the handoff service), then the queue, the
  // ts ↔ conversation map and the handled event ids go.
  const [slack] = (await manager.query(`SELECT to_regclass('public.slack_threads') IS NOT NULL AS present`)) as { present: boolean }[];
  if (slack?.present) {
    counts['slack_deletions'] = await affectedRows(
      manager,
      `INSERT INTO slack_deletions (tenant_id, channel_id, message_ts)
       SELECT t.tenant_id, t.channel_id, p.posted_ts FROM slack_posts p JOIN slack_threads t ON t.id = p.thread_id
        WHERE p.tenant_id = $1 AND p.conversation_id = ANY($2::uuid[]) AND p.posted_ts IS NOT NULL
       UNION
       SELECT tenant_id, channel_id, message_ts FROM slack_threads
        WHERE tenant_id = $1 AND conversation_id = ANY($2::uuid[]) AND message_ts IS NOT NULL
       RETURNING 1`,
      [tenantId, ids],
    );
    for (const table of ['slack_posts', 'slack_threads', 'slack_events'] as const) {
      counts[table] = await affectedRows(manager, `DELETE FROM ${table} WHERE tenant_id = $1 AND conversation_id = ANY($2::uuid[]) RETURNING 1`, [tenantId, ids]);
    }
  }
  // The e-mail threads: Message-IDs, subjects and the senders' blind indexes (ADR 0016).
  counts['email_messages'] = await affectedRows(manager, `DELETE FROM email_messages WHERE tenant_id = $1 AND conversation_id = ANY($2::uuid[]) RETURNING 1`, [tenantId, ids]);
  counts['message_identifiers'] = await affectedRows(manager, `DELETE FROM message_identifiers WHERE tenant_id = $1 AND conversation_id = ANY($2::uuid[]) RETURNING 1`, [tenantId, ids]);
  counts['messages'] = await affectedRows(manager, `DELETE FROM messages WHERE tenant_id = $1 AND conversation_id = ANY($2::uuid[]) RETURNING 1`, [tenantId, ids]);
  counts['handoff_requests'] = await affectedRows(manager, `DELETE FROM handoff_requests WHERE tenant_id = $1 AND conversation_id = ANY($2::uuid[]) RETURNING 1`, [tenantId, ids]);
  addCounts(counts, await eraseCrmRecords(manager, tenantId, { conversationIds: ids, contactIds: [] }));
  // Events are keyed by conversation id; an unpublished one would still carry texts to other services.
  counts['outbox'] = await affectedRows(manager, `DELETE FROM outbox WHERE message_key = ANY($1::text[]) RETURNING 1`, [ids]);
  // The keys that seal these conversations' events (ADR 0018): every copy on Kafka, its
  // replicas and backups becomes unreadable (crypto-shredding).
  counts['event_keys'] = await affectedRows(manager, `DELETE FROM event_keys WHERE message_key = ANY($1::text[]) RETURNING 1`, [ids]);
  counts['dead_letters'] = await affectedRows(manager, `DELETE FROM dead_letters WHERE message_key = ANY($1::text[]) RETURNING 1`, [ids]);
  counts['audit_log.details'] = await affectedRows(
    manager,
    `UPDATE audit_log SET details = '{}'::jsonb, details_erased_at = now()
      WHERE tenant_id = $1 AND conversation_id = ANY($2::uuid[]) AND details_erased_at IS NULL RETURNING 1`,
    [tenantId, ids],
  );
  counts['conversations'] = await affectedRows(manager, `DELETE FROM conversations WHERE tenant_id = $1 AND id = ANY($2::uuid[]) RETURNING 1`, [tenantId, ids]);
  // Events of these conversations still in flight are skipped by every consumer from now on.
  await manager.query(`INSERT INTO erased_keys (message_key) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [ids]);
  return counts;
}

/**
 * What crm-sync put into CRMs for these conversations or contacts (ADR 0019; crm-sync's
 * tables, present once that module has migrated the database): one erasure per adapter is
 * queued with the CRM's ids (HubSpot: the notes, and the contacts Pegamento created, to be
 * GDPR-deleted; a contact that was there before stays, named in the queue; the webhook:
 * Pegamento's ids, in a signed `contact.erased`), then the records and the transcript syncs
 * still waiting go. crm-sync carries the erasures out through the CRMs' APIs.
 */
export async function eraseCrmRecords(manager: EntityManager, tenantId: string, scope: { conversationIds: readonly string[]; contactIds: readonly string[] }): Promise<ErasureCounts> {
  const counts: ErasureCounts = { crm_syncs: 0, crm_records: 0 };
  const [crm] = (await manager.query(`SELECT to_regclass('public.crm_records') IS NOT NULL AS present`)) as { present: boolean }[];
  if (!crm?.present || (scope.conversationIds.length === 0 && scope.contactIds.length === 0)) return counts;
  const params = [tenantId, [...scope.conversationIds], [...scope.contactIds]];
  const matches = `tenant_id = $1 AND (conversation_id = ANY($2::uuid[]) OR contact_id = ANY($3::uuid[]))`;
  counts['crm_syncs'] = await affectedRows(
    manager,
    `INSERT INTO crm_syncs (tenant_id, adapter, kind, source_id, refs)
     SELECT $1, adapter, 'erasure', 'erasure:' || gen_random_uuid(),
            jsonb_build_object(
              'contacts', coalesce(jsonb_agg(DISTINCT external_id) FILTER (WHERE object_type = 'contact' AND created_by_us), '[]'::jsonb),
              'keptContacts', coalesce(jsonb_agg(DISTINCT external_id) FILTER (WHERE object_type = 'contact' AND NOT created_by_us), '[]'::jsonb),
              'notes', coalesce(jsonb_agg(DISTINCT external_id) FILTER (WHERE object_type = 'note'), '[]'::jsonb),
              'conversationIds', coalesce(jsonb_agg(DISTINCT conversation_id) FILTER (WHERE conversation_id IS NOT NULL), '[]'::jsonb),
              'contactIds', coalesce(jsonb_agg(DISTINCT contact_id) FILTER (WHERE contact_id IS NOT NULL), '[]'::jsonb))
       FROM crm_records WHERE ${matches}
      GROUP BY adapter
     RETURNING 1`,
    params,
  );
  counts['crm_records'] = await affectedRows(manager, `DELETE FROM crm_records WHERE ${matches} RETURNING 1`, params);
  // Transcripts not sent yet have nothing to send any more (sent ones are ids only, erased with them).
  counts['crm_syncs'] += await affectedRows(manager, `DELETE FROM crm_syncs WHERE tenant_id = $1 AND kind = 'transcript' AND conversation_id = ANY($2::uuid[]) RETURNING 1`, [tenantId, [...scope.conversationIds]]);
  return counts;
}

/** Erases contacts and their channel identities (addresses, opt-in and opt-out records). */
export async function eraseContacts(manager: EntityManager, tenantId: string, contactIds: readonly string[], identityIds: readonly string[]): Promise<ErasureCounts> {
  const crm = await eraseCrmRecords(manager, tenantId, { conversationIds: [], contactIds });
  return {
    ...crm,
    contact_channel_identities: await affectedRows(
      manager,
      `DELETE FROM contact_channel_identities WHERE tenant_id = $1 AND (id = ANY($2::uuid[]) OR contact_id = ANY($3::uuid[])) RETURNING 1`,
      [tenantId, [...identityIds], [...contactIds]],
    ),
    contacts: await affectedRows(manager, `DELETE FROM contacts WHERE tenant_id = $1 AND id = ANY($2::uuid[]) RETURNING 1`, [tenantId, [...contactIds]]),
  };
}

export function addCounts(into: ErasureCounts, more: ErasureCounts): ErasureCounts {
  for (const [store, n] of Object.entries(more)) into[store] = (into[store] ?? 0) + n;
  return into;
}
