import { isWhatsappWindowOpen, whatsappWindowClosesAt } from './whatsapp-window';

describe('the WhatsApp customer-service window', () => {
  const last = new Date('2026-11-01T10:00:00Z');

  it('is open until the set number of hours after the customer’s last message', () => {
    expect(isWhatsappWindowOpen(last, new Date('2026-11-01T10:00:00Z'), 24)).toBe(true);
    expect(isWhatsappWindowOpen(last, new Date('2026-11-02T09:59:59Z'), 24)).toBe(true);
    expect(isWhatsappWindowOpen(last, new Date('2026-11-02T10:00:00Z'), 24)).toBe(false);
    expect(isWhatsappWindowOpen(last, new Date('2026-11-01T12:00:00Z'), 1)).toBe(false);
  });

  it('was never open for a customer who never wrote', () => {
    expect(isWhatsappWindowOpen(null, new Date(), 24)).toBe(false);
    expect(whatsappWindowClosesAt(null, 24)).toBeNull();
    expect(whatsappWindowClosesAt(last, 24)).toEqual(new Date('2026-11-02T10:00:00Z'));
  });
});
