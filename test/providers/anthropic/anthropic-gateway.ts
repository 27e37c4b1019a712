/**
 * Starts the whole gateway with one `anthropic/...` deployment per case, each pointed at its own
 * fake upstream, and reads OpenAI answers back into values the recordings can be compared with.
 */
import type { Test } from 'tap';
import OpenAI from 'openai';
import { fakeUpstream, type FakeReply, type FakeUpstream } from '../../helpers/recorded-fixtures.js';
import type { OutputDigest } from '../../helpers/openai-output-digest.js';
import { startTestGateway, type TestGateway } from '../../helpers/start-test-gateway.js';
import type { Expected } from './recorded-expectations.js';

/** One deployment: what its upstream answers, and extra `litellm_params`. */
export interface DeploymentCase {
  readonly replies: readonly FakeReply[];
  readonly model?: string;
  readonly params?: Record<string, unknown>;
}

/** A running gateway, its upstreams (by case index) and an official OpenAI client for it. */
export interface AnthropicGateway {
  readonly gateway: TestGateway;
  readonly upstreams: FakeUpstream[];
  readonly client: OpenAI;
}

/** Starts the gateway with deployments `case-0`, `case-1`, … and tears everything down after the test. */
export async function startAnthropicGateway(t: Test, cases: readonly DeploymentCase[]): Promise<AnthropicGateway> {
  const upstreams: FakeUpstream[] = [];
  const modelList = [];
  for (const [index, testCase] of cases.entries()) {
    const upstream = await fakeUpstream(testCase.replies);
    upstreams.push(upstream);
    const model = `anthropic/${testCase.model ?? 'claude-haiku-4-5'}`;
    modelList.push({ model_name: `case-${index}`, litellm_params: { model, api_base: upstream.baseURL, api_key: 'sk-ant-test', ...testCase.params } });
  }
  // Retries would replay a recorded error against an upstream with no reply left.
  const gateway = await startTestGateway({ config: { model_list: modelList, router_settings: { num_retries: 0 } } });
  t.teardown(async () => {
    await gateway.close();
    await Promise.all(upstreams.map((upstream) => upstream.close()));
  });
  return { gateway, upstreams, client: new OpenAI({ baseURL: gateway.baseURL, apiKey: 'unused', maxRetries: 0 }) };
}

/** What a client should see for a recording, in digest form. */
export function toDigest(expected: Expected): OutputDigest {
  return {
    text: expected.text,
    reasoning: expected.reasoning,
    toolCalls: expected.toolCalls.map((call) => ({ id: call.id, name: call.name, arguments: JSON.stringify(call.input) })),
    finishReason: expected.finishReason,
    usage: { prompt: expected.usage.promptTokens, completion: expected.usage.completionTokens, total: expected.usage.totalTokens },
  };
}

type Json = Record<string, any>;

/** Rebuilds the assistant message a client would send back from streamed chunks, thinking blocks included. */
export function assistantFromChunks(chunks: readonly Json[]): Json {
  let content = '';
  let reasoning = '';
  const blocks: Json[] = [];
  const calls: Json[] = [];
  for (const chunk of chunks) {
    const delta = chunk['choices']?.[0]?.['delta'] ?? {};
    content += delta['content'] ?? '';
    reasoning += delta['reasoning_content'] ?? '';
    // The gateway's convention: thinking text arrives block by block, and a block ends with
    // the delta that carries its signature; redacted blocks arrive whole.
    for (const block of delta['thinking_blocks'] ?? []) {
      if (block['type'] === 'redacted_thinking') {
        blocks.push(block);
        continue;
      }
      const open = blocks.at(-1);
      const current = open && open['type'] === 'thinking' && open['signature'] === undefined ? open : (blocks[blocks.length] = { type: 'thinking', thinking: '' });
      current['thinking'] += block['thinking'] ?? '';
      if (block['signature'] !== undefined) current['signature'] = block['signature'];
    }
    for (const call of delta['tool_calls'] ?? []) {
      const entry = (calls[call['index']] ??= { id: call['id'], type: 'function', function: { name: call['function']?.['name'], arguments: '' } });
      entry['function']['arguments'] += call['function']?.['arguments'] ?? '';
    }
  }
  return { role: 'assistant', content: content === '' ? null : content, reasoning_content: reasoning, thinking_blocks: blocks, tool_calls: calls };
}
