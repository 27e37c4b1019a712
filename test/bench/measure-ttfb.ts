import http from 'node:http';
import { quantile } from './measure-load.js';

/** Time to first byte of a streamed completion, over sequential requests on one keep-alive connection. */
export interface TtfbResult {
  readonly requests: number;
  /** Median time from sending the request to the first body byte. */
  readonly ttfbP50Ms: number;
  /** Median time from sending the request to the end of the stream. */
  readonly totalP50Ms: number;
}

function streamOnce(agent: http.Agent, url: URL, headers: Record<string, string>, body: string): Promise<{ ttfbMs: number; totalMs: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let firstByte: bigint | null = null;
    let text = '';
    const request = http.request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (response) => {
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          firstByte ??= process.hrtime.bigint();
          text += chunk;
        });
        response.on('end', () => {
          const ended = process.hrtime.bigint();
          if (response.statusCode !== 200 || !text.startsWith('data: ') || !text.includes('data: [DONE]')) {
            reject(new Error(`streamed request to ${url.href} answered ${response.statusCode}: ${text.slice(0, 300)}`));
            return;
          }
          resolve({ ttfbMs: Number(firstByte! - started) / 1e6, totalMs: Number(ended - started) / 1e6 });
        });
        response.on('error', reject);
      },
    );
    request.setTimeout(10_000, () => request.destroy(new Error(`streamed request to ${url.href} timed out`)));
    request.on('error', reject);
    request.end(body);
  });
}

/** Sends `warmup + requests` streamed requests one after another and reports medians of the last `requests`. */
export async function measureTtfb(url: string, headers: Record<string, string>, body: string, requests: number, warmup = 5): Promise<TtfbResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const target = new URL(url);
    const ttfb: number[] = [];
    const total: number[] = [];
    for (let i = 0; i < warmup + requests; i++) {
      const sample = await streamOnce(agent, target, headers, body);
      if (i < warmup) continue;
      ttfb.push(sample.ttfbMs);
      total.push(sample.totalMs);
    }
    return {
      requests,
      ttfbP50Ms: quantile(ttfb.sort((a, b) => a - b), 0.5),
      totalP50Ms: quantile(total.sort((a, b) => a - b), 0.5),
    };
  } finally {
    agent.destroy();
  }
}
