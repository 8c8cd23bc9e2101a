// Counts characters the way the server does: text elements (extended grapheme clusters)
// after NFC normalization, so an emoji with modifiers or a letter with accents counts once.

export const maxPostLength = 500;

// The server also caps a post at 8,000 UTF-16 code units after NFC normalization, because one
// text element can carry any number of combining marks.
export const maxPostCodeUnits = 8000;

const segmenter = typeof Intl === 'object' && 'Segmenter' in Intl
  ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
  : null;

export function countTextElements(text) {
  const normalized = text.normalize('NFC');
  if (!segmenter) {
    // NOTE: without Intl.Segmenter this counts code points, so combined characters count more.
    return Array.from(normalized).length;
  }
  let count = 0;
  for (const _ of segmenter.segment(normalized)) {
    count++;
  }
  return count;
}

/** Counts UTF-16 code units after NFC normalization, as the server's second cap does. */
export function countCodeUnits(text) {
  return text.normalize('NFC').length;
}
