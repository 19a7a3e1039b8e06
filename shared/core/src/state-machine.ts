/**
 * One small state machine for every status a project keeps (bookings, posts, orders, payments): the
 * moves from each state, who may make each move, and guards that look at the record beyond its status.
 * Smaller than Vendure's FSM on purpose: no current state held, no async hooks, no merging of plugin
 * definitions. The machine answers questions about a move; the record's repository makes it.
 *
 *   const orders = defineStateMachine<OrderStatus, ActorType, OrderStanding>({
 *     transitions: { pending_payment: { paid: ['system'], cancelled: ['customer', 'admin'] }, ... },
 *     guards: { fulfilled: (order) => order.paymentStatus === 'paid' },
 *   });
 *   orders.assertMove('paid', 'fulfilled', { actor: 'admin', context: order });
 */
import { ConflictError } from './errors.js';

/**
 * The moves out of one state: the states it may move to, open to anyone (`['confirmed', 'cancelled']`),
 * or each with the actors who may make it (`{ fulfilled: ['admin'] }`).
 */
export type MovesFrom<S extends string, A extends string> = readonly S[] | { readonly [T in S]?: readonly A[] };

export interface StateMachineDefinition<S extends string, A extends string, C> {
  /** Every state, each with its moves; a state with none is final. */
  transitions: { readonly [F in S]: MovesFrom<S, A> };
  /** A move into this state also needs the guard to pass on the record (e.g. the money is in). */
  guards?: { readonly [T in S]?: (context: C) => boolean };
  /**
   * The error an illegal move throws; defaults to an IllegalTransitionError (409). A machine whose
   * API answered with other words or statuses keeps them here.
   */
  refuse?: (refusal: Refusal<S, A>) => Error;
}

/** Why a move is illegal: no such move from here, not for this actor, or a guard said no. */
export type Refusal<S extends string, A extends string> =
  | { reason: 'no-move'; from: S; to: S; actor?: A | undefined }
  | { reason: 'actor'; from: S; to: S; actor: A }
  | { reason: 'guard'; from: S; to: S; actor?: A | undefined };

/** Who makes a move and the record the guards read; both optional when the machine has none. */
export interface MoveOptions<A extends string, C> {
  /** Checked only when given: a move listed without actors is open to anyone. */
  actor?: A;
  /** What the guards read; a guarded move is refused without it. */
  context?: C;
}

/** The typed error of an illegal move: a 409 naming the current and the requested state. */
export class IllegalTransitionError<S extends string = string, A extends string = string> extends ConflictError {
  readonly refusal: Refusal<S, A>;

  constructor(refusal: Refusal<S, A>) {
    super(`Cannot move from ${refusal.from} to ${refusal.to}.`, {
      extensions: { currentStatus: refusal.from, requestedStatus: refusal.to },
    });
    this.refusal = refusal;
  }
}

export interface StateMachine<S extends string, A extends string, C> {
  /** Every state the machine names, in the order of its definition. */
  readonly states: readonly S[];
  /** Every state listed as a move from `from`, whoever makes it and whatever the guards say. */
  targets(from: S): S[];
  /** Why `from -> to` is illegal for these options, or undefined when it is legal. */
  refusal(from: S, to: S, options?: MoveOptions<A, C>): Refusal<S, A> | undefined;
  canMove(from: S, to: S, options?: MoveOptions<A, C>): boolean;
  /** The states this actor (when given) may move to now, in the order of the definition. */
  nextStates(from: S, options?: MoveOptions<A, C>): S[];
  /** Throws the machine's error (see `refuse`) when the move is illegal. */
  assertMove(from: S, to: S, options?: MoveOptions<A, C>): void;
}

export function defineStateMachine<S extends string, A extends string = never, C = undefined>(
  definition: StateMachineDefinition<S, A, C>,
): StateMachine<S, A, C> {
  const { transitions } = definition;
  const guards: { readonly [T in S]?: (context: C) => boolean } = definition.guards ?? {};
  const refuse = definition.refuse ?? ((refusal) => new IllegalTransitionError(refusal));
  const states = Object.keys(transitions) as S[];
  const movesFrom = (from: S): MovesFrom<S, A> => transitions[from];
  const targets = (from: S): S[] => {
    const moves = movesFrom(from);
    return isOpenList(moves) ? [...moves] : (Object.keys(moves) as S[]);
  };

  const refusal = (from: S, to: S, { actor, context }: MoveOptions<A, C> = {}): Refusal<S, A> | undefined => {
    const moves = movesFrom(from);
    if (!targets(from).includes(to)) return { reason: 'no-move', from, to, actor };
    const actors = isOpenList(moves) ? undefined : moves[to];
    if (actor !== undefined && actors !== undefined && !actors.includes(actor))
      return { reason: 'actor', from, to, actor };
    const guard = guards[to];
    if (guard && (context === undefined || !guard(context))) return { reason: 'guard', from, to, actor };
    return undefined;
  };

  return {
    states,
    targets,
    refusal,
    canMove: (from, to, options) => refusal(from, to, options) === undefined,
    nextStates: (from, options) => targets(from).filter((to) => refusal(from, to, options) === undefined),
    assertMove: (from, to, options) => {
      const refused = refusal(from, to, options);
      if (refused) throw refuse(refused);
    },
  };
}

function isOpenList<S extends string, A extends string>(moves: MovesFrom<S, A>): moves is readonly S[] {
  return Array.isArray(moves);
}
