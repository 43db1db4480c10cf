/**
 * Bundles a test's entry script (TypeScript) into one .mjs that a child process — another user
 * through setpriv, or a pty through script(1) — can run with plain node.
 */
import { build } from 'esbuild';

/** Writes `outfile` from `entry`; koffi (native) stays a package, resolved from beside `outfile`. */
export async function bundleEntry(entry: URL | string, outfile: string): Promise<void> {
  await build({
    entryPoints: [typeof entry === 'string' ? entry : entry.pathname],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    external: ['koffi'],
    logLevel: 'silent',
  });
}
