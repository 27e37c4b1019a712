import type { ContentBlock, DocumentFormat, ImageFormat, Message, SystemContentBlock, ToolUseBlock } from '@aws-sdk/client-bedrock-runtime';
import { type AssistantMessage, InvalidRequestError, type PromptMessage, repairTruncatedJson, type UserContentPart } from '../../sdk/index.js';

/** The conversation in Converse form. */
export interface ConverseConversation {
  readonly system: SystemContentBlock[];
  readonly messages: Message[];
  /** Tool names the history's toolUse blocks call; Converse needs a toolConfig naming them. */
  readonly historyToolNames: ReadonlySet<string>;
  /** Whether the history holds toolUse or toolResult blocks. */
  readonly hasToolBlocks: boolean;
}

/** Sent for a tool result with no text: Converse rejects empty text blocks. */
export const EMPTY_TOOL_RESULT = '(no output)';

const IMAGE_FORMATS: Readonly<Record<string, ImageFormat>> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/jpg': 'jpeg', 'image/gif': 'gif', 'image/webp': 'webp' };
const DOCUMENT_FORMATS: Readonly<Record<string, DocumentFormat>> = {
  'application/pdf': 'pdf', 'text/csv': 'csv', 'application/msword': 'doc', 'text/html': 'html', 'text/markdown': 'md', 'text/plain': 'txt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx', 'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};
const DOCUMENT_EXTENSIONS = new Set<string>(['pdf', 'csv', 'doc', 'docx', 'xls', 'xlsx', 'html', 'txt', 'md']);

/**
 * Converse allows ids of letters, digits, `_` and `-` (at most 64); ids from other providers
 * (`functions.get_weather:0`) are mapped the same way on the call and on its result.
 */
export function toToolUseId(id: string): string {
  return id.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64) || 'tool_call';
}

/**
 * Translates the neutral prompt: system and developer messages become `system` blocks,
 * consecutive turns of one role merge (Converse requires alternation, and several tool results
 * in a row become one user turn), blank text is dropped (Converse rejects it), earlier reasoning
 * goes back only when signed or redacted (Bedrock refuses unsigned reasoning), and images and
 * documents travel as bytes decoded from data URLs.
 */
export function toConverseMessages(prompt: readonly PromptMessage[]): ConverseConversation {
  const system: SystemContentBlock[] = [];
  const messages: Message[] = [];
  const historyToolNames = new Set<string>();
  let hasToolBlocks = false;
  const append = (role: 'user' | 'assistant', content: ContentBlock[]): void => {
    if (content.length === 0) return;
    const last = messages.at(-1);
    if (last?.role === role) last.content = [...(last.content ?? []), ...content];
    else messages.push({ role, content });
  };

  prompt.forEach((message, index) => {
    switch (message.role) {
      case 'system':
        if (message.content.trim() !== '') system.push({ text: message.content });
        return;
      case 'user':
        return append('user', message.content.flatMap((part, partIndex) => toUserBlocks(part, `messages[${index}].content[${partIndex}]`)));
      case 'assistant': {
        const blocks = toAssistantBlocks(message);
        for (const block of blocks) {
          if (block.toolUse?.name !== undefined) historyToolNames.add(block.toolUse.name);
          hasToolBlocks ||= block.toolUse !== undefined;
        }
        return append('assistant', blocks);
      }
      case 'tool': {
        hasToolBlocks = true;
        const text = message.content.map((part) => part.text).join('');
        return append('user', [{ toolResult: { toolUseId: toToolUseId(message.toolCallId), content: [{ text: text.trim() === '' ? EMPTY_TOOL_RESULT : text }] } }]);
      }
    }
  });
  return { system, messages, historyToolNames, hasToolBlocks };
}

