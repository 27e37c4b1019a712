import { describeErrorCode, SwitchyardError } from '../../sdk/index.js';

/** OpenAI's error body. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** The status and wire body for any error; unknown errors become a 500 naming the request id. */
export function toOpenAIErrorBody(error: unknown, requestId: string): { status: number; body: OpenAIErrorBody } {
  if (SwitchyardError.isInstance(error)) {
    const entry = describeErrorCode(error.code);
    // A provider's own code for a bad request ("unsupported_value", …) says more than ours.
    const upstreamCode = error.details['upstreamCode'];
    const code = error.code === 'PROVIDER_BAD_REQUEST' && typeof upstreamCode === 'string' ? upstreamCode : entry.wireCode;
    return { status: error.status, body: { error: { message: error.message, type: entry.type, param: error.param ?? null, code } } };
  }
  const entry = describeErrorCode('GATEWAY_INTERNAL');
  return { status: 500, body: { error: { message: `Internal error in the gateway (request id ${requestId}).`, type: entry.type, param: null, code: entry.wireCode } } };
}
