/**
 * Matching a file named loosely by the people who keep the folder ("Bao cao Ha Chau.xlsx",
 * "BC xa Ha Chau thang 8.xlsx") to the roster unit it is for, when neither the unit's code nor its
 * exact name is in the file name. Used only to say which unit an unreadable file or a report
 * without a code belongs to (issue 11: a file that cannot be read still counts as received); no
 * figure ever depends on it.
 *
 * Each unit is known by the shortest tail of its name's words (at least two words, or the whole
 * name) that no other unit's name contains: "Xã Hà Châu" → "ha chau" when no other unit has those
 * two words in a row, "Trường THPT Phú Bình" → "thpt phu binh" when several units end in "Phú
 * Bình". Words are compared without diacritics (đ as d) and case, as people type file names.
 * A file fits a unit when that tail occurs in its name's words in a row; it is matched only when
 * exactly one unit fits. Units sharing their whole name have no tail and are never matched.
 */
/** Words of `s` for loose comparison: diacritics dropped (đ → d), lower case, letters and digits only. */
export function looseWords(s: string): string[] {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Every run of consecutive words of `words`, each joined by a space. */
function runsOf(words: string[]): Set<string> {
  const runs = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    let run = words[i];
    runs.add(run);
    for (let j = i + 1; j < words.length; j++) {
      run += ` ${words[j]}`;
      runs.add(run);
    }
  }
  return runs;
}

/**
 * A matcher over `names` (the roster units' names, in roster order): given a file's name without
 * folder and extension (analyze.ts `fileMatcher` cuts them), the index of the one unit whose tail
 * (see above) occurs in it, or -1 when none or more than one does. Building costs about the square
 * of a name's word count per unit.
 */
export function looseNameMatcher(names: string[]): (base: string) => number {
  // How many units' names contain each run of words.
  const count = new Map<string, number>();
  const words = names.map(looseWords);
  for (const w of words) for (const run of runsOf(w)) count.set(run, (count.get(run) ?? 0) + 1);
  const byTail = new Map<string, number>();
  words.forEach((w, i) => {
    for (let k = Math.min(2, w.length); k <= w.length; k++) {
      const tail = w.slice(w.length - k).join(" ");
      if (count.get(tail) === 1) {
        byTail.set(tail, i);
        return;
      }
    }
  });
  return (base) => {
    const fits = new Set<number>();
    for (const run of runsOf(looseWords(base))) {
      const i = byTail.get(run);
      if (i !== undefined) fits.add(i);
    }
    return fits.size === 1 ? [...fits][0] : -1;
  };
}
