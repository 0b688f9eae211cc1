#!/usr/bin/env node
// `npm start` on a fresh clone: install the npm dependencies first, then set up and open the real VS Code.
import { ensureDependencies } from './ensure-deps.mjs';

ensureDependencies();
await import('./start-vscode.mjs');
