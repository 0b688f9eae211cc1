// Install the npm dependencies when a fresh clone has none, or when one named in package.json is missing.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function ensureDependencies() {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
  if (names.every((name) => fs.existsSync(path.join(root, 'node_modules', name, 'package.json')))) return;
  console.log('Installing npm dependencies (npm ci)…');
  // Through clean-npm.sh, so `npm start`'s own npm configuration does not leak into this install.
  // ONNXRUNTIME_NODE_INSTALL=skip: onnxruntime-node's postinstall would fetch CUDA libraries from NuGet. npm 11
  // skips it anyway (package.json allowScripts denies it); this covers the npm versions that still run it.
  const result = spawnSync(
    'bash',
    [path.join(root, 'scripts', 'clean-npm.sh'), 'ci', '--no-audit', '--no-fund'],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' },
    },
  );
  if (result.status !== 0) {
    console.error('npm ci failed; see the messages above.');
    process.exit(1);
  }
}
