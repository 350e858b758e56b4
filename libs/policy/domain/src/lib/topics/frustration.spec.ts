import { DEFAULT_FRUSTRATION_THRESHOLD, explainFrustration, frustrationScore, isFrustrated } from './frustration';

describe('frustrationScore', () => {
  it.each([
    'Dit is belachelijk!!!',
    'WAAROM WERKT DIT NIET',
    'waardeloze bot',
    'this is useless',
    'For the third time: my order number is 12345',
    'dit is de vijfde keer dat ik mail',
    'What the fuck is going on with my order',
    'Je snapt het echt niet',
    'ARE YOU EVEN LISTENING???',
    'Ridiculous. Still no refund.',
    'kut bot',
  ])('scores %j as frustrated', (text) => {
    expect(frustrationScore(text)).toBeGreaterThanOrEqual(DEFAULT_FRUSTRATION_THRESHOLD);
  });

  it.each([
    'Wanneer wordt mijn pakket bezorgd?',
    'Bedankt, top geholpen!',
    'Great, thanks!!!',
    'MENS',
    'HUMAN',
    'Ik wil mijn BSN niet delen',
    'Damn, I forgot my password',
    'ik heb kanker en wil mijn abonnement aanpassen',
    'belachelijk',
    'Waarom duurt dit zo lang?',
    'Hallo?? Is daar iemand?',
  ])('scores %j below the threshold', (text) => {
    expect(frustrationScore(text)).toBeLessThan(DEFAULT_FRUSTRATION_THRESHOLD);
  });

  it('stays between 0 and 1 and grows with every signal', () => {
    expect(frustrationScore('')).toBe(0);
    const one = frustrationScore('belachelijk');
    const two = frustrationScore('belachelijk, waardeloze bot');
    const many = frustrationScore('BELACHELIJK, WAARDELOZE KUTBOT, VOOR DE DERDE KEER!!! FUCK');
    expect(one).toBeGreaterThan(0);
    expect(two).toBeGreaterThan(one);
    expect(many).toBeGreaterThan(two);
    expect(many).toBeLessThanOrEqual(1);
  });

  it('does not count a medical use of "kanker" as swearing', () => {
    expect(explainFrustration('Mijn moeder heeft borstkanker').signals).toEqual([]);
    expect(explainFrustration('kankerbedrijf').signals).toEqual(['swear.nl']);
  });

  it('names the signals behind a score, not the words', () => {
    expect(explainFrustration('WAAROM WERKT DIT NIET, WAARDELOZE BOT!!!')).toEqual({
      score: expect.any(Number),
      signals: ['shouting', 'mixed-marks', 'useless-bot.nl', 'outrage.nl', 'again.nl'],
    });
  });
});

describe('isFrustrated', () => {
  it('sees repeated frustration: two of the last three messages', () => {
    expect(isFrustrated(['Waar is mijn pakket?', 'Dit is belachelijk!!!', 'waardeloze bot'])).toBe(true);
    expect(isFrustrated(['this is useless', 'my order is 123', 'FOR THE THIRD TIME, WHERE IS IT'], 0.5)).toBe(true);
  });

  it('does not escalate on a single outburst', () => {
    expect(isFrustrated(['Dit is belachelijk!!!', 'ok', 'dank je'])).toBe(false);
    expect(isFrustrated(['waardeloze bot'])).toBe(false);
    expect(isFrustrated([])).toBe(false);
  });

  it('looks only at the latest messages', () => {
    expect(isFrustrated(['waardeloze bot', 'this is useless', 'ok', 'thanks', 'fine'])).toBe(false);
  });

  it('takes the threshold and window from the caller', () => {
    const texts = ['belachelijk', 'ridiculous', 'ok'];
    expect(isFrustrated(texts, 0.5)).toBe(false);
    expect(isFrustrated(texts, 0.3)).toBe(true);
    expect(isFrustrated(['waardeloze bot', 'ok', 'ok', 'this is useless'], 0.5, { window: 4, minCount: 2 })).toBe(true);
  });
});
