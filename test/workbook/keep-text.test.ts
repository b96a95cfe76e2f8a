/**
 * `keepText` (src/workbook/xlsx/xml.ts): the text kept from a part is a string of its own, equal
 * to the one cut out of the part, and it does not keep the part's whole text in memory.
 */
import { setFlagsFromString } from "v8";
import { runInNewContext } from "vm";
import { keepText } from "../../src/workbook/xlsx/xml";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** A flat text of about `mb` million characters (two bytes each: Vietnamese letters), made in one piece. */
function bigText(mb: number, tag: string): string {
  return JSON.parse(JSON.stringify(`${tag} Đảng viên `.repeat(Math.ceil((mb * 1e6) / 14)))) as string;
}

test("kept texts equal what was cut, Vietnamese, long or short, and are shared when they recur", () => {
  const text = bigText(0.01, "a");
  for (const [from, len] of [[0, 3], [5, 12], [7, 13], [20, 300], [1, 40]]) {
    const cut = text.slice(from, from + len);
    expect(keepText(cut)).toBe(cut);
  }
  const period = "a Đảng viên ".length;
  const once = keepText(text.slice(2, 20));
  expect(keepText(text.slice(2 + period, 20 + period))).toBe(once);
});

/** Heap grown (bytes, after a full collection) while `cut` keeps, of each of five 8 MB texts, two cuts. */
function grownKeeping(cut: (s: string) => string): number {
  const held: string[] = [];
  // Twice: one full collection can leave what a weak callback of the first frees.
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 5; i++) {
    const text = bigText(4, `part${i}-${Math.random()}`);
    // A long cut (a slice pointing into the text, in V8) and a short one, each unique.
    held.push(cut(text.slice(3, 3 + 300 + i)), cut(text.slice(1, 12)));
  }
  gc();
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  expect(held).toHaveLength(10);
  return grown;
}

test("a kept text does not hold the part's text in memory (a plain cut does)", () => {
  // Heap figures move with whatever else the test process freed meanwhile (the whole suite runs
  // in shared workers): up to three tries, each comparing both ways afresh. A keepText that held
  // the part's text would fail every try (it would grow as the plain cut does).
  const tries: { plain: number; kept: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const plain = grownKeeping((s) => s);
    const kept = grownKeeping(keepText);
    tries.push({ plain, kept });
    // Five texts of 8 MB: held by the plain cuts, not by the kept ones.
    if (plain > 35e6 && kept < plain - 30e6) break;
  }
  const last = tries[tries.length - 1];
  expect(last.plain).toBeGreaterThan(35e6);
  expect(last.kept).toBeLessThan(last.plain - 30e6);
});
