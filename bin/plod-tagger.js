#!/usr/bin/env node
'use strict';
import('../dist/cli.mjs')
  .then((cli) => cli.main(process.argv.slice(2)))
  .then((code) => {
    process.exitCode = code;
  });
