/** Runs before the router starts. Nothing to do outside H5; see boot.h5.ts. */
export function boot(): void {}
