import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { documentErrors } from './api-errors.js';
import { componentSchemas } from './openapi-schemas.js';

/**
 * The OpenAPI document of the running app (written to openapi.json, diffed in CI, and the source of the generated
 * client types in packages/api-client): routes from the decorators, error responses of every route, named schemas.
 */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Postmortems API')
    .setDescription(
      'Incidents, templates and postmortems. Errors are `{ code, message, details }` with stable codes.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  documentErrors(app);
  const doc = SwaggerModule.createDocument(app, config);
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, ...componentSchemas() } };
  return doc;
}
