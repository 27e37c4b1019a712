/** What is known about a model: limits and features. */
export interface ModelMetadata {
  /** Total tokens the model can attend to (prompt + output). */
  readonly contextWindow?: number;
  readonly maxOutputTokens?: number;
  readonly supportsReasoning?: boolean;
  readonly supportsTools?: boolean;
  readonly supportsVision?: boolean;
  readonly supportsEmbeddings?: boolean;
}

/** One entry of a provider's model listing. */
export interface ModelListing {
  readonly id: string;
  readonly ownedBy?: string;
  readonly created?: number;
  readonly metadata?: ModelMetadata;
}

/** The outcome of a credentials check. */
export interface CredentialCheck {
  readonly ok: boolean;
  /** Error code when not ok (for example PROVIDER_AUTHENTICATION). */
  readonly code?: string;
  readonly message?: string;
}
