// Trunk post-build hook. Trunk starts the hooks of one stage at the same time, so the two steps
// that rewrite index.html run from here, one after the other: minify (release builds), then
// the Content-Security-Policy, which hashes the final inline script.
await import('./minify.mjs');
await import('./csp.mjs');
