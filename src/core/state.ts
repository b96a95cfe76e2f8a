/**
 * The add-in state kept with the workbook (Office: workbook settings; .xlsx: the very hidden
 * sheet `_pdv_state`): the keys PDV stores when it writes TongHop, and the text of the time it
 * stores, which rule G01 quotes ("lập lúc 14:05 ngày 06/09/2020") whichever shell made TongHop.
 */

/** Key of the fingerprint of the inputs of the last consolidation (rule G01, core/fingerprint.ts). */
export const STATE_FINGERPRINT = "pdv.tongHop.fingerprint";
/** Key of the time of the last consolidation, as `stampText` writes it. */
export const STATE_TIME = "pdv.tongHop.time";
/**
 * Key of the fingerprint of the report copies a feedback file holds as written by `pdv feedback`
 * (core/own-output.ts `copiesFingerprint`): equal when read back, the file is PDV's unedited
 * output; different, the unit edited its report in the copy and sent it back.
 */
export const STATE_FEEDBACK_COPIES = "pdv.phanHoi.copies";

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Local time as "14:05 ngày 06/09/2020": the time stored with TongHop and quoted by G01. */
export function stampText(d: Date): string {
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())} ngày ${pad2(d.getDate())}/${pad2(d.getMonth() + 1)}/${d.getFullYear()}`;
}
