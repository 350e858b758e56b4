import { composeMailText, isAutomaticMail, senderDisplayName } from './compose-mail';

const labels = { assistant: 'AI-assistent', role: 'medewerker', system: 'Melding' };

describe('who an outbound mail says it is from', () => {
  it('names the assistant, the person with their role, or the platform', () => {
    expect(senderDisplayName('ai', 'whatever', labels)).toBe('AI-assistent');
    expect(senderDisplayName('agent', 'Sanne', labels)).toBe('Sanne (medewerker)');
    expect(senderDisplayName('agent', 'Sam', { ...labels, role: 'agent' })).toBe('Sam (agent)');
    expect(senderDisplayName('system', 'x', labels)).toBe('Melding');
  });

  it('keeps line breaks and quotes out of the header', () => {
    expect(senderDisplayName('agent', 'Sanne"\r\nBcc: x@y', labels)).toBe('Sanne Bcc: x@y (medewerker)');
  });

  it('treats every mail no person wrote as automatic', () => {
    expect(isAutomaticMail('ai')).toBe(true);
    expect(isAutomaticMail('system')).toBe(true);
    expect(isAutomaticMail('agent')).toBe(false);
  });

  it('puts the disclosure above the text when there is one', () => {
    expect(composeMailText('Antwoord', 'AI schreef dit.')).toBe('AI schreef dit.\n\nAntwoord');
    expect(composeMailText('Antwoord', null)).toBe('Antwoord');
  });
});
