/** Per-call options the kit hands the client; a subset of the `openai` SDK's RequestOptions. */
export interface OpenAICompatibleRequestOptions {
  readonly signal?: AbortSignal;
  readonly headers?: Record<string, string>;
}

/**
 * The slice of an OpenAI-style client the kit uses, described structurally so the sdk never
 * imports the `openai` package: an `OpenAI` instance from `openai` satisfies it as-is.
 * Parameter types are the minimum both sides agree on (the kit passes its full
 * `OpenAIChatRequestBody`); `chat.completions.create` resolves to the parsed JSON body, or,
 * when the body says `stream: true`, to an async iterable of parsed chunks.
 */
export interface OpenAICompatibleClient {
  readonly chat: {
    readonly completions: {
      create(body: { readonly model: string; readonly messages: readonly unknown[] }, options?: OpenAICompatibleRequestOptions): PromiseLike<unknown>;
    };
  };
  readonly embeddings: {
    create(
      body: { readonly model: string; readonly input: string[] | number[][]; readonly encoding_format: 'float' | 'base64' },
      options?: OpenAICompatibleRequestOptions,
    ): PromiseLike<unknown>;
  };
  readonly models: {
    /** Iterates every model; iterating stops early when the caller breaks out. */
    list(options?: OpenAICompatibleRequestOptions): AsyncIterable<unknown>;
  };
}
