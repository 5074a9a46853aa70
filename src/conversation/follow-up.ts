import { hasDiacritics, removeDiacritics } from '../text/normalize.js';
import { renderQuestion } from '../text/question-frame.js';
import { frameOf, type ConversationFrame } from './frame.js';

/** A question as the conversation understood it. */
export interface ResolvedQuestion {
  /** The question to answer: the user's own, or a standalone rewriting of a follow-up. */
  question: string;
  frame: ConversationFrame;
  /** True when `question` differs from what the user typed (shown as "Hiểu là: …"). */
  rewritten: boolean;
}

/** One remembered question of a conversation: as understood, with its frame. */
export interface Turn {
  question: string;
  frame: ConversationFrame;
}

/**
 * Whether a question leans on the one before: it says so ("Còn …", "… thì sao?"), or names no
 * subject of its own ("Đà Nẵng?", "Năm 2016?"). Anything else is self-contained and never rewritten.
 */
export function isFollowUp(frame: ConversationFrame): boolean {
  return frame.followUpMarker || (frame.subject === '' && (frame.places.length > 0 || frame.period !== null));
}

/**
 * Offline slot filling: a follow-up takes the slots it lacks from the previous question and
 * replaces the ones it names. "Còn xuất khẩu thì sao?" keeps place and period and changes the
 * subject; "Thế còn Đà Nẵng?" changes the place; "Năm 2016 thì sao?" changes the period.
 */
export function resolveOffline(question: string, previous: Turn | undefined): ResolvedQuestion {
  const frame = frameOf(question);
  const own: ResolvedQuestion = { question: question.trim(), frame, rewritten: false };
  if (!previous || !isFollowUp(frame)) return own;
  const before = previous.frame;
  const core = frame.subject === '' ? before.core : withKind(frame.subject, frame.kind !== 'other' ? frame.kind : before.kind);
  let rewritten = renderQuestion({
    core,
    places: frame.places.length > 0 ? frame.places : before.places,
    period: frame.period ?? before.period,
  });
  // Typed without marks, the subject only matches unmarked text: the whole question goes unmarked.
  if (!hasDiacritics(question)) rewritten = removeDiacritics(rewritten);
  if (rewritten === previous.question) return own;
  return { question: rewritten, frame: frameOf(rewritten), rewritten: true };
}

/** "xuất khẩu" asked like a question of quantity: "xuất khẩu là bao nhiêu". */
function withKind(subject: string, kind: ConversationFrame['kind']): string {
  const tail = {
    quantity: ' là bao nhiêu',
    date: ' khi nào',
    person: ' là ai',
    place: ' ở đâu',
    organisation: ' là đơn vị nào',
    other: '',
  }[kind];
  return `${subject}${tail}`;
}
