/** The rooms a socket is in: its user's, the orders it follows, and `admin` for admins. */
export const ADMIN_ROOM = 'admin';
export const userRoom = (userId: string) => `user:${userId}`;
export const orderRoom = (orderId: string) => `order:${orderId}`;
