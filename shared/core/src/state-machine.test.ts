import { ConflictError, ForbiddenError } from './errors.js';
import { defineStateMachine, IllegalTransitionError } from './state-machine.js';

type Door = 'open' | 'closed' | 'locked';
type Who = 'guest' | 'keeper';

const door = defineStateMachine<Door, Who, { hasKey: boolean }>({
  transitions: {
    open: ['closed'],
    closed: { open: ['guest', 'keeper'], locked: ['keeper'] },
    locked: { closed: ['keeper'] },
  },
  guards: { locked: (context) => context.hasKey },
});

describe('defineStateMachine', () => {
  it('lists its states and the moves out of each, whoever makes them', () => {
    expect(door.states).toEqual(['open', 'closed', 'locked']);
    expect(door.targets('closed')).toEqual(['open', 'locked']);
    expect(door.targets('open')).toEqual(['closed']);
  });

  it('allows a listed move to anyone when it names no actors, and to the named actors only otherwise', () => {
    expect(door.canMove('open', 'closed', { actor: 'guest' })).toBe(true);
    expect(door.canMove('closed', 'open', { actor: 'guest' })).toBe(true);
    expect(door.canMove('locked', 'closed', { actor: 'guest' })).toBe(false);
    expect(door.canMove('locked', 'closed', { actor: 'keeper' })).toBe(true);
  });

  it('refuses a guarded move when the guard fails or has nothing to read', () => {
    expect(door.refusal('closed', 'locked', { actor: 'keeper', context: { hasKey: true } })).toBeUndefined();
    expect(door.refusal('closed', 'locked', { actor: 'keeper', context: { hasKey: false } })).toEqual({
      reason: 'guard',
      from: 'closed',
      to: 'locked',
      actor: 'keeper',
    });
    expect(door.canMove('closed', 'locked', { actor: 'keeper' })).toBe(false);
  });

  it('names the reason of a refusal, the missing move before the actor before the guard', () => {
    expect(door.refusal('open', 'locked', { actor: 'guest' })).toMatchObject({ reason: 'no-move' });
    expect(door.refusal('closed', 'locked', { actor: 'guest', context: { hasKey: false } })).toMatchObject({
      reason: 'actor',
      actor: 'guest',
    });
  });

  it('lists the next states an actor may reach now, in the order of the definition', () => {
    expect(door.nextStates('closed', { actor: 'keeper', context: { hasKey: true } })).toEqual(['open', 'locked']);
    expect(door.nextStates('closed', { actor: 'keeper', context: { hasKey: false } })).toEqual(['open']);
    expect(door.nextStates('closed', { actor: 'guest', context: { hasKey: true } })).toEqual(['open']);
  });

  it('throws an IllegalTransitionError, a 409 naming both states, for an illegal move', () => {
    const attempt = () => door.assertMove('open', 'locked');

    expect(attempt).toThrow(IllegalTransitionError);
    expect(attempt).toThrow(
      expect.objectContaining({
        status: 409,
        extensions: { currentStatus: 'open', requestedStatus: 'locked' },
        refusal: { reason: 'no-move', from: 'open', to: 'locked', actor: undefined },
      }),
    );
    expect(() => door.assertMove('open', 'closed')).not.toThrow();
  });

  it('throws the error the definition chooses for each refusal', () => {
    const guarded = defineStateMachine<Door, Who>({
      transitions: { open: ['closed'], closed: { locked: ['keeper'] }, locked: [] },
      refuse: (refusal) =>
        refusal.reason === 'actor' ? new ForbiddenError('Only the keeper locks.') : new ConflictError('No.'),
    });

    expect(() => guarded.assertMove('closed', 'locked', { actor: 'guest' })).toThrow(ForbiddenError);
    expect(() => guarded.assertMove('locked', 'open', { actor: 'keeper' })).toThrow(ConflictError);
  });
});
