/**
 * The metadata Excel reads (functions.json), generated from src/functions/functions.ts by the same
 * package the webpack plugin uses: ids, names, parameters, and Vietnamese help.
 */
import * as path from "path";
import { generateCustomFunctionsMetadata, type IFunction, type IFunctionParameter } from "custom-functions-metadata";

const SOURCE = path.resolve(__dirname, "../../src/functions/functions.ts");
/** A letter with a Vietnamese diacritic (a description in Vietnamese has several). */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

type Expected = { name: string; type: string; dimensionality?: string; optional?: boolean };
const COUNT = (name: string): Expected => ({ name, type: "any", dimensionality: "matrix" });
const DATE = (name: string, optional = false): Expected => ({ name, type: "any", optional });

const EXPECTED: Record<string, { result: string; params: Expected[] }> = {
  TYLE: { result: "number", params: [COUNT("da_ket_nap"), COUNT("chi_tieu")] },
  CONLAI: { result: "number", params: [COUNT("da_ket_nap"), COUNT("chi_tieu")] },
  TIENDO: {
    result: "number",
    params: [COUNT("da_ket_nap"), COUNT("chi_tieu"), DATE("ngay_chot"), DATE("ngay_dau", true), DATE("ngay_cuoi", true)],
  },
  DUBAO: { result: "number", params: [COUNT("da_ket_nap"), DATE("ngay_chot"), DATE("ngay_dau", true), DATE("ngay_cuoi", true)] },
  CANTHANG: { result: "number", params: [COUNT("da_ket_nap"), COUNT("chi_tieu"), DATE("ngay_chot"), DATE("ngay_cuoi", true)] },
  XEPLOAI: {
    result: "string",
    params: [COUNT("da_ket_nap"), COUNT("chi_tieu"), DATE("ngay_chot"), DATE("ngay_dau", true), DATE("ngay_cuoi", true)],
  },
  NHANXET: {
    result: "string",
    params: [COUNT("da_ket_nap"), COUNT("chi_tieu"), DATE("ngay_chot"), { name: "ten", type: "any", optional: true }],
  },
};

describe("custom functions metadata", () => {
  let functions: IFunction[];
  let associated: string[];

  beforeAll(async () => {
    const result = await generateCustomFunctionsMetadata(SOURCE);
    expect(result.errors).toEqual([]);
    functions = JSON.parse(result.metadataJson).functions as IFunction[];
    associated = result.associate.map((a) => `${a.id}=${a.functionName}`);
  });

  it("declares exactly the seven PDV functions, upper case, without diacritics", () => {
    expect(functions.map((f) => f.id).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const f of functions) {
      expect(f.name).toBe(f.id);
      expect(f.id).toMatch(/^[A-Z]+$/);
    }
    expect(associated.sort()).toEqual(Object.keys(EXPECTED).map((id) => `${id}=${id}`).sort());
  });

  it.each(Object.keys(EXPECTED))("%s has the spec's parameters and a Vietnamese description", (id) => {
    const f = functions.find((x) => x.id === id)!;
    expect(f).toBeDefined();
    const expected = EXPECTED[id];
    expect(f.result?.type).toBe(expected.result);
    expect(f.result?.dimensionality ?? "scalar").toBe("scalar");
    expect(f.description ?? "").toMatch(VIETNAMESE);
    expect((f.description ?? "").trim().length).toBeGreaterThan(10);
    expect(f.parameters.map((p: IFunctionParameter) => p.name)).toEqual(expected.params.map((p) => p.name));
    f.parameters.forEach((p: IFunctionParameter, i: number) => {
      const e = expected.params[i];
      expect(p.type).toBe(e.type);
      expect(p.dimensionality ?? "scalar").toBe(e.dimensionality ?? "scalar");
      expect(p.optional ?? false).toBe(e.optional ?? false);
      expect(p.repeating ?? false).toBe(false);
      expect(p.description ?? "").toMatch(VIETNAMESE);
      expect((p.description ?? "").trim().length).toBeGreaterThan(10);
    });
    // Required parameters come before optional ones, as Excel needs.
    const firstOptional = f.parameters.findIndex((p: IFunctionParameter) => p.optional);
    if (firstOptional >= 0) expect(f.parameters.slice(firstOptional).every((p: IFunctionParameter) => p.optional)).toBe(true);
  });

  it("keeps the descriptions in NFC", () => {
    for (const f of functions) {
      expect(f.description).toBe(f.description?.normalize("NFC"));
      for (const p of f.parameters) expect(p.description).toBe(p.description?.normalize("NFC"));
    }
  });
});
