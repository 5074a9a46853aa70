import { hasDiacritics, removeDiacritics } from '../text/normalize.js';
import { frameOf, periodSpan, placeSpan, type ConversationFrame } from './frame.js';

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
  return frame.followUpMarker || (frame.subject === '' && (frame.places.length > 0 || frame.periodText !== null));
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
  let rewritten = frame.subject !== '' ? withNewSubject(frame, previous) : withNewSlots(frame, previous);
  // Typed without marks, the subject only matches unmarked text: the whole question goes unmarked.
  if (!hasDiacritics(question)) rewritten = removeDiacritics(rewritten);
  if (rewritten === previous.question) return own;
  return { question: rewritten, frame: frameOf(rewritten), rewritten: true };
}

/** The previous question with the place and/or period of `frame` put in place of its own. */
function withNewSlots(frame: ConversationFrame, previous: Turn): string {
  let text = stripEnd(previous.question);
  if (frame.places.length > 0) {
    const newPlace = frame.places.join(', ');
    const oldPlace = previous.frame.places[0];
    const span = oldPlace === undefined ? null : placeSpan(text, oldPlace);
    const linked = (original: string) => (/^(của|ở|tại|cua|o|tai)\s/i.test(original) ? `${original.split(/\s/)[0]} ${newPlace}` : newPlace);
    text = span ? `${text.slice(0, span.start)}${linked(text.slice(span.start, span.end))}${text.slice(span.end)}` : `${text} ở ${newPlace}`;
  }
  if (frame.periodText !== null) {
    const span = periodSpan(text);
    const period = midSentence(frame.periodText);
    text = span ? `${text.slice(0, span.start)}${period}${text.slice(span.end)}` : `${text} ${period}`;
  }
  return tidy(text);
}

/** A new question about `frame`'s subject, with the place and period it names or the previous ones. */
function withNewSubject(frame: ConversationFrame, previous: Turn): string {
  const places = frame.places.length > 0 ? frame.places : previous.frame.places;
  const periodText = frame.periodText ?? previous.frame.periodText;
  const parts = [capitalise(frame.subject)];
  if (places.length > 0) parts.push(`của ${places.join(', ')}`);
  if (periodText) parts.push(midSentence(periodText));
  const kind = frame.kind !== 'other' ? frame.kind : previous.frame.kind;
  const tail = kind === 'quantity' ? ' là bao nhiêu' : kind === 'time' ? ' khi nào' : '';
  return tidy(`${parts.join(' ')}${tail}`);
}

/** "Năm 2016" typed at the start of a question reads "năm 2016" inside one. */
function midSentence(text: string): string {
  return text.charAt(0).toLocaleLowerCase('vi-VN') + text.slice(1);
}

function stripEnd(text: string): string {
  return text.trim().replace(/[?.!…\s]+$/u, '');
}

function tidy(text: string): string {
  return `${text.replace(/\s+/g, ' ').trim()}?`;
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi-VN') + text.slice(1);
}
