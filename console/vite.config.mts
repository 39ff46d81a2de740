import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// The staff console, served by the API server at /console/ (server/src/http/static.ts). Its files are named
// `<name>.<hex hash>.<ext>`: the server's HASHED_FILE rule makes exactly those immutable, and the shared
// precompress script writes their .br/.gz (docs/decisions/027-staff-console.md).
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  // @hospital/shared as its TypeScript source (never a stale dist), as the server and the mini-program use it.
  resolve: { conditions: ['@hospital/source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        hashCharacters: 'hex',
        entryFileNames: 'assets/[name].[hash].js',
        chunkFileNames: 'assets/[name].[hash].js',
        assetFileNames: 'assets/[name].[hash][extname]',
      },
    },
  },
  server: { port: 5174, proxy: { '/api': 'http://localhost:3000' } },
});
