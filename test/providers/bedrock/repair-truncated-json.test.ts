import t from 'tap';
import { closingSuffixForTruncatedJson, isValidJson, repairTruncatedJson } from '../../../plugins/provider-bedrock/repair-truncated-json.js';

// A pure function: what to append to cut-off tool-call arguments so they parse.

t.test('suffixes that close what was cut off', async (t) => {
  const cases: [string, string][] = [
    ['{"city":"Par', '"}'],
    ['{"city":"Paris"', '}'],
    ['{"city":"Paris",', '"":null}'],
    ['{"city":', 'null}'],
    ['{"city"', ':null}'],
    ['{"ci', '":null}'],
    ['{"a":[1,2', ']}'],
    ['{"a":[1,', 'null]}'],
    ['{"a":{"b":tr', 'ue}}'],
    ['{"a":fals', 'e}'],
    ['{"a":nu', 'll}'],
    ['{"a":-', '0}'],
    ['{"a":1.', '0}'],
    ['{"a":1e', '0}'],
    ['{"a":"x\\', '\\"}'],
    ['{"a":"\\u00', '00"}'],
    ['[', ']'],
    ['', '{}'],
    ['  ', '{}'],
    ['{"a":1}', ''],
    ['"text', '"'],
  ];
  for (const [text, suffix] of cases) {
    t.equal(closingSuffixForTruncatedJson(text), suffix, JSON.stringify(text));
    t.ok(isValidJson(text + suffix), `${JSON.stringify(text + suffix)} parses`);
  }
});

t.test('text broken before the cut cannot be repaired by a suffix', async (t) => {
  for (const text of ['{"a" 1}', '{"a":1}}', '{,', '[1 2', '{"a":1}{', '{"a":tx', '{"a":"\\q"']) {
    t.equal(closingSuffixForTruncatedJson(text), undefined, JSON.stringify(text));
    t.equal(repairTruncatedJson(text), text, 'left unchanged');
  }
});

t.test('repairTruncatedJson returns the completed text', async (t) => {
  t.equal(repairTruncatedJson('{"q":"weather in Par'), '{"q":"weather in Par"}');
  t.same(JSON.parse(repairTruncatedJson('{"list":[{"x":1},{"y":')), { list: [{ x: 1 }, { y: null }] });
  t.equal(repairTruncatedJson('{"done":true}'), '{"done":true}');
});
