import { lazyModule } from '../../sdk/index.js';

/** The `openai` module namespace. */
export type OpenAISdk = typeof import('openai');

/** Imports the `openai` package on first call (see `lazyModule`). */
export const loadOpenAISdk = lazyModule<OpenAISdk>('the openai package', () => import('openai'));
