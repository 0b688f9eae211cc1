#!/usr/bin/env node
// Renders media/icon.svg to media/icon.png (128×128, the Marketplace icon) with headless Chromium.
//   node scripts/make-icon.mjs
// The icon mirrors the extension's decorations: an abbreviation (AC) in a solid blue box above its
// long form (LF) in a dashed amber box.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchChromium, repoRoot } from './code-server.mjs';

const svg = fs.readFileSync(path.join(repoRoot, 'media', 'icon.svg'), 'utf8');
const out = path.join(repoRoot, 'media', 'icon.png');
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><body style="margin:0;background:transparent">${svg}</body>`);
  await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
} finally {
  await browser.close();
}
console.log(`wrote ${path.relative(repoRoot, out)} (${fs.statSync(out).size} bytes)`);
