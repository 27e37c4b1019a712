/** Where and why a JSON text fails to parse. */
export interface JsonErrorLocation {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  readonly message: string;
}

/**
 * Finds the first syntax error in a JSON text. `JSON.parse` only sometimes reports a position,
 * and its messages can quote the input (secrets included), so the loader scans for itself.
 * Returns `undefined` when the text is valid JSON.
 */
export function locateJsonError(text: string): JsonErrorLocation | undefined {
  let at = 0;
  const fail = (message: string): never => {
    throw Object.assign(new Error(message), { at });
  };
  const skipSpace = (): void => {
    while (at < text.length && ' \t\r\n'.includes(text[at]!)) at += 1;
  };
  const describe = (): string => (at >= text.length ? 'unexpected end of file' : `unexpected character ${JSON.stringify(text[at])}`);
  const expect = (char: string, what: string): void => {
    skipSpace();
    if (text[at] !== char) fail(`${describe()}; expected ${what}`);
    at += 1;
  };
  const parseString = (): void => {
    at += 1;
    while (at < text.length && text[at] !== '"') {
      if (text.charCodeAt(at) < 0x20) fail('control character inside a string; strings must be on one line');
      if (text[at] === '\\') {
        at += 1;
        if (text[at] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) at += 4;
        else if (!'"\\/bfnrt'.includes(text[at] ?? 'x')) fail('invalid escape sequence in a string');
      }
      at += 1;
    }
    if (at >= text.length) fail('unterminated string');
    at += 1;
  };
  const parseValue = (): void => {
    skipSpace();
    const char = text[at];
    if (char === '{') {
      at += 1;
      skipSpace();
      if (text[at] === '}') return void (at += 1);
      for (;;) {
        skipSpace();
        if (text[at] !== '"') fail(`${describe()}; expected a property name in double quotes`);
        parseString();
        expect(':', "':' after the property name");
        parseValue();
        skipSpace();
        if (text[at] === '}') return void (at += 1);
        expect(',', "',' or '}' after a property value");
      }
    }
    if (char === '[') {
      at += 1;
      skipSpace();
      if (text[at] === ']') return void (at += 1);
      for (;;) {
        parseValue();
        skipSpace();
        if (text[at] === ']') return void (at += 1);
        expect(',', "',' or ']' after a list item");
      }
    }
    if (char === '"') return parseString();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(at, at + 400));
    if (!literal) fail(`${describe()}; expected a value (string, number, true, false, null, object or list)`);
    at += literal![0].length;
  };
  try {
    parseValue();
    skipSpace();
    if (at < text.length) fail(`${describe()} after the end of the document`);
    return undefined;
  } catch (error) {
    const offset = (error as { at: number }).at;
    const before = text.slice(0, offset).split('\n');
    return { line: before.length, column: before[before.length - 1]!.length + 1, message: (error as Error).message };
  }
}
