import { lazyModule } from '../../sdk/index.js';

/** The `@anthropic-ai/sdk` module namespace. */
export type AnthropicSdk = typeof import('@anthropic-ai/sdk');

/** Imports `@anthropic-ai/sdk` on first call (see `lazyModule`). */
export const loadAnthropicSdk = lazyModule<AnthropicSdk>('@anthropic-ai/sdk', () => import('@anthropic-ai/sdk'));
