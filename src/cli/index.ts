/** The `brian-ts` command line (programmatic access for tools and tests). */
export { main, createProgram, runScript, listExamples, findExample, firstComment, packageRoot, resolveTsx, parsePositiveNumber } from './program.ts';
export type { ExampleInfo, ScriptRun } from './program.ts';
export { CliError } from './errors.ts';
export { initProject, defaultBrianTsSpec, projectName } from './init.ts';
export type { InitOptions } from './init.ts';
