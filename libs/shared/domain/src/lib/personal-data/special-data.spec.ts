import { maskSpecialData } from './special-data';

describe('maskSpecialData: what is not stored without a legal basis', () => {
  it.each([
    ['Mijn BSN is 111222333, kunt u mijn gegevens aanpassen?', 'nl', 'Mijn BSN is [BSN verwijderd], kunt u mijn gegevens aanpassen?', ['BSN']],
    ['My citizen service number is 123456782.', 'en', 'My citizen service number is [BSN removed].', ['BSN']],
    ['Ik heb diabetes en kan de verpakking niet openen.', 'nl', 'Ik heb [gezondheidsgegevens verwijderd] en kan de verpakking niet openen.', ['HEALTH']],
    ['I am pregnant and need the parcel at the door.', 'en', 'I am [health details removed] and need the parcel at the door.', ['HEALTH']],
    ['Ik ben moslim, is dit product halal?', 'nl', 'Ik ben moslim, is dit product halal?'.replace('Ik ben moslim', '[geloofsovertuiging verwijderd]'), ['BELIEF']],
    ["I'm gay and my husband ordered this.", 'en', '[sexual orientation removed] and my husband ordered this.', ['ORIENTATION']],
    ['Ik stem op de PvdA, maar dat terzijde.', 'nl', '[politieke voorkeur verwijderd], maar dat terzijde.', ['POLITICS']],
    ['Als lid van de FNV krijg ik korting?', 'nl', 'Als [lidmaatschap vakbond verwijderd] krijg ik korting?', ['UNION']],
    ['Ik heb een strafblad, kan ik een account openen?', 'nl', 'Ik heb een [strafrechtelijke gegevens verwijderd], kan ik een account openen?', ['CRIMINAL']],
    ['BSN 111222333 en ik heb kanker.', 'nl', 'BSN [BSN verwijderd] en ik heb [gezondheidsgegevens verwijderd].', ['BSN', 'HEALTH']],
  ])('%s', (text, locale, expected, kinds) => {
    expect(maskSpecialData(text, locale)).toEqual({ text: expected, masked: kinds });
  });

  it.each([
    'Mijn bestelnummer is 111222334 en het pakket is niet aangekomen.', // fails the 11-proef
    'Kunnen jullie bezorgen bij het ziekenhuis in Utrecht?',
    'Is de bank ook geschikt voor mensen met rugklachten?',
    'I ordered the Christmas tree on Monday.',
    'Can you deliver to the church hall on Sunday?',
    'Wat is de status van order 2024-118833?',
    'De kankerbestrijdingsactie: geven jullie korting?',
  ])('leaves alone: %s', (text) => {
    expect(maskSpecialData(text, 'nl')).toEqual({ text, masked: [] });
  });

  it('keeps what the tenant has a legal basis for', () => {
    const text = 'Mijn BSN is 111222333 en ik heb diabetes.';
    expect(maskSpecialData(text, 'nl', { bsn: 'Wet op de zorgverzekering, art. 87' }).text).toBe('Mijn BSN is 111222333 en ik heb [gezondheidsgegevens verwijderd].');
    expect(maskSpecialData(text, 'nl', { specialCategories: 'AVG art. 9 lid 2 sub h' }).text).toBe('Mijn BSN is [BSN verwijderd] en ik heb diabetes.');
    expect(maskSpecialData(text, 'nl', { bsn: 'x', specialCategories: 'y' })).toEqual({ text, masked: [] });
  });
});
