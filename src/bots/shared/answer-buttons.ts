import type { ChatCore } from '../../conversation/chat-core.js';
import type { StoredAnswer, Vote } from '../../conversation/feedback-store.js';

/** What a button under an answer does. */
export type ButtonAction = 'sources' | Vote;

const CODE: Record<ButtonAction, string> = { sources: 's', up: 'u', down: 'd' };
const ACTION: Record<string, ButtonAction> = { s: 'sources', u: 'up', d: 'down' };
/** Every button of ours starts so: other data (another version, another bot) is not ours to act on. */
const PREFIX = 'a';

/** The data a button carries (Telegram callback_data ≤ 64 bytes, Discord custom_id ≤ 100): `a:s:<answer id>`. */
export function buttonData(action: ButtonAction, answerId: string): string {
  return `${PREFIX}:${CODE[action]}:${answerId}`;
}

/** The button's action and answer, or null when the data is not one of our buttons. */
export function parseButtonData(data: string): { action: ButtonAction; answerId: string } | null {
  const m = /^a:([sud]):([\w-]{1,40})$/.exec(data);
  return m ? { action: ACTION[m[1]!]!, answerId: m[2]! } : null;
}

/** What pressing a button came to. */
export type ButtonOutcome = { kind: 'sources'; answer: StoredAnswer } | { kind: 'voted'; vote: Vote } | { kind: 'expired' };

/**
 * Acts on a pressed button: looks the answer up (it was stored when given, so buttons work after
 * a restart) and returns its sources, or records `voter`'s vote. `voter` is hashed before it is kept.
 */
export function pressButton(core: ChatCore, press: { action: ButtonAction; answerId: string }, voter: string): ButtonOutcome {
  if (press.action === 'sources') {
    const answer = core.feedback.answer(press.answerId);
    return answer ? { kind: 'sources', answer } : { kind: 'expired' };
  }
  return core.feedback.vote(press.answerId, voter, press.action) ? { kind: 'voted', vote: press.action } : { kind: 'expired' };
}
