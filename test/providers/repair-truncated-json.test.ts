import t from 'tap';
import { repairTruncatedJson, truncatedJsonSuffix } from '../../sdk/index.js';

t.test('complete and non-JSON text is left alone; blank text becomes {}', async (t) => {
  for (const text of ['{}', '[]', '{"a":1}', '[1,2,3]', '"text"', '42', '-1.5e+3', 'true', 'null', ' { "a" : [ 1 , { } ] } ']) {
    t.equal(truncatedJsonSuffix(text), '', JSON.stringify(text));
    t.equal(repairTruncatedJson(text), text);
  }
  for (const text of ['', '  ']) t.equal(repairTruncatedJson(text), `${text}{}`, `blank ${JSON.stringify(text)}: a call without arguments`);
  for (const text of ['}', '{]', '{"a" 1}', '{"a":1]', '[1 2]', 'hello', '{"a":tx', '{"a":01', '{"a":1}}', '{"a":1} x', '{,}', '[,]', '{"a":"b\\x"}', '"a\u0001"', '{"a":"\\u12G4"}', '{1:2}']) {
    t.equal(truncatedJsonSuffix(text), '', `not JSON: ${JSON.stringify(text)}`);
  }
});

t.test('open strings, arrays and objects are closed innermost first', async (t) => {
  const cases: [string, string][] = [
    ['{', '{}'],
    ['[', '[]'],
    ['{"a": "hel', '{"a": "hel"}'],
    ['{"a": [1, 2', '{"a": [1, 2]}'],
    ['{"a": {"b": [{"c": "d', '{"a": {"b": [{"c": "d"}]}}'],
    ['[[[', '[[[]]]'],
    ['{"a": 1}  ', '{"a": 1}  '],
    ['"unfinished', '"unfinished"'],
    ['{"a": [1, 2] ', '{"a": [1, 2] }'],
    ['{"a": "x", "b": {}', '{"a": "x", "b": {}}'],
  ];
  for (const [text, repaired] of cases) t.equal(repairTruncatedJson(text), repaired, JSON.stringify(text));
});

t.test('a key without a value gets null; a dangling comma gets a placeholder', async (t) => {
  const cases: [string, string][] = [
    ['{"a"', '{"a":null}'],
    ['{"a" ', '{"a" :null}'],
    ['{"a":', '{"a":null}'],
    ['{"a": ', '{"a": null}'],
    ['{"ke', '{"ke":null}'],
    ['{"a": 1,', '{"a": 1,"":null}'],
    ['{"a": 1, ', '{"a": 1, "":null}'],
    ['[1,', '[1,null]'],
    ['[1, ', '[1, null]'],
    ['{"a": [', '{"a": []}'],
  ];
  for (const [text, repaired] of cases) t.equal(repairTruncatedJson(text), repaired, JSON.stringify(text));
});

t.test('cut literals and numbers are completed, never shortened', async (t) => {
  const cases: [string, string][] = [
    ['{"a": t', '{"a": true}'],
    ['{"a": tr', '{"a": true}'],
    ['{"a": fals', '{"a": false}'],
    ['[n', '[null]'],
    ['[nu', '[null]'],
    ['{"a": -', '{"a": -0}'],
    ['{"a": 1.', '{"a": 1.0}'],
    ['{"a": 12', '{"a": 12}'],
    ['{"a": 1e', '{"a": 1e0}'],
    ['{"a": 1E+', '{"a": 1E+0}'],
    ['{"a": 2.5e-', '{"a": 2.5e-0}'],
    ['-', '-0'],
    ['tru', 'true'],
  ];
  for (const [text, repaired] of cases) t.equal(repairTruncatedJson(text), repaired, JSON.stringify(text));
});

t.test('escapes cut in the middle stay valid', async (t) => {
  const cases: [string, string][] = [
    ['{"a": "x\\', '{"a": "x\\\\"}'],
    ['{"a": "x\\u', '{"a": "x\\u0000"}'],
    ['{"a": "x\\u00e', '{"a": "x\\u00e0"}'],
    ['{"a": "x\\"', '{"a": "x\\""}'],
    ['{"a": "x\\n', '{"a": "x\\n"}'],
    ['{"a": "é🙂', '{"a": "é🙂"}'],
    ['{"k\\', '{"k\\\\":null}'],
  ];
  for (const [text, repaired] of cases) t.equal(repairTruncatedJson(text), repaired, JSON.stringify(text));
});

t.test('every prefix of real tool arguments repairs into JSON that starts with the prefix', async (t) => {
  const documents = [
    '{"elements": [{"location": "San Francisco", "temperature": 58, "condition": "sunny"}]}',
    '{"query":"a \\"quoted\\" word\\nnext line \\u00e9","limit":-12.5e+2,"flags":[true,false,null],"nested":{"deep":{"list":[[],{}]}}}',
    '[{"a":1},{"b":[2,3,{"c":"d"}]}]',
    '{ "spaced" : [ 1 , 2 ] , "x" : { } }',
  ];
  let checked = 0;
  for (const document of documents) {
    const characters = [...document];
    for (let length = 1; length <= characters.length; length++) {
      const prefix = characters.slice(0, length).join('');
      const repaired = repairTruncatedJson(prefix);
      t.ok(repaired.startsWith(prefix), `keeps every character of ${JSON.stringify(prefix)}`);
      try {
        JSON.parse(repaired);
      } catch {
        t.fail(`${JSON.stringify(prefix)} repaired to invalid JSON ${JSON.stringify(repaired)}`);
      }
      checked++;
    }
    t.equal(truncatedJsonSuffix(document), '', 'the whole document needs nothing');
  }
  t.ok(checked > 200, `checked ${checked} prefixes`);
});

t.test('the repaired value keeps what was already there', async (t) => {
  t.same(JSON.parse(repairTruncatedJson('{"city": "Par')), { city: 'Par' });
  t.same(JSON.parse(repairTruncatedJson('{"ids": [1, 2, 3')), { ids: [1, 2, 3] });
  t.same(JSON.parse(repairTruncatedJson('{"a": {"b": true, "c"')), { a: { b: true, c: null } });
});
