import { isRecord, readString } from './json-guards.js';

/** The text of Mistral's `thinking` content part: a string or a list of text parts. */
export function thinkingText(thinking: unknown): string {
  if (typeof thinking === 'string') return thinking;
  if (!Array.isArray(thinking)) return '';
  return thinking.map((part) => (isRecord(part) ? (readString(part['text']) ?? '') : '')).join('');
}
