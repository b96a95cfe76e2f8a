/**
 * Base64 without Node's Buffer: the task pane, the preview and the fake Excel host run in a
 * browser. Uses btoa/atob (browsers, Node 16+) on binary strings built in chunks, so a file of a
 * few megabytes does not overflow the argument list of String.fromCharCode.
 */

const CHUNK = 0x8000;

/** Standard base64 (with padding) of `bytes`, as Excel's insertWorksheetsFromBase64 expects. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** The bytes of a standard base64 string; throws (DOMException/Error) when it is not base64. */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
