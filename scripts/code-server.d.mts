/** Types for the parts of code-server.mjs that TypeScript tests import. */
export declare const CHROMIUM_ARGS: string[];

export interface CodeServer {
  url: string;
  port: number;
  host: string;
  stop(options?: { keepTemp?: boolean }): Promise<void>;
}

/** Starts code-server from the installed VS Code host and waits until it answers GET /healthz. */
export declare function startCodeServer(options?: {
  workspace?: string;
  port?: number;
  startTimeoutMs?: number;
}): Promise<CodeServer>;
