/** The shows feature, as the rest of the project sees it: scheduling, seat maps, blocked seats, reports. */
export { priceOfSeats, type PriceTable } from './pricing.js';
export type { ShowRecord } from './show.model.js';
export { registerShowPaths } from './show.openapi.js';
export { ShowRepository } from './show.repository.js';
export { showRoutes } from './show.routes.js';
export { SeatListSchema, type Show, type ShowInput } from './show.schemas.js';
export { ShowService, type ShowSales, type ShowWithLayout } from './show.service.js';
