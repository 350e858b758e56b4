/** What a key press asks the console to do. */
export type ShortcutAction = 'help' | 'gotoQueue' | 'gotoMine' | 'next' | 'previous' | 'claim' | 'reply' | 'send';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Focus is in an input, a text area, a select or editable content. */
  inTextField: boolean;
  /** Focus is in the reply box (Ctrl+Enter sends there). */
  inReplyBox: boolean;
}

/** The shortcuts the help dialog lists, in order: keys (shown as keyboard keys) and the text key of what they do. */
export const SHORTCUT_LIST = [
  { keys: ['?'], action: 'shortcuts.help' },
  { keys: ['g', 'q'], action: 'shortcuts.gotoQueue' },
  { keys: ['g', 'm'], action: 'shortcuts.gotoMine' },
  { keys: ['j'], action: 'shortcuts.next' },
  { keys: ['k'], action: 'shortcuts.previous' },
  { keys: ['c'], action: 'shortcuts.claim' },
  { keys: ['r'], action: 'shortcuts.reply' },
  { keys: ['Ctrl+Enter'], action: 'shortcuts.send' },
  { keys: ['Esc'], action: 'shortcuts.escape' },
] as const;

/** A "g" waits this long for its second key. */
export const SEQUENCE_TIMEOUT_MS = 1_500;

/**
 * Turns key presses into console actions. Single-key shortcuts (WCAG 2.1.4) act only when
 * focus is not in a text field and only while they are switched on; Ctrl+Enter (not a
 * single key) sends from the reply box either way. A "g" starts a two-key sequence.
 */
export class ShortcutReader {
  private pendingSince: number | null = null;

  constructor(private readonly sequenceTimeoutMs = SEQUENCE_TIMEOUT_MS) {}

  read(press: KeyPress, singleKeyEnabled: boolean, now: number): ShortcutAction | null {
    if (press.key === 'Enter' && (press.ctrlKey || press.metaKey) && press.inReplyBox) {
      this.pendingSince = null;
      return 'send';
    }
    if (press.inTextField || press.ctrlKey || press.metaKey || press.altKey || !singleKeyEnabled) {
      this.pendingSince = null;
      return null;
    }
    const pending = this.pendingSince !== null && now - this.pendingSince <= this.sequenceTimeoutMs;
    this.pendingSince = null;
    if (pending) {
      if (press.key === 'q') return 'gotoQueue';
      if (press.key === 'm') return 'gotoMine';
    }
    switch (press.key) {
      case 'g':
        this.pendingSince = now;
        return null;
      case '?':
        return 'help';
      case 'j':
        return 'next';
      case 'k':
        return 'previous';
      case 'c':
        return 'claim';
      case 'r':
        return 'reply';
      default:
        return null;
    }
  }
}

/** The index j/k move to in a list of `length` (stays at the ends; from nothing, j picks the first and k the last). */
export function stepIndex(current: number | null, length: number, delta: 1 | -1): number | null {
  if (length === 0) return null;
  if (current === null || current < 0 || current >= length) return delta === 1 ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, current + delta));
}
