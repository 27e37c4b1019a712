/** The three ways a bench request reaches the fake upstream. */
export type TargetName = 'direct' | 'pass-through' | 'switchyard';

/** All targets, in the order they are measured and printed. */
export const TARGET_NAMES: readonly TargetName[] = ['direct', 'pass-through', 'switchyard'];

/** One entry of a Switchyard (LiteLLM-style) `model_list`. */
export interface ModelListEntry {
  readonly model_name: string;
  readonly litellm_params: { readonly model: string; readonly api_base: string; readonly api_key: string } & Record<string, unknown>;
  readonly [key: string]: unknown;
}

/**
 * One row group of the bench: a Switchyard configuration and the request the load sends. Direct and
 * pass-through are measured again for every case, so each case's ratios compare runs made minutes
 * apart on the same machine state.
 */
export interface BenchCase {
  /** Short label, also accepted by `BENCH_CASES`. */
  readonly name: string;
  readonly description: string;
  /** The Switchyard `model_list` for this case; `apiBase` is the fake upstream's `http://127.0.0.1:<port>/v1`. */
  modelList(apiBase: string): ModelListEntry[];
  /** Chat completion request body sent by the load (TTFB sends it with `stream: true`). */
  readonly request: Readonly<Record<string, unknown>>;
  /** `switchyard start --workers` for this case; one process when unset. */
  readonly workers?: number | 'auto';
}

const chatRequest = {
  model: 'bench-model',
  messages: [{ role: 'user', content: 'Say hello in one short sentence.' }],
  max_tokens: 32,
};

const deployment = (apiBase: string, apiKey = 'sk-bench'): ModelListEntry => ({
  model_name: 'bench-model',
  litellm_params: { model: 'openai/bench-model', api_base: apiBase, api_key: apiKey },
});

/** The bench cases, measured in order. Add a row to add a case. */
export const BENCH_CASES: readonly BenchCase[] = [
  {
    name: 'one-deployment',
    description: 'one OpenAI-compatible deployment behind model_name bench-model',
    modelList: (apiBase) => [deployment(apiBase)],
    request: chatRequest,
  },
  {
    name: 'ten-deployments',
    description: 'ten deployments of one model group (simple-shuffle): the cost of routing',
    // Identical params with distinct ids: both cases share one provider client, only routing differs.
    modelList: (apiBase) => Array.from({ length: 10 }, (_, index) => ({ ...deployment(apiBase), model_info: { id: `bench-${index}` } })),
    request: chatRequest,
  },
  {
    name: 'workers',
    description: 'one deployment, `--workers auto` (one gateway process per CPU sharing the port)',
    modelList: (apiBase) => [deployment(apiBase)],
    request: chatRequest,
    workers: 'auto',
  },
];

/** The Switchyard config file content (YAML accepts JSON) for a case. */
export function switchyardConfigText(benchCase: BenchCase, apiBase: string): string {
  return `${JSON.stringify({ model_list: benchCase.modelList(apiBase) }, null, 2)}\n`;
}
