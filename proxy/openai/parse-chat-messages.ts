import type { AssistantContentPart, PromptMessage, TextPart, UserContentPart } from '../../sdk/index.js';
import { InvalidRequestError } from '../../sdk/index.js';
import { FieldReader, invalidField, isObject } from './field-reader.js';

function textFromParts(value: unknown, param: string, allowRefusal = false): { text: string; refusal?: string } {
  if (typeof value === 'string') return { text: value };
  if (!Array.isArray(value)) invalidField(param, 'a string or an array of text parts', value);
  let text = '';
  let refusal: string | undefined;
  value.forEach((part, index) => {
    const partPath = `${param}[${index}]`;
    if (!isObject(part)) invalidField(partPath, 'a content part object', part);
    const reader = new FieldReader(part, partPath);
    const type = reader.requiredString('type');
    if (type === 'text') text += reader.requiredString('text');
    else if (type === 'refusal' && allowRefusal) refusal = (refusal ?? '') + reader.requiredString('refusal');
    else invalidField(`${partPath}.type`, allowRefusal ? "'text' or 'refusal'" : "'text'", type);
  });
  return { text, refusal };
}

function parseUserContent(value: unknown, param: string): UserContentPart[] {
  if (typeof value === 'string') return [{ type: 'text', text: value }];
  if (!Array.isArray(value)) invalidField(param, 'a string or an array of content parts', value);
  return value.map((part, index): UserContentPart => {
    const partPath = `${param}[${index}]`;
    if (!isObject(part)) invalidField(partPath, 'a content part object', part);
    const reader = new FieldReader(part, partPath);
    const type = reader.requiredString('type');
    switch (type) {
      case 'text':
        return { type: 'text', text: reader.requiredString('text') };
      case 'image_url': {
        const image = reader.object_('image_url');
        if (!image) throw new InvalidRequestError({ message: `Missing required parameter: '${partPath}.image_url'.`, param: `${partPath}.image_url` });
        const imageReader = new FieldReader(image, `${partPath}.image_url`);
        const detail = imageReader.oneOf('detail', ['auto', 'low', 'high'] as const);
        return { type: 'image', url: imageReader.requiredString('url'), ...(detail ? { detail } : {}) };
      }
      case 'input_audio': {
        const audio = reader.object_('input_audio');
        if (!audio) throw new InvalidRequestError({ message: `Missing required parameter: '${partPath}.input_audio'.`, param: `${partPath}.input_audio` });
        const audioReader = new FieldReader(audio, `${partPath}.input_audio`);
        return { type: 'audio', data: audioReader.requiredString('data'), format: audioReader.requiredString('format') };
      }
      case 'file': {
        const file = reader.object_('file');
        if (!file) throw new InvalidRequestError({ message: `Missing required parameter: '${partPath}.file'.`, param: `${partPath}.file` });
        const fileReader = new FieldReader(file, `${partPath}.file`);
        const data = fileReader.string('file_data');
        const fileId = fileReader.string('file_id');
        const filename = fileReader.string('filename');
        if (data === undefined && fileId === undefined) throw new InvalidRequestError({ message: `'${partPath}.file' needs 'file_data' or 'file_id'.`, param: `${partPath}.file` });
        return { type: 'file', ...(data !== undefined ? { data } : {}), ...(fileId !== undefined ? { fileId } : {}), ...(filename !== undefined ? { filename } : {}) };
      }
      default:
        return invalidField(`${partPath}.type`, "'text', 'image_url', 'input_audio' or 'file'", type);
    }
  });
}

function parseAssistant(reader: FieldReader, param: string): PromptMessage {
  const content: AssistantContentPart[] = [];
  const reasoning = reader.string('reasoning_content');
  const thinkingBlocks = reader.array('thinking_blocks');
  if (thinkingBlocks) {
    // Streamed answers carry the text in reasoning_content and the signature in a thinking
    // block with empty text; a client replaying both gets its one block back whole.
    const fillFromReasoning = reasoning !== undefined && thinkingBlocks.filter((block) => isObject(block) && block['type'] !== 'redacted_thinking').length === 1;
    thinkingBlocks.forEach((block, index) => {
      const blockPath = `${param}.thinking_blocks[${index}]`;
      if (!isObject(block)) invalidField(blockPath, 'a thinking block object', block);
      const blockReader = new FieldReader(block, blockPath);
      const type = blockReader.oneOf('type', ['thinking', 'redacted_thinking'] as const);
      if (type === 'redacted_thinking') content.push({ type: 'reasoning', text: '', redactedData: blockReader.requiredString('data') });
      else {
        const signature = blockReader.string('signature');
        const text = blockReader.string('thinking') || (fillFromReasoning ? reasoning : '') || '';
        content.push({ type: 'reasoning', text, ...(signature ? { signature } : {}) });
      }
    });
  } else if (reasoning) content.push({ type: 'reasoning', text: reasoning });
  let refusal = reader.string('refusal');
  const rawContent = reader.object['content'];
  if (rawContent !== undefined && rawContent !== null) {
    const parsed = textFromParts(rawContent, `${param}.content`, true);
    if (parsed.text) content.push({ type: 'text', text: parsed.text });
    refusal = refusal ?? parsed.refusal;
  }
  const toolCalls = reader.array('tool_calls') ?? [];
  toolCalls.forEach((call, index) => {
    const callPath = `${param}.tool_calls[${index}]`;
    if (!isObject(call)) invalidField(callPath, 'a tool call object', call);
    const callReader = new FieldReader(call, callPath);
    callReader.oneOf('type', ['function'] as const);
    const fn = callReader.object_('function');
    if (!fn) throw new InvalidRequestError({ message: `Missing required parameter: '${callPath}.function'.`, param: `${callPath}.function` });
    const fnReader = new FieldReader(fn, `${callPath}.function`);
    content.push({ type: 'tool-call', id: callReader.requiredString('id'), name: fnReader.requiredString('name'), arguments: fnReader.string('arguments') ?? '' });
  });
  const name = reader.string('name');
  return { role: 'assistant', content, ...(refusal ? { refusal } : {}), ...(name ? { name } : {}) };
}

/** Converts OpenAI `messages` into the neutral prompt, naming the exact field on any error. */
export function parseChatMessages(value: unknown): PromptMessage[] {
  if (!Array.isArray(value)) invalidField('messages', 'an array of messages', value);
  if (value.length === 0) throw new InvalidRequestError({ message: "Invalid value for 'messages': expected a non-empty array.", param: 'messages' });
  return value.map((message, index): PromptMessage => {
    const param = `messages[${index}]`;
    if (!isObject(message)) invalidField(param, 'a message object', message);
    const reader = new FieldReader(message, param);
    const role = reader.requiredString('role');
    const name = reader.string('name');
    switch (role) {
      case 'system':
      case 'developer': {
        const { text } = textFromParts(message['content'], `${param}.content`);
        return { role: 'system', content: text, ...(role === 'developer' ? { developer: true } : {}), ...(name ? { name } : {}) };
      }
      case 'user':
        return { role: 'user', content: parseUserContent(message['content'], `${param}.content`), ...(name ? { name } : {}) };
      case 'assistant':
        return parseAssistant(reader, param);
      case 'tool': {
        const { text } = textFromParts(message['content'], `${param}.content`);
        const content: TextPart[] = [{ type: 'text', text }];
        return { role: 'tool', toolCallId: reader.requiredString('tool_call_id'), content };
      }
      default:
        return invalidField(`${param}.role`, "one of 'system', 'developer', 'user', 'assistant', 'tool'", role);
    }
  });
}
