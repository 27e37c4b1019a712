/**
 * Completes JSON text that was cut off (a tool call's arguments when the model hit its token
 * limit) by appending to it, never by rewriting what was already sent: a streamed call has
 * already delivered the prefix to the client, so only a closing suffix can still be added.
 */

type Container = { readonly kind: 'object' | 'array'; state: 'start' | 'key' | 'colon' | 'value' | 'after' };

/** Why a literal or number token still needs characters to be valid. */
function completeToken(token: string): string | undefined {
  for (const literal of ['true', 'false', 'null']) if (literal.startsWith(token)) return literal.slice(token.length);
  if (!/^-?(0|[1-9]\d*)?(\.\d*)?([eE][-+]?\d*)?$/.test(token)) return undefined;
  // A number ending in a sign, dot or exponent marker needs one more digit.
  return /[-+.eE]$/.test(token) ? '0' : '';
}

/**
 * The text to append to `text` so that it parses as JSON: `''` when it already parses, and
 * undefined when the text is broken in a way no suffix can fix (a syntax error before the cut).
 * Blank text completes to `{}`, the arguments of a call that had none.
 */
export function closingSuffixForTruncatedJson(text: string): string | undefined {
  const stack: Container[] = [];
  let topDone = false;
  let inString = false;
  let stringIsKey = false;
  let escape = false;
  let unicodeDigits = -1;
  let token = '';

  const valueDone = (): boolean => {
    const top = stack.at(-1);
    if (top === undefined) {
      if (topDone) return false;
      topDone = true;
    } else top.state = 'after';
    return true;
  };
  const expectsValue = (): boolean => {
    const top = stack.at(-1);
    return top === undefined ? !topDone : top.state === 'value' || (top.kind === 'array' && top.state === 'start');
  };
  const endToken = (): boolean => {
    if (token === '') return true;
    const ok = completeToken(token) === '';
    token = '';
    return ok && valueDone();
  };

  for (const char of text) {
    if (inString) {
      if (unicodeDigits >= 0) {
        if (!/[0-9a-fA-F]/.test(char)) return undefined;
        unicodeDigits = unicodeDigits === 3 ? -1 : unicodeDigits + 1;
      } else if (escape) {
        if (!'"\\/bfnrtu'.includes(char)) return undefined;
        escape = false;
        if (char === 'u') unicodeDigits = 0;
      } else if (char === '\\') escape = true;
      else if (char === '"') {
        inString = false;
        const top = stack.at(-1);
        if (stringIsKey && top !== undefined) top.state = 'colon';
        else if (!valueDone()) return undefined;
      }
      continue;
    }
    if (/[\w.+-]/.test(char)) {
      if (token === '' && !expectsValue()) return undefined;
      token += char;
      if (completeToken(token) === undefined) return undefined;
      continue;
    }
    if (!endToken()) return undefined;
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') continue;
    const top = stack.at(-1);
    if (char === '"') {
      stringIsKey = top?.kind === 'object' && (top.state === 'start' || top.state === 'key');
      if (!stringIsKey && !expectsValue()) return undefined;
      inString = true;
    } else if (char === '{' || char === '[') {
      if (!expectsValue()) return undefined;
      stack.push({ kind: char === '{' ? 'object' : 'array', state: 'start' });
    } else if (char === '}' || char === ']') {
      const kind = char === '}' ? 'object' : 'array';
      if (top?.kind !== kind || (top.state !== 'start' && top.state !== 'after')) return undefined;
      stack.pop();
      if (!valueDone()) return undefined;
    } else if (char === ':') {
      if (top?.kind !== 'object' || top.state !== 'colon') return undefined;
      top.state = 'value';
    } else if (char === ',') {
      if (top === undefined || top.state !== 'after') return undefined;
      top.state = top.kind === 'object' ? 'key' : 'value';
    } else return undefined;
  }

  let suffix = '';
  if (inString) {
    if (escape) suffix += '\\';
    if (unicodeDigits >= 0) suffix += '0'.repeat(4 - unicodeDigits);
    suffix += '"';
    const top = stack.at(-1);
    if (stringIsKey && top !== undefined) top.state = 'colon';
    else valueDone();
  } else if (token !== '') {
    suffix += completeToken(token) ?? '';
    token = '';
    valueDone();
  }
  if (stack.length === 0 && !topDone) return `${suffix}{}`;
  for (let container = stack.pop(); container !== undefined; container = stack.pop()) {
    if (container.kind === 'object') {
      // A dangling key gets a null value; a dangling comma gets an empty key, the only addition that keeps the prefix.
      suffix += { start: '', key: '"":null', colon: ':null', value: 'null', after: '' }[container.state];
      suffix += '}';
    } else suffix += `${container.state === 'value' ? 'null' : ''}]`;
    // The closed container is a complete value of its parent.
    const parent = stack.at(-1);
    if (parent !== undefined) parent.state = 'after';
  }
  return suffix;
}

/** `text` completed into valid JSON when a suffix can do it; otherwise `text` unchanged. */
export function repairTruncatedJson(text: string): string {
  const suffix = closingSuffixForTruncatedJson(text);
  // The scanner does not police every rule (raw control characters in strings), so check the result.
  return suffix === undefined || !isValidJson(text + suffix) ? text : text + suffix;
}

/** True when `text` is valid JSON. */
export function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
