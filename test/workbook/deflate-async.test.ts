/**
 * Deflating the large parts off the main thread (`deflate-async.ts`, `packPlans`): one gzip stream
 * per part on libuv's thread pool, its raw deflate data, CRC-32 and size taken out of the gzip
 * member; the parts inflate to the bytes the main thread's `deflatePieces` gives. When zlib fails
 * there (an error half-way, an unexpected output), the package is written on the main thread
 * instead, the same bytes; a plan that cannot be written is refused the same way through either path.
 */
import { readFileSync } from "fs";
import * as path from "path";
import * as zlib from "zlib";
import fc from "fast-check";
import type { SheetPlan } from "../../src/core/types";
import { deflatePieces } from "../../src/workbook/xlsx/deflate";
import type { PackedData } from "../../src/workbook/xlsx/deflate";
import { AsyncDeflateFailed, AsyncDeflater, unwrapGzip } from "../../src/workbook/xlsx/deflate-async";
import { ASYNC_FROM_BYTES, estimatedXmlBytes, packPlans } from "../../src/workbook/xlsx/plan-package";
import { crc32 } from "../../src/workbook/xlsx/zipwrite";
import { PackagePort } from "../../src/workbook/xlsx/package-port";
import { PortError } from "../../src/workbook/port";
import { partsOf } from "../helpers/zipparts";
import { SAMPLES } from "../helpers/tmp";

jest.setTimeout(120_000);

const ROSTER = path.join(SAMPLES, "phu-binh-2020", "danh-muc.xlsx");

const inflated = (p: PackedData) => zlib.inflateRawSync(Buffer.concat(p.chunks));
/** The same part: inflated bytes, size and CRC-32 (Buffer.equals: jest's toEqual is slow on megabytes). */
const same = (a: PackedData, b: PackedData) => inflated(a).equals(inflated(b)) && a.crc === b.crc && a.uncompressedSize === b.uncompressedSize;
/** A packed part is consistent: its sizes and CRC are its inflated data's. */
const consistent = (p: PackedData) => {
  const data = inflated(p);
  return data.length === p.uncompressedSize && crc32(data) === p.crc && Buffer.concat(p.chunks).length === p.compressedSize;
};

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

/** Two zips hold the same parts, in the same order (their headers' times may differ: written at different moments). */
async function sameParts(a: Uint8Array, b: Uint8Array): Promise<boolean> {
  const [pa, pb] = [await partsOf(a), await partsOf(b)];
  return [...pa.keys()].join("|") === [...pb.keys()].join("|") && [...pa].every(([name, bytes]) => pb.get(name)!.equals(bytes));
}

/** zlib.createGzip whose stream fails at its `at`-th write. */
const failingAt = (at: number) => (options: zlib.ZlibOptions) => {
  const gz = zlib.createGzip(options);
  const write = gz.write.bind(gz) as (...args: unknown[]) => boolean;
  let n = 0;
  (gz as unknown as { write: (...args: unknown[]) => boolean }).write = (...args: unknown[]) => {
    if (++n === at) process.nextTick(() => gz.destroy(new Error("boom")));
    return write(...args);
  };
  return gz;
};

describe("AsyncDeflater", () => {
  test("any pieces (empty, small, larger than a pool buffer): the data, size and CRC deflatePieces gives", async () => {
    const deflater = new AsyncDeflater(1);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.uint8Array({ maxLength: 3000 }), fc.string(), fc.constant(new Uint8Array(1_500_000).fill(65))), { maxLength: 8 }),
        async (pieces) => {
          const got = await (await deflater.deflate(pieces)).packed;
          expect(consistent(got)).toBe(true);
          expect(same(got, deflatePieces(pieces, 1))).toBe(true);
        },
      ),
      { numRuns: 20 },
    );
    expect(deflater.chunksSent).toBeGreaterThan(0);
  });

  test("a generator handing out the same buffer again: each piece is copied before the next is asked for", async () => {
    function* reused(): Generator<Uint8Array> {
      const buf = new Uint8Array(1_000_000);
      for (let i = 0; i < 9; i++) {
        buf.fill(48 + i);
        yield buf;
      }
    }
    const got = await (await new AsyncDeflater(1).deflate(reused())).packed;
    expect(same(got, deflatePieces(reused(), 1))).toBe(true);
  });

  test("a stream that fails half-way rejects with AsyncDeflateFailed", async () => {
    const deflater = new AsyncDeflater(1, failingAt(2));
    const send = async () => (await deflater.deflate(Array.from({ length: 8 }, () => new Uint8Array(1_000_000)))).packed;
    await expect(send()).rejects.toBeInstanceOf(AsyncDeflateFailed);
  });

  test("unwrapGzip refuses what is not a plain gzip member of the given size", () => {
    const data = Buffer.from("dữ liệu ".repeat(100));
    const gz = zlib.gzipSync(data);
    expect(consistent(unwrapGzip(gz, data.length))).toBe(true);
    expect(() => unwrapGzip(gz, data.length + 1)).toThrow();
    expect(() => unwrapGzip(zlib.deflateSync(data), data.length)).toThrow();
    const named = Buffer.from(gz);
    named[3] = 8; // FNAME: a header longer than 10 bytes
    expect(() => unwrapGzip(named, data.length)).toThrow();
  });
});

