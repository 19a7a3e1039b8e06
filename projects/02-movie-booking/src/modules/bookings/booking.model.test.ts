/** The booking schema guards stored bookings, whatever writes them. */
import { invalidPaths } from '@roadmap/testing/mongo';
import { createConnection, Types, type Connection } from 'mongoose';
import { createBookingModel } from './booking.model.js';

describe('the booking model', () => {
  let connection: Connection;

  beforeAll(() => {
    connection = createConnection();
  });
  afterAll(() => connection.close());

  it('rejects a booking without seats, with a negative amount or an unknown status', async () => {
    const Booking = createBookingModel(connection);
    const booking = {
      user: 'user-1',
      show: new Types.ObjectId(),
      seats: ['A1'],
      amount: 800,
      status: 'held',
      holdExpiresAt: new Date('2030-01-01T18:00:00Z'),
    };

    const valid = await invalidPaths(new Booking(booking));
    const invalid = await invalidPaths(new Booking({ ...booking, seats: [], amount: -5, status: 'paid' }));

    expect(valid).toEqual([]);
    expect(invalid).toEqual(['amount', 'seats', 'status']);
  });
});
