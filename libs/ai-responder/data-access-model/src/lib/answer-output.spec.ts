import { ModelUnavailableError, type Passage } from './answer-model.port';
import { parseAnswerOutput } from './answer-output';

const passages: Passage[] = [
  { id: 'p1', title: 'Hours', text: 'Open 9-17.', url: null },
  { id: 'p2', title: 'Returns', text: '30 days.', url: null },
];

const reply = (fields: Record<string, unknown>) =>
  JSON.stringify({ answer: 'We are open 9-17.', used_passage_ids: ['p1'], grounded: true, wants_human: false, ...fields });

function badOutput(content: string | null): ModelUnavailableError {
  try {
    parseAnswerOutput(content, passages, 'm');
  } catch (error) {
    if (error instanceof ModelUnavailableError) return error;
    throw error;
  }
  throw new Error('expected bad_output');
}

describe('parseAnswerOutput', () => {
  it('reads a grounded answer', () => {
    expect(parseAnswerOutput(reply({}), passages, 'gpt-4o-mini')).toEqual({
      answer: 'We are open 9-17.',
      usedPassageIds: ['p1'],
      grounded: true,
      wantsHuman: false,
      model: 'gpt-4o-mini',
    });
  });

  it('is not grounded when the model names no passage, whatever it claims', () => {
    expect(parseAnswerOutput(reply({ used_passage_ids: [] }), passages, 'm').grounded).toBe(false);
  });

  it('is not grounded when the model names a passage that was not given, and drops that id', () => {
    const answer = parseAnswerOutput(reply({ used_passage_ids: ['p1', 'p9', 'p1'] }), passages, 'm');
    expect(answer.grounded).toBe(false);
    expect(answer.usedPassageIds).toEqual(['p1']);
  });

  it('is not grounded when the model says so itself', () => {
    expect(parseAnswerOutput(reply({ grounded: false }), passages, 'm').grounded).toBe(false);
  });

  it('passes on that the customer wants a person', () => {
    expect(parseAnswerOutput(reply({ wants_human: true }), passages, 'm').wantsHuman).toBe(true);
  });

  it('accepts JSON inside a Markdown code fence', () => {
    expect(parseAnswerOutput('```json\n' + reply({}) + '\n```', passages, 'm').answer).toBe('We are open 9-17.');
  });

  it('rejects invalid JSON, a wrong shape and an empty answer as bad_output, without quoting the model', () => {
    for (const content of ['Sure! We are open 9-17 (secret)', reply({ grounded: 'yes' }), reply({ answer: '  ' }), '[]', null]) {
      const error = badOutput(content);
      expect(error.code).toBe('bad_output');
      expect(error.message).not.toContain('secret');
      expect(error.message).not.toContain('9-17');
    }
  });
});
