import t from 'tap';
import { toVendorSdkLogger } from '../../sdk/index.js';
import { openAISdkBaseOptions } from '../../sdk/openai-compatible/index.js';
import { createCaptureLogger } from '../persistence/persistence-fixtures.js';

t.test('vendor SDK log calls reach the plugin logger, labelled, with their details as a field', async (t) => {
  const logger = createCaptureLogger();
  const sdkLogger = toVendorSdkLogger(logger, 'openai sdk');
  sdkLogger.warn('retrying', { attempt: 2 }, 'later');
  sdkLogger.debug('plain');
  sdkLogger.info('i');
  sdkLogger.error('e');
  t.match(logger.lines, [
    { level: 'warn', message: 'openai sdk: retrying', fields: { details: [{ attempt: 2 }, 'later'] } },
    { level: 'debug', message: 'openai sdk: plain' },
    { level: 'info', message: 'openai sdk: i' },
    { level: 'error', message: 'openai sdk: e' },
  ]);
  t.same(logger.lines[1]?.fields, {}, 'no details, no field');
});

t.test('openai SDK clients get the pooled fetch, no SDK retries, the timeout only when set, and the gateway log', async (t) => {
  const logger = createCaptureLogger();
  const fetch = (() => Promise.reject(new Error('unused'))) as unknown as typeof globalThis.fetch;
  const options = openAISdkBaseOptions({ fetch, logger }, 30_000, 'openai sdk (azure)');
  t.equal(options.fetch, fetch);
  t.equal(options.maxRetries, 0);
  t.equal(options.timeout, 30_000);
  t.equal(options.webhookSecret, null);
  t.equal(options.logLevel, 'warn');
  options.logger.warn('hello');
  t.equal(logger.lines[0]?.message, 'openai sdk (azure): hello');
  t.notOk('timeout' in openAISdkBaseOptions({ fetch, logger }, undefined), 'no timeout key: the SDK keeps its default');
});
