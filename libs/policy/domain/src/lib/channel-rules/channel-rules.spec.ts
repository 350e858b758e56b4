import { isHandoverKeyword, isTextOnlyChannel, needsAiLabel, renderChannelText, type ChannelTextInput } from './channel-rules';

const base: ChannelTextInput = {
  authorType: 'ai',
  displayName: 'AI-assistent',
  text: 'Je bestelling komt morgen.',
  isDisclosure: false,
  previousAuthorType: 'ai',
  aiLabel: '[AI-assistent]',
  roleLabel: 'medewerker',
};

describe('channel rules for SMS and WhatsApp', () => {
  it('labels the disclosure and the first AI message', () => {
    expect(renderChannelText({ ...base, isDisclosure: true, text: 'Hoi! Ik ben de AI-assistent.' })).toBe('[AI-assistent] Hoi! Ik ben de AI-assistent.');
    expect(renderChannelText({ ...base, previousAuthorType: null })).toBe('[AI-assistent] Je bestelling komt morgen.');
  });

  it('labels an AI message after a person or a notice spoke, not after another AI message', () => {
    expect(renderChannelText({ ...base, previousAuthorType: 'agent' })).toBe('[AI-assistent] Je bestelling komt morgen.');
    expect(renderChannelText({ ...base, previousAuthorType: 'system' })).toBe('[AI-assistent] Je bestelling komt morgen.');
    expect(renderChannelText(base)).toBe('Je bestelling komt morgen.');
    expect(needsAiLabel({ authorType: 'system', isDisclosure: false, previousAuthorType: null })).toBe(false);
  });

  it("starts every person's message with their name and role", () => {
    expect(renderChannelText({ ...base, authorType: 'agent', displayName: 'Sanne', text: 'Ik kijk het na.' })).toBe('Sanne (medewerker): Ik kijk het na.');
    expect(renderChannelText({ ...base, authorType: 'agent', displayName: 'Sam', roleLabel: 'agent', text: 'On it.', previousAuthorType: 'agent' })).toBe(
      'Sam (agent): On it.',
    );
  });

  it('never labels twice', () => {
    expect(renderChannelText({ ...base, previousAuthorType: null, text: '[AI-assistent] Hallo' })).toBe('[AI-assistent] Hallo');
    expect(renderChannelText({ ...base, authorType: 'agent', displayName: 'Sanne', text: 'Sanne (medewerker): Hoi' })).toBe('Sanne (medewerker): Hoi');
  });

  it('leaves notices as they are', () => {
    expect(renderChannelText({ ...base, authorType: 'system', text: 'Je staat in de wachtrij.' })).toBe('Je staat in de wachtrij.');
  });

  it.each(['MENS', 'mens', ' Medewerker! ', 'HUMAN', 'agent.', 'Agent?'])('hands over on the keyword %j', (text) => {
    expect(isHandoverKeyword(text)).toBe(true);
  });

  it.each(['mensen', 'ik wil een mens', 'agentschap', '', 'STOP'])('does not read %j as the keyword', (text) => {
    expect(isHandoverKeyword(text)).toBe(false);
  });

  it('knows which channels show no author', () => {
    expect(isTextOnlyChannel('sms')).toBe(true);
    expect(isTextOnlyChannel('whatsapp')).toBe(true);
    expect(isTextOnlyChannel('web')).toBe(false);
    expect(isTextOnlyChannel('email')).toBe(false);
  });
});
