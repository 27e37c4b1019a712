import t from 'tap';
import type { CallOptions } from '../../sdk/index.js';
import { fakeUpstream, type FakeReply } from '../helpers/recorded-fixtures.js';
import { compatibleAt, createTestProvider, readManifest } from './provider-harness.js';

const ask: CallOptions = { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] };
const completion: FakeReply = {
  contentType: 'application/json',
  body: JSON.stringify({ id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] }),
};

t.test('the manifest lists every preset with honest capabilities and its variables', async (t) => {
  const presets = readManifest('provider-openai-compatible').provider?.providers ?? [];
  const byName = new Map(presets.map((preset) => [preset.name, preset]));
  t.strictSame([...byName.keys()], ['groq', 'together', 'deepseek', 'xai', 'cerebras', 'mistral', 'openrouter', 'ollama', 'lm_studio', 'hosted_vllm', 'llamacpp', 'openai_compatible']);
  for (const name of ['groq', 'deepseek', 'cerebras', 'ollama', 'llamacpp']) t.equal(byName.get(name)?.capabilities?.multipleChoices, false, `${name}: no n > 1`);
  const baseURLs = Object.fromEntries(presets.map((preset) => [preset.name, preset.defaults?.baseURL]));
  t.strictSame(baseURLs, {
    groq: 'https://api.groq.com/openai/v1', together: 'https://api.together.xyz/v1', deepseek: 'https://api.deepseek.com/v1', xai: 'https://api.x.ai/v1',
    cerebras: 'https://api.cerebras.ai/v1', mistral: 'https://api.mistral.ai/v1', openrouter: 'https://openrouter.ai/api/v1', ollama: 'http://localhost:11434',
    lm_studio: 'http://localhost:1234/v1', hosted_vllm: undefined, llamacpp: 'http://localhost:8080/v1', openai_compatible: undefined,
  });
  const enabling = Object.fromEntries(presets.map((preset) => [preset.name, preset.envVars?.find((variable) => variable.enables)?.name]));
  t.strictSame(enabling, {
    groq: 'GROQ_API_KEY', together: 'TOGETHER_API_KEY', deepseek: 'DEEPSEEK_API_KEY', xai: 'XAI_API_KEY', cerebras: 'CEREBRAS_API_KEY', mistral: 'MISTRAL_API_KEY',
    openrouter: 'OPENROUTER_API_KEY', ollama: 'OLLAMA_BASE_URL', lm_studio: 'LMSTUDIO_BASE_URL', hosted_vllm: 'VLLM_API_BASE', llamacpp: 'LLAMACPP_BASE_URL', openai_compatible: 'OPENAI_COMPATIBLE_BASE_URL',
  });
  t.same(byName.get('openrouter')?.envVars?.filter((variable) => variable.setting.startsWith('headers.')), [
    { name: 'OPENROUTER_REFERER', setting: 'headers.HTTP-Referer' },
    { name: 'OPENROUTER_TITLE', setting: 'headers.X-Title' },
  ]);
  for (const name of ['ollama', 'lm_studio', 'hosted_vllm', 'llamacpp', 'openai_compatible']) t.equal(byName.get(name)?.requiresApiKey, false, `${name} runs without a key`);
});

t.test('missing settings fail calls with PROVIDER_NOT_CONFIGURED naming what to set', async (t) => {
  const groq = await createTestProvider('provider-openai-compatible', { name: 'groq', baseURL: 'http://127.0.0.1:9' });
  await t.rejects(groq.languageModel('llama-3.3-70b-versatile').generate(ask), { code: 'PROVIDER_NOT_CONFIGURED', message: "Provider 'groq' has no API key: set GROQ_API_KEY." });
  const generic = await createTestProvider('provider-openai-compatible', { name: 'openai_compatible' });
  await t.rejects(generic.languageModel('any').stream(ask), { code: 'PROVIDER_NOT_CONFIGURED', message: /OPENAI_COMPATIBLE_BASE_URL/ });
  t.strictSame(await generic.checkCredentials!(), { ok: false, code: 'PROVIDER_NOT_CONFIGURED', message: "Provider 'openai_compatible' has no base URL: set OPENAI_COMPATIBLE_BASE_URL." });
});

