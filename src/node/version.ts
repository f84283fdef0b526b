/** This tool's version (package.json `version`), recorded in every document converted (`source.toolVersion`) and in records.sqlite. */
import pkg from '../../package.json' with { type: 'json' };

export const TOOL_VERSION: string = pkg.version;
