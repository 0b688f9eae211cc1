// Screenshots of the workbench from inside the extension host.
// The tests run in the remote (Node) extension host and cannot reach the browser page, so they ask
// the runner (scripts/code-server.mjs) through files in $PLOD_SCREENSHOT_DIR:
//   test writes   screenshot-request.json  {"path": "/abs/file.png"}
//   runner takes  page.screenshot({path}), deletes the request, writes screenshot-done.json
//                 {"path": ..., "ok": true} or {"path": ..., "ok": false, "error": "..."}
import * as fs from 'node:fs';
import * as path from 'node:path';

/** True when a runner is there to take screenshots. */
export function canScreenshot(): boolean {
  return !!process.env.PLOD_SCREENSHOT_DIR;
}

/** Asks the runner for a screenshot of the whole workbench at `file`; resolves when it is written. */
export async function screenshot(file: string, timeoutMs = 15_000): Promise<string> {
  const dir = process.env.PLOD_SCREENSHOT_DIR;
  if (!dir) throw new Error('PLOD_SCREENSHOT_DIR is not set: not run by scripts/code-server.mjs');
  const target = path.resolve(file);
  const request = path.join(dir, 'screenshot-request.json');
  const done = path.join(dir, 'screenshot-done.json');
  fs.rmSync(done, { force: true });
  fs.writeFileSync(`${request}.tmp`, JSON.stringify({ path: target }));
  fs.renameSync(`${request}.tmp`, request);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    if (!fs.existsSync(done)) continue;
    const answer = JSON.parse(fs.readFileSync(done, 'utf8')) as { path: string; ok: boolean; error?: string };
    fs.rmSync(done, { force: true });
    if (!answer.ok) throw new Error(`screenshot failed: ${answer.error ?? 'unknown error'}`);
    return target;
  }
  fs.rmSync(request, { force: true });
  throw new Error(`no screenshot after ${timeoutMs} ms (is the runner polling ${dir}?)`);
}
