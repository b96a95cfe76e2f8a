/**
 * The writer's faster paths (s12) against what they replace, byte for byte:
 * - `worksheetPieces` (cells through per-format byte pieces, a function per row) against a frozen
 *   copy of the former writer (test/workbook/reference/sheet-writer-before.ts) on random plans
 *   with every kind of cell, format, merge, note, height and hidden row, and on a plan of several
 *   chunks; the same formats registered, the same notes gathered, the same refusals;
 * - the note parts written note by note in plain functions (`notePartPieces`) against ExcelJS's
 *   rendering of each note (`commentXml`, `vmlShapeXml`) over several chunks of each part.
 */
import fc from "fast-check";
import type { PlanCell, SheetPlan } from "../../src/core/types";
import { worksheetPieces } from "../../src/workbook/xlsx/sheet-writer";
import { StyleTable } from "../../src/workbook/xlsx/cell-formats";
import { commentXml, notePartPieces, vmlShapeXml } from "../../src/workbook/xlsx/notes";
import type { PendingNote } from "../../src/workbook/xlsx/notes";
import { worksheetPieces as worksheetPiecesBefore } from "./reference/sheet-writer-before";

/** All the chunks of a part, copied as they come (a chunk is valid until the next is asked for). */
function joined(pieces: Iterable<Uint8Array>): Buffer {
  const copies: Buffer[] = [];
  for (const p of pieces) copies.push(Buffer.from(p));
  return Buffer.concat(copies);
}

/**
 * A plan written by `write` with a fresh style table, as one text: its bytes (as latin1, so that
 * any difference shows), its notes and its styles, or the error's message.
 */
function written(write: typeof worksheetPieces, plan: SheetPlan, xfOffset: number, chart?: string): string {
  const styles = new StyleTable();
  const notes: PendingNote[] = [];
  try {
    const bytes = joined(write(plan, styles, xfOffset, notes, chart));
    return `${bytes.toString("latin1")}\n${JSON.stringify(notes)}\n${styles.stylesXml()}`;
  } catch (e) {
    return `error: ${e instanceof Error ? e.message : String(e)}`;
  }
}

const text = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom("Sự nghiệp", "Đã nộp", " lề trái", "lề phải ", "hai\ndòng", `<&>"'`, "=SUM(A1)", "ệ😀", "\u0001x\u007f", ""),
);
const value: fc.Arbitrary<PlanCell["value"]> = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer({ min: 0, max: 100000 }),
  fc.integer({ min: -5000, max: 5000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0.12252964426877470, 1 / 7, -0, 2 ** 31, 1e21),
  fc.boolean(),
  text,
);
const cell: fc.Arbitrary<PlanCell | undefined> = fc.option(
  fc
    .record(
      {
        value,
        formula: fc.constantFrom("=SUM(E7:E9)", 'IF(H7=0,"",PDV.TYLE(I7,H7))', "='Tân Đức'!D9", ""),
        numberFormat: fc.constantFrom("#,##0", "0.00%", "dd/mm/yyyy", "@", 'mm-dd-yy'),
        bold: fc.boolean(),
        italic: fc.boolean(),
        fill: fc.constantFrom("#D9E1F2", "#fff2cc"),
        align: fc.constantFrom("left" as const, "center" as const, "right" as const),
        wrap: fc.boolean(),
        note: text,
      },
      { requiredKeys: [] },
    )
    .map((c) => c as PlanCell),
  { nil: undefined, freq: 4 },
);
const range = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 7 }), fc.nat(3), fc.nat(3))
  .map(([row, col, down, across]) => `${String.fromCharCode(64 + col)}${row}:${String.fromCharCode(64 + col + across)}${row + down}`);
const plan: fc.Arbitrary<SheetPlan> = fc
  .record(
    {
      rows: fc.array(fc.option(fc.array(cell, { maxLength: 9 }), { nil: undefined as unknown as PlanCell[], freq: 6 }), { maxLength: 10 }),
      columnWidths: fc.array(fc.constantFrom(0, 5, 9, 9, 40), { maxLength: 6 }),
      frozenRows: fc.nat(4),
      merges: fc.array(range, { maxLength: 3 }),
      // Keys a row number does not find as such ("01", "1.5") as well as the usual ones.
      rowHeights: fc.dictionary(fc.oneof(fc.integer({ min: 1, max: 12 }).map(String), fc.constantFrom("01", "1.5", "2.0", "-1", "0")), fc.constantFrom(15, 30.5, 83)),
      print: fc.record({
        paper: fc.constant("A4" as const),
        orientation: fc.constantFrom("portrait" as const, "landscape" as const),
        fitWidth: fc.constant(1),
        fitHeight: fc.constant(0),
        omitRows: fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 3 }),
        footer: fc.constantFrom(undefined, "Trang &P", `<&>"'`),
      }),
    },
    { requiredKeys: ["rows"] },
  )
  .map((p) => ({ name: "TongHop", ...p }) as SheetPlan);

