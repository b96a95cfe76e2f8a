/**
 * The dialog a ribbon command opens when it failed without a sheet to say why: its page shows the
 * title and message it is given, and its Content-Security-Policy allows exactly its one script.
 */
import { createHash } from "crypto";
import { readFileSync } from "fs";
import { join } from "path";
import { JSDOM } from "jsdom";

const PAGE = join(__dirname, "..", "..", "assets", "thong-bao.html");

test("the page shows the title and the message from its URL, as text", () => {
  const html = readFileSync(PAGE, "utf8");
  const url = new URL("https://pdv.example/assets/thong-bao.html");
  url.searchParams.set("t", "Kiểm tra");
  url.searchParams.set("m", "Không kiểm tra được do lỗi ngoài dự kiến (GeneralException): <b>x</b>");
  const dom = new JSDOM(html, { url: url.toString(), runScripts: "dangerously" });
  const doc = dom.window.document;
  expect(doc.getElementById("t")!.textContent).toBe("Kiểm tra");
  expect(doc.getElementById("m")!.textContent).toBe("Không kiểm tra được do lỗi ngoài dự kiến (GeneralException): <b>x</b>");
  expect(doc.querySelector("#m b")).toBeNull();
});

test("the CSP's script hash is the hash of the page's inline script (edit both together)", () => {
  const html = readFileSync(PAGE, "utf8");
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
  const hash = createHash("sha256").update(script, "utf8").digest("base64");
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1];
  expect(csp).toContain(`script-src 'sha256-${hash}'`);
  expect(csp).toContain("default-src 'none'");
});
