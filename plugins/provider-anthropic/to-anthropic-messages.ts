import type Anthropic from '@anthropic-ai/sdk';
import { type AssistantMessage, type FilePart, type ImagePart, type PromptMessage, repairTruncatedJson, type UserContentPart } from '../../sdk/index.js';
import type { UnsupportedParameters } from './create-unsupported-parameters.js';

/** The conversation in Messages API shape: system text apart, user and assistant turns alternating. */
export interface AnthropicPrompt {
  readonly system?: string | Anthropic.TextBlockParam[];
  readonly messages: Anthropic.MessageParam[];
}

type Block = Anthropic.ContentBlockParam;

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/**
 * Translates the neutral prompt. System and developer messages become the top-level `system`
 * (one string, or one text block each when there are several); consecutive messages of one role
 * are merged, so parallel tool results become one user turn of `tool_result` blocks (placed
 * first, as the API requires); earlier reasoning goes back as `thinking` blocks with their
 * signatures and `redacted_thinking` blocks unchanged. What Anthropic cannot take is reported.
 */
export function toAnthropicMessages(prompt: readonly PromptMessage[], unsupported: UnsupportedParameters): AnthropicPrompt {
  const system: string[] = [];
  const messages: { role: 'user' | 'assistant'; content: Block[] }[] = [];
  const append = (role: 'user' | 'assistant', blocks: Block[]): void => {
    if (blocks.length === 0) return;
    const last = messages.at(-1);
    if (last?.role === role) last.content.push(...blocks);
    else messages.push({ role, content: blocks });
  };

  prompt.forEach((message, index) => {
    const param = `messages[${index}]`;
    if (message.role !== 'tool' && message.role !== 'system' && message.name !== undefined) {
      unsupported.drop(`${param}.name`, 'Anthropic messages have no participant names; the name was not sent.');
    }
    switch (message.role) {
      case 'system':
        if (message.content !== '') system.push(message.content);
        return;
      case 'user':
        return append('user', message.content.flatMap((part, partIndex) => toUserBlock(part, `${param}.content[${partIndex}]`, unsupported)));
      case 'assistant':
        return append('assistant', toAssistantBlocks(message, param, unsupported));
      case 'tool': {
        const text = message.content.map((part) => part.text).join('');
        return append('user', [{ type: 'tool_result', tool_use_id: message.toolCallId, ...(text !== '' ? { content: text } : {}) }]);
      }
    }
  });

  for (const message of messages) {
    if (message.role === 'user') message.content.sort((a, b) => Number(b.type === 'tool_result') - Number(a.type === 'tool_result'));
  }
  const systemField = system.length === 0 ? {} : { system: system.length === 1 ? system[0]! : system.map((text): Anthropic.TextBlockParam => ({ type: 'text', text })) };
  return { ...systemField, messages };
}

function toUserBlock(part: UserContentPart, param: string, unsupported: UnsupportedParameters): Block[] {
  switch (part.type) {
    case 'text':
      // The API rejects empty text blocks.
      return part.text === '' ? [] : [{ type: 'text', text: part.text }];
    case 'image':
      return toImageBlock(part, param, unsupported);
    case 'file':
      return toDocumentBlock(part, param, unsupported);
    case 'audio':
      unsupported.drop(param, 'Anthropic does not accept audio input; the audio part was not sent.');
      return [];
  }
}

function toImageBlock(part: ImagePart, param: string, unsupported: UnsupportedParameters): Block[] {
  if (part.detail === 'low' || part.detail === 'high') unsupported.drop(`${param}.image_url.detail`, "Anthropic has no image detail setting; 'detail' was ignored.");
  const inline = parseDataUrl(part.url);
  if (inline !== undefined) {
    if (!IMAGE_TYPES.has(inline.mediaType)) {
      unsupported.drop(param, `Anthropic accepts JPEG, PNG, GIF and WebP images, not ${inline.mediaType}; the image was not sent.`);
      return [];
    }
    return [{ type: 'image', source: { type: 'base64', media_type: inline.mediaType as Anthropic.Base64ImageSource['media_type'], data: inline.data } }];
  }
  if (/^https?:\/\//i.test(part.url)) return [{ type: 'image', source: { type: 'url', url: part.url } }];
  unsupported.drop(param, 'Anthropic takes images as data URLs or http(s) URLs; the image was not sent.');
  return [];
}

function toDocumentBlock(part: FilePart, param: string, unsupported: UnsupportedParameters): Block[] {
  if (part.data === undefined) {
    unsupported.drop(param, 'Anthropic cannot read files by OpenAI file id; send the file inline as file_data.');
    return [];
  }
  const inline = parseDataUrl(part.data);
  const data = inline?.data ?? part.data;
  const mediaType = part.mediaType ?? inline?.mediaType ?? (part.filename?.toLowerCase().endsWith('.pdf') ? 'application/pdf' : part.filename?.toLowerCase().endsWith('.txt') ? 'text/plain' : undefined);
  const title = part.filename !== undefined ? { title: part.filename } : {};
  if (mediaType === 'application/pdf') return [{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data }, ...title }];
  if (mediaType === 'text/plain') return [{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: Buffer.from(data, 'base64').toString('utf8') }, ...title }];
  unsupported.drop(param, `Anthropic reads PDF and plain-text files, not ${mediaType ?? 'files of unknown type'}; the file was not sent.`);
  return [];
}

function toAssistantBlocks(message: AssistantMessage, param: string, unsupported: UnsupportedParameters): Block[] {
  const blocks: Block[] = [];
  for (const part of message.content) {
    if (part.type === 'reasoning') {
      if (part.redactedData !== undefined) blocks.push({ type: 'redacted_thinking', data: part.redactedData });
      else if (part.signature !== undefined) blocks.push({ type: 'thinking', thinking: part.text, signature: part.signature });
      else if (part.text !== '') unsupported.drop(`${param}.reasoning_content`, 'Anthropic takes earlier thinking back only with its signature (thinking_blocks); unsigned reasoning was not sent.');
    } else if (part.type === 'text') {
      if (part.text !== '') blocks.push({ type: 'text', text: part.text });
    } else {
      blocks.push({ type: 'tool_use', id: part.id, name: part.name, input: toToolInput(part.arguments, `${param}.tool_calls`, unsupported) });
    }
  }
  if (message.refusal !== undefined && message.refusal !== '' && !blocks.some((block) => block.type === 'text')) blocks.push({ type: 'text', text: message.refusal });
  return blocks;
}

/** Tool-call arguments as the object Anthropic wants; cut-off JSON is completed first. */
function toToolInput(text: string, param: string, unsupported: UnsupportedParameters): Record<string, unknown> {
  if (text.trim() === '') return {};
  for (const candidate of [text, repairTruncatedJson(text)]) {
    try {
      const value: unknown = JSON.parse(candidate);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
      break;
    } catch {
      // Try the repaired text next.
    }
  }
  unsupported.drop(param, 'Tool-call arguments must be a JSON object for Anthropic; they were sent as {}.');
  return {};
}

/** Splits a `data:` URL into media type and base64 data (URL-encoded payloads are re-encoded). */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const match = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s.exec(url);
  if (match === null) return undefined;
  const mediaType = (match[1] || 'text/plain').toLowerCase();
  const payload = match[3] ?? '';
  const isBase64 = (match[2] ?? '').split(';').includes('base64');
  return { mediaType, data: isBase64 ? payload : Buffer.from(decodeURIComponent(payload), 'utf8').toString('base64') };
}
