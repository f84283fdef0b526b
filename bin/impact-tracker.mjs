#!/usr/bin/env node
// Runs the TypeScript CLI directly with Node's type stripping (Node ≥ 22.18; the project pins
// Node 24, which `npm start` and `npx impact-tracker` use). An older Node gets a clear word
// instead of ERR_UNKNOWN_FILE_EXTENSION.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `impact-tracker: needs Node.js 22.18 or later (this is ${process.version}). ` +
      'Run it through npm (npm start, npx impact-tracker …), which uses the Node 24 installed by npm ci.\n',
  );
  process.exit(2);
}
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
