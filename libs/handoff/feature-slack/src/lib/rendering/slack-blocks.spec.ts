import { escapeSlackText, readSummary, renderCard, renderCustomerMessage, renderNotice, renderQueue, renderTranscript, speakerLabel, type CardInput, type TranscriptLine } from './slack-blocks';

const ID = '0b6f3f3e-8f5c-4a43-9d1c-2f0a5e7b9c11';
const card = (over: Partial<CardInput> = {}): CardInput => ({
  conversationId: ID,
  channel: 'whatsapp',
  locale: 'nl',
  trigger: 'customer_request',
  reason: null,
  waitingSince: new Date('2026-11-29T09:30:00Z'),
  outsideHours: false,
  summary: 'Trigger: customer_request\ncustomer: <@U123> help & more',
  state: 'waiting',
  agentName: null,
  ...over,
});
const json = (value: unknown) => JSON.stringify(value);

describe('Slack rendering', () => {
  it('escapes the control characters of mrkdwn, so a customer text can neither mention nor link', () => {
    expect(escapeSlackText('<!channel> & <https://evil.example|click>')).toBe('&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;');
  });

  it('shows a waiting card with channel, language, trigger, waiting since, the summary and a Claim button carrying the conversation id', () => {
    const { text, blocks } = renderCard(card());
    const all = json(blocks);
    expect(all).toContain('*Channel*\\nWhatsApp');
    expect(all).toContain('*Language*\\nDutch (nl)');
    expect(all).toContain('*Trigger*\\nThe customer asked for a person');
    expect(all).toContain(`<!date^${Date.parse('2026-11-29T09:30:00Z') / 1_000}^{date_short_pretty} {time}|2026-11-29T09:30:00.000Z>`);
    expect(all).toContain('*Summary*');
    expect(all).toContain('customer: &lt;@U123&gt; help &amp; more');
    expect(all).not.toContain('<@U123>');
    expect(blocks.at(-1)).toMatchObject({ type: 'actions', elements: [{ action_id: 'pegamento_claim', value: ID, text: { text: 'Claim' } }] });
    expect(text).toMatch(/Waiting for a person/);
  });

  it('labels a model-written summary as AI-made', () => {
    expect(readSummary('AI summary: wants a refund')).toEqual({ aiWritten: true, text: 'wants a refund' });
    const all = json(renderCard(card({ summary: 'AI summary: wants a refund' })).blocks);
    expect(all).toContain(':robot_face: *AI summary* (written by the AI assistant');
    expect(all).toContain('wants a refund');
    expect(json(renderCard(card({ summary: null })).blocks)).toContain('No summary yet');
  });

  it('drops the Claim button once claimed, released or closed, and says by whom', () => {
    for (const [state, words] of [
      ['claimed', 'Claimed by Sanne'],
      ['released', 'Released to the AI assistant by Sanne'],
      ['closed', 'Closed by Sanne'],
    ] as const) {
      const all = json(renderCard(card({ state, agentName: 'Sanne' })).blocks);
      expect(all).toContain(words);
      expect(all).not.toContain('pegamento_claim');
    }
  });

  it('marks AI messages in the transcript and offers Release and Close', () => {
    const lines: TranscriptLine[] = [
      { authorType: 'ai', authorDisplayName: 'Assistant', aiGenerated: true, text: 'You are talking to an AI assistant.' },
      { authorType: 'customer', authorDisplayName: 'Customer', aiGenerated: false, text: 'a person please' },
      { authorType: 'agent', authorDisplayName: 'Piet', aiGenerated: true, text: 'sent from a draft' },
      { authorType: 'system', authorDisplayName: 'System', aiGenerated: false, text: 'queued' },
    ];
    const { blocks } = renderTranscript(ID, lines, 'Sanne');
    const all = json(blocks);
    expect(all).toContain(':robot_face: *AI assistant* `AI`: You are talking to an AI assistant.');
    expect(all).toContain('*Customer*: a person please');
    expect(all).toContain('*Piet (agent)* `AI draft`: sent from a draft');
    expect(all).toContain('_System_: queued');
    expect(all).toContain("Only Sanne's replies are sent");
    expect(blocks.at(-1)).toMatchObject({ elements: [{ action_id: 'pegamento_release', value: ID }, { action_id: 'pegamento_close', value: ID, style: 'danger' }] });
    expect(speakerLabel({ authorType: 'agent', authorDisplayName: '', aiGenerated: false })).toBe('*Agent (agent)*');
  });

  it('puts the summary as it is now above the transcript, an AI-written one labelled', () => {
    const lines: TranscriptLine[] = [{ authorType: 'customer', authorDisplayName: 'Customer', aiGenerated: false, text: 'hello' }];
    expect(json(renderTranscript(ID, lines, 'Sanne', 'AI summary: wants to return shoes').blocks[0])).toContain(':robot_face: *AI summary*');
    expect(json(renderTranscript(ID, lines, 'Sanne').blocks[0])).toContain('*Transcript* (1 message;');
  });

  it('keeps a long transcript inside Slack limits: sections of at most 3,000 characters, at most 50 blocks', () => {
    const lines: TranscriptLine[] = Array.from({ length: 400 }, (_, i) => ({ authorType: 'customer', authorDisplayName: 'c', aiGenerated: false, text: `${i} ${'x'.repeat(900)}` }));
    const { blocks } = renderTranscript(ID, lines, 'Sanne');
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const b of blocks) {
      const text = (b as { text?: { text?: string } }).text?.text;
      if (text) expect(text.length).toBeLessThanOrEqual(3_000);
    }
    expect(json(blocks)).toContain('Earlier messages are in the console');
    expect(json(blocks)).toContain('399 x');
  });

  it('renders customer messages and notices for the thread', () => {
    expect(renderCustomerMessage('hi <b>').text).toBe('Customer: hi &lt;b&gt;');
    expect(renderNotice('released', 'Sanne').text).toMatch(/^Sanne released this conversation to the AI assistant/);
    expect(renderNotice('closed', null).text).toMatch(/^An agent closed/);
    expect(renderNotice('not_sent', null, 'Claim this conversation first').text).toBe(':warning: Not sent to the customer: Claim this conversation first');
  });

  it('lists the queue up to SLACK_QUEUE_LIST_MAX and says how many more wait', () => {
    const items = Array.from({ length: 5 }, (_, i) => ({ id: `id-${i}`, channel: 'web', locale: 'en', waitingSince: null, waitingSeconds: i * 90 }));
    const shown = json(renderQueue(items, 3).blocks);
    expect(shown).toContain('5 conversations are waiting');
    expect(shown).toContain('`id-2`');
    expect(shown).not.toContain('`id-3`');
    expect(shown).toContain('and 2 more in the console');
    expect(shown).toContain('waiting less than a minute');
    expect(renderQueue([], 3).text).toBe('No conversation is waiting for a person.');
  });
});
