/**
 * Completing JSON that a token limit cut off. Only characters are ever appended, never removed,
 * so a streamed tool call whose fragments already reached the client can be finished with one
 * more fragment.
 */

type Container =
  | { kind: 'object'; expect: 'key-or-end' | 'key' | 'colon' | 'value' | 'comma-or-end' }
  | { kind: 'array'; expect: 'value-or-end' | 'value' | 'comma-or-end' };

const LITERALS = ['true', 'false', 'null'] as const;
const COMPLETE_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const NUMBER_START = /[-0-9]/;
const WHITESPACE = /[ \t\n\r]/;
const HEX = /[0-9a-fA-F]/;

/** What the scanner knows at the end of the text. */
interface ScanState {
  readonly stack: Container[];
  /** Top level: waiting for the one value, or past it. */
  topDone: boolean;
  /** Inside a string: whether it is an object key, a pending backslash, hex digits of a `\u` escape so far. */
  string: { key: boolean; escape: boolean; unicode: number | undefined } | undefined;
  /** Characters of a number or literal being read. */
  bare: string;
}

/**
 * The characters to append to `text` so it becomes valid JSON: closes an open string (finishing a
 * dangling escape), completes a cut literal or number (`tr` → `true`, `1.` → `1.0`), gives a key
 * left without a value `null`, and closes open arrays and objects innermost first. A trailing
 * comma gets a placeholder element (`null` in an array, `"":null` in an object) because dropping
 * the comma would remove a character. Returns `{}` for blank text (a call without arguments), and ''
 * when the text is already complete or not the beginning of any JSON value.
 */
export function truncatedJsonSuffix(text: string): string {
  const state: ScanState = { stack: [], topDone: false, string: undefined, bare: '' };
  for (const char of text) {
    if (!step(state, char)) return '';
  }
  // Blank text is the arguments of a call that had none: `{}`.
  if (state.stack.length === 0 && !state.topDone && state.string === undefined && state.bare === '') return '{}';
  let suffix = '';
  if (state.string !== undefined) {
    if (state.string.escape) suffix += '\\';
    if (state.string.unicode !== undefined) suffix += '0'.repeat(4 - state.string.unicode);
    suffix += '"';
    const wasKey = state.string.key;
    state.string = undefined;
    if (wasKey) markKeyRead(state);
    else markValueRead(state);
  }
  if (state.bare !== '') {
    const completion = completeBare(state.bare);
    if (completion === undefined) return '';
    suffix += completion;
    state.bare = '';
    markValueRead(state);
  }
  while (state.stack.length > 0) {
    const top = state.stack.pop()!;
    suffix += closing(top);
    markValueRead(state);
  }
  return suffix;
}

/** `text` completed into valid JSON by appending {@link truncatedJsonSuffix}; nothing is removed. */
export function repairTruncatedJson(text: string): string {
  return text + truncatedJsonSuffix(text);
}

function closing(container: Container): string {
  if (container.kind === 'array') return container.expect === 'value' ? 'null]' : ']';
  switch (container.expect) {
    case 'key':
      return '"":null}';
    case 'colon':
      return ':null}';
    case 'value':
      return 'null}';
    default:
      return '}';
  }
}

function completeBare(bare: string): string | undefined {
  for (const literal of LITERALS) if (literal.startsWith(bare)) return literal.slice(bare.length);
  if (COMPLETE_NUMBER.test(bare)) return '';
  return COMPLETE_NUMBER.test(`${bare}0`) ? '0' : undefined;
}

/** Advances the scanner by one character; false when the text cannot be the start of JSON. */
function step(state: ScanState, char: string): boolean {
  const string = state.string;
  if (string !== undefined) {
    if (string.unicode !== undefined) {
      if (!HEX.test(char)) return false;
      string.unicode += 1;
      if (string.unicode === 4) string.unicode = undefined;
    } else if (string.escape) {
      if (char === 'u') string.unicode = 0;
      else if (!'"\\/bfnrt'.includes(char)) return false;
      string.escape = false;
    } else if (char === '\\') string.escape = true;
    else if (char === '"') {
      state.string = undefined;
      if (string.key) markKeyRead(state);
      else markValueRead(state);
    } else if (char < ' ') return false;
    return true;
  }
  if (state.bare !== '') {
    if (/[0-9a-zA-Z.+-]/.test(char)) {
      state.bare += char;
      return state.bare.length <= 400;
    }
    if (completeBare(state.bare) !== '') return false;
    state.bare = '';
    markValueRead(state);
  }
  if (WHITESPACE.test(char)) return true;
  const top = state.stack.at(-1);
  if (top === undefined) {
    if (state.topDone) return false;
    return startValue(state, char);
  }
  if (top.kind === 'object') {
    switch (top.expect) {
      case 'key-or-end':
        if (char === '}') return closeContainer(state);
        if (char !== '"') return false;
        state.string = { key: true, escape: false, unicode: undefined };
        return true;
      case 'key':
        if (char !== '"') return false;
        state.string = { key: true, escape: false, unicode: undefined };
        return true;
      case 'colon':
        if (char !== ':') return false;
        top.expect = 'value';
        return true;
      case 'value':
        return startValue(state, char);
      case 'comma-or-end':
        if (char === '}') return closeContainer(state);
        if (char !== ',') return false;
        top.expect = 'key';
        return true;
    }
  }
  switch (top.expect) {
    case 'value-or-end':
      return char === ']' ? closeContainer(state) : startValue(state, char);
    case 'value':
      return startValue(state, char);
    case 'comma-or-end':
      if (char === ']') return closeContainer(state);
      if (char !== ',') return false;
      top.expect = 'value';
      return true;
  }
}

function startValue(state: ScanState, char: string): boolean {
  if (char === '{') state.stack.push({ kind: 'object', expect: 'key-or-end' });
  else if (char === '[') state.stack.push({ kind: 'array', expect: 'value-or-end' });
  else if (char === '"') state.string = { key: false, escape: false, unicode: undefined };
  else if (NUMBER_START.test(char) || 'tfn'.includes(char)) state.bare = char;
  else return false;
  return true;
}

function closeContainer(state: ScanState): boolean {
  state.stack.pop();
  markValueRead(state);
  return true;
}

function markKeyRead(state: ScanState): void {
  const top = state.stack.at(-1);
  if (top?.kind === 'object') top.expect = 'colon';
}

function markValueRead(state: ScanState): void {
  const top = state.stack.at(-1);
  if (top === undefined) state.topDone = true;
  else top.expect = 'comma-or-end';
}
