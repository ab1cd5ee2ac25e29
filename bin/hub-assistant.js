#!/usr/bin/env node
// Entry point of the `hub-assistant` command; the TypeScript is compiled to dist/ by `npm install` (prepare).
process.env.DOTENV_CONFIG_QUIET ??= 'true';
const { runCli } = await import('../dist/src/cli.js');
process.exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
