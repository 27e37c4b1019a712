/** What a chat completion said, independent of how it was framed: the values tests compare. */
export interface OutputDigest {
  text: string;
  reasoning: string;
  toolCalls: { id?: string; name: string; arguments: string }[];
  finishReason: string | null;
  usage?: { prompt: number; completion: number; total: number };
}

type Json = Record<string, any>;

function usageOf(usage: Json | null | undefined): OutputDigest['usage'] {
  return usage ? { prompt: usage['prompt_tokens'], completion: usage['completion_tokens'], total: usage['total_tokens'] } : undefined;
}

function contentText(content: unknown): { text: string; reasoning: string } {
  if (typeof content === 'string') return { text: content, reasoning: '' };
  if (!Array.isArray(content)) return { text: '', reasoning: '' };
  // Mistral sends content as parts: {type: text} and {type: thinking, thinking: [{type: text}]}.
  let text = '';
  let reasoning = '';
  for (const part of content as Json[]) {
    if (part['type'] === 'text') text += part['text'];
    if (part['type'] === 'thinking') reasoning += contentText(part['thinking']).text;
  }
  return { text, reasoning };
}

/** Digest of a non-streaming OpenAI-format response (choice 0). */
export function digestCompletion(body: Json): OutputDigest {
  const choice = body['choices'][0];
  const message = choice['message'];
  const content = contentText(message['content']);
  const toolCalls = ((message['tool_calls'] ?? []) as Json[]).map((call) => ({ id: call['id'], name: call['function']['name'], arguments: call['function']['arguments'] }));
  return {
    text: content.text,
    reasoning: (message['reasoning_content'] ?? message['reasoning'] ?? '') + content.reasoning,
    toolCalls,
    finishReason: choice['finish_reason'] === 'stop' && toolCalls.length > 0 ? 'tool_calls' : choice['finish_reason'],
    usage: usageOf(body['usage']),
  };
}

/** Digest of streamed OpenAI-format chunks (choice 0), assembling tool calls by index (or id where a provider leaves the index out). */
export function digestChunks(chunks: Json[]): OutputDigest {
  const digest: OutputDigest = { text: '', reasoning: '', toolCalls: [], finishReason: null };
  const byKey = new Map<string, OutputDigest['toolCalls'][number]>();
  let lastKey: string | undefined;
  for (const chunk of chunks) {
    if (chunk['usage']) digest.usage = usageOf(chunk['usage']);
    const choice = (chunk['choices'] ?? []).find((candidate: Json) => (candidate['index'] ?? 0) === 0);
    if (!choice) continue;
    const delta = choice['delta'] ?? {};
    const content = contentText(delta['content']);
    digest.text += content.text;
    digest.reasoning += (delta['reasoning_content'] ?? delta['reasoning'] ?? '') + content.reasoning;
    for (const call of (delta['tool_calls'] ?? []) as Json[]) {
      const key = call['index'] !== undefined ? `i${call['index']}` : call['id'] ? `id${call['id']}` : lastKey;
      if (key === undefined) continue;
      let entry = byKey.get(key);
      if (!entry) {
        entry = { id: call['id'], name: call['function']?.['name'] ?? '', arguments: '' };
        byKey.set(key, entry);
        digest.toolCalls.push(entry);
      }
      entry.arguments += call['function']?.['arguments'] ?? '';
      lastKey = key;
    }
    if (choice['finish_reason']) digest.finishReason = choice['finish_reason'];
  }
  if (digest.finishReason === 'stop' && digest.toolCalls.length > 0) digest.finishReason = 'tool_calls';
  return digest;
}

/** Parses an SSE body into its `data:` JSON payloads (skipping `[DONE]`, comments and non-JSON lines). */
export function sseJsonPayloads(body: string): Json[] {
  const payloads: Json[] = [];
  for (const line of body.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue;
    const data = line.slice(5).trim();
    if (data === '[DONE]' || data === '') continue;
    try {
      payloads.push(JSON.parse(data));
    } catch {
      // Not JSON: not a chunk.
    }
  }
  return payloads;
}
