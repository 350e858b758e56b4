/**
 * WhatsApp's customer-service window (R28): a business may send free text only within
 * `hours` (24) of the customer's last message; after that only approved templates.
 */
export function isWhatsappWindowOpen(lastInboundAt: Date | null, now: Date, hours: number): boolean {
  if (!lastInboundAt) return false;
  return now.getTime() - lastInboundAt.getTime() < hours * 3_600_000;
}

/** When the window closes, or null when it never opened. */
export function whatsappWindowClosesAt(lastInboundAt: Date | null, hours: number): Date | null {
  return lastInboundAt ? new Date(lastInboundAt.getTime() + hours * 3_600_000) : null;
}
