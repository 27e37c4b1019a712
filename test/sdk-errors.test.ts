import t from 'tap';
import { SwitchyardError, ProviderError, ERROR_CODES } from '../sdk/index.js';

t.test('provider error keeps upstream 5xx status', async (t) => {
  const e = new ProviderError('PROVIDER_SERVER_ERROR', { message: 'x', provider: 'openai', upstreamStatus: 503 });
  t.equal(e.status, 503);
  t.ok(SwitchyardError.isInstance(e));
  t.equal(new ProviderError('PROVIDER_RATE_LIMITED', { message: 'x', provider: 'p', upstreamStatus: 429 }).status, ERROR_CODES.PROVIDER_RATE_LIMITED.status);
});
