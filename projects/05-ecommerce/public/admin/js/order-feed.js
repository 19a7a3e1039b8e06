// @ts-check
/**
 * The live order list of the admin page, without the DOM: it keeps the newest known state of each
 * order and drops any update whose version is not newer than the one it has (a redelivered or late
 * event, or a sync answer older than a live update), so the page never goes back in time.
 */

/**
 * @typedef {object} OrderUpdate
 * @property {string} orderId
 * @property {number} orderNumber
 * @property {string} status
 * @property {string} paymentStatus
 * @property {string} fulfillmentStatus
 * @property {number} version
 * @property {string} occurredAt
 * @property {string} [email]
 * @property {number} [totalMinor]
 * @property {string} [currency]
 */

export class OrderFeed {
  /** @type {Map<string, OrderUpdate>} */
  #orders = new Map();

  /**
   * Keeps `update` if it is newer than what is known of its order.
   * @param {OrderUpdate} update
   * @returns {boolean} whether it was kept (false: stale, dropped)
   */
  apply(update) {
    const known = this.#orders.get(update.orderId);
    if (known && known.version >= update.version) return false;
    this.#orders.set(update.orderId, { ...known, ...update });
    return true;
  }

  /** @param {string} orderId */
  get(orderId) {
    return this.#orders.get(orderId);
  }

  /**
   * The most recently changed orders first.
   * @param {number} [limit]
   * @returns {OrderUpdate[]}
   */
  latest(limit = 50) {
    return [...this.#orders.values()]
      .sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || b.orderNumber - a.orderNumber)
      .slice(0, limit);
  }
}
