import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The editor is built to editor/dist, which the server serves at `/`. `npm run dev:editor` proxies the API to a running server. */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/webhook': 'http://127.0.0.1:3000',
      '/webhook-test': 'http://127.0.0.1:3000',
    },
  },
});
