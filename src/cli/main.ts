#!/usr/bin/env node
/**
 * Entry point of the `brian-ts` command (package.json "bin": dist/cli/main.js). See program.ts
 * for the commands: `brian-ts run <script> [--out dir]`, `brian-ts examples [name]`, `brian-ts init <dir>`, `brian-ts bench`.
 */
import { main } from './program.ts';

process.exitCode = await main(process.argv);
