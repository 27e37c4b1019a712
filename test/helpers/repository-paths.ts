import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is test/helpers/repository-paths.ts, or its compiled copy in dist/). */
export const REPOSITORY_ROOT = (() => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(here, '..', '..');
  return path.basename(root) === 'dist' ? path.dirname(root) : root;
})();

/** The shared fixtures folder (`../shared/fixtures`), or `SWITCHYARD_FIXTURES_DIR`. */
export const SHARED_FIXTURES_DIR = process.env['SWITCHYARD_FIXTURES_DIR'] ?? path.resolve(REPOSITORY_ROOT, '..', 'shared', 'fixtures');
