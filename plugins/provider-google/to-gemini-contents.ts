import type { Content, Part } from '@google/genai';
import { type AssistantMessage, InvalidRequestError, type PromptMessage, repairTruncatedJson, type UserContentPart } from '../../sdk/index.js';
import type { CallWarnings } from './call-warnings.js';
import { decodeToolCallId } from './tool-call-id.js';

/**
 * The signature Google documents for function calls that never had one (a conversation moved
 * from another model, or a client that rewrote the ids): Gemini 3 then skips its check instead
 * of rejecting the turn.
 */
export const SKIP_SIGNATURE_VALIDATION = 'skip_thought_signature_validator';

/** The prompt in Gemini's shape. */
export interface GeminiPrompt {
  readonly systemInstruction?: Content;
  readonly contents: Content[];
}

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', heic: 'image/heic', heif: 'image/heif',
  pdf: 'application/pdf', txt: 'text/plain', md: 'text/markdown', csv: 'text/csv', html: 'text/html', json: 'application/json',
  mp3: 'audio/mp3', wav: 'audio/wav', flac: 'audio/flac', ogg: 'audio/ogg', aac: 'audio/aac', mp4: 'video/mp4', mov: 'video/mov', webm: 'video/webm',
};

/**
 * Translates the neutral prompt: system and developer messages become `systemInstruction`,
 * assistant turns become `model` contents (tool calls as `functionCall` parts carrying the
 * thought signature decoded from their id), tool results become `functionResponse` parts, and
 * consecutive contents of the same role are merged, so parallel results share one content.
 * With `signaturesRequired` (Gemini 3) a model turn whose calls carry no signature gets
 * {@link SKIP_SIGNATURE_VALIDATION} on its first call.
 */
export function toGeminiContents(messages: readonly PromptMessage[], warnings: CallWarnings, options: { readonly signaturesRequired: boolean }): GeminiPrompt {
  const toolNames = new Map<string, string>();
  for (const message of messages) {
    if (message.role !== 'assistant') continue;
    for (const part of message.content) if (part.type === 'tool-call') toolNames.set(part.id, part.name).set(decodeToolCallId(part.id).baseId, part.name);
  }
  const system: Part[] = [];
  const contents: Content[] = [];
  const append = (content: Content): void => {
    const last = contents[contents.length - 1];
    if (last !== undefined && last.role === content.role) last.parts = [...(last.parts ?? []), ...(content.parts ?? [])];
    else contents.push(content);
  };
  messages.forEach((message, index) => {
    const param = `messages[${index}]`;
    if ('name' in message && message.name !== undefined) warnings.add(`${param}.name`, 'Gemini has no participant names; the name was not sent.');
    switch (message.role) {
      case 'system':
        system.push({ text: message.content });
        return;
      case 'user':
        append({ role: 'user', parts: message.content.map((part, partIndex) => toUserPart(part, `${param}.content[${partIndex}]`, warnings)) });
        return;
      case 'assistant': {
        const parts = toModelParts(message, param, warnings, options.signaturesRequired);
        if (parts.length > 0) append({ role: 'model', parts });
        return;
      }
      case 'tool': {
        const { baseId } = decodeToolCallId(message.toolCallId);
        const name = toolNames.get(message.toolCallId) ?? toolNames.get(baseId);
        if (name === undefined) {
          throw new InvalidRequestError({ message: `'${param}.tool_call_id' (${message.toolCallId}) does not match a tool call of an earlier assistant message; Gemini needs the function name.`, param: `${param}.tool_call_id` });
        }
        const text = message.content.map((part) => part.text).join('');
        append({ role: 'user', parts: [{ functionResponse: { id: baseId, name, response: toFunctionResponse(text) } }] });
        return;
      }
    }
  });
  return { ...(system.length > 0 ? { systemInstruction: { parts: system } } : {}), contents };
}

