/**
 * Start-up imports every built-in provider plugin, so no plugin may load its vendor SDK at import
 * time: each loads it on first use, or when the gateway calls its factory's `preload()`. A child
 * process registers a module `resolve` hook (it runs on the loader thread and reports every
 * resolution through a MessagePort), imports each compiled `dist/plugins/<id>/index.js` (`npm test`
 * builds first), then calls each factory's `preload()`, and prints the vendor packages resolved
 * after each step.
 */
import t from 'tap';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { REPOSITORY_ROOT } from '../helpers/repository-paths.js';

/** The vendor packages each built-in plugin's `preload()` must load. */
const VENDOR_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  'provider-anthropic': ['@anthropic-ai/sdk'],
  'provider-azure': ['openai'],
  'provider-bedrock': ['@aws-sdk/client-bedrock-runtime', '@smithy/node-http-handler'],
  'provider-google': ['@google/genai'],
  'provider-openai': ['openai'],
  'provider-openai-compatible': ['openai'],
};

/** Runs on the loader thread: reports each resolution (specifier, resolved URL, importer) to the main thread. */
const RESOLVE_HOOKS = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  port.postMessage({ specifier, url: resolved.url, parentURL: context.parentURL });
  return resolved;
}`;

/** The child: prints `{ imported, preloaded }`, the vendor packages resolved by the imports and by each preload. */
function probeScript(pluginIds: readonly string[]): string {
  return `
import { register } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';

const pluginsDir = ${JSON.stringify(path.join(REPOSITORY_ROOT, 'dist', 'plugins'))};
const pluginIds = ${JSON.stringify(pluginIds)};
const VENDOR = /\\/node_modules\\/(@anthropic-ai\\/sdk|@google\\/genai|@aws-sdk\\/[^/]+|@smithy\\/[^/]+|openai)\\//;

const resolutions = [];
const markers = new Map();
const { port1, port2 } = new MessageChannel();
port1.on('message', (entry) => (markers.has(entry.specifier) ? markers.get(entry.specifier)() : resolutions.push(entry)));
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(RESOLVE_HOOKS)}), { data: { port: port2 }, transferList: [port2] });

// Messages keep their order: once a marker's own resolution is reported, every earlier one is in.
let markerCount = 0;
async function settle() {
  const marker = 'data:text/javascript,' + ++markerCount;
  const reported = new Promise((resolve) => markers.set(marker, resolve));
  await import(marker);
  await reported;
}
const vendorsOf = (entries) => [...new Set(entries.map((entry) => VENDOR.exec(entry.url)?.[1]).filter(Boolean))].sort();

const plugins = {};
for (const id of pluginIds) plugins[id] = (await import(pathToFileURL(path.join(pluginsDir, id, 'index.js')).href)).default;
await settle();
const imported = vendorsOf(resolutions);

const preloaded = {};
const logger = { debug() {}, info() {}, warn() {}, error() {} };
const httpRequest = () => Promise.reject(new Error('no HTTP in this probe'));
for (const id of pluginIds) {
  const manifest = JSON.parse(readFileSync(path.join(pluginsDir, id, 'plugin.json'), 'utf8'));
  const factory = await plugins[id].setup({ manifest, config: {}, logger, fetch: globalThis.fetch, httpRequest, signal: new AbortController().signal });
  resolutions.length = 0;
  await factory.preload?.();
  await settle();
  const ownDir = pathToFileURL(path.join(pluginsDir, id)).href + '/';
  preloaded[id] = vendorsOf(resolutions.filter((entry) => entry.parentURL?.startsWith(ownDir)));
}
port1.close();
console.log(JSON.stringify({ imported, preloaded }));
`;
}

/** This environment without tap's own loader hooks, so the child resolves only what the probe imports. */
function childEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^NODE_OPTIONS$|^_?TAPJS|^TAP_/.test(name)));
}

function runProbe(pluginIds: readonly string[]): Promise<{ imported: string[]; preloaded: Record<string, string[]> }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', probeScript(pluginIds)], { cwd: REPOSITORY_ROOT, env: childEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as { imported: string[]; preloaded: Record<string, string[]> });
      else reject(new Error(`probe exited with ${code}: ${stderr || stdout}`));
    });
  });
}

const pluginIds = readdirSync(path.join(REPOSITORY_ROOT, 'plugins'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name.startsWith('provider-'))
  .map((entry) => entry.name)
  .sort();

t.test('importing the provider plugins loads no vendor SDK; preload() loads each plugin its own', async (t) => {
  t.same(pluginIds, Object.keys(VENDOR_PACKAGES).sort(), 'every built-in provider plugin is covered');
  const { imported, preloaded } = await runProbe(pluginIds);
  t.same(imported, [], 'no vendor SDK is resolved while the plugin entries are imported');
  for (const id of pluginIds) t.same(preloaded[id], VENDOR_PACKAGES[id], `${id}: preload() loads ${VENDOR_PACKAGES[id]?.join(' and ')}`);
});
