#!/usr/bin/env node
// The command line: the built JavaScript in dist/ (npm run build; npm ci builds it). Written so
// that any Node can parse this file, to say clearly — exit 2, one line — when it is too old.
var parts = process.versions.node.split('.').map(Number);
var MIN = [22, 13];
if (parts[0] < MIN[0] || (parts[0] === MIN[0] && parts[1] < MIN[1])) {
  process.stderr.write('impact-tracker: needs Node.js ' + MIN.join('.') + ' or later (this is ' + process.version + '); install a current Node LTS from https://nodejs.org\n');
  process.exit(2);
}
import('../dist/cli.js').then(
  function (cli) {
    return cli.main(process.argv.slice(2)).then(function (code) {
      process.exitCode = code;
    });
  },
  function (err) {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).indexOf('dist') >= 0) {
      process.stderr.write('impact-tracker: the package is not built (dist/ is missing): run npm run build, or npm ci in the repository\n');
    } else {
      process.stderr.write('impact-tracker: could not start: ' + (err && err.message ? err.message : err) + '\n');
    }
    process.exit(2);
  },
);
