import pkg from '../package.json' with { type: 'json' };

/** The package version (bundled: no filesystem at run time, so it also holds on Workers). */
export const VERSION: string = pkg.version;