function toModelParts(message: AssistantMessage, param: string, warnings: CallWarnings, signaturesRequired: boolean): Part[] {
  const parts: Part[] = [];
  let reasoningSignature: string | undefined;
  let callIndex = 0;
  for (const part of message.content) {
    // Thought text is the model's own summary; Gemini takes back only its signature.
    if (part.type === 'reasoning') reasoningSignature = part.signature ?? reasoningSignature;
    else if (part.type === 'text') parts.push({ text: part.text });
    else {
      const { baseId, signature } = decodeToolCallId(part.id);
      const args = toArguments(part.arguments, `${param}.tool_calls[${callIndex++}].function.arguments`, warnings);
      parts.push({ functionCall: { id: baseId, name: part.name, args }, ...(signature !== undefined ? { thoughtSignature: signature } : {}) });
    }
  }
  if (message.refusal !== undefined) parts.push({ text: message.refusal });
  const calls = parts.filter((part) => part.functionCall !== undefined);
  if (reasoningSignature !== undefined) {
    // Gemini signs the last text part of an answer (or the first call when there is no text).
    const lastText = [...parts].reverse().find((part) => part.text !== undefined);
    const target = lastText ?? calls.find((part) => part.thoughtSignature === undefined);
    if (target !== undefined) target.thoughtSignature = reasoningSignature;
  }
  if (signaturesRequired && calls.length > 0 && calls.every((part) => part.thoughtSignature === undefined)) calls[0]!.thoughtSignature = SKIP_SIGNATURE_VALIDATION;
  return parts;
}

function toArguments(text: string, param: string, warnings: CallWarnings): Record<string, unknown> {
  for (const candidate of [text, repairTruncatedJson(text)]) {
    try {
      const parsed: unknown = JSON.parse(candidate === '' ? '{}' : candidate);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // Try the repaired text next.
    }
  }
  warnings.add(param, 'Gemini needs tool call arguments as a JSON object; they were sent as {}.');
  return {};
}

/** Gemini wants a JSON object: a tool's JSON object result as-is, anything else under `output`. */
function toFunctionResponse(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // Plain text result.
  }
  return { output: text };
}

function toUserPart(part: UserContentPart, param: string, warnings: CallWarnings): Part {
  switch (part.type) {
    case 'text':
      return { text: part.text };
    case 'image':
      if (part.detail !== undefined && part.detail !== 'auto') warnings.add(`${param}.image_url.detail`, `Gemini has no per-image detail setting; '${part.detail}' was not applied.`);
      return toMediaPart(part.url, undefined, 'image/jpeg');
    case 'audio':
      return { inlineData: { mimeType: `audio/${part.format}`, data: part.data } };
    case 'file':
      if (part.data !== undefined) return toMediaPart(part.data.startsWith('data:') ? part.data : `data:${part.mediaType ?? guessMime(part.filename) ?? 'application/pdf'};base64,${part.data}`, part.filename, 'application/pdf');
      return { fileData: { fileUri: part.fileId ?? '', mimeType: part.mediaType ?? guessMime(part.filename) ?? guessMime(part.fileId) ?? 'application/pdf' } };
  }
}

/** A data URL goes inline; any other URL (https, gs://, a Files API uri) as `fileData`. */
function toMediaPart(url: string, filename: string | undefined, fallbackMime: string): Part {
  const data = /^data:([^;,]*)((?:;[^;,]*)*?)(;base64)?,(.*)$/s.exec(url);
  if (data !== null) {
    const mimeType = data[1] || guessMime(filename) || fallbackMime;
    const payload = data[3] !== undefined ? data[4]! : Buffer.from(percentDecode(data[4]!), 'utf8').toString('base64');
    return { inlineData: { mimeType, data: payload } };
  }
  return { fileData: { fileUri: url, mimeType: guessMime(url) ?? fallbackMime } };
}

/** A plain (not base64) data URL's text; malformed escapes are kept as written. */
function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function guessMime(name: string | undefined): string | undefined {
  const extension = name === undefined ? undefined : /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(name)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : MIME_BY_EXTENSION[extension];
}
