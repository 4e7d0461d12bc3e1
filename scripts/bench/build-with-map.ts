/**
 * `tsx scripts/bench/build-with-map.ts OUT_DIR`: builds the Chrome extension again into OUT_DIR, the
 * same way `wxt build` does plus a hidden source map (the code is byte for byte the same), so that
 * the load bench can name the minified functions in its CPU profiles. Run as a child process: WXT's
 * progress output stays out of the bench's report.
 */
import { build } from 'wxt';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: build-with-map.ts OUT_DIR');
await build({ outDir, vite: () => ({ build: { sourcemap: 'hidden' } }) });
