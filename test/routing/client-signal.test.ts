import t from 'tap';
import { ClientAbort, toAbortSignal } from '../../core/routing/client-signal.js';
import { AttemptController } from '../../core/routing/attempt-controller.js';
import { abortableSleep } from '../../core/routing/abortable-sleep.js';
import { SwitchyardError } from '../../sdk/index.js';
import { createRequestContext, timeOrderedUuid } from '../../proxy/middleware/request-context.js';
import { createLogger } from '../../core/logging/create-logger.js';

t.test('ClientAbort runs each listener once, in order, and keeps the first reason', async (t) => {
  const source = new ClientAbort();
  const calls: string[] = [];
  const removed = (): void => void calls.push('removed');
  source.addEventListener('abort', () => calls.push('a'));
  source.addEventListener('abort', removed);
  source.addEventListener('abort', () => calls.push('b'));
  source.removeEventListener('abort', removed);
  source.removeEventListener('abort', () => undefined); // unknown listener: nothing happens
  t.equal(source.aborted, false);
  t.equal(source.reason, undefined);
  const reason = new Error('gone');
  source.abort(reason);
  source.abort(new Error('later'));
  t.same(calls, ['a', 'b']);
  t.equal(source.aborted, true);
  t.equal(source.reason, reason, 'the first reason stays');
  source.addEventListener('abort', () => calls.push('late'));
  source.abort(new Error('again'));
  t.same(calls, ['a', 'b'], 'a listener added after the abort never runs');
});

t.test('ClientAbort makes an AbortSignal only when asked, and keeps it in step', async (t) => {
  const before = new ClientAbort();
  const signal = before.signal;
  t.equal(before.signal, signal, 'one signal per source');
  t.equal(signal.aborted, false);
  before.abort('bye');
  t.equal(signal.aborted, true);
  t.equal(signal.reason, 'bye');

  const after = new ClientAbort();
  after.abort('already');
  t.equal(after.signal.aborted, true, 'a signal asked for after the abort is born aborted');
  t.equal(after.signal.reason, 'already');
});

t.test('a throwing listener does not stop the others, and its error is not swallowed', async (t) => {
  const source = new ClientAbort();
  const calls: string[] = [];
  source.addEventListener('abort', () => {
    throw new Error('listener bug');
  });
  source.addEventListener('abort', () => calls.push('second'));
  const uncaught = new Promise<Error>((resolve) => {
    const listeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    process.once('uncaughtException', (error) => {
      for (const listener of listeners) process.on('uncaughtException', listener);
      resolve(error);
    });
  });
  source.abort('x');
  t.same(calls, ['second']);
  t.match((await uncaught).message, 'listener bug');
});

t.test('toAbortSignal: an AbortSignal as is, a ClientAbort its own, anything else linked', async (t) => {
  const controller = new AbortController();
  t.equal(toAbortSignal(controller.signal), controller.signal);
  const source = new ClientAbort();
  t.equal(toAbortSignal(source), source.signal);
  let listener: (() => void) | undefined;
  const custom = { aborted: false, reason: undefined as unknown, addEventListener: (_: 'abort', l: () => void) => void (listener = l), removeEventListener: () => undefined };
  const linked = toAbortSignal(custom);
  t.equal(linked.aborted, false);
  custom.aborted = true;
  custom.reason = 'stop';
  listener?.();
  t.equal(linked.aborted, true);
  t.equal(linked.reason, 'stop');
  t.equal(toAbortSignal({ ...custom, aborted: true, reason: 'done' }).reason, 'done', 'already aborted: born aborted');
});

t.test('an attempt and a retry wait follow a ClientAbort, and let go of it', async (t) => {
  const source = new ClientAbort();
  const attempt = new AttemptController(source, 60_000, () => new SwitchyardError('PROVIDER_TIMEOUT', { message: 'late' }));
  const sleeping = abortableSleep(60_000, source);
  const reason = new SwitchyardError('REQUEST_CLIENT_DISCONNECTED', { message: 'gone' });
  source.abort(reason);
  t.equal(attempt.signal.aborted, true, 'the attempt is cancelled');
  t.equal(attempt.signal.reason, reason);
  t.equal(attempt.timedOut, undefined, 'a client abort is not a timeout');
  await t.rejects(sleeping, reason, 'the retry wait ends at once');
  attempt.release();

  const quiet = new ClientAbort();
  const released = new AttemptController(quiet, 60_000, () => new SwitchyardError('PROVIDER_TIMEOUT', { message: 'late' }));
  released.release();
  quiet.abort('after release');
  t.equal(released.signal.aborted, false, 'a released attempt no longer listens');
});

t.test('request ids are UUIDv7: version 7, RFC variant, the millisecond first', async (t) => {
  const at = Date.UTC(2026, 10, 21, 12, 0, 0, 123);
  const id = timeOrderedUuid(at);
  t.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  t.equal(parseInt(id.slice(0, 8) + id.slice(9, 13), 16), at, 'the first 48 bits are the Unix milliseconds');
  t.not(timeOrderedUuid(at), id, 'random bits differ within a millisecond');
  const ids = [at, at + 1, at + 1000, at + 86_400_000].map((ms) => timeOrderedUuid(ms));
  t.same([...ids].sort(), ids, 'later ids sort after earlier ones');
  t.match(createRequestContext(createLogger({ level: 'silent' })).context.requestId, /^[0-9a-f]{8}-[0-9a-f]{4}-7/);
});
