import { z } from 'zod';
import { loadConfig, renderWhatsappTemplate, standaloneSchema, twilioEnv } from '../index';

const schema = z.object(twilioEnv);

describe('the Twilio variables', () => {
  it('leave the channel off by default, with the documented limits', () => {
    const config = loadConfig(schema, {});
    expect(config.TWILIO_ACCOUNT_SID).toBeUndefined();
    expect(config.TWILIO_API_BASE_URL).toBe('https://api.twilio.com');
    expect(config.TWILIO_SEND_MAX_ATTEMPTS).toBe(5);
    expect(config.TWILIO_SEND_TIMEOUT_MS).toBe(10_000);
    expect(config.TWILIO_WEBHOOK_BODY_LIMIT_BYTES).toBe(65_536);
    expect(config.TWILIO_MEDIA_PROBE_TIMEOUT_MS).toBe(5_000);
    expect(config.TWILIO_DELETE_MAX_ATTEMPTS).toBe(25);
    expect(config.TWILIO_DELETE_RETRY_BASE_MS).toBe(60_000);
    expect(config.TWILIO_DELETE_RETRY_MAX_MS).toBe(86_400_000);
    expect(config.WHATSAPP_WINDOW_HOURS).toBe(24);
    expect(config.WHATSAPP_TEMPLATES).toBeUndefined();
  });

  it('take the WhatsApp sender with or without the whatsapp: prefix', () => {
    expect(loadConfig(schema, { TWILIO_WHATSAPP_FROM: 'whatsapp:+3197010203040' }).TWILIO_WHATSAPP_FROM).toBe('+3197010203040');
    expect(loadConfig(schema, { TWILIO_WHATSAPP_FROM: '+3197010203040' }).TWILIO_WHATSAPP_FROM).toBe('+3197010203040');
  });

  it('list every bad variable', () => {
    expect(() =>
      loadConfig(schema, {
        TWILIO_ACCOUNT_SID: 'AC123',
        TWILIO_SMS_FROM: '0612345678',
        TWILIO_API_BASE_URL: 'ftp://x',
        WHATSAPP_WINDOW_HOURS: '48',
        TWILIO_DELETE_MAX_ATTEMPTS: '0',
        WHATSAPP_TEMPLATES: '{not json',
      }),
    ).toThrow(/TWILIO_ACCOUNT_SID[\s\S]*TWILIO_SMS_FROM[\s\S]*TWILIO_API_BASE_URL[\s\S]*TWILIO_DELETE_MAX_ATTEMPTS[\s\S]*WHATSAPP_WINDOW_HOURS[\s\S]*WHATSAPP_TEMPLATES/);
  });

  it('read the approved templates from JSON', () => {
    const config = loadConfig(schema, {
      WHATSAPP_TEMPLATES: JSON.stringify({ follow_up: { contentSid: `HX${'a'.repeat(32)}`, text: 'Hoi {{1}}, je vraag is beantwoord.' } }),
    });
    expect(config.WHATSAPP_TEMPLATES?.['follow_up']?.contentSid).toBe(`HX${'a'.repeat(32)}`);
    expect(() => loadConfig(schema, { WHATSAPP_TEMPLATES: JSON.stringify({ 'Bad Name': { text: 'x' } }) })).toThrow(/WHATSAPP_TEMPLATES/);
  });

  it('are part of the standalone schema', () => {
    expect(loadConfig(standaloneSchema, { TWILIO_SMS_FROM: '+3197010203040' }).TWILIO_SMS_FROM).toBe('+3197010203040');
  });
});

describe('WhatsApp template texts', () => {
  it('fill every placeholder, and refuse missing or unknown ones', () => {
    const template = { text: 'Hoi {{1}}, je pakket {{2}} is onderweg. Groet, {{1}}' };
    expect(renderWhatsappTemplate(template, { '1': 'Jan', '2': 'NL123' })).toEqual({ ok: true, text: 'Hoi Jan, je pakket NL123 is onderweg. Groet, Jan' });
    expect(renderWhatsappTemplate(template, { '1': 'Jan' })).toEqual({ ok: false, missing: ['2'], unknown: [] });
    expect(renderWhatsappTemplate({ text: 'Hallo!' }, { '3': 'x' })).toEqual({ ok: false, missing: [], unknown: ['3'] });
    expect(renderWhatsappTemplate({ text: 'Hallo!' })).toEqual({ ok: true, text: 'Hallo!' });
  });
});
