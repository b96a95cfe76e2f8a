/**
 * Text written straight into UTF-8 byte chunks of about 1 MB (the large generated parts: notes,
 * worksheets): constant pieces encoded once and copied, numbers written digit by digit, so that no
 * long string is built and encoded again. Node only (Buffer).
 */
import { xmlEncode } from "./xml-escape";

const AMP = [0x26, 0x61, 0x6d, 0x70, 0x3b]; // &amp;
const LT = [0x26, 0x6c, 0x74, 0x3b]; // &lt;
const GT = [0x26, 0x67, 0x74, 0x3b]; // &gt;
const QUOT = [0x26, 0x71, 0x75, 0x6f, 0x74, 0x3b]; // &quot;
const APOS = [0x26, 0x61, 0x70, 0x6f, 0x73, 0x3b]; // &apos;


/** Size at which a chunk is handed out (`full`). */
const CHUNK = 1 << 20;

function takeSpare(): Buffer | null {
  const b = spare;
  spare = null;
  return b;
}

/** Buffer's own writers (Buffer.prototype.write without its argument checks), in every Node version. */
interface NativeWrite {
  latin1Write(text: string, offset: number): number;
  utf8Write(text: string, offset: number): number;
}

/** A finished writer's buffer, for the next writer (`done`): the parts are written one after the other. */
let spare: Buffer | null = null;

export class ChunkWriter {
  /** One buffer, handed out (`take`) and written again: a chunk is valid until the next write. */
  private buf: Buffer = takeSpare() ?? Buffer.allocUnsafe(CHUNK * 2);
  private pos = 0;
  private readonly encoder = new TextEncoder();

  /** Text encoded once, to write with `bytes`. */
  encode(text: string): Uint8Array {
    return this.encoder.encode(text);
  }

  /** Make room for `n` more bytes (a larger buffer, the bytes so far copied, when they do not fit). */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    bigger.set(this.buf.subarray(0, this.pos));
    this.buf = bigger;
  }

  bytes(b: Uint8Array): void {
    const n = b.length;
    this.room(n);
    if (n > 32) this.buf.set(b, this.pos);
    else {
      // A loop beats set() on a few bytes (most pieces are tags of a dozen).
      const buf = this.buf;
      const at = this.pos;
      for (let i = 0; i < n; i++) buf[at + i] = b[i];
    }
    this.pos += n;
  }

  /**
   * A long piece (hundreds of bytes), copied by `set`: `bytes` holds a loop for the short ones,
   * and V8 optimizes each for the one kind it sees.
   */
  long(b: Uint8Array): void {
    const n = b.length;
    this.room(n);
    this.buf.set(b, this.pos);
    this.pos += n;
  }

  /**
   * `a`, then the first `n` bytes of `b`: a cell's reference, its column's `<c r="AB` and its row's
   * digits (one call for the two: a summary has a hundred thousand cells).
   */
  ref(a: Uint8Array, b: Uint8Array, n: number): void {
    const m = a.length;
    this.room(m + n);
    const buf = this.buf;
    let at = this.pos;
    for (let i = 0; i < m; i++) buf[at++] = a[i];
    for (let i = 0; i < n; i++) buf[at++] = b[i];
    this.pos = at;
  }

  /**
   * Text as XML character data, UTF-8: what `xmlEncode` gives (the five entities; control
   * characters but tab, LF, CR, and DEL dropped), encoded as Buffer does (a lone surrogate as
   * U+FFFD). Encoded by Node first, then the bytes scanned: an XML special is an ASCII byte, never
   * part of a longer UTF-8 sequence, and is expanded in place (from the end); the rare text with a
   * character to drop takes the plain way (what it separated may join: two halves of a surrogate pair).
   */
  xmlText(text: string): void {
    this.room(text.length * 3);
    const start = this.pos;
    const end = start + (this.buf as unknown as NativeWrite).utf8Write(text, start);
    let b = this.buf;
    let extra = 0;
    for (let i = start; i < end; i++) {
      const c = b[i];
      if (c >= 0x3f) {
        if (c !== 0x7f) continue;
        this.text(xmlEncode(text));
        return;
      }
      if (c === 0x26) extra += 4;
      else if (c === 0x3c || c === 0x3e) extra += 3;
      else if (c === 0x22 || c === 0x27) extra += 5;
      else if (c < 0x20 && c !== 9 && c !== 10 && c !== 13) {
        this.text(xmlEncode(text));
        return;
      }
    }
    this.pos = end;
    if (extra === 0) return;
    this.room(extra);
    b = this.buf;
    let w = end + extra;
    for (let r = end - 1; w > r + 1; r--) {
      const c = b[r];
      if (c >= 0x3f || (c !== 0x26 && c !== 0x3c && c !== 0x3e && c !== 0x22 && c !== 0x27)) b[--w] = c;
      else {
        const entity = c === 0x26 ? AMP : c === 0x3c ? LT : c === 0x3e ? GT : c === 0x22 ? QUOT : APOS;
        w -= entity.length;
        for (let k = 0; k < entity.length; k++) b[w + k] = entity[k];
      }
    }
    this.pos = end + extra;
  }

  /** Text of ASCII characters only (cell references, numbers as text). */
  ascii(text: string): void {
    this.room(text.length);
    this.pos += (this.buf as unknown as NativeWrite).latin1Write(text, this.pos);
  }

  /** Any text, as UTF-8. */
  text(text: string): void {
    this.room(text.length * 3);
    this.pos += (this.buf as unknown as NativeWrite).utf8Write(text, this.pos);
  }

  /** A number in decimal: a non-negative integer digit by digit, any other as String() writes it. */
  int(n: number): void {
    if (!(n >= 0 && n <= 0x7fffffff) || n % 1 !== 0) {
      this.ascii(String(n));
      return;
    }
    this.room(10);
    const b = this.buf;
    // prettier-ignore
    const digits = n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : n < 100000 ? 5 : n < 1000000 ? 6 : n < 10000000 ? 7 : n < 100000000 ? 8 : n < 1000000000 ? 9 : 10;
    let at = this.pos + digits;
    this.pos = at;
    do {
      const q = (n / 10) | 0;
      b[--at] = 48 + n - q * 10;
      n = q;
    } while (n > 0);
  }

  /** The chunk has reached its size: `take` it. */
  get full(): boolean {
    return this.pos >= CHUNK;
  }

  /**
   * The writer is finished (its last chunk used up): its buffer goes to the next writer, so that
   * writing a package's parts one after the other touches one buffer, not one per part (memory:
   * the whole command's peak RSS). The writer must not be used again: it still refers to that
   * buffer. (It is not replaced by an empty one here: that one store, at the first part's end,
   * made V8 throw away the compiled code of every writer function that had inlined the field.)
   */
  done(): void {
    if (this.buf.length <= CHUNK * 4) spare = this.buf;
    this.pos = 0;
  }

  /**
   * The bytes written since the last take, as a view of the one buffer: use it up before writing
   * again (the generators yield it, and their consumer, `deflatePieces`, does).
   */
  take(): Uint8Array[] {
    if (this.pos === 0) return [];
    const out = this.buf.subarray(0, this.pos);
    this.pos = 0;
    return [out];
  }
}
