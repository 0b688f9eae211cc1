import * as fs from 'node:fs';
import * as path from 'node:path';

/** How a log file is doing, for `/health`: no paths or messages, which an open route must not show. */
export interface FileHealth {
  ok: boolean;
  failed_writes: number;
  /** The error code of the last failure (`ENOSPC`, `ENOENT`…), or null. */
  last_error: string | null;
}

export interface RotatingFileOptions {
  /** Called on each failed write; `first` when writing starts to fail (again, after it recovered). */
  onError?: (error: Error, first: boolean) => void;
  /** Buffered lines are written this often; 0 writes each line at once (`append` then throws on failure). */
  flushMs?: number;
}

/**
 * An append-only file of lines, rotated by size: `file` → `file.1` → … → `file.<keep>`, the oldest dropped.
 * Lines are buffered and written every `flushMs` (and on `flush`/`close`), so a busy server does one write
 * per interval rather than one per request.
 *
 * A failed write never throws out of the timer: it is counted, reported through `onError`, and the
 * lines are dropped (a full disk must not fill the memory too). The next write reopens the file, so a data
 * folder that was removed, or a file that logrotate moved away, is simply started again.
 */
export class RotatingFile {
  private fd: number | undefined;
  private size = 0;
  private pending: string[] = [];
  private readonly timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private lastError: string | null = null;
  private failing = false;

  constructor(
    readonly file: string,
    private readonly maxBytes: number,
    private readonly keep: number,
    private readonly options: RotatingFileOptions = {},
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.open();
    const flushMs = options.flushMs ?? 200;
    if (flushMs > 0) {
      this.timer = setInterval(() => this.flush(), flushMs);
      this.timer.unref();
    }
  }

  /** Buffer a line; with `flushMs: 0`, write it now and throw if that fails. */
  append(line: string): void {
    this.pending.push(line.endsWith('\n') ? line : `${line}\n`);
    if (!this.timer) this.write(true);
  }

  flush(): void {
    this.write(false);
  }

  health(): FileHealth {
    return { ok: !this.failing, failed_writes: this.failures, last_error: this.lastError };
  }

  close(): void {
    clearInterval(this.timer);
    this.flush();
    this.closeFd();
  }

  private write(rethrow: boolean): void {
    if (this.pending.length === 0) return;
    const lines = this.pending.splice(0);
    try {
      if (this.moved()) this.open();
      for (const line of lines) {
        const bytes = Buffer.byteLength(line);
        if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
        fs.writeSync(this.fd as number, line);
        this.size += bytes;
      }
      this.failing = false;
    } catch (error) {
      this.fail(error as NodeJS.ErrnoException);
      if (rethrow) throw error;
    }
  }

  private fail(error: NodeJS.ErrnoException): void {
    this.failures++;
    this.lastError = error.code ?? error.name;
    // The descriptor may point at a removed or full file: reopen on the next write.
    this.closeFd();
    const first = !this.failing;
    this.failing = true;
    this.options.onError?.(error, first);
  }

  /** Whether the file at our path is no longer the one we write to (moved away or deleted). */
  private moved(): boolean {
    if (this.fd === undefined) return true;
    try {
      const open = fs.fstatSync(this.fd);
      if (!open.isFile()) return false;
      const named = fs.statSync(this.file);
      return named.ino !== open.ino || named.dev !== open.dev;
    } catch {
      return true;
    }
  }

  private open(): void {
    this.closeFd();
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    this.fd = fs.openSync(this.file, 'a');
    const stat = fs.fstatSync(this.fd);
    this.size = stat.isFile() ? stat.size : 0;
  }

  private closeFd(): void {
    if (this.fd === undefined) return;
    try {
      fs.closeSync(this.fd);
    } catch {
      // Already gone.
    }
    this.fd = undefined;
  }

  private rotate(): void {
    this.closeFd();
    fs.rmSync(`${this.file}.${this.keep}`, { force: true });
    for (let n = this.keep - 1; n >= 1; n--) renameIfThere(`${this.file}.${n}`, `${this.file}.${n + 1}`);
    if (this.keep > 0) renameIfThere(this.file, `${this.file}.1`);
    else fs.rmSync(this.file, { force: true });
    this.open();
  }
}

/** Rename, unless the file is gone already (a removed folder, logrotate, a second rotation). */
function renameIfThere(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
