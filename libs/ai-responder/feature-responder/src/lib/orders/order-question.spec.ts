import { isOrderStatusQuestion } from './order-question';
import { LABELLED_ORDER_QUESTIONS } from './order-questions.labelled';

describe('isOrderStatusQuestion', () => {
  it.each(LABELLED_ORDER_QUESTIONS)('%s → %s', (text, expected) => {
    expect(isOrderStatusQuestion(text)).toBe(expected);
  });

  it('stays quiet on long messages (a story is for a person to read)', () => {
    expect(isOrderStatusQuestion(`Waar is mijn bestelling? ${'x'.repeat(400)}`)).toBe(false);
  });
});
