/**
 * This tool's version (package.json `version`), recorded in every document converted
 * (`source.toolVersion`) and in records.sqlite. Read with require so the same line works from
 * src/node (development) and dist/node (the package): both sit two folders below package.json.
 */
import { createRequire } from 'node:module';

export const TOOL_VERSION: string = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
