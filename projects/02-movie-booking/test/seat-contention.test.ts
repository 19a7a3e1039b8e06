/**
 * How a hold that loses part of its seat set behaves, so that it causes no phantom conflicts (other
 * users refused for seats nobody ends up buying): it writes nothing when a seat is already taken; in a
 * race it claims in one order, stops at the first seat it loses and gives the ones before it back at
 * once; and while it has them, another request for one of them waits instead of being refused. A
 * competitor is made to act at an exact moment by standing in front of the repository's insert.
 */
import { expectProblem } from '@roadmap/testing';
import type { Response } from 'supertest';
import { Types } from 'mongoose';
import { useBookingFlow } from './booking-flow.js';

describe('a hold that loses part of its seats', () => {
  const { t, newShow, seatStates } = useBookingFlow('seat_contention');
  afterEach(() => jest.restoreAllMocks());

  it('answers 409 from a read when a seat is already taken, taking no seat even for a moment', async () => {
    const { showId } = await newShow();
    await t.hold(t.userToken(), showId, ['B2']).expect(201);
    const inserts = jest.spyOn(t.models.SeatLock, 'insertMany');

    const problem = expectProblem(await t.hold(t.userToken(), showId, ['B3', 'B2', 'B1']), 409);

    expect(problem.takenSeats).toEqual(['B2']);
    expect(inserts).not.toHaveBeenCalled();
  });

  it('stops at the first seat it loses in a race, never takes the seats after it, and gives back the ones before', async () => {
    const { showId } = await newShow();
    const locks = t.models.SeatLock;
    const insert = locks.insertMany.bind(locks) as (docs: unknown[], options: unknown) => Promise<unknown>;
    let lockedAfterLoss: string[] = [];
    const raced = async (docs: { booking?: Types.ObjectId }[], options: unknown) => {
      // Another hold takes C2 between this request's check and its insert.
      await locks.create({
        show: showId,
        seat: 'C2',
        state: 'held',
        booking: new Types.ObjectId(),
        expiresAt: t.clock.after(60_000),
      });
      try {
        return await insert(docs, options);
      } finally {
        const mine = await locks.find({ booking: docs[0]?.booking }).lean<{ seat: string }[]>();
        lockedAfterLoss = mine.map((lock) => lock.seat).sort();
      }
    };
    jest.spyOn(locks, 'insertMany').mockImplementationOnce(raced as never);

    const problem = expectProblem(await t.hold(t.userToken(), showId, ['C3', 'C1', 'C2']), 409);

    expect(problem.takenSeats).toEqual(['C2']);
    // In seat order: C1 taken, C2 lost, C3 never tried.
    expect(lockedAfterLoss).toEqual(['C1']);
    expect(await seatStates(showId)).toMatchObject({ C1: 'available', C2: 'held', C3: 'available' });
  });

  it('makes a request for a seat that a losing hold has for a moment wait for it, then get it, instead of a 409', async () => {
    const { showId } = await newShow();
    const locks = t.models.SeatLock;
    const insert = locks.insertMany.bind(locks) as (docs: unknown[], options: unknown) => Promise<unknown>;
    const find = locks.find.bind(locks) as (...args: unknown[]) => { exec(): Promise<unknown> };
    let third: Promise<Response> | undefined;
    jest.spyOn(locks, 'insertMany').mockImplementationOnce((async (docs: unknown[], options: unknown) => {
      // Another hold takes C3 first; the losing hold then has A2 and finds C3 taken, and a third
      // request reads A2's lock before the loser gives A2 back.
      await locks.create({
        show: showId,
        seat: 'C3',
        state: 'held',
        booking: new Types.ObjectId(),
        expiresAt: t.clock.after(60_000),
      });
      try {
        return await insert(docs, options);
      } finally {
        let thirdHasRead: () => void = () => undefined;
        const readDone = new Promise<void>((resolve) => {
          thirdHasRead = resolve;
        });
        jest.spyOn(locks, 'find').mockImplementationOnce(((...args: unknown[]) => {
          const query = find(...args);
          const exec = query.exec.bind(query);
          query.exec = () => exec().finally(thirdHasRead);
          return query;
        }) as never);
        third = t.hold(t.userToken(), showId, ['B1', 'A2']).then((res) => res);
        await Promise.race([third, readDone]);
      }
    }) as never);

    const loser = expectProblem(await t.hold(t.userToken(), showId, ['C3', 'A2']), 409);
    const winner = await third;

    expect(loser.takenSeats).toEqual(['C3']);
    expect(winner?.status).toBe(201);
    expect(winner?.body.seats).toEqual(['A2', 'B1']);
    expect(await seatStates(showId)).toMatchObject({ A2: 'held', B1: 'held', C3: 'held' });
  });
});
