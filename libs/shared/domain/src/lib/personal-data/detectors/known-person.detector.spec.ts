import { detectKnownPeople } from './known-person.detector';

describe('detectKnownPeople', () => {
  const eva = { name: 'Eva de Mulder', email: 'eva.mulder@ziggo.nl', phone: '+31651234567' };

  it('finds the whole name, each part of it (not the particles) and the e-mail, in any case, without a cue', () => {
    const found = detectKnownPeople('eva de mulder: Mulder schreef EVA.MULDER@ziggo.nl en eva belt', [eva]);
    expect(found.map((f) => [f.type, f.text]).sort()).toEqual(
      [
        ['EMAIL', 'EVA.MULDER@ziggo.nl'],
        ['NAME', 'eva de mulder'],
        ['NAME', 'eva'],
        ['NAME', 'mulder'],
        ['NAME', 'Mulder'],
        ['NAME', 'eva'],
      ].sort(),
    );
    expect(new Set(found.filter((f) => f.type === 'NAME').map((f) => f.key))).toEqual(new Set(['eva de mulder']));
  });

  it('does not match inside longer words or addresses', () => {
    expect(detectKnownPeople('Evaluatie in de Mulderstraat, x.eva.mulder@ziggo.nl.com', [eva])).toEqual([]);
  });
});
