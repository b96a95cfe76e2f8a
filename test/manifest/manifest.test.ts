/**
 * Offline checks of manifest.xml (Microsoft's validator is an online service, unreachable here):
 * well-formed per xmllint, element order as in the task pane schemas, every resid defined, one shared
 * runtime, the PDV namespace, ids and strings within limits, commands associated in the source,
 * Vietnamese labels, icons that exist at their declared sizes.
 */
import { execFileSync } from "child_process";
import { readFileSync, readdirSync, existsSync } from "fs";
import { join } from "path";
import { JSDOM } from "jsdom";

const ROOT = join(__dirname, "..", "..");
const MANIFEST = join(ROOT, "manifest.xml");
const DEV_URL = "https://localhost:3000/";
const OV_NS = "http://schemas.microsoft.com/office/taskpaneappversionoverrides";
const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

const text = readFileSync(MANIFEST, "utf8");
const { window } = new JSDOM("");
const doc = new window.DOMParser().parseFromString(text, "text/xml");
const root = doc.documentElement;

const kids = (el: Element): Element[] => Array.from(el.children);
const names = (el: Element): string[] => kids(el).map((c) => c.localName);
const all = (name: string): Element[] => Array.from(doc.getElementsByTagNameNS("*", name));
const one = (name: string): Element => {
  const found = all(name);
  if (found.length !== 1) throw new Error(`expected one <${name}>, found ${found.length}`);
  return found[0];
};
const xsiType = (el: Element) => el.getAttributeNS(XSI_NS, "type");
const child = (el: Element, name: string): Element | undefined => kids(el).find((c) => c.localName === name);

/** The children of `el` appear in the order of `order` (each name known; `+` names may repeat). */
function expectOrder(el: Element, order: string[]): void {
  const seen = names(el);
  for (const n of seen) expect(order).toContain(n);
  const positions = seen.map((n) => order.indexOf(n));
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
}

/** Resource ids by kind. */
function resources(kind: "Images" | "Urls" | "ShortStrings" | "LongStrings"): Map<string, string> {
  const map = new Map<string, string>();
  for (const el of kids(one(kind))) {
    const id = el.getAttribute("id")!;
    expect(map.has(id)).toBe(false);
    map.set(id, el.getAttribute("DefaultValue") ?? "");
  }
  return map;
}
const images = resources("Images");
const urls = resources("Urls");
const shortStrings = resources("ShortStrings");
const longStrings = resources("LongStrings");

