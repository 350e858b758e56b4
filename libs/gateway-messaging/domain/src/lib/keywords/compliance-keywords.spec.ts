import { classifyComplianceKeyword, normaliseKeyword } from './compliance-keywords';

describe('SMS compliance keywords', () => {
  it.each(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'CANCEL', 'AFMELDEN', 'stop', ' Stop! ', 'stop all', 'Afmelden.'])(
    'reads %j as an opt-out',
    (text) => {
      expect(classifyComplianceKeyword(text, { optedOut: false })).toBe('opt_out');
    },
  );

  it.each(['START', 'unstop', 'Start.'])('reads %j as an opt-in', (text) => {
    expect(classifyComplianceKeyword(text, { optedOut: true })).toBe('opt_in');
    expect(classifyComplianceKeyword(text, { optedOut: false })).toBe('opt_in');
  });

  it('reads YES as an opt-in only from a number that opted out', () => {
    expect(classifyComplianceKeyword('yes', { optedOut: true })).toBe('opt_in');
    expect(classifyComplianceKeyword('yes', { optedOut: false })).toBeNull();
  });

  it.each(['HELP', 'info', 'Help?'])('reads %j as a request for help', (text) => {
    expect(classifyComplianceKeyword(text, { optedOut: false })).toBe('help');
  });

  it.each(['stop met mijn abonnement', 'Kan ik stoppen?', 'help me met mijn bestelling', '', '   ', 'MENS', 'STOP STOP STOP STOP STOP'])(
    'leaves %j to the conversation',
    (text) => {
      expect(classifyComplianceKeyword(text, { optedOut: false })).toBeNull();
    },
  );

  it('normalises case, outer punctuation and inner spaces', () => {
    expect(normaliseKeyword('  ¡Stop all!  ')).toBe('STOPALL');
    expect(normaliseKeyword('🛑 stop')).toBe('STOP');
  });
});
