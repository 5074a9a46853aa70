/**
 * Stable document ids derived from where a document lives, so re-ingesting the same files gives the
 * same ids and updates documents instead of duplicating them.
 */

/**
 * The id of the document in a file: the path relative to the corpus root, with `/` separators and
 * without its extension (`news/hai-phong-2023-10-19.md` → `news/hai-phong-2023-10-19`).
 */
export function idFromPath(relPath: string): string {
  const slashed = relPath.normalize('NFC').replace(/\\/g, '/').replace(/^\.\//, '');
  return slashed.replace(/\.[^./]*$/, '') || slashed;
}

/** The id of the `index`-th document of a multi-document file: `${idFromPath(relPath)}#${index}`. */
export function idForItem(relPath: string, index: number): string {
  return `${idFromPath(relPath)}#${index}`;
}
