/** Uploaded images, as the rest of the project sees them: checked storage, their URLs, the route serving them. */
export { detectImageType } from './image-type.js';
export { registerMediaPaths } from './media.openapi.js';
export { imageUrl, UPLOADS_PATH, uploadRoutes } from './upload.routes.js';
export { UploadStorage } from './upload.storage.js';
