import { displayNameFromEmail } from './display-name.util';

describe('displayNameFromEmail', () => {
  it('capitalises the local part of the address', () => {
    expect(displayNameFromEmail('agent@example.com')).toBe('Agent');
  });

  it('turns dots, dashes, underscores and plus signs into spaces between capitalised words', () => {
    expect(displayNameFromEmail('sanne.de-vries+support@example.nl')).toBe('Sanne De Vries Support');
    expect(displayNameFromEmail('jan_jansen@example.nl')).toBe('Jan Jansen');
  });

  it('falls back to "Agent" when the local part has no letters to show', () => {
    expect(displayNameFromEmail('...@example.nl')).toBe('Agent');
  });
});
