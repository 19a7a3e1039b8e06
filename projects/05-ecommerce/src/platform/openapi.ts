/** OpenAPI helpers shared by the shop and payments documents. */
import { problemResponses } from '@roadmap/core';

/** Problem responses for the given statuses, plus the 503 any route answers when PostgreSQL is lost. */
export const errorResponses = (...statuses: number[]) => problemResponses(...statuses, 503);
