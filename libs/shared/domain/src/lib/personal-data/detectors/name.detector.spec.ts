import { detectNames } from './name.detector';

const names = (text: string) => detectNames(text).map((f) => f.text);

describe('detectNames', () => {
  it('finds names after "mijn naam is", "ik heet", "naam:", "t.n.v." and their English forms, also in lower case', () => {
    expect(names('Goedemorgen, mijn naam is Daan Visser en ik wacht al een week.')).toEqual(['Daan Visser']);
    expect(names('mijn naam is ruben de boer, ik heb een vraag')).toEqual(['ruben de boer']);
    expect(names('Mijn moeder heet Ria Smits.')).toEqual(['Ria Smits']);
    expect(names('naam: Thomas Wouters, telefoon: …')).toEqual(['Thomas Wouters']);
    expect(names('IBAN … t.n.v. S. de Groot?')).toEqual(['S. de Groot']);
    expect(names('my name is lisa de jong and my email is …')).toEqual(['lisa de jong']);
    expect(names('In the name of: Hendrik Jan Smit')).toEqual(['Hendrik Jan Smit']);
  });

  it('finds capitalised names after "ik ben", "dit is", "met", "I\'m", "this is", titles and relations', () => {
    expect(names("I'm Maria Garcia Lopez and this is my second complaint.")).toEqual(['Maria Garcia Lopez']);
    expect(names('Hoi, met Anouk. Is mijn retour al binnen?')).toEqual(['Anouk']);
    expect(names('Dit is Jeroen van Dijk, ik bel namens mijn moeder.')).toEqual(['Jeroen van Dijk']);
    expect(names('Dhr. P. Jacobs heeft het pakket aangenomen.')).toEqual(['P. Jacobs']);
    expect(names('Please contact my husband Pieter on …')).toEqual(['Pieter']);
    expect(names('Graag contact met mijn man, Gert-Jan, op …')).toEqual(['Gert-Jan']);
    expect(names("Thanks,\nPeter O'Neill")).toEqual(["Peter O'Neill"]);
  });

  it('does not take a word after a weak cue for a name', () => {
    expect(names('Ik ben boos. Ik ben Nederlander. Ik ben benieuwd.')).toEqual([]);
    expect(names("I'm not sure. I'm Dutch. I'm Happy with it. This is my order.")).toEqual([]);
    expect(names('Met vriendelijke groet,')).toEqual([]);
  });

  it('finds a name before "hier", "here" or "speaking" at the start', () => {
    expect(names('Hoi, Eva hier. Ik kreeg een mail.')).toEqual(['Eva']);
    expect(names('Hello, Sarah Williams here. My new number is …')).toEqual(['Sarah Williams']);
  });

  it('finds a signature after a sign-off when the name ends the line or the message', () => {
    expect(names('Top!\n\nGroetjes,\nMarieke')).toEqual(['Marieke']);
    expect(names('Dank u wel!\n\nGroet,\nWillem')).toEqual(['Willem']);
    expect(names('Met vriendelijke groeten,\n\nmevrouw A. Yılmaz')).toEqual(['A. Yılmaz']);
    expect(names('Met vriendelijke groet,\n\nJ.P. de Wit\nKastanjeweg 8')).toEqual(['J.P. de Wit']);
    expect(names('Thank you!\n– Elif')).toEqual(['Elif']);
    expect(names('Perfect. Cheers, Ben')).toEqual(['Ben']);
    expect(names('Thanks for sorting this out, I will try it.')).toEqual([]);
    expect(names('Graag het geld daarop terugstorten.')).toEqual([]);
  });

  it('misses a name without a cue (a known limit, ADR 0013)', () => {
    expect(names('Kan Pieter het pakket ophalen?')).toEqual([]);
  });
});
