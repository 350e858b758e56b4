import { TEXTS } from '../i18n/i18n';
import { message } from '../testing/fixtures';
import { MAILTO_MAX_LENGTH } from './config';
import { mailtoTranscript, transcriptFileName, transcriptLines, transcriptText } from './transcript';

const conversation = [
  message('1', { type: 'ai', text: 'Hi! I am the AI assistant.' }),
  message('2', { type: 'customer', text: 'How do I return an item?' }),
  message('3', { type: 'agent', name: 'Sanne', text: 'I can help.' }),
  message('4', { type: 'system', text: 'The agent has left the conversation.' }),
];

describe('the transcript', () => {
  it('has time, who wrote it and the text of every message', () => {
    expect(transcriptLines(conversation, TEXTS.en, 'en', 'UTC')).toEqual([
      '[29/11/2026, 10:00] AI assistant: Hi! I am the AI assistant.',
      '[29/11/2026, 10:00] You: How do I return an item?',
      '[29/11/2026, 10:00] Sanne (agent): I can help.',
      '[29/11/2026, 10:00] Notice: The agent has left the conversation.',
    ]);
    expect(transcriptLines(conversation, TEXTS.nl, 'nl', 'Europe/Amsterdam')[2]).toBe('[29-11-2026, 11:00] Sanne (medewerker): I can help.');
  });

  it('is a text file with a title line', () => {
    const text = transcriptText(conversation, TEXTS.nl, 'nl', 'UTC');
    expect(text.split('\r\n')[0]).toBe(TEXTS.nl['transcript.title']);
    expect(text).toContain('AI-assistent: Hi! I am the AI assistant.');
    expect(transcriptFileName(TEXTS.en, new Date(2026, 10, 29, 12))).toBe('conversation-2026-11-29.txt');
  });
});

describe('the e-mail link', () => {
  it('carries the whole transcript when it fits', () => {
    const mail = mailtoTranscript(conversation, TEXTS.en, 'en', MAILTO_MAX_LENGTH, 'UTC');
    expect(mail.shortened).toBe(false);
    expect(mail.href.startsWith('mailto:?subject=')).toBe(true);
    const body = decodeURIComponent(new URLSearchParams(mail.href.slice('mailto:?'.length)).get('body') ?? '');
    expect(body).toContain('Sanne (agent): I can help.');
  });

  it('keeps the newest messages, with a note, when the transcript is too long for a mailto URL', () => {
    const long = Array.from({ length: 60 }, (_, i) => message(String(i + 1), { type: i % 2 ? 'ai' : 'customer', text: `message number ${i + 1} ${'é'.repeat(20)}` }));
    const mail = mailtoTranscript(long, TEXTS.en, 'en', MAILTO_MAX_LENGTH, 'UTC');
    expect(mail.shortened).toBe(true);
    expect(mail.href.length).toBeLessThanOrEqual(MAILTO_MAX_LENGTH);
    const body = decodeURIComponent(mail.href.split('&body=')[1]!);
    expect(body.startsWith(TEXTS.en['transcript.shortened'])).toBe(true);
    expect(body).toContain('message number 60');
    expect(body).not.toContain('message number 1 ');
    // As many messages as fit: one more would not.
    const kept = body.split('\r\n').length - 2;
    expect(mailtoTranscript(long.slice(-(kept + 1)), TEXTS.en, 'en', MAILTO_MAX_LENGTH, 'UTC').shortened).toBe(true);
  });

  it('cuts even a single message that is too long', () => {
    const mail = mailtoTranscript([message('1', { text: 'x'.repeat(5_000) })], TEXTS.en, 'en', 500, 'UTC');
    expect(mail.shortened).toBe(true);
    expect(mail.href.length).toBeLessThanOrEqual(500);
    expect(decodeURIComponent(mail.href.split('&body=')[1]!)).toMatch(/x…$/);
  });
});
