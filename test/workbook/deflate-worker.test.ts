/**
 * Deflating the large parts in a worker thread (`deflate-worker.ts`, `packPlans`): the same bytes
 * as on the main thread (`deflatePieces`), chunk for chunk; a worker that cannot start, throws or
 * exits half-way is given up and the package written on the main thread, with the same bytes; a
 * plan that cannot be written is refused the same way through either path.
 */
import { readFileSync } from "fs";
import * as path from "path";
import * as zlib from "zlib";
import fc from "fast-check";
import type { SheetPlan } from "../../src/core/types";
import { deflatePieces } from "../../src/workbook/xlsx/deflate";
import type { PackedData } from "../../src/workbook/xlsx/deflate";
import { DeflateWorker, DeflateWorkerFailed, WORKER_SOURCE } from "../../src/workbook/xlsx/deflate-worker";
import { WORKER_FROM_BYTES, estimatedXmlBytes, packPlans } from "../../src/workbook/xlsx/plan-package";
import { PackagePort } from "../../src/workbook/xlsx/package-port";
import { PortError } from "../../src/workbook/port";
import { partsOf } from "../helpers/zipparts";
import { SAMPLES } from "../helpers/tmp";

jest.setTimeout(120_000);

const ROSTER = path.join(SAMPLES, "phu-binh-2020", "danh-muc.xlsx");

const joined = (p: PackedData) => Buffer.concat(p.chunks);
/** Same deflated bytes, sizes and CRC (Buffer.equals: jest's toEqual is slow on megabytes). */
const same = (a: PackedData, b: PackedData) =>
  joined(a).equals(joined(b)) && a.crc === b.crc && a.compressedSize === b.compressedSize && a.uncompressedSize === b.uncompressedSize;

/** A summary-like plan: `units` rows of 12 cells, each with a note (several 1 MB chunks of VML). */
function bigPlan(units: number): SheetPlan {
  const rows: SheetPlan["rows"] = [[{ value: "Đơn vị", bold: true }]];
  for (let u = 1; u <= units; u++) {
    rows.push(
      Array.from({ length: 12 }, (_, j) => ({
        value: j === 0 ? `Chi bộ số ${u} & <${u}>` : u * 13 + j,
        numberFormat: j ? "#,##0" : undefined,
        note: `Nguồn: DV${String(u).padStart(4, "0")}.xlsx, sheet 'Bao cao', ô ${String.fromCharCode(66 + j)}${u + 7}`,
      })),
    );
  }
  return { name: "TongHop", rows, frozenRows: 1, columnWidths: [30, 10] };
}

describe("DeflateWorker", () => {
  test("gives deflatePieces' bytes, sizes and CRC for any pieces (empty, small, larger than a pool buffer)", async () => {
    const worker = new DeflateWorker(1);
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof(fc.uint8Array({ maxLength: 3000 }), fc.string(), fc.constant(new Uint8Array(1_500_000).fill(65))), { maxLength: 6 }),
          async (pieces) => {
            const { packed } = await worker.deflate(pieces);
            const got = await packed;
            const want = deflatePieces(pieces, 1);
            expect(same(got, want)).toBe(true);
            expect(zlib.inflateRawSync(joined(got)).equals(Buffer.concat(pieces.map((p) => Buffer.from(p))))).toBe(true);
          },
        ),
        { numRuns: 20 },
      );
      expect(worker.chunksSent).toBeGreaterThan(0);
    } finally {
      worker.close();
    }
  });

  test("a generator handing out the same buffer again: each piece is copied before the next is asked for", async () => {
    const worker = new DeflateWorker(1);
    function* reused(): Generator<Uint8Array> {
      const buf = new Uint8Array(1_000_000);
      for (let i = 0; i < 9; i++) {
        buf.fill(48 + i);
        yield buf;
      }
    }
    try {
      const got = await (await worker.deflate(reused())).packed;
      expect(same(got, deflatePieces(reused(), 1))).toBe(true);
    } finally {
      worker.close();
    }
  });

  test("a worker that fails rejects the part with DeflateWorkerFailed", async () => {
    const worker = new DeflateWorker(1, `require("worker_threads").parentPort.on("message", () => { throw new Error("boom"); });`);
    try {
      const send = async () => (await worker.deflate([new Uint8Array(10), new Uint8Array(10)])).packed;
      await expect(send()).rejects.toBeInstanceOf(DeflateWorkerFailed);
    } finally {
      worker.close();
    }
  });
});

