import { buildOpenApiDocument, createApiRegistry, registerBearerAuth } from './openapi.js';

describe('registerBearerAuth', () => {
  it('registers the JWT bearer scheme and returns the security entry routes list', () => {
    const registry = createApiRegistry();

    const security = registerBearerAuth(registry);
    const document = buildOpenApiDocument(registry, { title: 't', version: '1', description: 'd' });

    expect(security).toEqual([{ bearerAuth: [] }]);
    expect(document.components?.securitySchemes?.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});
