import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

// Run after `tsc` from dist/core/build: copies each plugin's plugin.json next to its compiled
// entry, so dist/plugins/<id>/ is a complete plugin folder.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const dist = path.join(root, 'dist');
let copied = 0;
for (const group of ['plugins', 'templates']) {
  const source = path.join(root, group);
  if (!existsSync(source)) continue;
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    const manifest = path.join(source, entry.name, 'plugin.json');
    if (!entry.isDirectory() || !existsSync(manifest)) continue;
    const target = path.join(dist, group, entry.name);
    mkdirSync(target, { recursive: true });
    copyFileSync(manifest, path.join(target, 'plugin.json'));
    copied++;
  }
}
process.stdout.write(`copied ${copied} plugin manifest(s) into dist/\n`);
