import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createEvent, type EventOf } from '@pegamento/contracts';
import { DeadLetterService, type DeadLetterView } from '@pegamento/data-access-bus';
import { createTestDatabase, type TestDatabase } from '@pegamento/util-testing';
import { openAdminDatabase } from './admin-database';
import { runDeadLettersCommand, type DeadLetterOperations } from './dead-letters.command';

function auditEvent(conversationId = 'c1'): EventOf<'audit.recorded'> {
  return createEvent('audit.recorded', {
    tenantId: 't',
    conversationId,
    payload: { action: 'x', actor: { type: 'system', id: null }, reason: null, details: {} },
  });
}

class Captured {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('dead-letters command', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let service: DeadLetterService;

  beforeAll(async () => {
    db = await createTestDatabase();
    // The CLI's own way in: openDatabase with the bus entities and migrations.
    dataSource = await openAdminDatabase({ url: db.url, source: 'DATABASE_URL' });
    service = new DeadLetterService(dataSource);
  });
  beforeEach(async () => {
    await dataSource.query('TRUNCATE dead_letters, outbox');
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  async function run(argv: string[], svc: DeadLettersTestService = service): Promise<Run> {
    const stdout = new Captured();
    const stderr = new Captured();
    const code = await runDeadLettersCommand(argv, { service: svc, stdout, stderr });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }
  type DeadLettersTestService = DeadLetterOperations | (() => Promise<DeadLetterOperations>);

  /** Stores a dead letter as the consumer runner does after the last failed attempt. */
  async function deadLetter(
    event: EventOf<'audit.recorded'>,
    options: { group?: string; error?: string; attempts?: number; at?: string } = {},
  ): Promise<string> {
    const [row] = (await dataSource.query(
      `INSERT INTO dead_letters
         (consumer_group, topic, event_id, event_type, tenant_id, message_key, envelope, error, attempts, dead_lettered_at)
       VALUES ($1, 'audit.recorded.v1', $2, $3, $4, $5, $6::jsonb, $7, $8, $9)
       RETURNING id`,
      [
        options.group ?? 'crm-sync.audit',
        event.eventId,
        event.type,
        event.tenantId,
        event.conversationId,
        JSON.stringify(event),
        options.error ?? 'HubSpot answered 503\n    at CrmClient.push (crm-client.ts:42)',
        options.attempts ?? 5,
        options.at ?? '2030-01-02T03:04:05.678Z',
      ],
    )) as { id: string }[];
    return row!.id;
  }

  /** A message that was not a valid event: dead-lettered at once, kept as `{ raw }`. */
  async function invalidDeadLetter(group = 'crm-sync.audit'): Promise<string> {
    const [row] = (await dataSource.query(
      `INSERT INTO dead_letters
         (consumer_group, topic, event_id, event_type, tenant_id, message_key, envelope, error, attempts, dead_lettered_at)
       VALUES ($1, 'audit.recorded.v1', 'sha256:abc', NULL, NULL, 'c9', '{"raw":"not json"}'::jsonb, 'Invalid event envelope', 1, now())
       RETURNING id`,
      [group],
    )) as { id: string }[];
    return row!.id;
  }

  async function outboxRows(): Promise<{ event_id: string; topic: string; message_key: string; replay_of: string | null }[]> {
    return (await dataSource.query(
      `SELECT event_id::text, topic, message_key, headers->>'x-pegamento-replay-of' AS replay_of FROM outbox ORDER BY id`,
    )) as { event_id: string; topic: string; message_key: string; replay_of: string | null }[];
  }

  describe('list', () => {
    it('prints open dead letters as a table with the first line of the error', async () => {
      const event = auditEvent();
      const id = await deadLetter(event);

      const { code, stdout, stderr } = await run(['list']);

      expect(code).toBe(0);
      expect(stderr).toBe('');
      const [header, line, ...more] = stdout.trimEnd().split('\n');
      expect(more).toEqual([]);
      expect(header).toMatch(/^ID\s+GROUP\s+TYPE\s+CONVERSATION\s+ATTEMPTS\s+DEAD-LETTERED AT\s+ERROR$/);
      expect(line!.split(/\s{2,}/)).toEqual([id, 'crm-sync.audit', 'audit.recorded', 'c1', '5', '2030-01-02T03:04:05Z', 'HubSpot answered 503']);
    });

    it('prints the full records as JSON with --json', async () => {
      const event = auditEvent();
      const id = await deadLetter(event);

      const { code, stdout } = await run(['list', '--json']);

      expect(code).toBe(0);
      const letters = JSON.parse(stdout) as DeadLetterView[];
      expect(letters).toEqual([
        expect.objectContaining({
          id,
          consumerGroup: 'crm-sync.audit',
          topic: 'audit.recorded.v1',
          eventId: event.eventId,
          eventType: 'audit.recorded',
          tenantId: 't',
          conversationId: 'c1',
          error: 'HubSpot answered 503\n    at CrmClient.push (crm-client.ts:42)',
          attempts: 5,
          deadLetteredAt: '2030-01-02T03:04:05.678Z',
          replayedAt: null,
          replayCount: 0,
        }),
      ]);
    });

    it('filters by consumer group and limits the count, saying when there may be more', async () => {
      await deadLetter(auditEvent('c1'), { group: 'policy.audit', at: '2030-01-01T00:00:00Z' });
      const second = await deadLetter(auditEvent('c2'), { group: 'crm-sync.audit', at: '2030-01-01T00:00:01Z' });
      await deadLetter(auditEvent('c3'), { group: 'crm-sync.audit', at: '2030-01-01T00:00:02Z' });

      const { code, stdout, stderr } = await run(['list', '--group', 'crm-sync.audit', '--limit', '1', '--json']);

      expect(code).toBe(0);
      expect((JSON.parse(stdout) as DeadLetterView[]).map((l) => l.id)).toEqual([second]);
      expect(stderr).toMatch(/Showing the first 1; there may be more/);
    });

    it('says so when there are no dead letters', async () => {
      expect(await run(['list'])).toEqual({ code: 0, stdout: 'No open dead letters.\n', stderr: '' });
      expect(await run(['list', '--json'])).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
    });

    it('marks a message that was not a valid event', async () => {
      await invalidDeadLetter();
      const { code, stdout } = await run(['list']);
      expect(code).toBe(0);
      expect(stdout).toContain('(not an event)');
    });

    it('keeps control characters of stored errors out of the terminal', async () => {
      await deadLetter(auditEvent(), { error: 'bad \u001b[31mred\u001b[0m thing' });
      const { stdout } = await run(['list']);
      expect(stdout).not.toContain('\u001b');
      expect(stdout).toContain('bad  [31mred [0m thing');
    });
  });

  describe('replay', () => {
    it('puts the event back in the outbox and moves the dead letter out of the open list', async () => {
      const event = auditEvent();
      const id = await deadLetter(event);

      const replayed = await run(['replay', id]);

      expect(replayed.code).toBe(0);
      expect(replayed.stderr).toBe('');
      expect(replayed.stdout).toContain(`Replayed dead letter ${id}`);
      expect(replayed.stdout).toContain(event.eventId);
      expect(await outboxRows()).toEqual([{ event_id: event.eventId, topic: 'audit.recorded.v1', message_key: 'c1', replay_of: id }]);

      expect((await run(['list'])).stdout).toBe('No open dead letters.\n');
      const all = await run(['list', '--all']);
      expect(all.code).toBe(0);
      expect(all.stdout).toMatch(/REPLAYED AT/);
      expect(all.stdout).toContain(id);
      const [letter] = JSON.parse((await run(['list', '--all', '--json'])).stdout) as DeadLetterView[];
      expect(letter).toMatchObject({ id, replayCount: 1, replayedAt: expect.any(String) });
    });

    it('fails with a clear message for an unknown id', async () => {
      const unknown = randomUUID();
      const { code, stdout, stderr } = await run(['replay', unknown]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toBe(`Error: No dead letter ${unknown}\n`);
      expect(await outboxRows()).toEqual([]);
    });

    it('fails for a dead letter that is not a valid event, leaving it open', async () => {
      const id = await invalidDeadLetter();
      const { code, stderr } = await run(['replay', id]);
      expect(code).toBe(1);
      expect(stderr).toContain(`Dead letter ${id} is not a valid event`);
      expect(await outboxRows()).toEqual([]);
      expect((await run(['list'])).stdout).toContain(id);
    });

    it('replays every open dead letter of one group with --all --group', async () => {
      const a = auditEvent('c1');
      const b = auditEvent('c2');
      const other = auditEvent('c3');
      const idA = await deadLetter(a, { group: 'crm-sync.audit' });
      const idB = await deadLetter(b, { group: 'crm-sync.audit' });
      const idOther = await deadLetter(other, { group: 'policy.audit' });

      const { code, stdout, stderr } = await run(['replay', '--all', '--group', 'crm-sync.audit']);

      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toContain(idA);
      expect(stdout).toContain(idB);
      expect(stdout).toContain('Replayed 2 dead letters in group crm-sync.audit');
      expect((await outboxRows()).map((r) => [r.event_id, r.replay_of]).sort()).toEqual(
        [
          [a.eventId, idA],
          [b.eventId, idB],
        ].sort(),
      );
      const open = JSON.parse((await run(['list', '--json'])).stdout) as DeadLetterView[];
      expect(open.map((l) => l.id)).toEqual([idOther]);
    });

    it('replays all groups with --all, reporting and skipping what cannot be replayed', async () => {
      const event = auditEvent();
      const good = await deadLetter(event, { group: 'policy.audit' });
      const bad = await invalidDeadLetter('crm-sync.audit');

      const { code, stdout, stderr } = await run(['replay', '--all']);

      expect(code).toBe(0);
      expect(stdout).toContain(`Replayed ${good}`);
      expect(stdout).toContain('Replayed 1 dead letter, skipped 1 that cannot be replayed');
      expect(stderr).toContain(`Skipped ${bad}: Dead letter ${bad} is not a valid event`);
      expect(await outboxRows()).toEqual([{ event_id: event.eventId, topic: 'audit.recorded.v1', message_key: 'c1', replay_of: good }]);
    });

    it('says so when there is nothing to replay', async () => {
      expect(await run(['replay', '--all'])).toEqual({ code: 0, stdout: 'No open dead letters to replay.\n', stderr: '' });
    });
  });

  describe('usage', () => {
    const neverOpened = async (): Promise<DeadLetterOperations> => {
      throw new Error('the database must not be opened');
    };

    it.each([
      [[], /a command is missing/],
      [['purge'], /unknown command 'purge'/],
      [['list', '--bogus'], /Unknown option '--bogus'/],
      [['list', 'extra'], /list takes no arguments/],
      [['list', '--limit', 'ten'], /--limit must be a whole number from 1 to 1000/],
      [['list', '--limit', '0'], /--limit must be a whole number/],
      [['list', '--limit', '5000'], /--limit must be a whole number/],
      [['list', '--group'], /argument missing/],
      [['replay'], /replay needs the id of a dead letter/],
      [['replay', 'a', 'b'], /one id at a time/],
      [['replay', 'a', '--all'], /either an id or --all, not both/],
      [['replay', 'a', '--group', 'g'], /--group goes with replay --all/],
    ])('exits 2 with a plain message for %j, without opening the database', async (argv, message) => {
      const { code, stdout, stderr } = await run(argv, neverOpened);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr).toContain("Run 'dead-letters help' for the commands.");
    });

    it.each([[['help']], [['--help']], [['list', '--help']], [['replay', '-h']]])('prints the help for %j', async (argv) => {
      const { code, stdout, stderr } = await run(argv, neverOpened);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toContain('replay --all [--group G]');
      expect(stdout).toContain('DATABASE_URL');
    });

    it('exits 1 with the reason when the database cannot be opened', async () => {
      const { code, stderr } = await run(['list'], async () => {
        throw new Error('No database: start the platform (npm start) or set DATABASE_URL.');
      });
      expect(code).toBe(1);
      expect(stderr).toBe('Error: No database: start the platform (npm start) or set DATABASE_URL.\n');
    });
  });
});
