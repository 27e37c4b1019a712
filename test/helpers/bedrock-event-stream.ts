/**
 * Encodes Bedrock ConverseStream traffic as AWS event-stream frames (the binary
 * `application/vnd.amazon.eventstream` framing, see the fixtures README): recorded
 * `*.chunks.txt` lines as event frames, and exception frames that no recording has.
 */
import zlib from 'node:zlib';
import { readRecorded } from './recorded-fixtures.js';

/** The content type Bedrock streams with. */
export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

function header(name: string, value: string): Buffer {
  const nameBytes = Buffer.from(name);
  const valueBytes = Buffer.from(value);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(valueBytes.length);
  // Header value type 7 is a string.
  return Buffer.concat([Buffer.from([nameBytes.length]), nameBytes, Buffer.from([7]), length, valueBytes]);
}

/** One frame: [total length][headers length][prelude crc][headers][payload][message crc]. */
export function encodeFrame(headers: Readonly<Record<string, string>>, payload: unknown): Buffer {
  const headerBytes = Buffer.concat(Object.entries(headers).map(([name, value]) => header(name, value)));
  const body = Buffer.from(JSON.stringify(payload));
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(12 + headerBytes.length + body.length + 4, 0);
  prelude.writeUInt32BE(headerBytes.length, 4);
  prelude.writeUInt32BE(zlib.crc32(prelude.subarray(0, 8)), 8);
  const message = Buffer.concat([prelude, headerBytes, body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(message));
  return Buffer.concat([message, crc]);
}

/** An event frame, for example `eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hi' } })`. */
export function eventFrame(eventType: string, payload: unknown): Buffer {
  return encodeFrame({ ':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event' }, payload);
}

/** An exception frame, for example `exceptionFrame('throttlingException', 'Too many requests')`. */
export function exceptionFrame(exceptionType: string, message: string): Buffer {
  return encodeFrame({ ':exception-type': exceptionType, ':content-type': 'application/json', ':message-type': 'exception' }, { message });
}

/** One frame per `{"<eventType>": payload}` object. */
export function eventFrames(events: readonly Record<string, unknown>[]): Buffer[] {
  return events.map((event) => {
    const [eventType] = Object.keys(event);
    if (eventType === undefined) throw new TypeError('an event needs one key, its type');
    return eventFrame(eventType, event[eventType]);
  });
}

/** The events of a recorded bedrock `*.chunks.txt`, parsed. */
export function recordedEvents(file: string): Record<string, unknown>[] {
  return readRecorded(file)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A recorded bedrock `*.chunks.txt` as event-stream frames. */
export function bedrockFrames(file: string): Buffer[] {
  return eventFrames(recordedEvents(file));
}

/** Splits frames into one buffer cut at arbitrary offsets, as a network may deliver them. */
export function rechunk(frames: readonly Buffer[], sizes: readonly number[]): Buffer[] {
  const whole = Buffer.concat(frames);
  const pieces: Buffer[] = [];
  let offset = 0;
  for (let index = 0; offset < whole.length; index++) {
    const size = Math.max(1, sizes[index % sizes.length] ?? 1);
    pieces.push(whole.subarray(offset, offset + size));
    offset += size;
  }
  return pieces;
}

/** One decoded frame: its string headers and JSON payload. */
export interface DecodedFrame {
  readonly headers: Record<string, string>;
  readonly payload: unknown;
}

/** Decodes event-stream bytes (a recorded `!!binary` body) back into frames, to compute expected values. */
export function decodeFrames(bytes: Buffer): DecodedFrame[] {
  const frames: DecodedFrame[] = [];
  for (let offset = 0; offset < bytes.length; ) {
    const total = bytes.readUInt32BE(offset);
    const headersLength = bytes.readUInt32BE(offset + 4);
    const headers: Record<string, string> = {};
    for (let at = offset + 12; at < offset + 12 + headersLength; ) {
      const nameLength = bytes.readUInt8(at);
      const name = bytes.subarray(at + 1, at + 1 + nameLength).toString('utf8');
      const valueLength = bytes.readUInt16BE(at + 2 + nameLength);
      headers[name] = bytes.subarray(at + 4 + nameLength, at + 4 + nameLength + valueLength).toString('utf8');
      at += 4 + nameLength + valueLength;
    }
    const body = bytes.subarray(offset + 12 + headersLength, offset + total - 4).toString('utf8');
    frames.push({ headers, payload: body === '' ? {} : JSON.parse(body) });
    offset += total;
  }
  return frames;
}

/** The `{"<eventType>": payload}` events of event-stream bytes, like the lines of a `*.chunks.txt`. */
export function decodeEvents(bytes: Buffer): Record<string, unknown>[] {
  return decodeFrames(bytes).map((frame) => ({ [frame.headers[':event-type'] ?? frame.headers[':exception-type'] ?? 'unknown']: frame.payload }));
}
