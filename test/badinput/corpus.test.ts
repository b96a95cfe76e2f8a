/**
 * The bad-input corpus through the core: every case gives its findings at the right place, with a
 * Vietnamese message naming the place, and nothing in the pipeline throws or writes a formula
 * where the user typed text.
 */
import { analyzeWorkbook } from "../../src/core/analyze";
import { consolidate } from "../../src/core/consolidate";
import { checkPlan, summaryPlan } from "../../src/core/layout";
import type { Finding, PlanCell, SheetPlan } from "../../src/core/types";
import { CORPUS, FORMULA_LOOKING, LONG_SHEET } from "../fixtures/corpus";

/** Vietnamese with diacritics: at least one letter outside ASCII that Vietnamese uses. */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

function placeNamed(f: Finding): boolean {
  // The message names the sheet (or file) and, when there is one, the cell.
  const sheetNamed =
    f.sheet === "" ||
    f.message.includes(f.sheet) ||
    // DanhMuc is "the roster" (danh mục) in the messages.
    (f.sheet === "DanhMuc" && /danh mục/i.test(f.message));
  const cellNamed = f.cell === "" || f.message.includes(f.cell);
  return sheetNamed && cellNamed;
}

function cells(plan: SheetPlan): PlanCell[] {
  return plan.rows.flatMap((r) => r.filter((c): c is PlanCell => c !== undefined));
}

describe("bad-input corpus (core)", () => {
  test("has at least 40 cases with unique ids", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CORPUS.map((c) => c.id)).size).toBe(CORPUS.length);
  });

  test.each(CORPUS.map((c) => [c.id, c] as const))(
    "%s",
    (_id, c) => {
      const input = c.build();
      const a = analyzeWorkbook(input);
      for (const e of c.expect) {
        const hit = a.findings.find((f) => f.rule === e.rule && f.sheet === e.sheet && f.cell === e.cell);
        if (!hit) throw new Error(`${c.id}: expected ${e.rule} at ${e.sheet}!${e.cell}; got ${JSON.stringify(a.findings.map((f) => `${f.rule} ${f.sheet}!${f.cell}`))}`);
        if (e.severity) expect(hit.severity).toBe(e.severity);
        if (e.unit !== undefined) expect(hit.unit).toBe(e.unit);
      }
      if (c.only) {
        expect(a.findings.map((f) => `${f.rule} ${f.sheet}!${f.cell}`).sort()).toEqual(c.expect.map((e) => `${e.rule} ${e.sheet}!${e.cell}`).sort());
      }
      for (const r of c.absent ?? []) expect(a.findings.filter((f) => f.rule === r)).toEqual([]);
      for (const f of a.findings) {
        expect(f.message).toMatch(VIETNAMESE);
        if (!placeNamed(f)) throw new Error(`${c.id}: message does not name ${f.sheet}!${f.cell}: ${f.message}`);
      }
      c.check?.(a, input);
      // The rest of the pipeline takes the same input without throwing.
      if (a.roster) {
        const summary = consolidate(a);
        for (const x of summary.excluded) expect(x.reason.trim()).not.toBe("");
        summaryPlan(summary, { links: true });
      }
      checkPlan(a);
    },
    10_000,
  );

  test("formula-looking names are text in TongHop and KiemTra, never formulas", () => {
    const c = CORPUS.find((x) => x.id === "formula-looking-names")!;
    const a = analyzeWorkbook(c.build());
    const plans = [summaryPlan(consolidate(a), { links: true }), summaryPlan(consolidate(a)), checkPlan(a)];
    const risky = [...FORMULA_LOOKING, "=1+1"];
    let seen = 0;
    for (const plan of plans) {
      for (const cell of cells(plan)) {
        if (typeof cell.value === "string" && risky.some((r) => cell.value === r || (cell.value as string).includes(r))) {
          seen++;
          expect(cell.formula).toBeUndefined();
        }
        // No formula the core writes ever embeds the user's text.
        if (cell.formula) for (const r of risky) expect(cell.formula.includes(r)).toBe(false);
      }
    }
    // Every name appears in TongHop (twice: with and without links), "=1+1" in a KiemTra message.
    expect(seen).toBeGreaterThanOrEqual(FORMULA_LOOKING.length * 2 + 1);
  }, 10_000);

  test("a sheet name with an apostrophe and diacritics at 31 characters is linked quoted", () => {
    expect(LONG_SHEET).toHaveLength(31);
    const c = CORPUS.find((x) => x.id === "sheet-name-quote-31")!;
    const a = analyzeWorkbook(c.build());
    const plan = summaryPlan(consolidate(a), { links: true });
    const quoted = `'${LONG_SHEET.replace(/'/g, "''")}'!`;
    expect(quoted.startsWith("='")).toBe(false);
    const links = cells(plan).filter((x) => x.formula?.includes(quoted));
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(l.formula).toMatch(/^='Tân Đức''s Đảng bộ xã Điềm Thụy1'!D\d+$/);
    // Unquoted or single-quoted forms never appear.
    for (const x of cells(plan)) if (x.formula?.includes("Tân Đức")) expect(x.formula).toContain("Đức''s");
  }, 10_000);
});
