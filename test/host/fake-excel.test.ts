/**
 * The strict fake Excel host behaves as shared/notes/excel-api-facts.md says (suggested tests 1–10
 * and a few more the adapter relies on).
 */
import { createFakeExcel, FakeOfficeError, type FakeRequestContext, type FakeRange } from "../../src/host/fake-excel";
import { rejection } from "../helpers/rejection";

function setup(extra: Parameters<typeof createFakeExcel>[0] = {}) {
  return createFakeExcel({
    sheets: [
      { name: "Sheet1", values: [[1, "a"], [2, "b"]] },
      { name: "Blank" },
    ],
    ...extra,
  });
}


function thrown(fn: () => unknown): FakeOfficeError {
  try {
    fn();
  } catch (e) {
    return e as FakeOfficeError;
  }
  throw new Error("expected a throw");
}

describe("1. PropertyNotLoaded", () => {
  test("unloaded and loaded-but-not-synced reads throw; after sync and after a set they read", async () => {
    const { Excel } = setup();
    await Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2");
      const e1 = thrown(() => range.values);
      expect(e1).toBeInstanceOf(FakeOfficeError);
      expect(e1).toBeInstanceOf(Error);
      expect(e1.code).toBe("PropertyNotLoaded");
      expect(e1.message).toBe(
        `The property 'values' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
      expect(e1.debugInfo.errorLocation).toBe("Range.values");
      expect(e1.httpStatusCode).toBe(400);
      range.load("values, address");
      expect(thrown(() => range.values).code).toBe("PropertyNotLoaded");
      await ctx.sync();
      expect(range.values).toEqual([[1, "a"], [2, "b"]]);
      expect(range.address).toBe("Sheet1!A1:B2");
      expect(thrown(() => range.rowCount).debugInfo.errorLocation).toBe("Range.rowCount");

      const other = ctx.workbook.worksheets.getItem("Sheet1").getRange("C1");
      other.values = [[7]];
      expect(other.values).toEqual([[7]]);
      expect(thrown(() => other.format.font.bold).debugInfo.errorLocation).toBe("RangeFont.bold");
      range.load("format/font/bold");
      await ctx.sync();
      expect(range.format.font.bold).toBe(false);
    });
  });

  test("collections: items unloaded throws; load('items/name') fills them", async () => {
    const { Excel } = setup();
    await Excel.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      expect(thrown(() => sheets.items).code).toBe("PropertyNotLoaded");
      sheets.load("items/name");
      await ctx.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["Sheet1", "Blank"]);
      expect(thrown(() => sheets.items[0].visibility).code).toBe("PropertyNotLoaded");
    });
  });

  test("load argument of the wrong type throws InvalidArgument synchronously", () => {
    const { Excel } = setup();
    return Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
      const e = thrown(() => r.load({ select: 5 } as never));
      expect(e.code).toBe("InvalidArgument");
      expect(e.message).toBe("The argument 'option.select' doesn't work for this situation, is missing, or isn't in the right format.");
      await ctx.sync();
    });
  });
});

describe("2. isNullObject", () => {
  test("throws before sync, true/false after, null-object getters return undefined", async () => {
    const { Excel } = setup();
    await Excel.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      const there = ctx.workbook.worksheets.getItemOrNullObject("sheet1");
      const e = thrown(() => missing.isNullObject);
      expect(e.code).toBe("PropertyNotLoaded");
      expect(e.message).toContain("'isNullObject'");
      missing.load("name");
      there.load("name");
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(there.isNullObject).toBe(false);
      expect(missing.name).toBeUndefined();
      expect(there.name).toBe("Sheet1");
    });
  });
});

describe("3. partial application", () => {
  test("[set A1, getItem(Missing), set B1]: ItemNotFound at getItem, A1 applied, B1 not", async () => {
    const { Excel, host } = setup();
    const e = await rejection(
      Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Sheet1");
        ws.getRange("A1").values = [["first"]];
        ctx.workbook.worksheets.getItem("Missing");
        ws.getRange("B1").values = [["second"]];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("ItemNotFound");
    expect(e.name).toBe("RichApi.Error");
    expect(e.message).toBe("The requested resource doesn't exist.");
    expect(e.toString()).toBe("ItemNotFound: The requested resource doesn't exist.");
    expect(e.debugInfo.errorLocation).toBe("WorksheetCollection.getItem");
    expect(e.debugInfo.statement).toMatch(/getItem\(\.\.\.\);$/);
    const s = e.debugInfo.surroundingStatements ?? [];
    expect(s[s.indexOf("// >>>>>") + 1]).toBe(e.debugInfo.statement);
    expect(s[s.indexOf("// >>>>>") + 2]).toBe("// <<<<<");
    expect(e.debugInfo.fullStatements).toEqual(["Please enable config.extendedErrorLogging to see full statements."]);
    const d = host.dump("Sheet1");
    expect(d.values[0][0]).toBe("first");
    expect(d.values[0][1]).toBe("a");
  });

  test("loads queued before the failure are processed and readable in the catch", async () => {
    const { Excel } = setup();
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
      r.load("values");
      ctx.workbook.worksheets.getItem("Missing");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
      expect(r.values).toEqual([[1]]);
    });
  });
});

describe("4. dimensions", () => {
  test("a 2×2 array written to A1:C3 fails at sync with the dimension message", async () => {
    const { Excel, host } = setup();
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Blank").getRange("A1:C3");
      r.values = [[1, 2], [3, 4]];
      const e = await rejection(ctx.sync());
      expect(e.code).toBe("InvalidArgument");
      expect(e.message).toBe("The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
      expect(e.debugInfo.errorLocation).toBe("Range.values");
      expect(e.debugInfo.statement).toBe(`${r["_var"]}.values=...;`);
    });
    expect(host.dump("Blank").values).toEqual([]);
  });
});

describe("5. used range", () => {
  test("getUsedRange on a blank sheet is A1; the OrNullObject form is a null object", async () => {
    const { Excel } = setup();
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Blank");
      const used = ws.getUsedRange().load("address");
      const none = ws.getUsedRangeOrNullObject().load("address");
      const full = ctx.workbook.worksheets.getItem("Sheet1").getUsedRange(true).load("address");
      await ctx.sync();
      expect(used.address).toBe("Blank!A1");
      expect(none.isNullObject).toBe(true);
      expect(none.address).toBeUndefined();
      expect(full.address).toBe("Sheet1!A1:B2");
    });
  });
});

describe("6. sheet names", () => {
  test.each([
    ["Sheet1", "ItemAlreadyExists"],
    ["SHEET1", "ItemAlreadyExists"],
    ["x".repeat(32), "InvalidArgument"],
    ["a/b", "InvalidArgument"],
    ["a\\b", "InvalidArgument"],
    ["a?b", "InvalidArgument"],
    ["a*b", "InvalidArgument"],
    ["a:b", "InvalidArgument"],
    ["a[b", "InvalidArgument"],
    ["a]b", "InvalidArgument"],
    ["'ab", "InvalidArgument"],
  ])("add(%j) → %s at sync", async (name, code) => {
    const { Excel, host } = setup();
    const e = await rejection(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.add(name);
        await ctx.sync();
      }),
    );
    expect(e.code).toBe(code);
    expect(e.debugInfo.errorLocation).toBe("WorksheetCollection.add");
    expect(host.sheetNames()).toEqual(["Sheet1", "Blank"]);
  });

  test("a 31-character name is fine", async () => {
    const { Excel, host } = setup();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.add("x".repeat(31));
      await ctx.sync();
    });
    expect(host.sheetNames()).toHaveLength(3);
  });
});

describe("7. Excel.run", () => {
  test("a throwing batch: same error out, queued writes discarded", async () => {
    const { Excel, host } = setup();
    const boom = new Error("boom");
    const e = await rejection(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["changed"]];
        throw boom;
      }),
    );
    expect(e).toBe(boom);
    expect(host.dump("Sheet1").values[0][0]).toBe(1);
    expect(host.stats.syncs).toBe(0);
  });

  test("a batch returning a non-thenable → RunMustReturnPromise", async () => {
    const { Excel, host } = setup();
    const e = await rejection(
      Excel.run(((ctx: FakeRequestContext) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["changed"]];
        return 42;
      }) as never),
    );
    expect(e.code).toBe("RunMustReturnPromise");
    expect(host.dump("Sheet1").values[0][0]).toBe(1);
  });

  test("the batch's value comes back after the implicit final sync", async () => {
    const { Excel, host } = setup();
    const v = await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["late"]];
      return "done";
    });
    expect(v).toBe("done");
    expect(host.dump("Sheet1").values[0][0]).toBe("late");
    expect(host.stats.syncs).toBe(1);
  });

  test("a failing implicit sync rejects the run", async () => {
    const { Excel } = setup();
    const e = await rejection(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Missing").getRange("A1").values = [[1]];
        return "never";
      }),
    );
    expect(e.code).toBe("ItemNotFound");
  });
});

describe("8. InvalidObjectPath", () => {
  test("a range used after its run ended throws synchronously; a tracked one does not", async () => {
    const { Excel } = setup();
    let kept: FakeRange | undefined;
    let tracked: FakeRange | undefined;
    await Excel.run(async (ctx) => {
      kept = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").load("values");
      tracked = ctx.workbook.worksheets.getItem("Sheet1").getRange("B1").load("values");
      ctx.trackedObjects.add(tracked);
      await ctx.sync();
      expect(kept.values).toEqual([[1]]);
    });
    const e = thrown(() => kept!.values);
    expect(e.code).toBe("InvalidObjectPath");
    expect(e.message).toMatch(/^The object path '.+' isn't working for what you're trying to do\./);
    expect(thrown(() => (kept!.values = [[2]])).code).toBe("InvalidObjectPath");
    expect(thrown(() => kept!.format.font.bold).code).toBe("InvalidObjectPath");
    expect(tracked!.values).toEqual([["a"]]);
  });

  test("ranges of two contexts mixed → InvalidRequestContext", async () => {
    const { Excel } = setup();
    await Excel.run(async (a) => {
      await Excel.run(async (b) => {
        const r = a.workbook.worksheets.getItem("Sheet1").getRange("A1:B2");
        const e = thrown(() => b.workbook.worksheets.getItem("Sheet1").charts.add("ColumnClustered", r));
        expect(e.code).toBe("InvalidRequestContext");
      });
    });
  });
});

describe("9. ClientResult", () => {
  test("value before sync → ValueNotLoaded; after sync the count", async () => {
    const { Excel } = setup();
    await Excel.run(async (ctx) => {
      const count = ctx.workbook.worksheets.getCount();
      const e = thrown(() => count.value);
      expect(e.code).toBe("ValueNotLoaded");
      expect(e.debugInfo.errorLocation).toBe("clientResult.value");
      await ctx.sync();
      expect(count.value).toBe(2);
    });
  });
});

describe("10. payload limits", () => {
  test("a request over 5 MB → RequestPayloadSizeLimitExceeded, nothing applied", async () => {
    const { Excel, host } = setup();
    const big = Array.from({ length: 1000 }, () => Array.from({ length: 10 }, () => "x".repeat(600)));
    const e = await rejection(
      Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Blank");
        ws.getRange("A1").values = [["small first"]];
        ws.getRange("A2:J1001").values = big;
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(e.httpStatusCode).toBe(400);
    expect(e.debugInfo.errorLocation).toBeUndefined();
    expect(host.dump("Blank").values).toEqual([]);
    expect(host.stats.log[0].requestBytes).toBeGreaterThan(5 * 1024 * 1024);
  });

  test("a response over the limit → ResponsePayloadSizeLimitExceeded and the batch's writes are rolled back", async () => {
    const { Excel, host } = setup({ payloadLimit: 4000 });
    const e = await rejection(
      Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Blank");
        const r = ws.getRange("A1:A40");
        r.values = Array.from({ length: 40 }, (_, i) => [`row ${i} `.padEnd(40, "y")]);
        ctx.workbook.worksheets.add("New");
        r.load("values, text, formulas");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("ResponsePayloadSizeLimitExceeded");
    expect(host.stats.log[0].requestBytes).toBeLessThan(4000);
    expect(host.dump("Blank").values).toEqual([]);
    expect(host.sheetNames()).toEqual(["Sheet1", "Blank"]);
  });

  test("syncs and bytes are counted per round trip; empty syncs are not round trips", async () => {
    const { Excel, host } = setup();
    await Excel.run(async (ctx) => {
      await ctx.sync();
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").load("values");
      await ctx.sync();
    });
    expect(host.stats.syncs).toBe(1);
    expect(host.stats.emptySyncs).toBe(2);
    expect(host.stats.log[0].requestBytes).toBeGreaterThan(50);
    expect(host.stats.log[0].requestBytes).toBeLessThan(4000);
    expect(host.stats.log[0].responseBytes).toBeGreaterThan(JSON.stringify([[1, "a"], [2, "b"]]).length);
  });
});

describe("faults, writes, requirement sets", () => {
  test("failSync(n, code, afterActions) applies the first commands only", async () => {
    const { Excel, host } = setup();
    // Commands: getItem, getRange(A1), A1.values=, getRange(A2), A2.values=. Fail before the fourth.
    host.failSync(1, "GeneralException", { afterActions: 3 });
    const e = await rejection(
      Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Blank");
        ws.getRange("A1").values = [["one"]];
        ws.getRange("A2").values = [["two"]];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("GeneralException");
    expect(e.message).toBe("There was an internal error while processing the request.");
    expect(host.dump("Blank").values).toEqual([["one"]]);
  });

  test("strings: =, +, -, @ become formulas; an apostrophe or '@' format keeps text", async () => {
    const { Excel, host } = setup();
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Blank");
      ws.getRange("A1:F1").values = [["=1+1", "+1", "-x", "@x", "'=cmd", "-5"]];
      const b = ws.getRange("A2");
      b.numberFormat = [["@"]];
      b.values = [["=SUM(A1)"]];
      ws.getRange("A3:C3").values = [["0123", "TRUE", "2020-01-01"]];
      await ctx.sync();
    });
    const d = host.dump("Blank");
    expect(d.formulas[0]).toEqual(["=1+1", "=+1", "=-x", "=@x", null, null]);
    expect(d.values[0][4]).toBe("=cmd");
    expect(d.values[0][5]).toBe(-5);
    expect(d.formulas[1][0]).toBeNull();
    expect(d.values[1][0]).toBe("=SUM(A1)");
    expect(d.values[2].slice(0, 3)).toEqual([123, true, 43831]);
  });

  test("an API above the supported requirement set throws ApiNotFound", async () => {
    const { Excel, Office } = setup({ apiVersion: "1.3" });
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.3")).toBe(true);
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.10")).toBe(false);
    await Excel.run(async (ctx) => {
      const e = thrown(() => ctx.workbook.worksheets.getItemOrNullObject("x"));
      expect(e.code).toBe("ApiNotFound");
      expect(e.message).toBe(
        "The method or property WorksheetCollection.getItemOrNullObject is part of the ExcelApi 1.4 requirement set, which is not available in your version of Excel.",
      );
    });
  });

  test("delete of the last visible sheet and of a VeryHidden sheet → InvalidOperation", async () => {
    const { Excel } = createFakeExcel({ sheets: [{ name: "Only" }, { name: "Secret", visibility: "VeryHidden" }] });
    for (const name of ["Only", "Secret"]) {
      const e = await rejection(
        Excel.run(async (ctx) => {
          ctx.workbook.worksheets.getItem(name).delete();
          await ctx.sync();
        }),
      );
      expect(e.code).toBe("InvalidOperation");
    }
  });

  test("settings are JSON round-tripped, Dates revived", async () => {
    const { Excel, host } = setup();
    const when = new Date(Date.UTC(2020, 5, 30));
    await Excel.run(async (ctx) => {
      ctx.workbook.settings.add("k", { at: when, n: 1 });
      await ctx.sync();
      const s = ctx.workbook.settings.getItem("k").load("value");
      const missing = ctx.workbook.settings.getItemOrNullObject("none").load("value");
      await ctx.sync();
      expect(s.value).toEqual({ at: when, n: 1 });
      expect(missing.isNullObject).toBe(true);
    });
    expect(host.settings()).toEqual({ k: { at: when, n: 1 } });
  });

  test("latency is simulated per round trip", async () => {
    const { Excel } = setup({ latencyMs: 30 });
    const t0 = Date.now();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.load("items/name");
      await ctx.sync();
      ctx.workbook.worksheets.load("items/name");
      await ctx.sync();
    });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(55);
  });
});

describe("workbook.insertWorksheetsFromBase64 (ExcelApi 1.13)", () => {
  // A stand-in file format for these tests: base64 of the seed sheets' JSON.
  const encode = (sheets: unknown): string => btoa(unescape(encodeURIComponent(JSON.stringify(sheets))));
  const decodeWorkbook = (b64: string) => JSON.parse(decodeURIComponent(escape(atob(b64))));
  const file = encode([
    { name: "Hướng dẫn", values: [["đọc kỹ"]] },
    { name: "Sheet1", values: [[10, "=A1*2"]], formulas: [[null, "=A1*2"]] },
    { name: "Ẩn", values: [[1]], visibility: "Hidden" },
  ]);

  test("ids readable only after sync; a taken name becomes 'Name (2)'; at the end by default", async () => {
    const { Excel, host } = setup({ decodeWorkbook });
    await Excel.run(async (ctx) => {
      const ids = ctx.workbook.insertWorksheetsFromBase64(file, { sheetNamesToInsert: ["sheet1"] });
      expect(thrown(() => ids.value).code).toBe("ValueNotLoaded");
      await ctx.sync();
      expect(ids.value).toHaveLength(1);
      const ws = ctx.workbook.worksheets.getItem(ids.value[0]);
      ws.load("name,position");
      await ctx.sync();
      expect([ws.name, ws.position]).toEqual(["Sheet1 (2)", 2]);
    });
    expect(host.dump("Sheet1 (2)").formulas).toEqual([[null, "=A1*2"]]);
    expect(host.dump("Sheet1").values).toEqual([[1, "a"], [2, "b"]]);
  });

  test("all sheets when no names are given, in file order, keeping visibility; Beginning / After", async () => {
    const { Excel, host } = setup({ decodeWorkbook });
    await Excel.run(async (ctx) => {
      ctx.workbook.insertWorksheetsFromBase64(file, { positionType: "Beginning" });
      ctx.workbook.insertWorksheetsFromBase64(encode([{ name: "Sau" }]), { positionType: "After", relativeTo: "Sheet1" });
      await ctx.sync();
    });
    expect(host.sheetNames()).toEqual(["Hướng dẫn", "Sheet1 (2)", "Ẩn", "Sheet1", "Sau", "Blank"]);
    expect(host.dump("Ẩn").visibility).toBe("Hidden");
  });

  test("the suffix keeps names under 32 characters", async () => {
    const long = "Chi bộ Tân Đức 0001 thôn Phú Yê"; // 31 characters
    const { Excel, host } = setup({ decodeWorkbook, sheets: [{ name: long }] });
    await Excel.run(async (ctx) => {
      ctx.workbook.insertWorksheetsFromBase64(encode([{ name: long }]));
      await ctx.sync();
    });
    expect(host.sheetNames()).toEqual([long, "Chi bộ Tân Đức 0001 thôn Ph (2)"]);
  });

  test("below 1.13 → ApiNotFound at the call; without a decoder → a plain set-up error", async () => {
    const old = setup({ apiVersion: "1.12", decodeWorkbook });
    await old.Excel.run(async (ctx) => {
      const e = thrown(() => ctx.workbook.insertWorksheetsFromBase64(file));
      expect(e.code).toBe("ApiNotFound");
      expect(e.message).toContain("ExcelApi 1.13");
    });
    const bare = setup();
    await bare.Excel.run(async (ctx) => {
      expect(() => ctx.workbook.insertWorksheetsFromBase64(file)).toThrow(/decodeWorkbook/);
    });
  });

  test("an unreadable file or a missing sheet name fails with InvalidArgument at sync; nothing inserted", async () => {
    const { Excel, host } = setup({ decodeWorkbook });
    const before = host.snapshot();
    for (const [b64, names] of [["not base64!", undefined], [file, ["Không có"]]] as const) {
      const e = await rejection(
        Excel.run(async (ctx) => {
          ctx.workbook.insertWorksheetsFromBase64(b64, { sheetNamesToInsert: names ? [...names] : undefined });
          await ctx.sync();
        }),
      );
      expect(e.code).toBe("InvalidArgument");
      expect(e.debugInfo.errorLocation).toBe("Workbook.insertWorksheetsFromBase64");
    }
    expect(host.snapshot()).toBe(before);
  });

  test("the base64 counts in the request payload", async () => {
    const { Excel, host } = setup({ decodeWorkbook, payloadLimit: 1_000 });
    const big = encode([{ name: "To", values: [["x".repeat(2_000)]] }]);
    const e = await rejection(
      Excel.run(async (ctx) => {
        ctx.workbook.insertWorksheetsFromBase64(big);
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(host.sheetNames()).toEqual(["Sheet1", "Blank"]);
  });
});
