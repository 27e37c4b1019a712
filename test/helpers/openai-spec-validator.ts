import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { SHARED_FIXTURES_DIR } from './repository-paths.js';

const SPEC_ID = 'https://switchyard.test/openai-openapi.json';

/** The spec says 3.1 but uses the 3.0 `nullable` keyword: rewrite it to `anyOf [..., null]`. */
function rewriteNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteNullable);
  if (typeof node !== 'object' || node === null) return node;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-')) continue;
    result[key] = rewriteNullable(value);
  }
  if (result['nullable'] === true) {
    delete result['nullable'];
    return { anyOf: [result, { type: 'null' }] };
  }
  delete result['nullable'];
  return result;
}

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function validatorFor(schemaName: string): ValidateFunction {
  if (!ajv) {
    const spec = parse(readFileSync(path.join(SHARED_FIXTURES_DIR, 'openai-spec', 'openapi.yaml'), 'utf8'), { maxAliasCount: -1 }) as { components: unknown };
    ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addFormat('unixtime', true);
    ajv.addSchema({ $id: SPEC_ID, components: rewriteNullable(spec.components) });
  }
  let validate = compiled.get(schemaName);
  if (!validate) {
    validate = ajv.getSchema(`${SPEC_ID}#/components/schemas/${schemaName}`);
    if (!validate) throw new Error(`no schema ${schemaName} in the OpenAI spec`);
    compiled.set(schemaName, validate);
  }
  return validate;
}

/** Validates a value against a schema of the OpenAI spec; returns the errors ('' when valid). */
export function openAISpecErrors(schemaName: 'CreateChatCompletionResponse' | 'CreateChatCompletionStreamResponse' | 'ErrorResponse' | 'CreateEmbeddingResponse' | 'ListModelsResponse' | 'Model', value: unknown): string {
  const validate = validatorFor(schemaName);
  if (validate(value)) return '';
  return (validate.errors ?? []).slice(0, 5).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`).join('; ');
}
