import { SEQUENCE_TIMEOUT_MS, ShortcutReader, stepIndex, type KeyPress } from './shortcuts';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, inTextField: false, inReplyBox: false, ...extra });

describe('keyboard shortcuts', () => {
  it('maps single keys outside text fields', () => {
    const reader = new ShortcutReader();
    expect(reader.read(press('?'), true, 0)).toBe('help');
    expect(reader.read(press('j'), true, 0)).toBe('next');
    expect(reader.read(press('k'), true, 0)).toBe('previous');
    expect(reader.read(press('c'), true, 0)).toBe('claim');
    expect(reader.read(press('r'), true, 0)).toBe('reply');
    expect(reader.read(press('x'), true, 0)).toBeNull();
  });

  it('reads "g q" and "g m" as sequences, within the time limit only', () => {
    const reader = new ShortcutReader();
    expect(reader.read(press('g'), true, 0)).toBeNull();
    expect(reader.read(press('q'), true, 100)).toBe('gotoQueue');
    expect(reader.read(press('g'), true, 1_000)).toBeNull();
    expect(reader.read(press('m'), true, 1_100)).toBe('gotoMine');
    expect(reader.read(press('g'), true, 5_000)).toBeNull();
    expect(reader.read(press('q'), true, 5_000 + SEQUENCE_TIMEOUT_MS + 1)).toBeNull();
  });

  it('never fires a single-key shortcut while typing in a text field (WCAG 2.1.4)', () => {
    const reader = new ShortcutReader();
    for (const key of ['?', 'j', 'k', 'c', 'r', 'g']) expect(reader.read(press(key, { inTextField: true }), true, 0)).toBeNull();
    expect(reader.read(press('g', { inTextField: true }), true, 0)).toBeNull();
    expect(reader.read(press('q'), true, 10)).toBeNull();
  });

  it('can be switched off, while Ctrl+Enter still sends from the reply box', () => {
    const reader = new ShortcutReader();
    for (const key of ['?', 'j', 'c', 'r']) expect(reader.read(press(key), false, 0)).toBeNull();
    expect(reader.read(press('Enter', { ctrlKey: true, inTextField: true, inReplyBox: true }), false, 0)).toBe('send');
    expect(reader.read(press('Enter', { metaKey: true, inTextField: true, inReplyBox: true }), true, 0)).toBe('send');
    expect(reader.read(press('Enter', { ctrlKey: true, inTextField: true }), true, 0)).toBeNull();
    expect(reader.read(press('Enter', { inTextField: true, inReplyBox: true }), true, 0)).toBeNull();
  });

  it('leaves keys with Ctrl, Alt or Meta to the browser', () => {
    const reader = new ShortcutReader();
    expect(reader.read(press('c', { ctrlKey: true }), true, 0)).toBeNull();
    expect(reader.read(press('r', { metaKey: true }), true, 0)).toBeNull();
    expect(reader.read(press('j', { altKey: true }), true, 0)).toBeNull();
  });

  it('steps through a list and stops at its ends', () => {
    expect(stepIndex(null, 3, 1)).toBe(0);
    expect(stepIndex(null, 3, -1)).toBe(2);
    expect(stepIndex(0, 3, 1)).toBe(1);
    expect(stepIndex(2, 3, 1)).toBe(2);
    expect(stepIndex(0, 3, -1)).toBe(0);
    expect(stepIndex(5, 3, 1)).toBe(0);
    expect(stepIndex(0, 0, 1)).toBeNull();
  });
});
