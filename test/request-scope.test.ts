import t from 'tap';
import { createLogger } from '../core/logging/create-logger.js';
import { proxyDependenciesOf } from '../proxy/create-proxy-app.js';
import { LazyRequestScope } from '../proxy/middleware/request-lifecycle.js';
import { createRequestContext } from '../proxy/middleware/request-context.js';
import { startTestGateway } from './helpers/start-test-gateway.js';

t.test('each request gets an awilix scope with its id, logger and abort signal over the singletons', async (t) => {
  const gateway = await startTestGateway();
  t.teardown(() => gateway.close());
  const { context, abort } = createRequestContext(createLogger({ level: 'silent' }));
  const deps = proxyDependenciesOf(gateway.gateway, () => false);
  const scope = deps.createRequestScope!(context) as unknown as { resolve(name: string): unknown; dispose(): Promise<void> };
  t.equal(scope.resolve('requestId'), context.requestId);
  t.equal(scope.resolve('logger'), context.logger);
  t.equal(scope.resolve('requestContext'), context);
  const signal = scope.resolve('signal') as AbortSignal;
  t.equal(signal.aborted, false);
  abort(new Error('client gone'));
  t.equal(signal.aborted, true, 'the scope signal fires when the client goes away');
  t.equal(scope.resolve('chatService'), gateway.gateway.cradle.chatService, 'singletons resolve through the scope');
  await scope.dispose();
  const other = createRequestContext(createLogger({ level: 'silent' })).context;
  t.not(other.requestId, context.requestId, 'every request has its own id');
});

t.test('the proxy makes a request scope only when something asks for it, and disposes it with the response', async (t) => {
  let created = 0;
  let disposed = 0;
  const scope = new LazyRequestScope(() => {
    created += 1;
    return { dispose: () => void (disposed += 1) };
  });
  scope.dispose();
  t.equal(created, 0, 'nothing to dispose when the scope was never used');
  t.notOk(scope.created);
  t.equal(scope.get(), scope.get(), 'one scope per request');
  t.equal(created, 1);
  t.ok(scope.created);
  scope.dispose();
  t.equal(disposed, 1);
});
