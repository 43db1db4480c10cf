// The renderer build. Electron loads dist/renderer from a file or custom protocol and the
// browser-mode server serves it from a sub-path, so every URL in the output is relative.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

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

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), devCsp()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: true,
    // One small app: a single chunk (plus the lazily loaded web transport) is fastest to load.
    chunkSizeWarningLimit: 1024,
  },
  server: { host: '127.0.0.1', strictPort: false },
});
