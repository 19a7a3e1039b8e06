/**
 * The shop's and the payments service's published OpenAPI documents as a client generator reads them:
 * valid OpenAPI 3.1, patterns that are plain ECMA-262 regexes, examples that match their schemas,
 * parameters their place can carry.
 */
import { checkOpenApiDocument } from '@roadmap/testing';
import { createPaymentsOpenApiDocument } from '../src/payments/openapi.js';
import { createShopOpenApiDocument } from '../src/shop/openapi.js';

it.each([
  ['shop', createShopOpenApiDocument],
  ['payments', createPaymentsOpenApiDocument],
])('publishes a %s document that a client generator can trust', async (_name, create) => {
  expect(await checkOpenApiDocument(create())).toEqual([]);
});