test("worksheetPieces writes the former writer's bytes, formats and notes on random plans", () => {
  fc.assert(
    fc.property(plan, fc.constantFrom(0, 1, 37), fc.constantFrom(undefined, "rId3"), (p, xfOffset, chart) => {
      expect(written(worksheetPieces, p, xfOffset, chart)).toBe(written(worksheetPiecesBefore, p, xfOffset, chart));
    }),
    { numRuns: 1500 },
  );
});

test("worksheetPieces refuses what the former writer refused, with the same message", () => {
  const bad: PlanCell[] = [{ value: "x".repeat(32768) }, { value: Infinity }, { value: NaN, formula: "=A1" }, { value: 1, fill: "red" }];
  for (const c of bad) {
    for (const rows of [[[{ value: 1 }, c]], [[{ value: "a" }], [undefined, c]]]) {
      // Also as a merged-over cell (its value dropped but still checked).
      for (const merges of [undefined, ["A1:B2"]]) {
        const p: SheetPlan = { name: "TongHop", rows, merges };
        const got = written(worksheetPieces, p, 3);
        expect(got).toBe(written(worksheetPiecesBefore, p, 3));
        if (!merges) expect(got).toMatch(/^error: .*(TongHop|Màu)/);
      }
    }
  }
});

test("worksheetPieces over several chunks: a summary-like plan of 30.000 rows, formulas, notes and a footer", () => {
  const rows: PlanCell[][] = [[{ value: "BÁO CÁO", bold: true, align: "center" }]];
  for (let r = 2; r <= 30000; r++) {
    rows.push([
      { value: r - 1 },
      { value: `DV${r}` },
      { value: r % 3 ? "Sự nghiệp" : "Khối 'A'" },
      { value: r * 7, numberFormat: "#,##0", note: `Nguồn: tệp DV${r}.xlsx, sheet 'DV${r}', ô D17` },
      { value: r % 5 ? (r % 7) / 11 : null, formula: `=IF(D${r}=0,"",PDV.TYLE(A${r},D${r}))`, numberFormat: "0.00%" },
      { value: r % 2 === 0, formula: `=A${r}>1` },
    ]);
  }
  rows.push([{ value: "Tổng", bold: true }, undefined as unknown as PlanCell, undefined as unknown as PlanCell, { value: 1, formula: "=SUM(D2:D30000)", bold: true }]);
  const p: SheetPlan = { name: "TongHop", rows, merges: ["A1:F1", "A30001:C30001"], rowHeights: { 1: 30, 30001: 20 }, frozenRows: 1, print: { paper: "A4", orientation: "landscape", fitWidth: 1, fitHeight: 0, omitRows: [30000], footer: "Trang &P" } };
  const styles = new StyleTable();
  const notes: PendingNote[] = [];
  expect(joined(worksheetPieces(p, styles, 12, notes)).length).toBeGreaterThan(3 * (1 << 20));
  expect(notes.length).toBe(29999);
  const got = written(worksheetPieces, p, 12);
  // Compared as strings, not with toEqual (a deep comparison of megabytes takes a minute).
  expect(got === written(worksheetPiecesBefore, p, 12)).toBe(true);
});

test("the note parts hold ExcelJS's rendering of every note over several chunks of each part", () => {
  const notes: PendingNote[] = Array.from({ length: 20000 }, (_, i) => ({
    row: 7 + Math.floor(i / 12),
    col: 5 + (i % 12),
    text: i % 9 ? `Nguồn: tệp DV${i}.xlsx, sheet 'DV${i}', ô D${i % 30}` : i % 2 ? ` có <&> "x"\n` : "ệ😀\u0001",
  }));
  notes.push({ row: 1, col: 1, text: "đầu" }, { row: 2, col: 30, text: "" });
  const parts = notePartPieces(notes);
  const comments = joined(parts.comments()).toString("utf8");
  const vml = joined(parts.vml()).toString("utf8");
  expect(Buffer.byteLength(comments)).toBeGreaterThan(2 * (1 << 20));
  expect(comments).toContain(`<commentList>${notes.map(commentXml).join("")}</commentList></comments>`);
  expect(comments.endsWith("</commentList></comments>")).toBe(true);
  expect(vml).toContain(`</v:shapetype>${notes.map(vmlShapeXml).join("")}</xml>`);
  expect(vml.endsWith("</v:shapetype>" + notes.map(vmlShapeXml).join("") + "</xml>")).toBe(true);
});