function toAssistantBlocks(message: AssistantMessage): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  for (const part of message.content) {
    if (part.type === 'text') {
      if (part.text.trim() !== '') blocks.push({ text: part.text });
    } else if (part.type === 'reasoning') {
      if (part.redactedData !== undefined) blocks.push({ reasoningContent: { redactedContent: Buffer.from(part.redactedData, 'base64') } });
      else if (part.signature !== undefined) blocks.push({ reasoningContent: { reasoningText: { text: part.text, signature: part.signature } } });
    } else blocks.push({ toolUse: { toolUseId: toToolUseId(part.id), name: part.name, input: toToolInput(part.arguments) } });
  }
  return blocks;
}

/** Converse wants tool input as a JSON object; arguments cut off mid-way are completed first. */
function toToolInput(text: string): ToolUseBlock['input'] {
  try {
    const parsed: unknown = JSON.parse(repairTruncatedJson(text));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as ToolUseBlock['input']) : {};
  } catch {
    return {};
  }
}

function toUserBlocks(part: UserContentPart, param: string): ContentBlock[] {
  switch (part.type) {
    case 'text':
      return part.text.trim() === '' ? [] : [{ text: part.text }];
    case 'image': {
      const data = parseDataUrl(part.url);
      if (data === undefined) {
        // Bedrock takes image bytes, and the gateway does not fetch URLs on a client's behalf.
        throw unsupported(`${param}.image_url.url`, `Bedrock needs image bytes: send the image as a data: URL (base64) instead of ${describeUrl(part.url)}.`);
      }
      const format = IMAGE_FORMATS[data.mediaType.toLowerCase()];
      if (format === undefined) throw unsupported(`${param}.image_url.url`, `Bedrock accepts PNG, JPEG, GIF and WebP images, not '${data.mediaType}'.`);
      return [{ image: { format, source: { bytes: data.bytes } } }];
    }
    case 'file': {
      if (part.data === undefined) throw unsupported(`${param}.file.file_id`, 'Bedrock cannot read uploaded file ids: send the file inline as file_data.');
      const data = parseDataUrl(part.data) ?? { mediaType: part.mediaType ?? '', bytes: Buffer.from(part.data, 'base64') };
      const format = documentFormat(data.mediaType, part.filename);
      if (format === undefined) throw unsupported(`${param}.file`, `Bedrock does not accept documents of type '${data.mediaType || part.filename || 'unknown'}'.`);
      return [{ document: { format, name: documentName(part.filename, param), source: { bytes: data.bytes } } }];
    }
    case 'audio':
      throw unsupported(`${param}.input_audio`, 'Bedrock Converse does not accept audio input.');
  }
}

function unsupported(param: string, message: string): InvalidRequestError {
  return new InvalidRequestError({ code: 'REQUEST_PARAMETER_UNSUPPORTED', param, message });
}

function parseDataUrl(url: string): { mediaType: string; bytes: Uint8Array } | undefined {
  const match = /^data:([^;,]*)(;[^,]*)?,(.*)$/s.exec(url);
  if (match === null) return undefined;
  const isBase64 = (match[2] ?? '').split(';').includes('base64');
  const payload = match[3] ?? '';
  return { mediaType: match[1] ?? '', bytes: isBase64 ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload), 'utf8') };
}

function describeUrl(url: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  return scheme === undefined ? 'a URL' : `a ${scheme}: URL`;
}

function documentFormat(mediaType: string, filename: string | undefined): DocumentFormat | undefined {
  const byType = DOCUMENT_FORMATS[mediaType.toLowerCase()];
  if (byType !== undefined) return byType;
  const extension = filename?.split('.').pop()?.toLowerCase();
  return extension !== undefined && DOCUMENT_EXTENSIONS.has(extension) ? (extension as DocumentFormat) : undefined;
}

/** Converse document names allow letters, digits, single spaces, hyphens, parentheses and brackets. */
function documentName(filename: string | undefined, param: string): string {
  const base = (filename ?? '').replace(/\.[^.]*$/, '').replace(/[^a-zA-Z0-9\s\-()[\]]/g, ' ').replace(/\s+/g, ' ').trim();
  return base || `document ${param.replace(/\D+/g, ' ').trim().replace(/ /g, '-')}`;
}
