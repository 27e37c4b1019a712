import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The file name of every plugin manifest. */
export const MANIFEST_FILE = 'plugin.json';

/** Outcome of {@link readManifest}: the parsed JSON, or why it could not be read or parsed. */
export type ManifestReadResult = { readonly value: unknown } | { readonly error: string };

/** Reads and parses `plugin.json` in `dir`; never throws. */
export async function readManifest(dir: string): Promise<ManifestReadResult> {
  const file = path.join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { error: `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: `${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
