import type { KnownPerson, PersonalDataFinding } from '../personal-data.types';
import { finding } from './finding';

const PARTICLES = /^(?:van|de|der|den|het|'t|ter|ten|te|in|op|von|la|le|du|da|di|del|el|al|bin|ibn)$/i;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A name's key: lower case, single spaces (the same as the name detector's). */
export function nameKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The parts of a name worth masking on their own: no particles, no initials. */
export function nameParts(name: string): string[] {
  return name
    .trim()
    .split(/\s+/)
    .filter((part) => part.replace(/[^\p{L}]/gu, '').length >= 2 && !PARTICLES.test(part));
}

/**
 * The contact's own name (whole, or any part of it), and e-mail address, wherever they
 * appear, in any case, without needing a cue. Name parts share the whole name's key, so
 * "Eva" and "Eva Mulder" get one placeholder. (The contact's phone is found by the phone
 * detector in any notation; its key is the same E.164 number.)
 */
export function detectKnownPeople(text: string, people: readonly KnownPerson[]): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  const add = (value: string, type: 'NAME' | 'EMAIL', key: string) => {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}@.])${escape(value).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}]|@|\\.[\\p{L}\\p{N}])`, 'giu');
    for (const m of text.matchAll(pattern)) found.push(finding(type, text, m.index, m.index + m[0].length, key));
  };
  for (const person of people) {
    if (person.email?.trim()) add(person.email.trim(), 'EMAIL', person.email.trim().toLowerCase());
    const name = person.name?.trim();
    if (name) {
      const key = nameKey(name);
      add(name, 'NAME', key);
      for (const part of nameParts(name)) add(part, 'NAME', key);
    }
  }
  return found;
}
