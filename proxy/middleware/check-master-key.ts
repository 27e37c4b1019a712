import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SwitchyardError } from '../../sdk/index.js';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Returns a checker that throws 401 unless the headers carry the master key. */
export function createMasterKeyCheck(masterKey: string): (headers: IncomingHttpHeaders) => void {
  const expected = digest(masterKey);
  return (headers) => {
    const authorization = headers.authorization;
    const bearer = authorization?.toLowerCase().startsWith('bearer ') ? authorization.slice(7).trim() : undefined;
    const apiKey = typeof headers['x-api-key'] === 'string' ? headers['x-api-key'] : undefined;
    const presented = bearer ?? apiKey;
    if (!presented) {
      throw new SwitchyardError('AUTH_KEY_MISSING', { message: "Missing API key: send 'Authorization: Bearer <key>' or 'x-api-key: <key>'." });
    }
    // Comparing fixed-size digests keeps the comparison constant-time whatever the length.
    if (!timingSafeEqual(digest(presented), expected)) {
      throw new SwitchyardError('AUTH_KEY_INVALID', { message: 'Invalid API key.' });
    }
  };
}
