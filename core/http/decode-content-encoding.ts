import { Duplex } from 'node:stream';
import zlib from 'node:zlib';

const zlibFlush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
const brotliFlush = {
  flush: zlib.constants.BROTLI_OPERATION_FLUSH,
  finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
};

type TransformPair = Parameters<ReadableStream<Uint8Array>['pipeThrough']>[0];

function createDecoder(coding: string): Duplex | null {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip(zlibFlush);
    case 'deflate':
      return zlib.createInflate(zlibFlush);
    case 'br':
      return zlib.createBrotliDecompress(brotliFlush);
    default:
      return null;
  }
}

/**
 * The decoders for a `Content-Encoding` value, in the order to apply them (codings are listed in
 * the order they were applied, so they are undone in reverse). Null when nothing is to be decoded
 * or a coding is unknown: then the body stays as sent, like fetch.
 */
export function createContentDecoders(contentEncoding: string): Duplex[] | null {
  const codings = contentEncoding.toLowerCase().split(',').map((coding) => coding.trim()).filter((coding) => coding !== '' && coding !== 'identity');
  const decoders: Duplex[] = [];
  for (let i = codings.length - 1; i >= 0; i--) {
    const decoder = createDecoder(codings[i]!);
    if (decoder === null) return null;
    decoders.push(decoder);
  }
  return decoders.length > 0 ? decoders : null;
}

/**
 * Decodes a web stream body the way fetch does for `Content-Encoding` gzip, deflate and br. The
 * headers are not changed. Only runs when an upstream compresses, which it does only if the caller
 * sent `Accept-Encoding`.
 */
export function decodeContentEncoding(body: ReadableStream<Uint8Array>, contentEncoding: string): ReadableStream<Uint8Array> {
  let decoded = body;
  for (const decoder of createContentDecoders(contentEncoding) ?? []) {
    decoded = decoded.pipeThrough(Duplex.toWeb(decoder) as unknown as TransformPair) as ReadableStream<Uint8Array>;
  }
  return decoded;
}
