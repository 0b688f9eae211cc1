import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Where a test saves a screenshot: `out/screenshots/` normally, so test runs leave the tree clean;
 * `media/` (the README's pictures) when PLOD_UPDATE_SCREENSHOTS=1.
 */
export function screenshotPath(root: string, name: string): string {
  const dir = process.env.PLOD_UPDATE_SCREENSHOTS
    ? path.join(root, 'media')
    : path.join(root, 'out', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
