import type { GoogleGenAI, GoogleGenAIOptions } from '@google/genai';
import { ProviderError, type ProviderSettings } from '../../sdk/index.js';
import type { GoogleSdk } from './load-google-sdk.js';
import { resolveVertexAuth, type VertexAuthEnvironment } from './resolve-vertex-auth.js';

/** The Gemini API's root; the SDK appends the API version (`v1beta`) and the method path. */
export const GEMINI_API_BASE_URL = 'https://generativelanguage.googleapis.com/';

/** Vertex AI's root for a location, as the SDK would pick it. */
export function vertexBaseUrl(location: string): string {
  if (location === 'global') return 'https://aiplatform.googleapis.com/';
  if (location === 'us' || location === 'eu') return `https://aiplatform.${location}.rep.googleapis.com/`;
  return `https://${location}-aiplatform.googleapis.com/`;
}

/**
 * Splits an `api_base` into the SDK's root URL and API version: `http://proxy/v1beta` is root
 * `http://proxy/` with version `v1beta`, so LiteLLM-style bases ending in a version work; a base
 * without a version gets the SDK default.
 */
export function splitApiBase(apiBase: string, provider: string): { readonly baseUrl: string; readonly apiVersion?: string } {
  let url: URL;
  try {
    url = new URL(apiBase);
  } catch {
    throw new ProviderError('PROVIDER_NOT_CONFIGURED', { provider, message: `Provider '${provider}' has an api_base that is not a URL: '${apiBase}'.` });
  }
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const last = segments[segments.length - 1];
  const apiVersion = last !== undefined && /^v\d+((alpha|beta)\d*)?$/.test(last) ? segments.pop() : undefined;
  url.pathname = `/${segments.map((segment) => `${segment}/`).join('')}`;
  return { baseUrl: url.toString(), ...(apiVersion !== undefined ? { apiVersion } : {}) };
}

/**
 * Builds the @google/genai client, from the loaded `sdk`, for the Gemini API (`vertex: false`) or
 * Vertex AI. Every field is explicit, so the SDK never falls back to GOOGLE_API_KEY,
 * GOOGLE_CLOUD_PROJECT or its base-URL variables behind the gateway's back; `fetch` is the
 * gateway's pooled fetch and `api_base` (plain `http://` included) replaces the service root.
 * Throws PROVIDER_NOT_CONFIGURED or PROVIDER_AUTHENTICATION naming what to set.
 */
export function createGoogleClient(settings: ProviderSettings, context: { readonly fetch: typeof fetch; readonly vertex: boolean; readonly environment?: VertexAuthEnvironment }, sdk: GoogleSdk): GoogleGenAI {
  const provider = settings.name;
  const headers = settings.headers !== undefined ? { headers: { ...settings.headers } } : {};
  if (!context.vertex) {
    if (settings.apiKey === undefined || settings.apiKey === '') {
      throw new ProviderError('PROVIDER_NOT_CONFIGURED', { provider, message: `Provider '${provider}' has no API key: set GEMINI_API_KEY (or GOOGLE_API_KEY), or api_key in the config.` });
    }
    const base = splitApiBase(settings.baseURL ?? GEMINI_API_BASE_URL, provider);
    return new sdk.GoogleGenAI({
      vertexai: false,
      apiKey: settings.apiKey,
      apiVersion: settings.apiVersion ?? base.apiVersion ?? 'v1beta',
      httpOptions: { baseUrl: base.baseUrl, fetch: context.fetch, ...headers },
    });
  }
  const auth = resolveVertexAuth(settings, context.environment);
  const project = stringOption(settings, 'vertex_project') ?? (auth.kind === 'google-auth' ? auth.projectId : undefined);
  const location = stringOption(settings, 'vertex_location') ?? 'global';
  if (project === undefined && auth.kind !== 'api-key') {
    throw new ProviderError('PROVIDER_NOT_CONFIGURED', { provider, message: `Provider '${provider}' has no Google Cloud project: set GOOGLE_CLOUD_PROJECT (or VERTEXAI_PROJECT), or vertex_project in the config.` });
  }
  const base = settings.baseURL !== undefined ? splitApiBase(settings.baseURL, provider) : { baseUrl: project === undefined ? vertexBaseUrl('global') : vertexBaseUrl(location) };
  const options: GoogleGenAIOptions = {
    vertexai: true,
    // Empty strings, not undefined: the SDK reads GOOGLE_CLOUD_PROJECT/LOCATION for missing values.
    project: project ?? '',
    location: project === undefined ? '' : location,
    apiVersion: settings.apiVersion ?? base.apiVersion ?? 'v1beta1',
    httpOptions: { baseUrl: base.baseUrl, fetch: context.fetch, ...headers },
    ...(auth.kind === 'api-key' ? { apiKey: auth.apiKey } : { googleAuthOptions: auth.googleAuthOptions }),
  };
  return new sdk.GoogleGenAI(options);
}

function stringOption(settings: ProviderSettings, name: string): string | undefined {
  const value = settings.options[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
