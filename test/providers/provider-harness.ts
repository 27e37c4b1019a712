/**
 * Drives provider plugins the way the loader does (manifest read from plugin.json, `setup`
 * with a PluginContext) and reads their typed streams back into plain values for assertions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  AssistantContentPart, PromptMessage, FinishPart, Logger, PluginContext, PluginManifest, Provider, ProviderPlugin, ProviderSettings, ResponseMetadataPart, StreamPart, SwitchyardError, Usage,
} from '../../sdk/index.js';
import { createFastFetch } from '../../core/http/create-fast-fetch.js';
import openaiPlugin from '../../plugins/provider-openai/index.js';
import compatiblePlugin from '../../plugins/provider-openai-compatible/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A logger that drops everything. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silentLogger };

/** A plugin's parsed plugin.json. */
export function readManifest(pluginId: string): PluginManifest {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'plugins', pluginId, 'plugin.json'), 'utf8')) as PluginManifest;
}

/** The gateway's own pooled fetch and lean call, as plugins get them in production (idle sockets do not hold the process). */
const pool = createFastFetch();

/** A plugin context as the loader builds it: the manifest from plugin.json and the gateway's pooled HTTP. */
export function testPluginContext(pluginId: string, logger: Logger = silentLogger): PluginContext {
  return { manifest: readManifest(pluginId), config: {}, logger, fetch: pool.fetch, httpRequest: pool.httpRequest, signal: new AbortController().signal };
}

const PLUGINS: Record<string, ProviderPlugin> = { 'provider-openai': openaiPlugin, 'provider-openai-compatible': compatiblePlugin };

/** Sets up a plugin with a real context and creates one provider from `settings`. */
export async function createTestProvider(pluginId: 'provider-openai' | 'provider-openai-compatible', settings: Partial<ProviderSettings> & { name: string }): Promise<Provider> {
  const plugin = PLUGINS[pluginId];
  if (plugin === undefined) throw new TypeError(`unknown plugin ${pluginId}`);
  const factory = await plugin.setup(testPluginContext(pluginId));
  return factory.createProvider({ options: {}, ...settings });
}

/** The OpenAI provider pointed at `baseURL` (the fake upstream serves `/chat/completions` at its root). */
export function openaiAt(baseURL: string, extra: Partial<ProviderSettings> = {}): Promise<Provider> {
  return createTestProvider('provider-openai', { name: 'openai', apiKey: 'sk-test', baseURL, ...extra });
}

/** A preset of the compatible plugin pointed at `baseURL`. */
export function compatibleAt(name: string, baseURL: string, extra: Partial<ProviderSettings> = {}): Promise<Provider> {
  return createTestProvider('provider-openai-compatible', { name, apiKey: `${name}-key`, baseURL, ...extra });
}

/** Reads a stream to the end. */
export async function collect(stream: ReadableStream<StreamPart>): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

/** A streamed response folded back together. */
export interface StreamSummary {
  readonly metadata: ResponseMetadataPart | undefined;
  readonly text: string;
  readonly reasoning: string;
  readonly toolCalls: { index: number; id: string; name: string; arguments: string; ended: boolean }[];
  readonly finishes: FinishPart[];
  readonly usage: Usage | undefined;
  readonly errors: SwitchyardError[];
}

/**
 * Folds parts into a summary and checks the stream contract on the way: metadata comes first,
 * tool-call deltas and ends follow their start, indexes are dense from 0, one finish per choice.
 */
export function summarize(parts: readonly StreamPart[], choice = 0): StreamSummary {
  if (parts[0]?.type !== 'response-metadata') throw new Error(`first part is ${parts[0]?.type}, not response-metadata`);
  const summary: StreamSummary & { usage: Usage | undefined; text: string; reasoning: string } = {
    metadata: parts[0], text: '', reasoning: '', toolCalls: [], finishes: [], usage: undefined, errors: [],
  };
  for (const part of parts) {
    if ('choice' in part && (part.choice ?? 0) !== choice) continue;
    if (part.type === 'text-delta') summary.text += part.delta;
    else if (part.type === 'reasoning-delta') summary.reasoning += part.delta;
    else if (part.type === 'tool-call-start') {
      if (part.index !== summary.toolCalls.length) throw new Error(`tool call started with index ${part.index}, expected ${summary.toolCalls.length}`);
      summary.toolCalls.push({ index: part.index, id: part.id, name: part.name, arguments: '', ended: false });
    } else if (part.type === 'tool-call-delta' || part.type === 'tool-call-end') {
      const call = summary.toolCalls[part.index];
      if (call === undefined || call.ended) throw new Error(`${part.type} for index ${part.index} outside its call`);
      if (part.type === 'tool-call-delta') call.arguments += part.argumentsDelta;
      else call.ended = true;
    } else if (part.type === 'finish') {
      if (summary.finishes.length > 0) throw new Error('more than one finish for a choice');
      summary.finishes.push(part);
    } else if (part.type === 'usage') summary.usage = part.usage;
    else if (part.type === 'error') summary.errors.push(part.error);
    else if (part.type === 'response-metadata' && part !== parts[0]) throw new Error('response-metadata sent twice');
  }
  return summary;
}

/** Resolves when `emitter` emits `event`. */
export function once(emitter: { once(event: string, listener: () => void): unknown }, event: string): Promise<void> {
  return new Promise((resolve) => emitter.once(event, () => resolve()));
}

/** An OpenAI-format message as recorded cassettes hold it. */
export type WireMessage = {
  role: string; content: string | null; reasoning_content?: string; reasoning?: string; tool_call_id?: string;
  tool_calls?: { id: string; function: { name: string; arguments: string } }[];
};

/**
 * Reads a recorded OpenAI-format conversation back into the neutral prompt (a test-side reverse
 * translation), so a test can check the plugin sends what the recorded client sent.
 */
export function toPrompt(messages: readonly WireMessage[]): PromptMessage[] {
  return messages.map((message): PromptMessage => {
    if (message.role === 'system') return { role: 'system', content: message.content ?? '' };
    if (message.role === 'user') return { role: 'user', content: [{ type: 'text', text: message.content ?? '' }] };
    if (message.role === 'tool') return { role: 'tool', toolCallId: message.tool_call_id ?? '', content: [{ type: 'text', text: message.content ?? '' }] };
    const content: AssistantContentPart[] = [];
    const reasoning = message.reasoning_content ?? message.reasoning;
    if (reasoning !== undefined) content.push({ type: 'reasoning', text: reasoning });
    if (message.content !== null) content.push({ type: 'text', text: message.content });
    for (const call of message.tool_calls ?? []) content.push({ type: 'tool-call', id: call.id, name: call.function.name, arguments: call.function.arguments });
    return { role: 'assistant', content };
  });
}
