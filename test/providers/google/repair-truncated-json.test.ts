import t from 'tap';
import { repairTruncatedJson, truncatedJsonSuffix } from '../../../sdk/index.js';

// Each case: text cut off somewhere → the exact repaired text. Every repair must parse and keep
// the input as its prefix (nothing dropped, because streamed fragments are already sent).
const REPAIRS: readonly (readonly [string, string])[] = [
  // Nothing or whitespace: a call without arguments.
  ['', '{}'],
  ['   ', '   {}'],
  // Open containers, innermost first.
  ['{', '{}'],
  ['[', '[]'],
  ['{"a":[1,{"b":[', '{"a":[1,{"b":[]}]}'],
  ['[[[', '[[[]]]'],
  // Strings cut inside a value or a key.
  ['{"city":"San Fr', '{"city":"San Fr"}'],
  ['{"ci', '{"ci":null}'],
  ['{"a":1,"b', '{"a":1,"b":null}'],
  ['["x","y', '["x","y"]'],
  ['"just a str', '"just a str"'],
  // A key without its colon or value.
  ['{"city"', '{"city":null}'],
  ['{"city":', '{"city":null}'],
  ['{"city" :  ', '{"city" :  null}'],
  // Dangling commas are kept: arrays get a null member, objects an empty key.
  ['[1,', '[1,null]'],
  ['{"a":1,', '{"a":1,"":null}'],
  ['{"a":1, ', '{"a":1, "":null}'],
  // Partial literals and numbers are finished.
  ['{"ok":tr', '{"ok":true}'],
  ['{"ok":f', '{"ok":false}'],
  ['{"v":nu', '{"v":null}'],
  ['{"n":12', '{"n":12}'],
  ['{"n":-', '{"n":-0}'],
  ['{"n":1.', '{"n":1.0}'],
  ['{"n":1e', '{"n":1e0}'],
  ['{"n":1e-', '{"n":1e-0}'],
  ['[true', '[true]'],
  // Escapes cut in the middle.
  ['{"p":"C:\\', '{"p":"C:\\\\"}'],
  ['{"q":"say \\"hi', '{"q":"say \\"hi"}'],
  ['{"u":"\\u00', '{"u":"\\u0000"}'],
  ['{"u":"\\u', '{"u":"\\u0000"}'],
  // Multi-byte text and nested structures.
  ['{"city":"Zürich","tags":["ß","日本', '{"city":"Zürich","tags":["ß","日本"]}'],
  ['{"a":{"b":{"c":"d', '{"a":{"b":{"c":"d"}}}'],
  ['{"list":[{"x":1},{"x":', '{"list":[{"x":1},{"x":null}]}'],
];

t.test('cut-off JSON is closed by appending only', async (t) => {
  for (const [input, expected] of REPAIRS) {
    const repaired = repairTruncatedJson(input);
    t.equal(repaired, expected, JSON.stringify(input));
    t.ok(repaired.startsWith(input), `${JSON.stringify(input)}: input kept as prefix`);
    t.doesNotThrow(() => JSON.parse(repaired), `${JSON.stringify(input)}: parses`);
    t.equal(truncatedJsonSuffix(input), expected.slice(input.length), `${JSON.stringify(input)}: suffix`);
  }
});

t.test('complete JSON is left as it is', async (t) => {
  for (const input of ['{}', '[]', '{"a":1}', '{"a":[1,2,{"b":"c"}]}', '"text"', '42', 'true', 'null', ' {"a":"}"} ', '{"s":"\\"quoted\\" \\u00e9"}']) {
    t.equal(repairTruncatedJson(input), input, JSON.stringify(input));
    t.equal(truncatedJsonSuffix(input), '', `${JSON.stringify(input)}: no suffix`);
  }
});

t.test('text no suffix can repair is returned unchanged', async (t) => {
  for (const input of ['{"a":1}}', '{"a" 1', '{]', '[1 2', '{"a":tx', '{a:1', 'hello', '{"a":1} trailing', '{,', '[,', '{"a":01x', '{"u":"\\uZZ']) {
    t.equal(repairTruncatedJson(input), input, JSON.stringify(input));
    t.equal(truncatedJsonSuffix(input), '', `${JSON.stringify(input)}: no suffix`);
  }
});

t.test('every prefix of real tool arguments repairs to valid JSON', async (t) => {
  const full = JSON.stringify({ location: 'San Francisco, CA', days: [1, 2.5, -3e2], units: null, flags: { metric: true, verbose: false }, note: 'a "quote" \\ and \u00e9 \n' });
  for (let length = 0; length <= full.length; length++) {
    const prefix = full.slice(0, length);
    const repaired = repairTruncatedJson(prefix);
    if (!repaired.startsWith(prefix)) t.fail(`prefix ${length} was not kept`);
    try {
      JSON.parse(repaired);
    } catch {
      t.fail(`prefix ${length} (${JSON.stringify(prefix)}) repaired to invalid JSON: ${repaired}`);
    }
  }
  t.same(JSON.parse(repairTruncatedJson(full)), JSON.parse(full), 'the complete text is unchanged');
});
