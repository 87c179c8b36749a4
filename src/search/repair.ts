/**
 * Query repair: words typed without a Vietnamese keyboard, in Telex
 * ("nghij quyeets") or VNI ("nghi5 quye6t1"), become the words meant
 * ("nghị quyết"). A word is repaired only when the result is a well-formed
 * Vietnamese syllable, so English words pass through.
 */

const TONES: Record<string, string> = {
  s: '\u0301',
  f: '\u0300',
  r: '\u0309',
  x: '\u0303',
  j: '\u0323',
};
const VNI_TONES: Record<string, string> = {
  '1': '\u0301',
  '2': '\u0300',
  '3': '\u0309',
  '4': '\u0303',
  '5': '\u0323',
};
const SYLLABLE =
  /^(ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnpqrstvx])?(oai|oay|uôi|ươi|ươu|uyê|iêu|yêu|oă|oa|oe|uâ|uê|uy|uơ|ươ|ưu|ưa|ua|uô|uo|ui|ưi|ia|iê|yê|ai|ao|au|ay|âu|ây|eo|êu|iu|oi|ôi|ơi|[aăâeêioôơuưy])(ch|ng|nh|[cmnpt]|[iyou])?$/u;

/** The vowel that carries the tone: the rule of modern Vietnamese spelling, close enough for search. */
function placeTone(syllable: string, mark: string): string {
  const letters = Array.from(syllable);
  const vowels = letters.map((c, i) => (/[aăâeêioôơuưy]/u.test(c) ? i : -1)).filter((i) => i >= 0);
  const start = /^(qu|gi)/u.test(syllable) && vowels.length > 1 ? 1 : 0;
  const group = vowels.slice(start);
  const withHat = group.findLast((i) => /[ăâêôơư]/u.test(letters[i] ?? ''));
  const ends = /[^aăâeêioôơuưy]$/u.test(syllable);
  const target =
    withHat ?? (group.length >= 2 && !ends ? group[group.length - 2] : group[group.length - 1]);
  if (target === undefined) return syllable;
  letters[target] = `${letters[target] ?? ''}${mark}`;
  return letters.join('').normalize('NFC');
}

function telex(word: string): string | undefined {
  let base = word;
  let mark: string | undefined;
  const last = base.at(-1) ?? '';
  if (last in TONES && base.length > 1) {
    mark = TONES[last];
    base = base.slice(0, -1);
  }
  base = base
    .replace(/dd/g, 'đ')
    .replace(/aa/g, 'â')
    .replace(/ee/g, 'ê')
    .replace(/oo/g, 'ô')
    .replace(/aw/g, 'ă')
    .replace(/ow/g, 'ơ')
    .replace(/uw/g, 'ư')
    .replace(/w/g, 'ư');
  // Telex puts the hat key after a consonant too: "quyeets" is quyê + t + s.
  base = base.replace(
    /([aeo])([cmnpt]|ch|ng|nh)\1/g,
    (_, v: string, c: string) => `${{ a: 'â', e: 'ê', o: 'ô' }[v] ?? v}${c}`,
  );
  return finish(word, base, mark);
}

function vni(word: string): string | undefined {
  if (!/\d/.test(word)) return undefined;
  let mark: string | undefined;
  let base = '';
  for (const char of word) {
    if (char in VNI_TONES) mark = VNI_TONES[char];
    else if (char === '6')
      base = base.replace(
        /([aeo])([^aeo]*)$/,
        (_, v: string, rest: string) => `${{ a: 'â', e: 'ê', o: 'ô' }[v] ?? v}${rest}`,
      );
    else if (char === '7')
      base = base
        .replace(
          /([ou])([^ou]*)$/,
          (_, v: string, rest: string) => `${{ o: 'ơ', u: 'ư' }[v] ?? v}${rest}`,
        )
        .replace(/uơ/, 'ươ');
    else if (char === '8') base = base.replace(/a([^a]*)$/, 'ă$1');
    else if (char === '9') base = base.replace(/d/, 'đ');
    else base += char;
  }
  return finish(word, base, mark);
}

function finish(word: string, base: string, mark: string | undefined): string | undefined {
  if (!SYLLABLE.test(base)) return undefined;
  const repaired = mark ? placeTone(base, mark) : base;
  return repaired === word ? undefined : repaired;
}

/** The query with Telex or VNI words repaired, or undefined when nothing needed repair. */
export function repairQuery(query: string): string | undefined {
  let changed = false as boolean;
  const repaired = query.replace(/[\p{L}\d]+/gu, (word) => {
    // Diacritics already typed, a bare number, or an abbreviation in capitals ("TW"): as is.
    if (/[^ -~]/u.test(word) || /^\d+$/.test(word) || /^[A-Z\d]{2,}$/.test(word)) return word;
    const lower = word.toLowerCase();
    const fixed = vni(lower) ?? telex(lower);
    if (!fixed) return word;
    changed = true;
    return fixed;
  });
  return changed ? repaired : undefined;
}
