import { lazyModule } from '../../sdk/index.js';

/** The `@google/genai` module namespace. */
export type GoogleSdk = typeof import('@google/genai');

/** Imports `@google/genai` on first call (see `lazyModule`). */
export const loadGoogleSdk = lazyModule<GoogleSdk>('@google/genai', () => import('@google/genai'));
