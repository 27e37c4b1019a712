import type { PartialArg } from '@google/genai';

type Segment = string | number;
interface Container { readonly kind: 'object' | 'array'; readonly segment: Segment | undefined; members: number }

/**
 * Writes Vertex AI's streamed function-call arguments (`partialArgs`: a JSONPath and a value
 * piece, `willContinue` while a string is still growing) as OpenAI-style JSON text fragments,
 * in order. The text never ends on a dangling comma or key, so at any point it is a prefix that
 * `truncatedJsonSuffix` closes without dropping anything.
 */
export class PartialArgumentsWriter {
  readonly #containers: Container[] = [];
  #openString: string | undefined;
  #text = '';

  /** Everything written so far. */
  get text(): string {
    return this.#text;
  }

  /** The JSON fragment for one partial argument ('' when it adds nothing). */
  push(argument: PartialArg): string {
    const path = parseJsonPath(argument.jsonPath ?? '$');
    const pathKey = JSON.stringify(path);
    let out = '';
    if (this.#openString !== undefined) {
      if (this.#openString === pathKey && argument.stringValue !== undefined) {
        out += escapeString(argument.stringValue);
        if (argument.willContinue !== true) {
          out += '"';
          this.#openString = undefined;
        }
        return this.#write(out);
      }
      // A different path while a string is open: the upstream moved on without closing it.
      out += '"';
      this.#openString = undefined;
    }
    if (this.#containers.length === 0) {
      out += '{';
      this.#containers.push({ kind: 'object', segment: undefined, members: 0 });
    }
    if (path.length === 0) return this.#write(out);
    const parents = path.slice(0, -1);
    // Close containers that are not on the new path, then open the ones it needs.
    let common = 0;
    while (common < parents.length && common + 1 < this.#containers.length && this.#containers[common + 1]!.segment === parents[common]) common++;
    while (this.#containers.length > common + 1) out += this.#containers.pop()!.kind === 'object' ? '}' : ']';
    for (let depth = common; depth < parents.length; depth++) {
      out += this.#member(parents[depth]!);
      const kind = typeof path[depth + 1] === 'number' ? 'array' : 'object';
      out += kind === 'array' ? '[' : '{';
      this.#containers.push({ kind, segment: parents[depth]!, members: 0 });
    }
    out += this.#member(path[path.length - 1]!);
    out += valueText(argument);
    if (argument.stringValue !== undefined && argument.willContinue === true) this.#openString = pathKey;
    return this.#write(out);
  }

  /** Separator and key for a new member of the innermost container. */
  #member(segment: Segment): string {
    const container = this.#containers[this.#containers.length - 1]!;
    const separator = container.members > 0 ? ',' : '';
    container.members++;
    return container.kind === 'object' ? `${separator}${JSON.stringify(String(segment))}:` : separator;
  }

  #write(fragment: string): string {
    this.#text += fragment;
    return fragment;
  }
}

function valueText(argument: PartialArg): string {
  if (argument.stringValue !== undefined) return `"${escapeString(argument.stringValue)}${argument.willContinue === true ? '' : '"'}`;
  if (argument.numberValue !== undefined) return Number.isFinite(argument.numberValue) ? String(argument.numberValue) : 'null';
  if (argument.boolValue !== undefined) return String(argument.boolValue);
  return 'null';
}

/** JSON string content without the quotes; pieces escaped one by one concatenate correctly. */
function escapeString(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/**
 * Splits an RFC 9535 JSONPath of plain member and index selectors (`$.a.b[0]`, `$['a b']`)
 * into segments; numbers are array indexes.
 */
export function parseJsonPath(jsonPath: string): Segment[] {
  const segments: Segment[] = [];
  let index = jsonPath.startsWith('$') ? 1 : 0;
  while (index < jsonPath.length) {
    const char = jsonPath[index];
    if (char === '.') {
      const match = /^[^.[]+/.exec(jsonPath.slice(index + 1));
      segments.push(match?.[0] ?? '');
      index += 1 + (match?.[0].length ?? 0);
    } else if (char === '[') {
      const close = findBracketEnd(jsonPath, index);
      const inner = jsonPath.slice(index + 1, close).trim();
      if (/^\d+$/.test(inner)) segments.push(Number(inner));
      else if (/^(['"]).*\1$/s.test(inner)) segments.push(unquote(inner));
      else segments.push(inner);
      index = close + 1;
    } else {
      const match = /^[^.[]+/.exec(jsonPath.slice(index));
      segments.push(match![0]);
      index += match![0].length;
    }
  }
  return segments;
}

function findBracketEnd(path: string, open: number): number {
  let quote: string | undefined;
  for (let index = open + 1; index < path.length; index++) {
    const char = path[index];
    if (quote !== undefined) {
      if (char === '\\') index++;
      else if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === ']') return index;
  }
  return path.length;
}

function unquote(quoted: string): string {
  const body = quoted.slice(1, -1);
  return body.replace(/\\(.)/g, '$1');
}