t.test('keyless local servers get no Authorization header, even with OPENAI_* variables set', async (t) => {
  const saved = { key: process.env['OPENAI_API_KEY'], base: process.env['OPENAI_BASE_URL'] };
  process.env['OPENAI_API_KEY'] = 'sk-should-not-leak';
  process.env['OPENAI_BASE_URL'] = 'http://127.0.0.1:9/should-not-be-used';
  t.teardown(() => {
    for (const [name, value] of [['OPENAI_API_KEY', saved.key], ['OPENAI_BASE_URL', saved.base]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  const upstream = await fakeUpstream([completion, completion, completion]);
  t.teardown(() => upstream.close());
  for (const name of ['lm_studio', 'llamacpp', 'hosted_vllm']) {
    const provider = await createTestProvider('provider-openai-compatible', { name, baseURL: upstream.baseURL });
    t.equal((await provider.languageModel('local').generate(ask)).choices[0]?.text, 'ok');
  }
  t.strictSame(upstream.requests.map((request) => [request.url, request.headers['authorization']]), [['/chat/completions', undefined], ['/chat/completions', undefined], ['/chat/completions', undefined]]);
});

t.test('ollama: /v1 appended once; a key (Ollama cloud) is sent', async (t) => {
  const upstream = await fakeUpstream([completion, completion]);
  t.teardown(() => upstream.close());
  await (await createTestProvider('provider-openai-compatible', { name: 'ollama', baseURL: `${upstream.baseURL}/` })).languageModel('llama3').generate(ask);
  await (await createTestProvider('provider-openai-compatible', { name: 'ollama', baseURL: `${upstream.baseURL}/v1`, apiKey: 'ollama-cloud' })).languageModel('llama3').generate(ask);
  t.strictSame(upstream.requests.map((request) => request.url), ['/v1/chat/completions', '/v1/chat/completions']);
  t.equal(upstream.requests[1]?.headers['authorization'], 'Bearer ollama-cloud');
});

t.test('compatible defaults and option overrides shape the request body', async (t) => {
  const upstream = await fakeUpstream([completion, completion, completion]);
  t.teardown(() => upstream.close());
  const options: CallOptions = {
    messages: [{ role: 'system', developer: true, content: 'Be brief.' }, ...ask.messages],
    maxOutputTokens: 50, seed: 3, extraBody: { top_k: 40 },
  };
  await (await compatibleAt('cerebras', upstream.baseURL)).languageModel('llama3.1-8b').generate(options);
  t.strictSame(upstream.requests[0]?.json, {
    model: 'llama3.1-8b', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }], max_tokens: 50, seed: 3, top_k: 40,
  }, 'developer → system, max_tokens, extraBody merged');

  const tuned = await compatibleAt('cerebras', upstream.baseURL, { options: { maxTokensField: 'max_completion_tokens', developerRole: 'developer', dropParameters: 'seed,top_k' } });
  const result = await tuned.languageModel('llama3.1-8b').generate(options);
  t.strictSame(upstream.requests[1]?.json, {
    model: 'llama3.1-8b', messages: [{ role: 'developer', content: 'Be brief.' }, { role: 'user', content: 'hi' }], max_completion_tokens: 50, top_k: 40,
  }, 'extraBody still wins over a dropped field');
  t.strictSame(result.warnings, [{ parameter: 'seed', message: "This provider does not accept 'seed'; it was not sent." }]);

  const groq = await compatibleAt('groq', upstream.baseURL);
  const dropped = await groq.languageModel('llama-3.3-70b-versatile').generate({ ...ask, logprobs: true, topLogprobs: 2 });
  t.strictSame(dropped.warnings?.map((warning) => warning.parameter), ['logprobs', 'top_logprobs']);
  t.strictSame(upstream.requests[2]?.json, { model: 'llama-3.3-70b-versatile', messages: [{ role: 'user', content: 'hi' }] });
});

t.test('capabilities and metadata per preset; unknown names use the generic preset', async (t) => {
  const upstream = await fakeUpstream([{ contentType: 'application/json', body: JSON.stringify({ object: 'list', data: [{ id: 'llama3:8b', object: 'model', created: 5, owned_by: 'library' }] }) }]);
  t.teardown(() => upstream.close());
  const ollama = await createTestProvider('provider-openai-compatible', { name: 'ollama', baseURL: upstream.baseURL });
  t.strictSame(await ollama.listModels!(), [{ id: 'llama3:8b', ownedBy: 'library', created: 5 }]);
  t.equal(upstream.requests[0]?.url, '/v1/models');
  t.ok(ollama.embeddingModel, 'ollama serves embeddings');
  const groq = await compatibleAt('groq', 'http://127.0.0.1:9');
  t.equal(groq.embeddingModel, undefined, 'groq has no embeddings endpoint');
  t.equal(groq.modelMetadata?.('openai/gpt-oss-120b')?.supportsReasoning, true);
  t.equal(groq.languageModel('llama-3.3-70b-versatile').metadata?.contextWindow, 131_072);
  t.equal((await compatibleAt('together', 'http://127.0.0.1:9')).languageModel('x').supportsMultipleChoices, true);
  const custom = await createTestProvider('provider-openai-compatible', { name: 'my-vllm', baseURL: 'http://127.0.0.1:9' });
  t.equal(custom.name, 'my-vllm');
  t.equal(custom.languageModel('x').supportsMultipleChoices, false);
});