describe("packPlans", () => {
  const plans = [bigPlan(1500)];
  const state = { version: "1" };

  test("off the main thread, every part is the main thread's once inflated; only a large output goes there", async () => {
    expect(estimatedXmlBytes(plans)).toBeGreaterThan(ASYNC_FROM_BYTES);
    expect(estimatedXmlBytes([bigPlan(40)])).toBeLessThan(ASYNC_FROM_BYTES);
    const main = await packPlans(plans, state, 7, 1, "never");
    const off = await packPlans(plans, state, 7, 1, "always");
    expect(main.offMain).toBe(false);
    expect(off.offMain).toBe(true);
    expect((await packPlans(plans, state, 7, 1, "auto")).offMain).toBe(true);
    expect((await packPlans([bigPlan(40)], state, 7, 1, "auto")).offMain).toBe(false);
    expect(await sameParts(off.bytes, main.bytes)).toBe(true);
    expect([...off.sheets.keys()]).toEqual([...main.sheets.keys()]);
    expect([...off.notes.keys()]).toEqual(["xl/comments1.xml", "xl/drawings/vmlDrawing1.vml"]);
    for (const [name, s] of main.sheets) {
      const o = off.sheets.get(name)!;
      expect(o.xfOffset).toBe(s.xfOffset);
      expect(consistent(o.packed) && same(o.packed, s.packed)).toBe(true);
    }
    for (const [name, p] of main.notes) expect(consistent(off.notes.get(name)!) && same(off.notes.get(name)!, p)).toBe(true);
    // Several chunks went through the pool (more than its buffers).
    expect(main.notes.get("xl/drawings/vmlDrawing1.vml")!.uncompressedSize).toBeGreaterThan(5_000_000);
  });

  test.each([
    ["a stream failing at its first write", failingAt(1)],
    ["a stream failing half-way through the note drawing", failingAt(9)],
    ["a stream whose output is not gzip", (o: zlib.ZlibOptions) => zlib.createDeflateRaw(o) as unknown as zlib.Gzip],
  ])("%s: the package is written on the main thread instead, the same bytes", async (_what, stream) => {
    const main = await packPlans(plans, state, 0, 1, "never");
    const got = await packPlans(plans, state, 0, 1, "always", stream);
    expect(got.offMain).toBe(false);
    expect(await sameParts(got.bytes, main.bytes)).toBe(true);
    for (const [name, p] of main.notes) expect(Buffer.concat(got.notes.get(name)!.chunks).equals(Buffer.concat(p.chunks))).toBe(true);
  });

  test("a plan that cannot be written is refused off the main thread as on it", async () => {
    const bad = bigPlan(1500);
    bad.rows[1400]![3] = { value: Number.NaN };
    for (const use of ["never", "always"] as const) {
      const err = await packPlans([bad], state, 0, 1, use).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PortError);
      expect((err as PortError).message).toContain("Ô D1401 của sheet 'TongHop'");
    }
  });
});

describe("PackagePort off the main thread", () => {
  test("every part of the written workbook is the same either way", async () => {
    const roster = readFileSync(ROSTER);
    const write = async (use: "never" | "always") => {
      const port = new PackagePort(roster, ROSTER);
      port.deflateOffMain = use;
      await port.writeSheet({ ...bigPlan(900), state: { units: "900" } });
      return port.toBuffer();
    };
    const [a, b] = [await write("never"), await write("always")];
    expect(await sameParts(a, b)).toBe(true);
    expect([...(await partsOf(a)).keys()].filter((k) => /comments|vmlDrawing/.test(k))).toHaveLength(2);
  });
});
