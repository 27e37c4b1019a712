import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../sdk/index.js';
import type { RequestLogRecord } from '../../core/persistence/request-log.js';

/** One captured log line. */
export interface CapturedLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

/** A logger that keeps every line in memory, child fields merged. */
export function createCaptureLogger(): Logger & { readonly lines: CapturedLine[] } {
  const lines: CapturedLine[] = [];
  const make = (base: Record<string, unknown>): Logger => {
    const emit = (level: CapturedLine['level']) => (message: string, fields?: Record<string, unknown>) => {
      lines.push({ level, message, fields: { ...base, ...fields } });
    };
    return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error'), child: (fields) => make({ ...base, ...fields }) };
  };
  return Object.assign(make({}), { lines });
}

/** A fresh temporary directory, removed by the returned cleanup. */
export async function createTemporaryDirectory(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'switchyard-persistence-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** A complete request log record numbered `n`; `overrides` replace fields. */
export function makeRecord(n: number, overrides: Partial<RequestLogRecord> = {}): RequestLogRecord {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n % 60, 0)),
    durationMs: 100 + n,
    overheadMs: 1.5,
    route: '/v1/chat/completions',
    requestedModel: 'openai/gpt-4o-mini',
    provider: 'openai',
    upstreamModel: 'gpt-4o-mini',
    deployment: null,
    stream: n % 2 === 0,
    status: 200,
    errorCode: null,
    finishReason: 'stop',
    rawFinishReason: 'stop',
    promptTokens: 10,
    completionTokens: n,
    totalTokens: 10 + n,
    cachedTokens: null,
    reasoningTokens: null,
    attempts: [{ deployment: 'openai-1', errorCode: null, latencyMs: 90 }],
    ...overrides,
  };
}

/** Polls `check` (a few ms apart, bounded) until it returns true; false if it never does. */
export async function eventually(check: () => Promise<boolean>, attempts = 500): Promise<boolean> {
  for (let i = 0; i < attempts; i += 1) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}
