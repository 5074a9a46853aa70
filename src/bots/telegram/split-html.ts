/**
 * Splits Telegram HTML into messages of at most `limit` characters without ever cutting inside a
 * tag or an entity (`&amp;`): cuts fall on a line break where possible, else on a space, and
 * tags open at a cut are closed at the end of one part and reopened at the start of the next, so
 * every part is valid on its own. (`splitMessage` in bots/shared does the same for plain text.)
 *
 * Length is counted on the HTML source, which is never shorter than what Telegram counts after
 * parsing, so parts always fit its 4,096-character limit.
 */
export function splitTelegramHtml(html: string, limit = TELEGRAM_MESSAGE_LIMIT): string[] {
  if (limit < 64) throw new RangeError('limit too small for markup');
  if (html.length <= limit) return [html];
  const atoms = tokenize(html);
  const parts: string[] = [];
  let start = 0;
  let openAtStart: OpenTag[] = [];
  while (start < atoms.length) {
    const prefix = openAtStart.map((t) => t.raw).join('');
    let length = prefix.length;
    let stack = openAtStart;
    let lastNewline = -1;
    let lastSpace = -1;
    let end = atoms.length;
    for (let i = start; i < atoms.length; i++) {
      const atom = atoms[i]!;
      const next = applyAtom(stack, atom);
      if (length + atom.raw.length + closing(next).length > limit) {
        end = i;
        break;
      }
      if (atom.raw === '\n') lastNewline = i;
      else if (atom.raw === ' ') lastSpace = i;
      length += atom.raw.length;
      stack = next;
    }
    if (end === atoms.length) {
      pushPart(parts, prefix + rawOf(atoms, start, end) + closing(stack));
      break;
    }
    // Cut at the break character (dropped), else hard-cut before the atom that did not fit.
    let cut = lastNewline > start ? lastNewline : lastSpace > start ? lastSpace : end;
    if (cut === start) cut = start + 1; // a single atom longer than the limit: unavoidable overflow
    const stackAtCut = stackAfter(openAtStart, atoms, start, cut);
    pushPart(parts, prefix + rawOf(atoms, start, cut) + closing(stackAtCut));
    openAtStart = stackAtCut;
    start = cut;
    while (start < atoms.length && (atoms[start]!.raw === '\n' || atoms[start]!.raw === ' ')) start++;
  }
  return parts.length > 0 ? parts : [''];
}

/** Telegram's maximum message length. */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

interface OpenTag {
  name: string;
  raw: string;
}
type Atom = { kind: 'text'; raw: string } | { kind: 'open'; name: string; raw: string } | { kind: 'close'; name: string; raw: string };

function tokenize(html: string): Atom[] {
  const atoms: Atom[] = [];
  const re = /<\/?([a-zA-Z][\w-]*)[^>]*>|&[#\w]+;|[\s\S]/gu;
  for (const m of html.matchAll(re)) {
    const raw = m[0];
    if (m[1] !== undefined) {
      const name = m[1].toLowerCase();
      atoms.push(raw.startsWith('</') ? { kind: 'close', name, raw } : { kind: 'open', name, raw });
    } else atoms.push({ kind: 'text', raw });
  }
  return atoms;
}

function applyAtom(stack: OpenTag[], atom: Atom): OpenTag[] {
  if (atom.kind === 'open') return [...stack, { name: atom.name, raw: atom.raw }];
  if (atom.kind === 'close') {
    const at = stack.map((t) => t.name).lastIndexOf(atom.name);
    return at < 0 ? stack : stack.slice(0, at);
  }
  return stack;
}

function stackAfter(initial: OpenTag[], atoms: Atom[], from: number, to: number): OpenTag[] {
  let stack = initial;
  for (let i = from; i < to; i++) stack = applyAtom(stack, atoms[i]!);
  return stack;
}

function closing(stack: OpenTag[]): string {
  return stack
    .map((t) => `</${t.name}>`)
    .reverse()
    .join('');
}

function rawOf(atoms: Atom[], from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i++) out += atoms[i]!.raw;
  return out;
}

function pushPart(parts: string[], part: string): void {
  const trimmed = part.replace(/\n+$/, '');
  // A part holding only markup and whitespace would be rejected by Telegram as empty.
  if (trimmed.replace(/<[^>]*>/g, '').trim() !== '') parts.push(trimmed);
}
