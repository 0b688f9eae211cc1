import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * An append-only file of lines, rotated by size: `file` → `file.1` → … → `file.<keep>`, the oldest dropped.
 * Lines are buffered and written every `flushMs` (and on `flush`/`close`), so a busy server does one write
 * per interval rather than one per request.
 */
export class RotatingFile {
  private fd: number;
  private size: number;
  private pending: string[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly file: string,
    private readonly maxBytes: number,
    private readonly keep: number,
    flushMs = 200,
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.fd = fs.openSync(file, 'a');
    this.size = fs.fstatSync(this.fd).size;
    this.timer = setInterval(() => this.flush(), flushMs);
    this.timer.unref();
  }

  append(line: string): void {
    this.pending.push(line.endsWith('\n') ? line : `${line}\n`);
  }

  flush(): void {
    for (const line of this.pending.splice(0)) {
      const bytes = Buffer.byteLength(line);
      if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
      fs.writeSync(this.fd, line);
      this.size += bytes;
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.flush();
    fs.closeSync(this.fd);
  }

  private rotate(): void {
    fs.closeSync(this.fd);
    fs.rmSync(`${this.file}.${this.keep}`, { force: true });
    for (let n = this.keep - 1; n >= 1; n--) {
      if (fs.existsSync(`${this.file}.${n}`)) fs.renameSync(`${this.file}.${n}`, `${this.file}.${n + 1}`);
    }
    if (this.keep > 0) fs.renameSync(this.file, `${this.file}.1`);
    else fs.rmSync(this.file, { force: true });
    this.fd = fs.openSync(this.file, 'a');
    this.size = 0;
  }
}
