/** The inventory feature: stock moves, reservations' effects, audited adjustments. */
export * from './inventory.repository.js';
export { InventoryService } from './inventory.service.js';
export { inventoryAdminRoutes } from './inventory.routes.js';
export { registerInventoryPaths } from './inventory.openapi.js';
