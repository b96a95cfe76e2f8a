/** The parts of a zip (name → inflated bytes), read with JSZip: an independent check of PDV's zip code. */
import JSZip from "jszip";

export async function partsOf(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Buffer>();
  for (const f of Object.values(zip.files)) if (!f.dir) out.set(f.name, await f.async("nodebuffer"));
  return out;
}
