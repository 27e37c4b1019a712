// Tool-call arguments cut off by the token limit must still parse for the client. Streamed
// fragments are already on the wire, so the repair may only append: it never drops a character.

type ObjectState = 'key-or-end' | 'key' | 'colon' | 'value' | 'comma-or-end';
type ArrayState = 'value-or-end' | 'value' | 'comma-or-end';
type Frame = { kind: 'object'; state: ObjectState } | { kind: 'array'; state: ArrayState };

const LITERALS = ['true', 'false', 'null'] as const;
const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/** Scanner state at the end of the text, or undefined when no appended suffix can make it valid. */
interface EndState {
  readonly stack: Frame[];
  /** The top-level value is complete. */
  readonly done: boolean;
  readonly string?: { readonly isKey: boolean; readonly escape: boolean; readonly unicodeDigitsLeft: number };
  readonly token?: string;
}

/**
 * Closes JSON text that was cut off part-way (a tool call's arguments when the model hit its
 * token limit) by appending only: an open string is closed (a dangling escape is completed), a
 * partial `true`/`false`/`null` or number is finished, a key left without a value gets `null`,
 * a comma left without a following member gets `null` (arrays) or `"":null` (objects), and open
 * arrays and objects are closed innermost first. Empty or blank text becomes `{}` (a call
 * without arguments). Text that is already complete, or that no suffix can repair (trailing
 * garbage), is returned unchanged.
 */
export function repairTruncatedJson(text: string): string {
  return text + truncatedJsonSuffix(text);
}

/** The characters {@link repairTruncatedJson} appends to `text` ('' when none are needed or possible). */
export function truncatedJsonSuffix(text: string): string {
  if (text.trim() === '') return '{}';
  const end = scan(text);
  if (end === undefined || (end.done && end.token === undefined && end.stack.length === 0)) return '';
  let suffix = '';
  const stack = [...end.stack];
  if (end.string !== undefined) {
    if (end.string.unicodeDigitsLeft > 0) suffix += '0'.repeat(end.string.unicodeDigitsLeft);
    else if (end.string.escape) suffix += '\\';
    suffix += '"';
    if (end.string.isKey) suffix += ':null';
    completeValueIn(stack);
  } else if (end.token !== undefined) {
    const completion = completeToken(end.token);
    if (completion === undefined) return '';
    suffix += completion;
    completeValueIn(stack);
  }
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    suffix += closeFrame(frame);
    completeValueIn(stack);
  }
  return suffix;
}

function closeFrame(frame: Frame): string {
  if (frame.kind === 'array') return frame.state === 'value' ? 'null]' : ']';
  switch (frame.state) {
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

/** After a value (or a key the suffix completed with `:null`), its container expects a comma or its end. */
function completeValueIn(stack: Frame[]): void {
  const top = stack[stack.length - 1];
  if (top !== undefined) top.state = 'comma-or-end';
}

function completeToken(token: string): string | undefined {
  for (const literal of LITERALS) if (literal.startsWith(token)) return literal.slice(token.length);
  if (!/^-?\d*(\.\d*)?([eE][+-]?\d*)?$/.test(token)) return undefined;
  return /[-+.eE]$/.test(token) ? '0' : '';
}

function isTokenChar(char: string): boolean {
  return /[0-9a-zA-Z+\-.]/.test(char);
}

function scan(text: string): EndState | undefined {
  const stack: Frame[] = [];
  let done = false;
  let string: { isKey: boolean; escape: boolean; unicodeDigitsLeft: number } | undefined;
  let token: string | undefined;

  const expectsValue = (): boolean => {
    const top = stack[stack.length - 1];
    if (top === undefined) return !done;
    return top.kind === 'array' ? top.state !== 'comma-or-end' : top.state === 'value';
  };
  const valueEnded = (): void => {
    const top = stack[stack.length - 1];
    if (top === undefined) done = true;
    else top.state = 'comma-or-end';
  };

  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (string !== undefined) {
      if (string.unicodeDigitsLeft > 0) {
        if (!/[0-9a-fA-F]/.test(char)) return undefined;
        string.unicodeDigitsLeft--;
      } else if (string.escape) {
        string.escape = false;
        if (char === 'u') string.unicodeDigitsLeft = 4;
      } else if (char === '\\') string.escape = true;
      else if (char === '"') {
        const top = stack[stack.length - 1];
        if (string.isKey && top?.kind === 'object') top.state = 'colon';
        else valueEnded();
        string = undefined;
      }
      continue;
    }
    if (token !== undefined) {
      if (isTokenChar(char)) {
        token += char;
        continue;
      }
      if (completeToken(token) !== '') return undefined;
      token = undefined;
      valueEnded();
    }
    if (WHITESPACE.has(char)) continue;
    const top = stack[stack.length - 1];
    if (char === '"') {
      const isKey = top?.kind === 'object' && (top.state === 'key-or-end' || top.state === 'key');
      if (!isKey && !expectsValue()) return undefined;
      string = { isKey, escape: false, unicodeDigitsLeft: 0 };
    } else if (char === '{' || char === '[') {
      if (!expectsValue()) return undefined;
      stack.push(char === '{' ? { kind: 'object', state: 'key-or-end' } : { kind: 'array', state: 'value-or-end' });
    } else if (char === '}' || char === ']') {
      const closable = char === '}' ? top?.kind === 'object' && (top.state === 'key-or-end' || top.state === 'comma-or-end') : top?.kind === 'array' && (top.state === 'value-or-end' || top.state === 'comma-or-end');
      if (!closable) return undefined;
      stack.pop();
      valueEnded();
    } else if (char === ',') {
      if (top === undefined || top.state !== 'comma-or-end') return undefined;
      top.state = top.kind === 'object' ? 'key' : 'value';
    } else if (char === ':') {
      if (top?.kind !== 'object' || top.state !== 'colon') return undefined;
      top.state = 'value';
    } else if (isTokenChar(char)) {
      if (!expectsValue()) return undefined;
      token = char;
    } else return undefined;
  }
  if (token !== undefined && completeToken(token) === undefined) return undefined;
  return { stack, done, ...(string !== undefined ? { string } : {}), ...(token !== undefined ? { token } : {}) };
}
