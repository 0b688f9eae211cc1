/** Types for the parts of code-server.mjs that TypeScript tests import. */
export declare const CHROMIUM_ARGS: string[];
