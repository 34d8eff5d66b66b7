import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

/**
 * The web app (web/) is a React single-page app served by the Parley process at /.
 * It imports pure code from src/domain (segment counting) so the composer counts exactly as
 * the server bills.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: {
      '/v1': { target: 'http://localhost:3000', ws: true },
    },
  },
})
