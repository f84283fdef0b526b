/**
 * Before any test: build dist/ from src/ (scripts/build.ts), so the tests that start the
 * command line (bin/impact-tracker.mjs runs dist/cli.js) run the code as it is now.
 */
import { buildDist } from '../scripts/build.ts';

export default function setup(): void {
  buildDist();
}
