import path from 'node:path';
import { defineConfig } from 'prisma/config';

// `prisma generate` never runs the native schema engine but insists that one exists; it cannot be
// downloaded here, so point it at an executable that does (see README, "Migrations").
if (process.argv.includes('generate') && !process.env.PRISMA_SCHEMA_ENGINE_BINARY) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}

export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
});
