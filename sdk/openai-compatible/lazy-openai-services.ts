import type { OpenAICompatibleClient } from './openai-compatible-client.js';

/** The services an OpenAI-style SDK client provides besides chat. */
export type OpenAIServices = Pick<OpenAICompatibleClient, 'embeddings' | 'models'>;

/**
 * Embeddings and model listing through a client that `createClient` builds on first call (after
 * loading its SDK) and that is shared afterwards; chat goes through the kit's transport, so it
 * never waits for the SDK. A client that fails to build is tried again on the next call.
 */
export function lazyOpenAIServices(createClient: () => Promise<OpenAIServices>): OpenAIServices {
  let client: Promise<OpenAIServices> | undefined;
  const getClient = (): Promise<OpenAIServices> => {
    client ??= createClient().catch((error: unknown) => {
      client = undefined;
      throw error;
    });
    return client;
  };
  return {
    embeddings: { create: async (body, options) => (await getClient()).embeddings.create(body, options) },
    models: {
      async *list(options) {
        yield* (await getClient()).models.list(options);
      },
    },
  };
}