const VIETNAMESE = /[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i;

describe("manifest.xml", () => {
  test("is well-formed per xmllint (libxml2-utils must be installed)", () => {
    let version = "";
    try {
      version = execFileSync("xmllint", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (err) {
      throw new Error(`xmllint is missing (apt-get install libxml2-utils): ${(err as Error).message}`);
    }
    expect(version).toBeDefined();
    expect(() => execFileSync("xmllint", ["--noout", MANIFEST], { stdio: "pipe" })).not.toThrow();
    expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
  });

  test("is a TaskPaneApp for Excel (Workbook), schema 1.1, default locale vi-VN", () => {
    expect(root.localName).toBe("OfficeApp");
    expect(root.namespaceURI).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
    expect(xsiType(root)).toBe("TaskPaneApp");
    expect(child(root, "DefaultLocale")?.textContent).toBe("vi-VN");
    expect(kids(child(root, "Hosts")!).map((h) => h.getAttribute("Name"))).toEqual(["Workbook"]);
    expect(child(root, "Id")?.textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  test("asks only for ReadWriteDocument", () => {
    const permissions = all("Permissions");
    expect(permissions).toHaveLength(1);
    expect(permissions[0].textContent?.trim()).toBe("ReadWriteDocument");
  });

  test("requires SharedRuntime 1.1, CustomFunctionsRuntime 1.3 (CustomFunctions.ErrorCode), DialogApi 1.1 and an ExcelApi version", () => {
    const sets = new Map(all("Set").map((s) => [s.getAttribute("Name"), s.getAttribute("MinVersion")]));
    expect(sets.get("SharedRuntime")).toBe("1.1");
    expect(sets.get("CustomFunctionsRuntime")).toBe("1.3");
    expect(sets.get("DialogApi")).toBe("1.1");
    expect(sets.get("ExcelApi")).toMatch(/^1\.\d+$/);
  });

  test("elements are in schema order", () => {
    expectOrder(root, [
      "Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
      "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions",
      "VersionOverrides",
    ]);
    const vo = child(root, "VersionOverrides")!;
    expect(vo.namespaceURI).toBe(OV_NS);
    expect(xsiType(vo)).toBe("VersionOverridesV1_0"); // TaskPaneApp supports VersionOverrides 1.0 only
    expectOrder(vo, ["Description", "Requirements", "Hosts", "Resources", "WebApplicationInfo", "EquivalentAddins"]);
    const host = all("Host").find((h) => h.namespaceURI === OV_NS && xsiType(h) === "Workbook")!;
    expect(host).toBeDefined();
    expectOrder(host, ["Runtimes", "AllFormFactors", "DesktopFormFactor"]);
    expectOrder(one("DesktopFormFactor"), ["GetStarted", "FunctionFile", "ExtensionPoint"]);
    expectOrder(one("GetStarted"), ["Title", "Description", "LearnMoreUrl"]);
    const cf = all("ExtensionPoint").find((e) => xsiType(e) === "CustomFunctions")!;
    expect(names(cf)).toEqual(["Script", "Page", "Metadata", "Namespace"]);
    for (const tab of all("CustomTab")) expectOrder(tab, ["Group", "Label"]);
    for (const group of all("Group")) expectOrder(group, ["Label", "Icon", "Control"]);
    for (const control of all("Control")) expect(names(control)).toEqual(["Label", "Supertip", "Icon", "Action"]);
    for (const tip of all("Supertip")) expect(names(tip)).toEqual(["Title", "Description"]);
    expect(names(one("Resources"))).toEqual(["Images", "Urls", "ShortStrings", "LongStrings"]);
  });

  test("every resid resolves to a resource of the right kind (ids of at most 32 characters)", () => {
    const withResid = Array.from(doc.getElementsByTagNameNS("*", "*")).filter((e) => e.hasAttribute("resid"));
    expect(withResid.length).toBeGreaterThan(10);
    for (const el of withResid) {
      const resid = el.getAttribute("resid")!;
      expect(resid.length).toBeLessThanOrEqual(32);
      const parent = el.parentElement!.localName;
      let pool: Map<string, string>;
      if (el.localName === "Image") pool = images;
      else if (["SourceLocation", "Runtime", "FunctionFile", "LearnMoreUrl"].includes(el.localName)) pool = urls;
      else if (el.localName === "Description") pool = longStrings;
      else if (["Label", "Title", "Namespace"].includes(el.localName)) pool = shortStrings;
      else throw new Error(`unexpected resid on <${el.localName}> in <${parent}>`);
      if (!pool.has(resid)) throw new Error(`<${el.localName} resid="${resid}"> in <${parent}> is not defined`);
    }
    for (const pool of [images, urls, shortStrings, longStrings]) for (const id of pool.keys()) expect(id.length).toBeLessThanOrEqual(32);
  });

  test("one long-lived shared runtime: Runtime, custom-functions Page, FunctionFile and the task pane share one page", () => {
    const runtimes = all("Runtime");
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0].getAttribute("lifetime")).toBe("long");
    const resid = runtimes[0].getAttribute("resid")!;
    const page = child(one("Page"), "SourceLocation")!;
    expect(page.getAttribute("resid")).toBe(resid);
    expect(one("FunctionFile").getAttribute("resid")).toBe(resid);
    const showTaskpane = all("Action").filter((a) => xsiType(a) === "ShowTaskpane");
    expect(showTaskpane).toHaveLength(1);
    expect(child(showTaskpane[0], "SourceLocation")!.getAttribute("resid")).toBe(resid);
    expect(urls.get(resid)).toBe(`${DEV_URL}taskpane.html`);
    expect(child(root, "DefaultSettings")!.firstElementChild!.getAttribute("DefaultValue")).toBe(`${DEV_URL}taskpane.html`);
  });

  test("custom functions: namespace PDV, metadata functions.json, script functions.js", () => {
    expect(shortStrings.get(one("Namespace").getAttribute("resid")!)).toBe("PDV");
    expect(urls.get(child(one("Metadata"), "SourceLocation")!.getAttribute("resid")!)).toBe(`${DEV_URL}functions.json`);
    expect(urls.get(child(one("Script"), "SourceLocation")!.getAttribute("resid")!)).toBe(`${DEV_URL}functions.js`);
  });

  test("control, group and tab ids are unique and at most 125 characters", () => {
    const ids = [...all("Control"), ...all("Group"), ...all("CustomTab")].map((e) => e.getAttribute("id")!);
    expect(ids.length).toBe(5);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id.length).toBeGreaterThan(0);
      expect(id.length).toBeLessThanOrEqual(125);
    }
  });

  test("one task pane per shared runtime: no action carries a TaskpaneId", () => {
    expect(all("TaskpaneId")).toEqual([]);
    expect(all("Runtime").map((r) => r.getAttribute("lifetime"))).toEqual(["long"]);
  });

  test("ribbon: tab Phát triển Đảng viên with Kiểm tra, Tổng hợp (commands) and Bảng điều khiển (task pane)", () => {
    const tab = one("CustomTab");
    expect(shortStrings.get(child(tab, "Label")!.getAttribute("resid")!)).toBe("Phát triển Đảng viên");
    const buttons = all("Control").map((c) => {
      const action = child(c, "Action")!;
      return {
        type: c.getAttributeNS(XSI_NS, "type"),
        label: shortStrings.get(child(c, "Label")!.getAttribute("resid")!),
        action: xsiType(action),
        fn: child(action, "FunctionName")?.textContent,
      };
    });
    expect(buttons).toEqual([
      { type: "Button", label: "Kiểm tra", action: "ExecuteFunction", fn: "validateWorkbook" },
      { type: "Button", label: "Tổng hợp", action: "ExecuteFunction", fn: "consolidateWorkbook" },
      { type: "Button", label: "Bảng điều khiển", action: "ShowTaskpane", fn: undefined },
    ]);
  });

  test("every ExecuteFunction is associated in src/commands", () => {
    const dir = join(ROOT, "src", "commands");
    const source = readdirSync(dir)
      .filter((f) => f.endsWith(".ts"))
      .map((f) => readFileSync(join(dir, f), "utf8"))
      .join("\n");
    const associated = new Set(Array.from(source.matchAll(/Office\.actions\.associate\(\s*["']([^"']+)["']/g), (m) => m[1]));
    const functionNames = all("FunctionName").map((f) => f.textContent!.trim());
    expect(functionNames.length).toBe(2);
    for (const fn of functionNames) expect(associated).toContain(fn);
  });

  test("labels, tips and descriptions are Vietnamese (NFC) and within the length limits", () => {
    for (const [id, value] of shortStrings) {
      expect(value.length).toBeGreaterThan(0);
      expect(value.length).toBeLessThanOrEqual(125);
      expect(value).toBe(value.normalize("NFC"));
      if (id !== "Functions.Namespace") expect(`${id}: ${value}`).toMatch(VIETNAMESE);
    }
    for (const [id, value] of longStrings) {
      expect(value.length).toBeLessThanOrEqual(250);
      expect(value).toBe(value.normalize("NFC"));
      expect(`${id}: ${value}`).toMatch(VIETNAMESE);
    }
    for (const name of ["DisplayName", "Description"]) {
      const value = child(root, name)!.getAttribute("DefaultValue")!;
      expect(value).toMatch(VIETNAMESE);
      expect(value.length).toBeLessThanOrEqual(name === "DisplayName" ? 125 : 250);
    }
  });

  test("every URL is https under the development URL (so the production build rewrites them all)", () => {
    // Every attribute value that is a URL (namespace declarations aside).
    const values = Array.from(doc.getElementsByTagNameNS("*", "*")).flatMap((e) =>
      Array.from(e.attributes)
        .filter((a) => a.name !== "xmlns" && a.prefix !== "xmlns" && /^[a-z]+:\/\//i.test(a.value))
        .map((a) => a.value),
    );
    expect(values.length).toBeGreaterThan(8);
    for (const v of values) expect(v.startsWith(DEV_URL)).toBe(true);
  });

  test("icons exist in assets/ at their declared sizes (16, 32, 80 for the ribbon)", () => {
    const pngSize = (file: string) => {
      const b = readFileSync(file);
      expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      return [b.readUInt32BE(16), b.readUInt32BE(20)];
    };
    const local = (url: string) => join(ROOT, url.slice(DEV_URL.length));
    const sizes = new Set<string>();
    for (const img of all("Image").filter((i) => i.hasAttribute("size"))) {
      const size = Number(img.getAttribute("size"));
      const file = local(images.get(img.getAttribute("resid")!)!);
      expect(existsSync(file)).toBe(true);
      expect(pngSize(file)).toEqual([size, size]);
      sizes.add(String(size));
    }
    expect([...sizes].sort()).toEqual(["16", "32", "80"]);
    expect(pngSize(local(child(root, "IconUrl")!.getAttribute("DefaultValue")!))).toEqual([32, 32]);
    expect(pngSize(local(child(root, "HighResolutionIconUrl")!.getAttribute("DefaultValue")!))).toEqual([64, 64]);
    for (const url of [child(root, "SupportUrl")!.getAttribute("DefaultValue")!, urls.get("GetStarted.LearnMoreUrl")!]) {
      expect(existsSync(local(url))).toBe(true);
    }
  });
});
