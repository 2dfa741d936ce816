import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { completeDocument } from './complete-document';
import { ProblemSchema } from './problem.schema';

/** The OpenAPI document of the running application (served at /docs-json, committed as docs/openapi.json). */
export const buildOpenApiDocument = (app: INestApplication): OpenAPIObject =>
  completeDocument(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('SME Ladder API')
        .setDescription(
          'Certification workflow engine for the innovative SME → specialized SME → little giant ladder. ' +
            'Every error is RFC 9457 problem+json with a stable `code`. Guide: docs/api-guide.md.',
        )
        .setVersion('1')
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
        .build(),
      {
        extraModels: [ProblemSchema],
        operationIdFactory: (controller, method) => `${controller}_${method}`,
      },
    ),
  );
