import fs from 'node:fs';
import path from 'node:path';
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';

export function createRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  registry.registerComponent('schemas', 'Error', {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', description: 'Stable error code, listed in shared/src/errors.ts' },
          message: {
            type: 'string',
            description: 'A sentence a person can act on (zh-CN; en with Accept-Language: en)',
          },
          details: {},
          requestId: { type: 'string' },
        },
      },
    },
  });
  return registry;
}

export function buildDocument(registry: OpenAPIRegistry, info: { title: string; version: string }) {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      ...info,
      description:
        'Patient-experience platform API. Errors: `{ error: { code, message, details } }`. Request bodies are strict: unknown fields are refused with 400 VALIDATION_FAILED.',
    },
    servers: [{ url: '/' }],
  });
}

/** Swagger UI served from the installed package (no CDN: hospitals' networks are often closed). */
export const SWAGGER_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));

export function docsPage(): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>API 文档</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;
}

export const DOCS_INIT = "window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui' });";

export function readSwaggerAsset(name: string): Buffer | undefined {
  if (!['swagger-ui.css', 'swagger-ui-bundle.js'].includes(name)) return undefined;
  return fs.readFileSync(path.join(SWAGGER_DIR, name));
}
