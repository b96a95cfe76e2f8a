/** Plain-text tables and clipped texts as `pdv` prints them. */

export type Align = "left" | "right";

/** A table with a header rule; columns padded to their widest cell (text is NFC, one char a column). */
export function table(headers: string[], rows: string[][], align: Align[] = []): string {
  const norm = (s: string) => s.normalize("NFC");
  const widths = headers.map((h, i) => Math.max(norm(h).length, ...rows.map((r) => norm(r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => {
        const t = norm(c ?? "");
        return align[i] === "right" ? t.padStart(widths[i]) : t.padEnd(widths[i]);
      })
      .join("  ")
      .trimEnd();
  const out = [line(headers), widths.map((w) => "-".repeat(w)).join("  ")];
  for (const r of rows) out.push(line(r));
  return out.join("\n");
}

/** Cut a text to `max` characters, with an ellipsis. */
export function clip(text: string, max: number): string {
  const t = text.normalize("NFC");
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}


/** A message on one line (line breaks and the spaces around them become one space). */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}
