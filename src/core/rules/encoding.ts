/**
 * Encoding rule E01: text typed in a legacy Vietnamese font (TCVN3 .VnTime, VNI-Times) is read
 * converted to Unicode (../legacy.ts), and the conversion is said, with the text as read.
 */
import type { Finding } from "../types";
import type { Place } from "../model";
import type { LegacyConversion } from "../legacy";
import { defineFamily, describePlace } from "./define";

export const encoding = defineFamily([{ id: "E01", severity: "warning", title: "Văn bản dùng bảng mã cũ (TCVN3/VNI) đã được chuyển sang Unicode" }]);

/** E01 at `p`: `what` ("Tên đơn vị TCCS05", an item's label) was converted as `conv` says. */
export function legacyText(p: Place, unit: string | null, what: string, conv: LegacyConversion): Finding {
  return encoding.finding(
    "E01",
    p,
    unit,
    `${what} tại ${describePlace(p)} dùng phông ${conv.font.font} (bảng mã ${conv.encodingLabel}); đã chuyển sang Unicode: "${conv.text}". Nên chuyển cả sổ sang Unicode.`,
  );
}
