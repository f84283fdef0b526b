#!/usr/bin/env node
// Runs the TypeScript CLI directly on Node ≥ 22.18/24 (type stripping); see README.
import { main } from '../src/cli.ts';

process.exitCode = await main(process.argv.slice(2));
