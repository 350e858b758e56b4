/** "sanne.de-vries@example.nl" → "Sanne De Vries": a readable name from an e-mail's local part. */
export function displayNameFromEmail(email: string): string {
  const local = email.split('@')[0] ?? '';
  const words = local
    .split(/[._+\-\s]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  const name = words.join(' ').slice(0, 120).trim();
  return name.length > 0 ? name : 'Agent';
}
