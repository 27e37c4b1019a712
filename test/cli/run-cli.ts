import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPOSITORY_ROOT } from '../helpers/repository-paths.js';

/** The compiled CLI, exactly as `npm start` runs it (`npm test` builds first). */
export const CLI_ENTRY = path.join(REPOSITORY_ROOT, 'dist', 'proxy', 'cli', 'main.js');

/** This process's environment without anything that configures Switchyard. */
function childEnvironment(extra: Record<string, string | undefined> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    // Nothing that configures Switchyard, and none of tap's process hooks: the compiled CLI is
    // exercised here, not measured for coverage (its TypeScript source is).
    if (!/^SWITCHYARD_|_API_KEY$|_API_BASE$|_BASE_URL$|^NODE_OPTIONS$|^_?TAPJS|^TAP_/.test(name)) env[name] = value;
  }
  return { ...env, SWITCHYARD_LOG_LEVEL: 'warn', ...extra };
}

/** Starts the CLI as a child process. */
export function spawnCli(args: readonly string[], options: { cwd: string; env?: Record<string, string | undefined> }): ChildProcess {
  return spawn(process.execPath, [CLI_ENTRY, ...args], {
    cwd: options.cwd,
    env: childEnvironment(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs the CLI to completion and collects its output. */
export function runCli(args: readonly string[], options: { cwd: string; env?: Record<string, string | undefined> }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnCli(args, options);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Resolves with the first stdout line matching `pattern`, or rejects when the process exits first. */
export function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    let errors = '';
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString();
      const line = buffered.split('\n').find((candidate) => pattern.test(candidate));
      if (line) {
        child.stdout!.off('data', onData);
        resolve(line);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`CLI exited with ${code} before printing ${pattern}: ${errors}`)));
  });
}
