/**
 * Keyboard shortcuts of the page (issue 9, item 1), as data: the help
 * overlay lists them and the key handler looks them up, so the list never
 * drifts from what the keys do. Pure, for tests.
 */
export type ShortcutAction = 'presenter' | 'help' | 'metric' | 'play' | 'pin' | 'close';

export interface Shortcut {
  keys: string[];
  action: ShortcutAction | null;
  /** What it does, in the user's words. */
  what: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    keys: ['p'],
    action: 'presenter',
    what: 'Presenter mode on or off: large type, high contrast, advanced inputs tucked away',
  },
  { keys: ['?'], action: 'help', what: 'Show or hide this list of shortcuts' },
  {
    keys: ['m'],
    action: 'metric',
    what: 'Switch the GPU grid to its next metric (memory, compute-busy, expert load, communication)',
  },
  { keys: ['k'], action: 'play', what: 'Play or pause the pipeline playback' },
  { keys: ['a'], action: 'pin', what: 'Pin the scenario on screen as A, then change it into B to compare the two' },
  { keys: ['← →', '↑ ↓'], action: null, what: 'Step the focused parameter (a slider) to its next allowed value' },
  { keys: ['Home', 'End'], action: null, what: 'The focused slider’s smallest or largest value' },
  { keys: ['+ −', '0'], action: null, what: 'In the focused pipeline chart: zoom in or out, reset' },
  { keys: ['← →', 'Esc'], action: null, what: 'In the guided walk: previous or next step; leave the walk' },
  { keys: ['Esc'], action: 'close', what: 'Close this list' },
];

/** Whether a key press belongs to a text field (or a select) and must not trigger a shortcut. */
export function isTyping(target: { tagName?: string; isContentEditable?: boolean; type?: string } | null): boolean {
  if (!target || !target.tagName) return false;
  const tag = target.tagName.toLowerCase();
  if (target.isContentEditable) return true;
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag !== 'input') return false;
  // Sliders and checkboxes take no text: a letter key there is free for a shortcut.
  return !['range', 'checkbox', 'radio', 'button', 'submit'].includes((target.type ?? 'text').toLowerCase());
}

/** The action of a key press, or null. Modifier chords (Ctrl/Meta/Alt) never are shortcuts. */
export function actionOf(e: {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target?: unknown;
}): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (isTyping((e.target ?? null) as Parameters<typeof isTyping>[0])) return null;
  if (e.key === 'Escape') return 'close';
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const hit = SHORTCUTS.find((s) => s.action !== null && s.action !== 'close' && s.keys.includes(key));
  return hit?.action ?? null;
}

/** The next metric in a cycle. */
export function nextOf<T>(list: readonly T[], current: T): T {
  const i = list.indexOf(current);
  return list[(i + 1) % list.length];
}
