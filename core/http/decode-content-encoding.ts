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
 * Decodes a response body the way fetch does for `Content-Encoding` gzip, deflate and br (codings
 * applied in order, so decoded in reverse). An unknown coding leaves the body untouched, like
 * fetch. The headers are not changed. Only runs when an upstream compresses, which it does only if
 * the caller sent `Accept-Encoding`.
 */
export function decodeContentEncoding(body: ReadableStream<Uint8Array>, contentEncoding: string): ReadableStream<Uint8Array> {
  const codings = contentEncoding.toLowerCase().split(',').map((coding) => coding.trim()).filter((coding) => coding !== '');
  const decoders: Duplex[] = [];
  for (let i = codings.length - 1; i >= 0; i--) {
    const decoder = createDecoder(codings[i]!);
    if (decoder === null) return body;
    decoders.push(decoder);
  }
  let decoded = body;
  for (const decoder of decoders) {
    decoded = decoded.pipeThrough(Duplex.toWeb(decoder) as unknown as TransformPair) as ReadableStream<Uint8Array>;
  }
  return decoded;
}
