import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { GoogleGenAIOptions } from '@google/genai';
import { ProviderError, type ProviderSettings } from '../../sdk/index.js';

/** google-auth-library options, as the SDK takes them. */
export type GoogleAuthOptions = NonNullable<GoogleGenAIOptions['googleAuthOptions']>;

/** How Vertex AI calls authenticate. */
export type VertexAuth =
  | { readonly kind: 'api-key'; readonly apiKey: string }
  | { readonly kind: 'google-auth'; readonly googleAuthOptions: GoogleAuthOptions; readonly projectId?: string; readonly source: string };

/** What credential discovery may look at; injectable so tests never touch the real machine. */
export interface VertexAuthEnvironment {
  readonly homeDirectory: string;
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The file's text, or undefined when it cannot be read. */
  readFile(file: string): string | undefined;
}

const SCOPES = ['https://www.googleapis.com/auth/cloud-platform'];
/** Google API keys (Vertex AI express mode) look like this; OAuth access tokens do not. */
const API_KEY = /^AIza[0-9A-Za-z_-]{20,}$/;
/** Set by Cloud Run, Cloud Run jobs and Cloud Functions, where the metadata server serves credentials. */
const SERVERLESS_VARIABLES = ['K_SERVICE', 'CLOUD_RUN_JOB', 'FUNCTION_TARGET', 'FUNCTION_NAME'];

/** The real machine: home directory, platform, process environment and files. */
export function nodeVertexAuthEnvironment(): VertexAuthEnvironment {
  return {
    homeDirectory: homedir(),
    platform: process.platform,
    env: process.env,
    readFile: (file) => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * Finds Vertex AI credentials without any network call, in this order: `api_key` (an `AIza…`
 * key selects express mode; anything else is sent as an OAuth bearer token), `vertex_credentials`
 * (service-account or other credentials JSON, inline or as a file path; also filled from
 * GOOGLE_APPLICATION_CREDENTIALS), gcloud's application-default credentials file, and finally the
 * metadata server when running on Google Cloud (detected from the BIOS or serverless variables,
 * or forced with METADATA_SERVER_DETECTION=assume-present; `none` turns it off). Throws
 * PROVIDER_AUTHENTICATION naming what to set when none is found, so a machine off Google Cloud
 * never probes the metadata server.
 */
export function resolveVertexAuth(settings: ProviderSettings, environment: VertexAuthEnvironment = nodeVertexAuthEnvironment()): VertexAuth {
  const provider = settings.name;
  if (settings.apiKey !== undefined && settings.apiKey !== '') {
    if (API_KEY.test(settings.apiKey)) return { kind: 'api-key', apiKey: settings.apiKey };
    return { kind: 'google-auth', googleAuthOptions: { scopes: SCOPES, authClient: staticTokenClient(settings.apiKey) }, source: 'api_key (access token)' };
  }
  const configured = settings.options['vertex_credentials'];
  if (configured !== undefined && configured !== '') return fromCredentials(readCredentials(configured, provider, environment), 'vertex_credentials');
  const directory = stringOption(settings, 'cloudsdk_config') ?? defaultGcloudDirectory(environment);
  const wellKnown = path.join(directory, 'application_default_credentials.json');
  const text = environment.readFile(wellKnown);
  if (text !== undefined) return fromCredentials(parseCredentials(text, wellKnown, provider), wellKnown);
  const detection = stringOption(settings, 'metadata_server_detection')?.trim().toLowerCase();
  if (detection === 'assume-present' || detection === 'ping-only' || (detection !== 'none' && isOnGoogleCloud(environment))) {
    return { kind: 'google-auth', googleAuthOptions: { scopes: SCOPES }, source: 'metadata server' };
  }
  throw new ProviderError('PROVIDER_AUTHENTICATION', {
    provider,
    message:
      `No Vertex AI credentials found for '${provider}': set GOOGLE_APPLICATION_CREDENTIALS (or litellm_params.vertex_credentials) to a service-account JSON file or its contents, ` +
      "run 'gcloud auth application-default login', or set api_key to an OAuth access token. On Google Cloud, METADATA_SERVER_DETECTION=assume-present uses the metadata server.",
  });
}

function fromCredentials(credentials: Record<string, unknown>, source: string): VertexAuth {
  const projectId = typeof credentials['project_id'] === 'string' ? credentials['project_id'] : typeof credentials['quota_project_id'] === 'string' ? credentials['quota_project_id'] : undefined;
  return { kind: 'google-auth', googleAuthOptions: { scopes: SCOPES, credentials: credentials as GoogleAuthOptions['credentials'] }, ...(projectId !== undefined ? { projectId } : {}), source };
}

function readCredentials(value: unknown, provider: string, environment: VertexAuthEnvironment): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  if (typeof value !== 'string') throw authError(provider, 'vertex_credentials must be credentials JSON or the path of a JSON file.');
  if (value.trim().startsWith('{')) return parseCredentials(value, 'vertex_credentials', provider);
  const text = environment.readFile(value);
  if (text === undefined) throw authError(provider, `Cannot read the Vertex AI credentials file '${value}' (vertex_credentials or GOOGLE_APPLICATION_CREDENTIALS).`);
  return parseCredentials(text, value, provider);
}

function parseCredentials(text: string, source: string, provider: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // Reported below without echoing the (secret) content.
  }
  throw authError(provider, `The Vertex AI credentials in ${source} are not a JSON object.`);
}

function authError(provider: string, message: string): ProviderError {
  return new ProviderError('PROVIDER_AUTHENTICATION', { provider, message });
}

/** Sends a fixed OAuth access token; enough of google-auth-library's AuthClient for the SDK. */
function staticTokenClient(token: string): GoogleAuthOptions['authClient'] {
  const client = { getRequestHeaders: async () => new Headers({ authorization: `Bearer ${token}` }) };
  // The SDK only ever asks an auth client for request headers.
  return client as unknown as GoogleAuthOptions['authClient'];
}

function defaultGcloudDirectory(environment: VertexAuthEnvironment): string {
  if (environment.platform === 'win32') return path.join(environment.env['APPDATA'] ?? path.join(environment.homeDirectory, 'AppData', 'Roaming'), 'gcloud');
  return path.join(environment.homeDirectory, '.config', 'gcloud');
}

function isOnGoogleCloud(environment: VertexAuthEnvironment): boolean {
  if (SERVERLESS_VARIABLES.some((name) => (environment.env[name] ?? '') !== '')) return true;
  if (environment.platform !== 'linux') return false;
  return ['/sys/class/dmi/id/product_name', '/sys/class/dmi/id/bios_vendor'].some((file) => /Google/.test(environment.readFile(file) ?? ''));
}

function stringOption(settings: ProviderSettings, name: string): string | undefined {
  const value = settings.options[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