describe("packPlans", () => {
  const plans = [bigPlan(1500)];
  const state = { version: "1" };

  test("the worker's package is the main thread's, byte for byte, and only a large output starts one", async () => {
    expect(estimatedXmlBytes(plans)).toBeGreaterThan(WORKER_FROM_BYTES);
    expect(estimatedXmlBytes([bigPlan(40)])).toBeLessThan(WORKER_FROM_BYTES);
    const main = await packPlans(plans, state, 7, 1, "never");
    const worker = await packPlans(plans, state, 7, 1, "always");
    const auto = await packPlans(plans, state, 7, 1, "auto");
    expect(main.viaWorker).toBe(false);
    expect(worker.viaWorker).toBe(true);
    expect(auto.viaWorker).toBe(true);
    expect((await packPlans([bigPlan(40)], state, 7, 1, "auto")).viaWorker).toBe(false);
    expect(Buffer.from(worker.bytes)).toEqual(Buffer.from(main.bytes));
    expect([...worker.sheets.keys()]).toEqual([...main.sheets.keys()]);
    expect([...worker.notes.keys()]).toEqual(["xl/comments1.xml", "xl/drawings/vmlDrawing1.vml"]);
    for (const [name, s] of main.sheets) {
      const w = worker.sheets.get(name)!;
      expect(w.xfOffset).toBe(s.xfOffset);
      expect(same(w.packed, s.packed)).toBe(true);
    }
    for (const [name, p] of main.notes) expect(same(worker.notes.get(name)!, p)).toBe(true);
    // Several chunks went through the pool (more than its four buffers).
    expect(main.notes.get("xl/drawings/vmlDrawing1.vml")!.uncompressedSize).toBeGreaterThan(5_000_000);
  });

  test.each([
    ["code that does not parse", "this is not JavaScript"],
    ["a worker that exits at its third chunk", `let n = 0; require("worker_threads").parentPort.on("message", () => { if (++n === 3) process.exit(3); });`],
    ["a worker that throws at once", `throw new Error("no")`],
    ["a worker that answers nothing and exits", `setTimeout(() => process.exit(0), 50)`],
  ])("%s: the package is written on the main thread instead, the same bytes", async (_what, source) => {
    const main = await packPlans(plans, state, 0, 1, "never");
    const got = await packPlans(plans, state, 0, 1, "always", source);
    expect(got.viaWorker).toBe(false);
    expect(Buffer.from(got.bytes)).toEqual(Buffer.from(main.bytes));
    for (const [name, p] of main.notes) expect(same(got.notes.get(name)!, p)).toBe(true);
  });

  test("a plan that cannot be written is refused through the worker as on the main thread", async () => {
    const bad = bigPlan(1500);
    bad.rows[1400]![3] = { value: Number.NaN };
    for (const use of ["never", "always"] as const) {
      const err = await packPlans([bad], state, 0, 1, use, WORKER_SOURCE).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PortError);
      expect((err as PortError).message).toContain("Ô D1401 của sheet 'TongHop'");
    }
  });
});

describe("PackagePort with the worker", () => {
  test("every part of the written workbook is the same with and without the worker", async () => {
    const roster = readFileSync(ROSTER);
    const write = async (use: "never" | "always") => {
      const port = new PackagePort(roster, ROSTER);
      port.deflateWorker = use;
      await port.writeSheet({ ...bigPlan(900), state: { units: "900" } });
      return port.toBuffer();
    };
    const [a, b] = [await partsOf(await write("never")), await partsOf(await write("always"))];
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [name, bytes] of a) expect(b.get(name)!.equals(bytes)).toBe(true);
    expect([...a.keys()].filter((k) => /comments|vmlDrawing/.test(k))).toHaveLength(2);
  });
});
