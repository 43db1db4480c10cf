// The renderer build. Electron loads dist/renderer from a file or custom protocol and the
// browser-mode server serves it from a sub-path, so every URL in the output is relative.
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';
import type { OutputChunk } from 'rolldown';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/**
 * The CSP in renderer/index.html is strict (no inline script or style). Vite's dev server needs
 * both (HMR style tags, React Refresh preamble), so only `vite serve` relaxes it; builds keep it.
 */
function devCsp(): Plugin {
  return {
    name: 'portlens-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:* http://127.0.0.1:*");
    },
  };
}

/**
 * The entry (main.tsx) is tiny and imports the app (boot.tsx) dynamically, so that it can open
 * the WebSocket before the app's code has loaded. Announce the app's chunks and styles in the
 * page itself, so the browser fetches them alongside the entry instead of after it has run.
 */
function preloadApp(): Plugin {
  return {
    name: 'portlens-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter(
          (item): item is OutputChunk => item.type === 'chunk',
        );
        const app = chunks.find((chunk) => chunk.facadeModuleId?.endsWith('/renderer/src/boot.tsx'));
        if (!app) throw new Error('preload-app: no chunk for renderer/src/boot.tsx');
        const files = new Set<string>();
        const css = new Set<string>();
        const visit = (chunk: OutputChunk): void => {
          if (files.has(chunk.fileName) || chunk.fileName === ctx.chunk?.fileName) return;
          files.add(chunk.fileName);
          for (const file of (chunk as OutputChunk & { viteMetadata?: { importedCss: Set<string> } })
            .viteMetadata?.importedCss ?? [])
            css.add(file);
          for (const name of chunk.imports) {
            const imported = chunks.find((candidate) => candidate.fileName === name);
            if (imported) visit(imported);
          }
        };
        visit(app);
        // Styles are only preloaded: a stylesheet would hold back the entry module (which opens
        // the WebSocket) until it loaded. The app's import adds them before anything renders.
        const tags: HtmlTagDescriptor[] = [...css].map((file) => ({
          tag: 'link',
          attrs: { rel: 'preload', as: 'style', crossorigin: true, href: `./${file}` },
          injectTo: 'head',
        }));
        // Largest first: it takes longest to compile, so it should start first.
        const size = (file: string) => chunks.find((chunk) => chunk.fileName === file)?.code.length ?? 0;
        for (const file of [...files].sort((a, b) => size(b) - size(a)))
          tags.push({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
            injectTo: 'head',
          });
        return tags;
      },
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), devCsp(), preloadApp()],
  // The renderer imports the contract as `@contract/…` (tsconfig.renderer.json's paths).
  resolve: { alias: { '@contract': fileURLToPath(new URL('./electron/contract', import.meta.url)) } },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: true,
    // A tiny entry that opens the WebSocket, the app it loads, and the zod schemas the web
    // transport loads once the first data is on screen.
    chunkSizeWarningLimit: 1024,
    rolldownOptions: {
      output: {
        // React and TanStack in chunks of their own: the browser compiles each chunk on a
        // background thread, so the app's first chunks compile side by side, not in a row.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'tanstack', test: /node_modules[\\/]@tanstack[\\/]/ },
          ],
        },
      },
    },
  },
  server: { host: '127.0.0.1', strictPort: false },
});
