/**
 * Drives the Anthropic plugin the way the loader does (manifest from plugin.json, `setup` with
 * a PluginContext) against a fake upstream, and helpers shared by its tests.
 */
import type { CallOptions, Logger, PromptMessage, Provider, ProviderSettings } from '../../../sdk/index.js';
import anthropicPlugin from '../../../plugins/provider-anthropic/index.js';
import { fakeUpstream, type FakeReply, type FakeUpstream, type ReceivedRequest } from '../../helpers/recorded-fixtures.js';
import { testPluginContext } from '../provider-harness.js';

/** A logger that keeps warnings so tests can check them. */
export function recordingLogger(): Logger & { readonly warnings: string[] } {
  const warnings: string[] = [];
  const logger: Logger & { warnings: string[] } = { warnings, debug() {}, info() {}, warn: (message) => void warnings.push(message), error() {}, child: () => logger };
  return logger;
}

/** The Anthropic provider pointed at `baseURL` with a test key. */
export async function anthropicAt(baseURL: string, extra: Partial<ProviderSettings> = {}, logger: Logger = recordingLogger()): Promise<Provider> {
  const factory = await anthropicPlugin.setup(testPluginContext('provider-anthropic', logger));
  return factory.createProvider({ name: 'anthropic', apiKey: 'sk-ant-test', baseURL, options: {}, ...extra });
}

/** A one-message user prompt. */
export function ask(text: string, extra: Partial<CallOptions> = {}): CallOptions {
  return { messages: [{ role: 'user', content: [{ type: 'text', text }] }], ...extra };
}

/** A minimal Messages API response with the given content blocks. */
export function messageBody(content: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: 'msg_test', type: 'message', role: 'assistant', model: 'claude-test', content, stop_reason: 'end_turn', stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    ...extra,
  });
}

/** A JSON reply carrying {@link messageBody}. */
export function messageReply(content: unknown[] = [{ type: 'text', text: 'ok' }], extra: Record<string, unknown> = {}): FakeReply {
  return { contentType: 'application/json', body: messageBody(content, extra) };
}

/** SSE frames for Anthropic events given as objects (`event:` named after `type`). */
export function eventFrames(events: readonly Record<string, unknown>[]): string[] {
  return events.map((event) => `event: ${String(event['type'])}\ndata: ${JSON.stringify(event)}\n\n`);
}

/**
 * Sends one non-streaming call with `options` to `model` and returns the upstream body the
 * plugin sent (the fake upstream records it), plus the result and its warnings.
 */
export async function sentBody(options: CallOptions, model = 'claude-haiku-4-5', settings: Partial<ProviderSettings> = {}, reply: FakeReply = messageReply()) {
  const upstream = await fakeUpstream([reply]);
  try {
    const result = await (await anthropicAt(upstream.baseURL, settings)).languageModel(model).generate(options);
    return { body: upstream.requests[0]?.json as Record<string, unknown>, request: upstream.requests[0] as ReceivedRequest, result };
  } finally {
    await upstream.close();
  }
}

/** Starts a fake upstream and a provider pointed at it; call `close` when done. */
export async function upstreamWithProvider(replies: readonly FakeReply[], settings: Partial<ProviderSettings> = {}): Promise<{ upstream: FakeUpstream; provider: Provider; close: () => Promise<void> }> {
  const upstream = await fakeUpstream(replies);
  const provider = await anthropicAt(upstream.baseURL, settings);
  return { upstream, provider, close: () => upstream.close() };
}

/** A user text message. */
export const user = (text: string): PromptMessage => ({ role: 'user', content: [{ type: 'text', text }] });
