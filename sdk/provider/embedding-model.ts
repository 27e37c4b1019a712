/** Options of one embeddings call. */
export interface EmbedOptions {
  /** Texts, or token arrays for providers that accept them. */
  readonly input: readonly string[] | readonly (readonly number[])[];
  readonly dimensions?: number;
  readonly encodingFormat?: 'float' | 'base64';
  readonly user?: string;
  readonly extraBody?: Record<string, unknown>;
  readonly headers?: Record<string, string>;
  readonly signal?: AbortSignal;
}

/** Embeddings in input order; base64 strings when `encodingFormat` was base64. */
export interface EmbedResult {
  readonly embeddings: readonly (readonly number[] | string)[];
  readonly model?: string;
  readonly usage?: { readonly promptTokens: number; readonly totalTokens: number };
}

/** An embedding model of one provider. */
export interface EmbeddingModel {
  readonly provider: string;
  readonly modelId: string;
  /** Largest number of inputs one upstream call accepts. */
  readonly maxInputsPerCall?: number;
  embed(options: EmbedOptions): Promise<EmbedResult>;
}
