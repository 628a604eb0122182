// Trunk post-build hook. Trunk starts the hooks of one stage at the same time, so the steps
// that rewrite index.html run from here, one after the other: minify (release builds), the
// preloads moved in front of boot.js, then the Content-Security-Policy, which hashes the final
// inline script.
await import('./minify.mjs');
await import('./preload-early.mjs');
await import('./csp.mjs');
