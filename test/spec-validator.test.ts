import t from 'tap';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openAISpecErrors } from './helpers/openai-spec-validator.js';
import { SHARED_FIXTURES_DIR } from './helpers/repository-paths.js';

t.test('the spec validator accepts real OpenAI output and rejects broken output', async (t) => {
  const recorded = JSON.parse(readFileSync(path.join(SHARED_FIXTURES_DIR, 'recorded/openai/openai-text.json'), 'utf8'));
  t.equal(openAISpecErrors('CreateChatCompletionResponse', recorded), '');
  const chunks = readFileSync(path.join(SHARED_FIXTURES_DIR, 'recorded/openai/openai-text.chunks.txt'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  for (const chunk of chunks) t.equal(openAISpecErrors('CreateChatCompletionStreamResponse', chunk), '');
  const broken = structuredClone(recorded);
  delete broken.choices[0].finish_reason;
  t.match(openAISpecErrors('CreateChatCompletionResponse', broken), /finish_reason/);
  t.not(openAISpecErrors('ErrorResponse', { error: { message: 'x' } }), '');
});
