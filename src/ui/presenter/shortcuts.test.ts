/** Keyboard shortcuts: one table drives both the help overlay and the key handler. */
import { describe, expect, it } from 'vitest';
import { actionOf, isTyping, nextOf, SHORTCUTS } from './shortcuts';

describe('shortcuts', () => {
  it('maps the listed keys to their actions', () => {
    expect(actionOf({ key: 'p' })).toBe('presenter');
    expect(actionOf({ key: 'P' })).toBe('presenter');
    expect(actionOf({ key: '?' })).toBe('help');
    expect(actionOf({ key: 'm' })).toBe('metric');
    expect(actionOf({ key: 'k' })).toBe('play');
    expect(actionOf({ key: 'Escape' })).toBe('close');
    expect(actionOf({ key: 'x' })).toBeNull();
    // Every key with an action is listed in the help, so the list never drifts.
    for (const s of SHORTCUTS.filter((x) => x.action && x.action !== 'close'))
      for (const k of s.keys) expect(actionOf({ key: k })).toBe(s.action);
  });

  it('never fires while typing or with a modifier (Ctrl+P prints)', () => {
    expect(actionOf({ key: 'p', ctrlKey: true })).toBeNull();
    expect(actionOf({ key: 'p', target: { tagName: 'INPUT', type: 'text' } })).toBeNull();
    expect(actionOf({ key: 'm', target: { tagName: 'TEXTAREA' } })).toBeNull();
    // A slider takes arrow keys, not letters: "p" on a focused slider still toggles presenter mode.
    expect(actionOf({ key: 'p', target: { tagName: 'INPUT', type: 'range' } })).toBe('presenter');
    expect(isTyping({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTyping(null)).toBe(false);
  });

  it('cycles through a list', () => {
    expect(nextOf(['a', 'b', 'c'], 'c')).toBe('a');
    expect(nextOf(['a', 'b', 'c'], 'a')).toBe('b');
  });
});
