import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALL_TOPICS,
  ContractViolationError,
  EVENT_DEFINITIONS,
  TOPICS,
  createEvent,
  decodeEvent,
  encodeEvent,
  parseEvent,
  topicFor,
} from '../index';

const fixturesDir = join(__dirname, '..', '..', 'fixtures', 'v1');
const fixtureFiles = readdirSync(fixturesDir).filter((f) => f.endsWith('.json'));

describe('event contracts', () => {
  it('keeps a released v1 fixture for every event type', () => {
    const typesWithFixture = fixtureFiles.map((f) => f.replace(/\.json$/, '')).sort();
    const v1Types = EVENT_DEFINITIONS.filter((d) => d.version === 1).map((d) => d.type).sort();
    expect(typesWithFixture).toEqual(v1Types);
  });

  it.each(fixtureFiles)('still accepts the released fixture %s unchanged', (file) => {
    const raw = JSON.parse(readFileSync(join(fixturesDir, file), 'utf8'));
    expect(parseEvent(raw)).toEqual(raw);
  });

  it('round-trips an event through the wire format', () => {
    const event = createEvent('conversation.status', {
      tenantId: 't1',
      conversationId: 'c1',
      payload: { status: 'with_agent', previousStatus: 'waiting_for_agent', assignedAgent: { id: 'a1', displayName: 'Sanne' }, reason: null },
    });
    expect(decodeEvent(encodeEvent(event))).toEqual(event);
  });

  it('gives events time-ordered UUIDv7 ids and chains correlation and causation', () => {
    const first = createEvent('ai.reply.requested', {
      tenantId: 't1',
      conversationId: 'c1',
      payload: { requestId: 'r1', inboundMessageId: 'm1', channel: 'web', locale: 'nl' },
    });
    const second = createEvent('ai.reply.requested', {
      tenantId: 't1',
      conversationId: 'c1',
      causedBy: first,
      payload: { requestId: 'r2', inboundMessageId: 'm1', channel: 'web', locale: 'nl' },
    });
    expect(first.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second.eventId > first.eventId).toBe(true);
    expect(first.correlationId).toBe(first.eventId);
    expect(first.causationId).toBeNull();
    expect(second.correlationId).toBe(first.eventId);
    expect(second.causationId).toBe(first.eventId);
  });

  it('rejects a payload that breaks its schema with the path of the problem', () => {
    const raw = JSON.parse(readFileSync(join(fixturesDir, 'conversation.outbound.json'), 'utf8'));
    raw.payload.author.type = 'robot';
    expect(() => parseEvent(raw)).toThrow(ContractViolationError);
    expect(() => parseEvent(raw)).toThrow(/author\.type/);
  });

  it('rejects an unknown version of a known event', () => {
    const raw = JSON.parse(readFileSync(join(fixturesDir, 'agent.reply.json'), 'utf8'));
    expect(() => parseEvent({ ...raw, version: 2 })).toThrow(/Unknown event: agent.reply v2/);
  });

  it('rejects an envelope without a UUIDv7 event id', () => {
    const raw = JSON.parse(readFileSync(join(fixturesDir, 'agent.reply.json'), 'utf8'));
    expect(() => parseEvent({ ...raw, eventId: '0d3c52c4-9d29-4bd8-a3f6-37a7a5a08b4b' })).toThrow(/eventId/);
  });

  it('rejects text that is not JSON', () => {
    expect(() => decodeEvent('{not json')).toThrow(ContractViolationError);
  });

  it('names topics <domain>.<event>.v<N> and maps every event type to one', () => {
    for (const topic of ALL_TOPICS) expect(topic).toMatch(/^[a-z]+(\.[a-z-]+)+\.v\d+$/);
    for (const d of EVENT_DEFINITIONS) expect(ALL_TOPICS).toContain(topicFor(d.type));
    expect(topicFor('conversation.inbound')).toBe(TOPICS.conversationInbound);
  });
});
