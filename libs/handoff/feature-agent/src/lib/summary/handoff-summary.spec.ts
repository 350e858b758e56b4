import { buildHandoffSummary, SUMMARY_MAX_CHARS, type SummaryMessage } from './handoff-summary';

const customer = (text: string): SummaryMessage => ({ authorType: 'customer', authorDisplayName: 'Klant', text });
const ai = (text: string): SummaryMessage => ({ authorType: 'ai', authorDisplayName: 'Digitale assistent (AI)', text });

describe('buildHandoffSummary', () => {
  it('starts with the trigger in words and quotes the messages as "customer:" and "AI assistant:" lines', () => {
    const summary = buildHandoffSummary({
      trigger: 'customer_request',
      reason: null,
      messages: [customer('Waar blijft mijn pakket?'), ai('Ik kan je order niet vinden.'), customer('Ik wil een mens spreken')],
    });
    expect(summary.split('\n')).toEqual([
      'Trigger: customer_request: the customer asked for a person',
      'customer: Waar blijft mijn pakket?',
      'AI assistant: Ik kan je order niet vinden.',
      'customer: Ik wil een mens spreken',
    ]);
  });

  it('quotes only the last six messages', () => {
    const messages = Array.from({ length: 9 }, (_, i) => customer(`bericht ${i + 1}`));
    const lines = buildHandoffSummary({ trigger: 'handoff_button', reason: null, messages }).split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[1]).toBe('customer: bericht 4');
    expect(lines[6]).toBe('customer: bericht 9');
  });

  it('names the reason, the hours and an agent, and keeps each message on one line', () => {
    const summary = buildHandoffSummary({
      trigger: 'sensitive_topic',
      reason: 'topic:complaint',
      outsideHours: true,
      messages: [customer('regel een\n\nregel twee'), { authorType: 'agent', authorDisplayName: 'Sanne', text: 'Ik help je.' }],
    });
    expect(summary).toBe(
      'Trigger: sensitive_topic: the topic needs a person (topic:complaint); asked outside opening hours\n' +
        'customer: regel een regel twee\n' +
        'agent Sanne: Ik help je.',
    );
  });

  it('stays within the size an event may carry, however long the messages', () => {
    const summary = buildHandoffSummary({ trigger: 'frustration', reason: null, messages: Array.from({ length: 6 }, () => customer('x'.repeat(5_000))) });
    expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(summary).toMatch(/…$/m);
  });

  it('is just the trigger line when there are no messages', () => {
    expect(buildHandoffSummary({ trigger: 'crisis', reason: null, messages: [] })).toBe('Trigger: crisis: possible crisis: answer with priority');
  });
});
