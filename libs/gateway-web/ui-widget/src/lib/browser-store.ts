import type { KeyValueStore } from './chat-session';

/** sessionStorage, or a memory map where the browser blocks it (then a reload starts a new conversation). */
export function browserStore(): KeyValueStore {
  try {
    const storage = window.sessionStorage;
    const probe = '__pegamento_probe__';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    const memory = new Map<string, string>();
    return {
      getItem: (key) => memory.get(key) ?? null,
      setItem: (key, value) => void memory.set(key, value),
      removeItem: (key) => void memory.delete(key),
    };
  }
}

/** A random id for clientMessageId. */
export function randomId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
