import type { EmbeddingModel } from './embedding-model.js';
import type { LanguageModel } from './language-model.js';
import type { CredentialCheck, ModelListing, ModelMetadata } from './model-metadata.js';

/**
 * Connection settings for one provider instance, merged by core from (lowest first) the
 * manifest's defaults, environment variables, `providers.<name>` in config and a
 * `model_list` entry's `litellm_params`.
 */
export interface ProviderSettings {
  /** The provider name clients use in `provider/model` handles (for example `groq`). */
  readonly name: string;
  readonly apiKey?: string;
  readonly baseURL?: string;
  readonly apiVersion?: string;
  readonly organization?: string;
  /** Whole-call timeout in milliseconds. */
  readonly timeoutMs?: number;
  /** Extra headers sent on every upstream request. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Any further provider-specific options. */
  readonly options: Readonly<Record<string, unknown>>;
}

/** A configured provider: hands out models and answers questions about them. */
export interface Provider {
  readonly name: string;
  languageModel(modelId: string): LanguageModel;
  embeddingModel?(modelId: string): EmbeddingModel;
  listModels?(options?: { signal?: AbortSignal }): Promise<readonly ModelListing[]>;
  checkCredentials?(options?: { signal?: AbortSignal }): Promise<CredentialCheck>;
  modelMetadata?(modelId: string): ModelMetadata | undefined;
  /** Releases connections; called when the gateway shuts down. */
  dispose?(): Promise<void>;
}
